from django.urls import path

from opvangregie.accounts import views

urlpatterns = [
    path("tweede-factor/", views.second_factor_verify, name="second_factor_verify"),
    path("tweede-factor/instellen/", views.second_factor_setup, name="second_factor_setup"),
    path("wachtwoord/", views.password_change, name="password_change"),
]
urlpatterns += [path("werkdatum/", views.working_date, name="working_date")]
