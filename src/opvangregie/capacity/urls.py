from django.urls import path

from opvangregie.capacity import views

app_name = "capacity"

urlpatterns = [
    path("", views.location_list, name="location_list"),
    path("nieuw/", views.location_create, name="location_create"),
    path("<int:pk>/", views.location_detail, name="location_detail"),
    path("<int:pk>/bewerken/", views.location_edit, name="location_edit"),
    path("<int:pk>/vrijgave/", views.location_release, name="location_release"),
    path("<int:pk>/plekken/", views.capacity_register, name="capacity_register"),
    path("<int:pk>/plekken/<int:record_pk>/corrigeren/", views.capacity_correct,
         name="capacity_correct"),
    path("vergunninghouders/", views.permit_housing, name="permit_housing"),
    path("upload/", views.upload_figures, name="upload"),
    path("upload/sjabloon.xlsx", views.upload_template, name="upload_template"),
]
