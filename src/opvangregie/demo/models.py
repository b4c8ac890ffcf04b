from django.db import models
from django.utils.translation import gettext_lazy as _


class LoadedScenario(models.Model):
    """Marks a demo scenario as loaded, so a second `demo` run keeps what users changed."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("geladen scenario")
        verbose_name_plural = _("geladen scenario's")

    def __str__(self) -> str:
        return self.name
