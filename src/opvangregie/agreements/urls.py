from django.urls import path

from opvangregie.agreements import views

app_name = "agreements"
urlpatterns = [
    path("", views.agreement_list, name="agreement_list"),
    path("nieuw/", views.agreement_create, name="agreement_create"),
]
