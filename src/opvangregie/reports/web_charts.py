"""The SVG charts of the report pages, built from the same figures as their tables and deck.

`opvangregie.charts` draws; this module only chooses what to draw and names it in Dutch.
"""

from django.templatetags.static import static
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from opvangregie import charts
from opvangregie.core.html import text
from opvangregie.reports.status_report import Chart as DeckChart


def figure_html(chart: charts.Chart) -> SafeString:
    """What `{% include "includes/chart.html" with chart=chart %}` writes, written in Python:
    a page with nine charts spent a tenth of its time in those includes. A test compares both.
    """
    ident = text(chart.ident)
    title = text(chart.title)
    label = _("Cijfers bij de grafiek: %(title)s") % {"title": title}
    headers = "".join(
        ('<th scope="col">' if index == 0 else '<th scope="col" class="or-number">')
        + f"{text(header)}</th>"
        for index, header in enumerate(chart.headers))
    note = (f'<p class="or-chart__note or-source">{text(chart.note)}</p>' if chart.note else "")
    return mark_safe(  # noqa: S308 - every value is escaped by `text`; the SVG is the chart's own
        f'<link rel="stylesheet" href="{text(static("opvangregie/css/charts.css"))}">\n'
        f'<figure class="or-chart" aria-labelledby="{ident}-caption">\n'
        f'  <figcaption id="{ident}-caption"><strong>{title}</strong></figcaption>\n'
        f'  <div class="or-chart__body">\n'
        f"    {chart.svg}\n"
        f'    <div class="or-chart__table or-table-wrapper" role="region" tabindex="0" '
        f'aria-label="{label}">\n'
        f'      <table class="or-table">\n'
        f"        <caption>{label}</caption>\n"
        f"        <thead><tr>{headers}</tr></thead>\n"
        f"        <tbody>{chart.rows_html}</tbody>\n"
        f"      </table>\n"
        f"    </div>\n"
        f"  </div>\n"
        f"  {note}\n"
        f"</figure>\n"
    )


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
