from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "opvangregie.national"
    verbose_name = _("Landelijk beeld en prognose")
