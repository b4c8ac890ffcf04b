from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "opvangregie.reports"
    verbose_name = _("Rapportages")

    def ready(self) -> None:
        from opvangregie.reports import refresh

        refresh.connect()
