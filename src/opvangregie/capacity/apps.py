from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CapacityConfig(AppConfig):
    name = "opvangregie.capacity"
    verbose_name = _("Locaties en plekken")
