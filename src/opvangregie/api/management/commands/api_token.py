"""`opvangregie api-token --user NAME [--days N] [--name TEXT]`: a new API token, printed as
the last word of the output; `--revoke PREFIX` revokes one, `--list` shows a user's tokens."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.accounts.models import User
from opvangregie.api.models import ApiToken
from opvangregie.api.services import DEFAULT_DAYS, api_token_create, api_token_revoke


class Command(BaseCommand):
    help = (
        "Maakt een API-token voor een gebruiker (of het account van een systeem); de token "
        "staat als laatste woord in de uitvoer en wordt maar één keer getoond."
    )

    def add_arguments(self, parser):
        parser.add_argument("--user", "--gebruiker", dest="user",
                            help=_("gebruikersnaam waarvoor de token werkt"))
        parser.add_argument("--days", "--dagen", dest="days", type=str,
                            default=str(DEFAULT_DAYS),
                            help=_("aantal dagen geldig (standaard 90)"))
        parser.add_argument("--name", "--omschrijving", dest="name", default="",
                            help=_("omschrijving, bijv. het systeem dat de token gebruikt"))
        parser.add_argument("--revoke", "--intrekken", dest="revoke", metavar="KENMERK",
                            help=_("trek de token met dit kenmerk in"))
        parser.add_argument("--list", "--lijst", dest="list", action="store_true",
                            help=_("toon de tokens van de gebruiker"))

    def handle(self, *args, user=None, days="90", name="", revoke=None, list=False,  # noqa: A002
               **options):
        if revoke:
            return self._revoke(revoke)
        if not user:
            raise CommandError(_("Noem de gebruiker met --user, bijv. --user zwolle."))
        account = User.objects.filter(username=user).first()
        if account is None:
            raise CommandError(_("Onbekende gebruiker '%(user)s'.") % {"user": user})
        if list:
            return self._list(account)
        if not days.isdigit() or len(days) > 4:
            raise CommandError(_("Ongeldig aantal dagen '%(value)s': noem een geheel getal.")
                               % {"value": days})
        try:
            issued = api_token_create(actor=None, user=account, days=int(days), name=name)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            _("Token %(prefix)s voor %(user)s, geldig tot %(until)s. Bewaar hem nu: hij wordt "
              "niet nog eens getoond. Token: %(token)s") % {
                "prefix": issued.token.prefix, "user": account.username,
                "until": timezone.localtime(issued.token.expires_at).strftime("%Y-%m-%d %H:%M"),
                "token": issued.plain})

    def _revoke(self, prefix: str) -> None:
        prefix = prefix.removeprefix("opv_").split("_")[0]
        token = ApiToken.objects.filter(prefix=prefix).first()
        if token is None:
            raise CommandError(_("Geen token met kenmerk '%(prefix)s'.") % {"prefix": prefix})
        if api_token_revoke(actor=None, token=token):
            self.stdout.write(_("Token %(prefix)s is ingetrokken.") % {"prefix": prefix})
        else:
            self.stdout.write(_("Token %(prefix)s was al ingetrokken.") % {"prefix": prefix})

    def _list(self, account) -> None:
        now = timezone.now()
        for token in account.api_tokens.all():
            state = (_("ingetrokken") if token.revoked_at else
                     _("verlopen") if token.expires_at <= now else _("geldig"))
            self.stdout.write(f"{token.prefix}  {state}  "
                              f"{timezone.localtime(token.expires_at):%Y-%m-%d}  {token.name}")
