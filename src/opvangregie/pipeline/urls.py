from django.urls import path

from opvangregie.pipeline import views

app_name = "pipeline"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("longlist.xlsx", views.export_longlist, name="export"),
    path("kandidaten/nieuw/", views.candidate_create, name="candidate_create"),
    path("kandidaten/<int:pk>/", views.candidate_detail, name="candidate_detail"),
    path("kandidaten/<int:pk>/bewerken/", views.candidate_edit, name="candidate_edit"),
    path("kandidaten/<int:pk>/status/", views.candidate_status, name="candidate_status"),
    path("kandidaten/<int:pk>/score/", views.candidate_score, name="candidate_score"),
    path("kandidaten/<int:pk>/vrijgave/", views.candidate_release, name="candidate_release"),
    path("kandidaten/<int:pk>/documenten/", views.document_upload, name="document_upload"),
    path("kandidaten/<int:pk>/toegang/", views.access_log, name="access_log"),
    path("documenten/<int:pk>/", views.document_download, name="document_download"),
    path("uitvragen/nieuw/", views.call_create, name="call_create"),
    path("uitvragen/<int:pk>/", views.call_detail, name="call_detail"),
    path("criteria/", views.criteria, name="criteria"),
]
