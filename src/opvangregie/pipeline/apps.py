from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PipelineConfig(AppConfig):
    name = "opvangregie.pipeline"
    verbose_name = _("Zoektocht nieuwe locaties")
