"""`/api/v1/`: Dutch plural resource names, no trailing slashes (NL API Design Rules)."""

from django.urls import path
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from opvangregie.api import views
from opvangregie.api.views import ApiView

app_name = "api"


class SchemaView(ApiView, SpectacularAPIView):
    """The OpenAPI document, for a token or a signed-in user."""


class DocsView(SpectacularSwaggerSplitView):
    """A page like every other: who is not signed in is sent to the login page."""

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        # Django REST framework exempts its views from LoginRequiredMiddleware; not this page.
        view.login_required = True
        return view


urlpatterns = [
    path("gemeenten", views.MunicipalityList.as_view(), name="municipality_list"),
    path("gemeenten/<str:code>", views.MunicipalityDetail.as_view(),
         name="municipality_detail"),
    path("locaties", views.LocationList.as_view(), name="location_list"),
    path("locaties/<int:pk>", views.LocationDetail.as_view(), name="location_detail"),
    path("locaties/<int:pk>/capaciteit", views.CapacityRecords.as_view(), name="capacity"),
    path("locaties/<int:pk>/capaciteit/<int:registratie>/correcties",
         views.CapacityCorrection.as_view(), name="capacity_correction"),
    path("gehuisveste-statushouders", views.Housing.as_view(), name="housing"),
    path("opgaven", views.TargetList.as_view(), name="target_list"),
    path("opgaven/<int:pk>", views.TargetDetail.as_view(), name="target_detail"),
    path("verdelingen", views.DistributionList.as_view(), name="distribution_list"),
    path("verdelingen/<int:pk>", views.DistributionDetail.as_view(),
         name="distribution_detail"),
    path("overzicht", views.OverviewView.as_view(), name="overview"),
    path("kandidaten", views.CandidateList.as_view(), name="candidate_list"),
    path("kandidaten/<int:pk>", views.CandidateDetail.as_view(), name="candidate_detail"),
    path("voorstellen", views.ProposalList.as_view(), name="proposal_list"),
    path("voorstellen/<int:pk>", views.ProposalDetail.as_view(), name="proposal_detail"),
    path("openapi.yaml", SchemaView.as_view(), name="schema"),
    # The NL API Design Rules (API-51) name openapi.json; the same document as JSON.
    path("openapi.json", SchemaView.as_view(renderer_classes=[OpenApiJsonRenderer]),
         name="schema_json"),
    # The interactive documentation: a page of the web app (signed in, like every page),
    # Swagger UI served from the drf-spectacular-sidecar package, never from a CDN.
    path("documentatie", DocsView.as_view(url_name="api:schema"),
         name="docs"),
]
