from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("regiocoördinator")
    OFFICER = "officer", _("gemeentelijk medewerker")
    BOARD = "board", _("bestuurder, alleen lezen")
    ADMINISTRATOR = "administrator", _("beheerder")


class User(AbstractUser):
    """An account with one role; what it may see and change follows from role and scope.

    Coordinators and board members belong to a safety region; officers to one or more
    municipalities (their region follows from those). Administrators see every region.
    """

    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, default=Role.BOARD)
    safety_region = models.ForeignKey(
        "regions.SafetyRegion",
        verbose_name=_("veiligheidsregio"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    municipalities = models.ManyToManyField(
        "regions.Municipality",
        verbose_name=_("gemeenten"),
        blank=True,
        related_name="officers",
    )
    # The day every date-driven page, export and deck opens on (core.workdate); empty: today.
    working_date = models.DateField(_("werkdatum"), null=True, blank=True)
    # Changes with every change of the account and its memberships (`core.cache`, ADR 14):
    # what is kept for this reader follows it; a change of another account leaves it.
    access_revision = models.CharField(_("versie van de toegang"), max_length=32, default="",
                                       editable=False)

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER

    @property
    def is_board_member(self) -> bool:
        return self.role == Role.BOARD

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR
