"""Server-rendered charts: bar and line charts (with forecast bands) as SVG text.

No Django and no script: a page, a printout and a screen reader get the same chart. Each chart
is an `<svg role="img">` named by its `<title>` and described by its `<desc>`, and comes with
the table of its figures (`Chart.headers`, `Chart.rows`), which the page shows beside it: the
table is the accessible form of the chart, not a hidden extra.

Colours are dark enough for 3:1 (graphics) and 4.5:1 (text) against white; series also differ
by line style, so they can be told apart without colour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from html import escape

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
HEIGHT = 300
LEFT = 72
RIGHT = 16
TOP = 16
BOTTOM = 64
TEXT = "#1a1a1a"
GRID = "#767676"  # 4.5:1 on white
COLOURS = ("#1f4e79", "#a63c00", "#2e6b30", "#5b2c83")  # each ≥ 5:1 on white
DASHES = ("", "6 3", "2 3", "8 3 2 3")
CAPACITY = "#b00020"
BAND80 = "#1f4e79"
MAX_X_LABELS = 8


def number(value: float | int | None, decimals: int = 0) -> str:
    """Dutch notation: 46.091 and 12,5; an empty cell for None."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@dataclass(frozen=True)
class Chart:
    ident: str
    title: str
    description: str
    svg: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""

    @property
    def rows_html(self) -> SafeString:
        """The table's body rows, as includes/chart.html wrote them cell by cell (a forecast
        has some two hundred cells; the template engine took about 30 µs a cell)."""
        return mark_safe("".join(  # noqa: S308 - every cell is escaped
            "<tr>" + "".join(
                f'<th scope="row">{_cell(cell)}</th>' if index == 0
                else f'<td class="or-number">{_cell(cell)}</td>'
                for index, cell in enumerate(row)
            ) + "</tr>"
            for row in self.rows
        ))


def _cell(value) -> str:
    """`{{ value }}` in a template: localised unless text, then escaped."""
    return conditional_escape(value if isinstance(value, str) else localize(value))


NICE_STEPS = (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10)
TICKS = 4  # gridlines above the axis


def _nice_steps(value: float):
    """Round step sizes from the first one ≥ value upwards: 1, 1.5, 2, 2.5 … 8 × 10^k."""
    magnitude = 10 ** math.floor(math.log10(value))
    while True:
        for step in NICE_STEPS:
            if step * magnitude >= value * (1 - 1e-9):
                yield step * magnitude
        magnitude *= 10


def _axis_range(low: float, high: float) -> tuple[float, float]:
    """Bottom and top of the value axis: TICKS round steps from a round bottom over `high`."""
    if high <= low:
        high = low + 1
    for step in _nice_steps((high - low) / TICKS):
        bottom = math.floor(low / step) * step
        if bottom + TICKS * step >= high:
            return bottom, bottom + TICKS * step
    raise AssertionError("unreachable")


def _frame(ident: str, title: str, description: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="or-chart__svg" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="sans-serif" font-size="12">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        + "".join(body)
        + "</svg>"
    )


def _y_axis(top_value: float, decimals: int, bottom_value: float = 0.0
            ) -> tuple[list[str], callable]:
    plot_height = HEIGHT - TOP - BOTTOM
    span = (top_value - bottom_value) or 1.0

    def y(value: float) -> float:
        return TOP + plot_height * (1 - (value - bottom_value) / span)

    parts = []
    for i in range(TICKS + 1):
        value = bottom_value + span * i / TICKS
        ypos = y(value)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ypos:.1f}" y2="{ypos:.1f}" '
                     f'stroke="{GRID}" stroke-width="{1 if i == 0 else 0.5}"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{ypos + 4:.1f}" text-anchor="end" '
                     f'fill="{TEXT}">{escape(number(value, decimals))}</text>')
    return parts, y


def _fit(label: str, room: float) -> str:
    """The label cut to the room it has (about 6.5 px a character); the table has it whole."""
    chars = max(3, int(room / 6.5))
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _x_labels(labels: list[str], xs: list[float]) -> list[str]:
    every = max(1, math.ceil(len(labels) / MAX_X_LABELS))
    room = (WIDTH - LEFT - RIGHT) / max(1, math.ceil(len(labels) / every))
    last = len(labels) - 1
    parts = []
    for index, (label, xpos) in enumerate(zip(labels, xs, strict=True)):
        # Every `every`-th label and the last, unless a shown one would touch the last.
        if index != last and (index % every or last - index < every):
            continue
        # The last label ends at its point, so it stays inside the picture.
        anchor = "end" if index == last and index else "middle"
        parts.append(f'<text x="{xpos:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="{anchor}" '
                     f'fill="{TEXT}">{escape(_fit(label, room))}</text>')
    return parts


def _legend(entries: list[tuple[str, str, str, str]]) -> list[str]:
    """(kind, colour, dash, label) per entry, in one row under the x axis."""
    parts = []
    xpos = LEFT
    ypos = HEIGHT - 18
    for kind, colour, dash, label in entries:
        if kind == "band":
            parts.append(f'<rect x="{xpos}" y="{ypos - 9}" width="18" height="10" fill="{colour}" '
                         f'fill-opacity="0.35" stroke="{colour}"/>')
        elif kind == "bar":
            parts.append(f'<rect x="{xpos}" y="{ypos - 9}" width="18" height="10" '
                         f'fill="{colour}"/>')
        else:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            parts.append(f'<line x1="{xpos}" x2="{xpos + 18}" y1="{ypos - 4}" y2="{ypos - 4}" '
                         f'stroke="{colour}" stroke-width="2.5"{dash_attr}/>')
        parts.append(f'<text x="{xpos + 23}" y="{ypos}" fill="{TEXT}">{escape(label)}</text>')
        xpos += 23 + 7 * len(label) + 18
    return parts


def bar_chart(*, ident: str, title: str, description: str, categories: list[str],
              series: list[tuple[str, list[float | int | None]]], decimals: int = 0,
              category_header: str = "") -> Chart:
    """Grouped vertical bars: one group per category, one bar per series."""
    values = [v for _name, vs in series for v in vs if v is not None]
    _bottom, top_value = _axis_range(0.0, max(values, default=0))
    parts, y = _y_axis(top_value, decimals)
    plot_width = WIDTH - LEFT - RIGHT
    group = plot_width / max(1, len(categories))
    bar = group * 0.8 / max(1, len(series))
    centres = []
    for ci, _category in enumerate(categories):
        start = LEFT + ci * group + group * 0.1
        centres.append(LEFT + ci * group + group / 2)
        for si, (name, vs) in enumerate(series):
            value = vs[ci]
            if value is None:
                continue
            top = y(value)
            parts.append(
                f'<rect x="{start + si * bar:.1f}" y="{top:.1f}" width="{max(1.0, bar - 1):.1f}" '
                f'height="{y(0) - top:.1f}" fill="{COLOURS[si % len(COLOURS)]}">'
                f'<title>{escape(name)}, {escape(categories[ci])}: '
                f'{escape(number(value, decimals))}</title></rect>'
            )
    parts += _x_labels(categories, centres)
    parts += _legend([("bar", COLOURS[i % len(COLOURS)], "", name)
                      for i, (name, _vs) in enumerate(series)])
    headers = [category_header] + [name for name, _vs in series]
    rows = [[category] + [number(vs[ci], decimals) for _name, vs in series]
            for ci, category in enumerate(categories)]
    return Chart(ident, title, description, _frame(ident, title, description, parts), headers,
                 rows)


def line_chart(*, ident: str, title: str, description: str, labels: list[str],
               lines: list[tuple[str, list[float | None]]],
               band80: tuple[list[float | None], list[float | None]] | None = None,
               band95: tuple[list[float | None], list[float | None]] | None = None,
               capacity: float | None = None, capacity_label: str = "",
               decimals: int = 0, label_header: str = "",
               band_headers: tuple[str, str, str, str] = (
                   "80 % ondergrens", "80 % bovengrens", "95 % ondergrens", "95 % bovengrens"),
               ) -> Chart:
    """Lines over labelled points; optional 80 % and 95 % bands and a capacity line.

    `band_headers` name the table's band columns (the caller passes them through gettext).
    """
    values = [v for _name, vs in lines for v in vs if v is not None]
    for band in (band80, band95):
        if band:
            values += [v for v in band[1] if v is not None]
    if capacity is not None:
        values.append(capacity)
    high = max(values, default=0)
    low = min(values, default=0)
    # A line chart need not start at zero: levels far above it would flatten the bands. The
    # axis labels say where it starts.
    bottom_value, top_value = _axis_range(low if low > 0.4 * high else 0.0, high)
    parts, y = _y_axis(top_value, decimals, bottom_value)
    plot_width = WIDTH - LEFT - RIGHT
    step = plot_width / max(1, len(labels) - 1)
    xs = [LEFT + i * step for i in range(len(labels))]
    legend = []
    for band, opacity, name in ((band95, 0.15, "95 %"), (band80, 0.3, "80 %")):
        if not band:
            continue
        lower, upper = band
        idx = [i for i in range(len(labels)) if lower[i] is not None and upper[i] is not None]
        if len(idx) < 1:
            continue
        points = [f"{xs[i]:.1f},{y(upper[i]):.1f}" for i in idx]
        points += [f"{xs[i]:.1f},{y(lower[i]):.1f}" for i in reversed(idx)]
        parts.append(f'<polygon points="{" ".join(points)}" fill="{BAND80}" '
                     f'fill-opacity="{opacity}" stroke="{BAND80}" stroke-width="0.75"/>')
        legend.append(("band", BAND80, "", name))
    if capacity is not None:
        ypos = y(capacity)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ypos:.1f}" y2="{ypos:.1f}" '
                     f'stroke="{CAPACITY}" stroke-width="2" stroke-dasharray="8 4"/>')
        legend.append(("line", CAPACITY, "8 4", capacity_label))
    for si, (name, vs) in enumerate(lines):
        colour = COLOURS[si % len(COLOURS)]
        dash = DASHES[si % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[str] = []
        segments = []
        for xpos, value in zip(xs, vs, strict=True):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{xpos:.1f},{y(value):.1f}")
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) == 1:
                cx, cy = seg[0].split(",")
                parts.append(f'<circle cx="{cx}" cy="{cy}" r="3" fill="{colour}"/>')
            else:
                parts.append(f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" '
                             f'stroke-width="2.5"{dash_attr}/>')
        legend.append(("line", colour, dash, name))
    parts += _x_labels(labels, xs)
    parts += _legend(legend)
    headers = [label_header] + [name for name, _vs in lines]
    if band80:
        headers += list(band_headers[:2])
    if band95:
        headers += list(band_headers[2:])
    rows = []
    for i, label in enumerate(labels):
        row = [label] + [number(vs[i], decimals) for _name, vs in lines]
        for band in (band80, band95):
            if band:
                row += [number(band[0][i], decimals), number(band[1][i], decimals)]
        rows.append(row)
    return Chart(ident, title, description, _frame(ident, title, description, parts), headers,
                 rows)
