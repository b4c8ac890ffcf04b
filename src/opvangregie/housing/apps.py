from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HousingConfig(AppConfig):
    name = "opvangregie.housing"
    verbose_name = _("Huisvesting en flexwonen")
