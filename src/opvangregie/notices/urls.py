from django.urls import path

from opvangregie.notices import views

app_name = "notices"
urlpatterns = [path("", views.preferences, name="preferences")]
