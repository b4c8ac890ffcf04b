from django.urls import path

from opvangregie.targets import views

urlpatterns = [
    path("opgaven/nieuw/", views.target_create, name="target_create"),
    path("opgaven/<int:pk>/wijzigen/", views.target_correct, name="target_correct"),
    path("opgaven/<int:pk>/voortgang/", views.target_progress, name="target_progress"),
    path("landelijk/wat-als/", views.national_whatif, name="national_whatif"),
    path("verdelingen/", views.distribution_list, name="distribution_list"),
    path("verdelingen/opslaan/", views.distribution_save, name="distribution_save"),
    path("verdelingen/<int:pk>/", views.distribution_detail, name="distribution_detail"),
    path("verdelingen/<int:pk>/vaststellen/", views.distribution_adopt,
         name="distribution_adopt"),
    path("verdelingen/<int:pk>/herberekenen/", views.distribution_recompute,
         name="distribution_recompute"),
]
