from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from opvangregie.core.forms import LoginForm

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", login_not_required(set_language), name="set_language"),
    path("beheer/", admin.site.urls),
    path("overzicht/", include("opvangregie.reports.urls")),
    path("locaties/", include("opvangregie.capacity.urls")),
    path("zoektocht/", include("opvangregie.pipeline.urls")),
    path("noodopvang/", include("opvangregie.operations.urls")),
    path("overleg/", include("opvangregie.meetings.urls")),
    path("", include("opvangregie.targets.urls")),
    path("", include("opvangregie.regions.urls")),
]

handler403 = "opvangregie.core.views.permission_denied"
handler404 = "opvangregie.core.views.page_not_found"
handler500 = "opvangregie.core.views.server_error"
