from django.urls import path

from opvangregie.reports import views

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export.xlsx", views.overview_export, name="overview_export"),
    path("<str:code>/nog-juist/", views.overview_confirm, name="overview_confirm"),
]
