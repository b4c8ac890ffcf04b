from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.i18n import set_language

from opvangregie.core.forms import LoginForm

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True,
            extra_context={"oidc_enabled": settings.OIDC_ENABLED,
                           "oidc_provider": getattr(settings, "OIDC_PROVIDER_NAME", "")},
        ),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("taal/", login_not_required(set_language), name="set_language"),
    # Public, like the login page: the statement holds no data, and someone who cannot log in
    # because of a barrier must still be able to read how to report it.
    path("toegankelijkheid/", login_not_required(
        TemplateView.as_view(template_name="accessibility.html")), name="accessibility"),
    path("account/", include("opvangregie.accounts.urls")),
    path("account/e-mail/", include("opvangregie.notices.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("opvangregie.api.urls")),
    path("overzicht/", include("opvangregie.reports.urls")),
    path("locaties/", include("opvangregie.capacity.urls")),
    path("zoektocht/", include("opvangregie.pipeline.urls")),
    path("flexwonen/", include("opvangregie.housing.urls")),
    path("noodopvang/", include("opvangregie.operations.urls")),
    path("overleg/", include("opvangregie.meetings.urls")),
    path("landelijk-beeld/", include("opvangregie.national.urls")),
    path("afspraken/", include("opvangregie.agreements.urls")),
    path("", include("opvangregie.targets.urls")),
    path("", include("opvangregie.regions.urls")),
]

if settings.OIDC_ENABLED:
    from mozilla_django_oidc import views as oidc_views

    # The provider's round trip happens before anyone is logged in.
    urlpatterns += [
        path("oidc/inloggen/", login_not_required(
            oidc_views.OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init"),
        path("oidc/terug/", login_not_required(
            oidc_views.OIDCAuthenticationCallbackView.as_view()),
            name="oidc_authentication_callback"),
    ]

handler403 = "opvangregie.core.views.permission_denied"
handler404 = "opvangregie.core.views.page_not_found"
handler500 = "opvangregie.core.views.server_error"
