from django.urls import path

from opvangregie.housing import views

app_name = "housing"

urlpatterns = [
    path("", views.flex_project_list, name="flex_project_list"),
    path("nieuw/", views.flex_project_create, name="flex_project_create"),
    path("<int:pk>/wijzigen/", views.flex_project_edit, name="flex_project_edit"),
    path("<int:pk>/vrijgeven/", views.flex_project_release, name="flex_project_release"),
]
