from django.urls import path

from opvangregie.operations import views

app_name = "operations"

urlpatterns = [
    path("", views.index, name="index"),
    path("roosters/nieuw/", views.rota_create, name="rota_create"),
    path("roosters/<int:pk>/", views.rota_detail, name="rota_detail"),
    path("roosters/<int:pk>/vaststellen/", views.rota_adopt, name="rota_adopt"),
    path("roosters/<int:pk>/diensten/<int:turn_pk>/wijzigen/", views.turn_change,
         name="turn_change"),
    path("roosters/<int:pk>/deelnemers/<int:participant_pk>/rooster.ics",
         views.participant_ics, name="participant_ics"),
    path("verblijf/", views.stays, name="stays"),
    path("verblijf/<int:pk>/", views.stay_location, name="stay_location"),
    path("verblijf/<int:pk>/aantallen/", views.movement_register, name="movement_register"),
    path("verblijf/<int:pk>/aankomst/", views.stay_register, name="stay_register"),
    path("verblijf/<int:pk>/verblijven/<int:stay_pk>/vertrek/", views.stay_depart,
         name="stay_depart"),
    path("noodknop/", views.emergency_list, name="emergency_list"),
    path("noodknop/<int:pk>/", views.emergency_detail, name="emergency_detail"),
    path("noodknop/<int:pk>/antwoord/", views.emergency_respond, name="emergency_respond"),
    path("noodknop/<int:pk>/afsluiten/", views.emergency_close, name="emergency_close"),
    path("meldingen/", views.notifications, name="notifications"),
    path("meldingen/gelezen/", views.notifications_read, name="notifications_read"),
]
