"""`opvangregie forecast --list` and `opvangregie forecast --series NAME --as-of DATE --weeks N`.

Thin: the series and their values come from `national.selectors`, the math from
`opvangregie.forecast.model`. JSON prints `{"points": [...], "backtest": {"mae",
"naive_mae", ...}, ...}` with N points; the table says in words whether the forecast beat the
naive last-value forecast in the backtest.
"""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.forecast.model import MAX_WEEKS, ForecastError
from opvangregie.input_limits import DATE_RANGE_MESSAGE, is_plausible_date
from opvangregie.national import selectors


class Command(BaseCommand):
    help = (
        "Prognose van een reeks van het landelijk beeld (ETS, exponentiële afvlakking) met "
        "banden van 80 % en 95 % en een terugtoets tegen de naïeve voorspelling."
    )

    def add_arguments(self, parser):
        parser.add_argument("--list", dest="list_series", action="store_true",
                            help=_("toon de namen van de reeksen"))
        parser.add_argument("--series", "--reeks", dest="series",
                            help=_("code van de reeks (zie --list)"))
        parser.add_argument("--as-of", "--peildatum", dest="as_of",
                            help=_("peildatum als JJJJ-MM-DD (standaard de laatste waarde)"))
        parser.add_argument("--weeks", "--weken", dest="weeks", default="8",
                            help=_("aantal weken vooruit (standaard 8)"))
        parser.add_argument("--format", dest="format", choices=["table", "json"],
                            default="table", help=_("table of json"))

    def handle(self, *args, list_series=False, series=None, as_of=None, weeks="8", format="table",
               **options):
        if list_series:
            for item in selectors.series_all().order_by("code"):
                self.stdout.write(item.code)
            return
        if not series:
            raise CommandError(_("Noem de reeks met --series, of vraag de namen op met --list."))
        found = selectors.series_all().filter(code=series).first()
        if found is None:
            raise CommandError(_("Onbekende reeks '%(name)s'; zie --list.") % {"name": series})
        try:
            n_weeks = int(weeks)
        except ValueError:
            n_weeks = 0
        if not 1 <= n_weeks <= MAX_WEEKS:
            raise CommandError(_("--weeks moet een geheel getal van 1 tot en met %(max)s zijn.")
                               % {"max": MAX_WEEKS})
        if as_of:
            try:
                day = date.fromisoformat(as_of)
            except ValueError:
                raise CommandError(_("Ongeldige datum '%(value)s': schrijf JJJJ-MM-DD.")
                                   % {"value": as_of}) from None
            if not is_plausible_date(day):
                raise CommandError(_(DATE_RANGE_MESSAGE))
            known_on = None  # as known at the end of that day
        else:
            day = selectors.latest_day(found)
            if day is None:
                raise CommandError(_("De reeks heeft nog geen waarden."))
            known_on = timezone.now()
        try:
            result = selectors.series_forecast(found, as_of=day, weeks=n_weeks,
                                               known_on=known_on)
        except ForecastError as exc:
            raise CommandError(str(exc)) from None
        if format == "json":
            payload = {"series": found.code, **result.as_dict()}
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        self._table(found, result)

    def _table(self, series, result):
        write = self.stdout.write
        write(f"{series.name} — {_('prognose vanaf')} {result.as_of.isoformat()} "
              f"({result.method})")
        header = ("datum", "midden", "80% laag", "80% hoog", "95% laag", "95% hoog")
        write("  ".join(f"{h:>10}" for h in header))
        for p in result.points:
            write("  ".join(f"{v:>10}" for v in (
                p.day.isoformat(), f"{p.mean:.0f}", f"{p.lower80:.0f}", f"{p.upper80:.0f}",
                f"{p.lower95:.0f}", f"{p.upper95:.0f}")))
        b = result.backtest
        if b.mae is None:
            write(_("Terugtoets: te weinig geschiedenis."))
        else:
            if b.beats_naive:
                verdict = _("de prognose is beter dan de naïeve voorspelling")
            elif b.mae == b.naive_mae:
                verdict = _("de prognose is even goed als, dus NIET beter dan, de naïeve "
                            "voorspelling")
            else:
                verdict = _("de prognose is NIET beter dan de naïeve voorspelling")
            write(_("Terugtoets (%(origins)s startweken, tot %(horizon)s weken vooruit): "
                    "MAE %(mae)s, naïef (laatste waarde) %(naive)s: %(verdict)s.") % {
                "origins": b.origins, "horizon": b.horizon, "mae": b.mae,
                "naive": b.naive_mae, "verdict": verdict})
        if result.capacity is not None:
            if result.runs_out_upper:
                write(_("Plekken %(places)s: raken in het hoge pad op rond %(day)s.") % {
                    "places": f"{result.capacity:.0f}",
                    "day": result.runs_out_upper.isoformat()})
            else:
                write(_("Plekken %(places)s: het hoge pad blijft eronder.") % {
                    "places": f"{result.capacity:.0f}"})
