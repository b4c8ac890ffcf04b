from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "opvangregie.api"
    verbose_name = _("API")

    def ready(self):
        # Registers the token scheme with drf-spectacular (an extension found by import).
        from opvangregie.api import schema  # noqa: F401
