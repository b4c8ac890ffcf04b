"""The revision of the figures that reports are computed from (see `core.cache`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FiguresRevision(models.Model):
    """One row whose token changes with every write to a figure a report reads.

    A random token instead of a counter: when a transaction that changed it is rolled back,
    the old token comes back together with the old data, so it still names that data.
    """

    token = models.CharField(_("kenmerk"), max_length=32)
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("revisie van de cijfers")
        verbose_name_plural = _("revisies van de cijfers")

    def __str__(self) -> str:
        return self.token
