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


class RegionRevision(models.Model):
    """Per safety region, a token that changes with every change of a region's own figures
    (capacity records, permit-holder housing, confirmations; see `core.cache.REGIONAL`).

    A region's reports are keyed by it instead of by every change in the country: with 25
    regions registering weekly figures, one region's registration no longer recomputes the
    overview of the other 24. A plain integer, not a foreign key: `core` sits below the
    domain apps.
    """

    # The key itself: no sequence of its own that a restored backup could leave behind.
    region_id = models.PositiveIntegerField(_("veiligheidsregio"), primary_key=True)
    token = models.CharField(_("kenmerk"), max_length=32)
    # Changes with every change of the region's set-up (its locations, targets, distributions
    # and agreements; `core.cache.REGION_SETUP`, ADR 14).
    setup_token = models.CharField(_("kenmerk van de inrichting"), max_length=32, default="")
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("revisie van de cijfers van een regio")
        verbose_name_plural = _("revisies van de cijfers van een regio")

    def __str__(self) -> str:
        return f"{self.region_id}: {self.token}"


class MunicipalityRevision(models.Model):
    """Per municipality, two tokens: one that changes with every change of its capacity
    records (`places_token`), one with every change of its other own figures: permit-holder
    housing, its instruments, confirmations (`housing_token`).

    The overview keeps each municipality's figures in the cache under these (ADR 11): a
    registration recomputes the figures of its own municipality, not of the whole region.
    """

    municipality_id = models.PositiveIntegerField(_("gemeente"), primary_key=True)
    places_token = models.CharField(_("kenmerk van de plaatsen"), max_length=32, default="")
    housing_token = models.CharField(_("kenmerk van de huisvesting"), max_length=32,
                                     default="")
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("revisie van de cijfers van een gemeente")
        verbose_name_plural = _("revisies van de cijfers van een gemeente")

    def __str__(self) -> str:
        return f"{self.municipality_id}: {self.places_token} {self.housing_token}"
