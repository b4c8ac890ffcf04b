"""The SVG charts of the report pages, built from the same figures as their tables and deck.

`opvangregie.charts` draws; this module only chooses what to draw and names it in Dutch.
"""

from django.utils.translation import gettext as _

from opvangregie import charts
from opvangregie.reports.status_report import Chart as DeckChart


def from_deck_chart(chart: DeckChart, *, ident: str, description: str = "") -> charts.Chart:
    """The deck's native chart of a report section, as an SVG bar chart for the page."""
    decimals = 1 if "0.0" in chart.number_format else 0
    names = ", ".join(name for name, _values in chart.series)
    if chart.kind == "line":
        return charts.line_chart(
            ident=ident, title=chart.title,
            description=description or _("Lijndiagram van %(names)s per week; de cijfers "
                                         "staan in de tabel ernaast.") % {"names": names},
            labels=list(chart.categories), lines=list(chart.series), decimals=decimals,
            label_header=_("Week"),
        )
    return charts.bar_chart(
        ident=ident, title=chart.title,
        description=description or _("Staafdiagram van %(names)s per %(what)s; de cijfers staan "
                                     "in de tabel ernaast.") % {
            "names": names, "what": _("categorie")},
        categories=list(chart.categories), series=list(chart.series), decimals=decimals,
        category_header="",
    )


def cno_weeks_chart(overview, *, ident: str = "grafiek-cno-weken") -> charts.Chart | None:
    """CNO place-weeks per ISO week for the region, or None when there was no CNO effort."""
    values = [float(value) for value in overview.totals.cno_per_week_rounded]
    if not any(values):
        return None
    return charts.bar_chart(
        ident=ident, title=_("CNO-inzet per week (plekweken), regio %(region)s") % {
            "region": overview.region.name},
        description=_("Staafdiagram van de CNO-plekweken per week van %(first)s tot en met "
                      "%(last)s; de cijfers staan in de tabel ernaast.") % {
            "first": overview.week_labels[0], "last": overview.week_labels[-1]},
        categories=list(overview.week_labels), series=[(_("Plekweken"), values)], decimals=1,
        category_header=_("Week"),
    )
