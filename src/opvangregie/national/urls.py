from django.urls import path

from opvangregie.national import views

app_name = "national"

urlpatterns = [
    path("", views.index, name="index"),
    path("inlezen/", views.upload, name="upload"),
    path("scenarios/", views.scenarios, name="scenarios"),
    path("<slug:code>/", views.series_detail, name="series_detail"),
]
