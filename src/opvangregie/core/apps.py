from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "opvangregie.core"
    verbose_name = _("Basis")

    def ready(self) -> None:
        from opvangregie.core.cache import connect_invalidation

        connect_invalidation()
