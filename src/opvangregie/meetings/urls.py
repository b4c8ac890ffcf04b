from django.urls import path

from opvangregie.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="meeting_list"),
    path("nieuw/", views.meeting_create, name="meeting_create"),
    path("<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("<int:pk>/teksten/", views.meeting_narrative, name="meeting_narrative"),
    path("<int:pk>/agendapunten/", views.agenda_item_add, name="agenda_item_add"),
    path("<int:pk>/besluiten/", views.decision_add, name="decision_add"),
    path("<int:pk>/acties/", views.action_add, name="action_add"),
    path("besluiten/<int:pk>/status/", views.decision_status, name="decision_status"),
    path("acties/<int:pk>/afgerond/", views.action_done, name="action_done"),
    path("voorstellen/", views.proposal_list, name="proposal_list"),
    path("voorstellen/nieuw/", views.proposal_create, name="proposal_create"),
    path("voorstellen/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("voorstellen/<int:pk>/antwoord/", views.proposal_answer, name="proposal_answer"),
    path("locaties/<int:pk>/rapportage/", views.location_report_create,
         name="location_report_create"),
    path("tussenstand/", views.status_report, name="status_report"),
    path("tussenstand.pptx", views.status_report_pptx, name="status_report_pptx"),
    path("tussenstand.xlsx", views.status_report_xlsx, name="status_report_xlsx"),
]
