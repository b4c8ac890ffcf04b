from django.urls import path

from opvangregie.regions import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("gemeenten/<str:code>/", views.municipality_detail, name="municipality_detail"),
    path("gemeenten/<str:code>/bewerken/", views.municipality_edit, name="municipality_edit"),
]
