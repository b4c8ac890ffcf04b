from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    EMERGENCY = "emergency", _("de noodknop is ingedrukt")
    DEADLINE = "deadline", _("een voorstel aan het Rijk nadert de termijn van 72 uur")
    EMBARGO = "embargo", _("het embargo op een kandidaat-locatie is afgelopen")
    STALE = "stale", _("de cijfers van een gemeente zijn verouderd")


class MailOptOut(models.Model):
    """A kind of mail the user chose not to receive (everything is sent unless opted out)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="mail_opt_outs", verbose_name=_("gebruiker"))
    kind = models.CharField(_("soort bericht"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("afgemeld bericht")
        verbose_name_plural = _("afgemelde berichten")
        constraints = [models.UniqueConstraint(fields=["user", "kind"],
                                               name="mail_opt_out_once")]

    def __str__(self) -> str:
        return f"{self.user_id} geen {self.kind}"


class SentNotice(models.Model):
    """One notice mailed to one user: the record that keeps `opvangregie notify` from sending
    it twice. `key` names the event by ids only (never a name)."""

    kind = models.CharField(_("soort bericht"), max_length=20, choices=Kind.choices)
    key = models.CharField(_("gebeurtenis"), max_length=100)
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="sent_notices", verbose_name=_("ontvanger"))
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        verbose_name = _("verstuurd bericht")
        verbose_name_plural = _("verstuurde berichten")
        ordering = ["-sent_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "key", "recipient"],
                                               name="sent_notice_once")]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} → {self.recipient_id}"
