"""The status report as a 16:9 PowerPoint deck with native (editable) charts and tables.

Renders `reports.status_report.StatusReport.sections`: the same sections, tables and numbers
as the workbook and the printable page. Every slide carries the reference date and the
section's source in its footer. Long tables continue on a next slide ("vervolg").
"""

import re
from copy import deepcopy
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from opvangregie.core.templatetags.opvangregie import short_date
from opvangregie.reports.presentation import NumberFormatter
from opvangregie.reports.status_report import Chart, Section, StatusReport, Table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
SLIDE_WIDTH = Emu(12192000)  # 13.333 in: 16:9
SLIDE_HEIGHT = Emu(6858000)  # 7.5 in
MARGIN = Inches(0.5)
CONTENT_TOP = Inches(1.25)
FOOTER_TOP = Inches(6.85)
ROWS_PER_SLIDE = 14
EMU_PER_INCH = 914400
CHARACTERS_PER_INCH = 11  # at 10 pt
LINE_HEIGHT_INCHES = 0.19
# A chart shares its slide with a table of at most this many columns; else it gets its own.
CHART_BESIDE_MAX_COLUMNS = 4
DARK = RGBColor(0x1F, 0x2A, 0x44)
MUTED = RGBColor(0x55, 0x5B, 0x66)
LAYOUT_TITLE = 0
LAYOUT_TITLE_ONLY = 5


def file_name(report: StatusReport) -> str:
    return f"tussenstand-{report.region.code}-{report.as_of.isoformat()}.pptx"


def cell_text(value, fmt: NumberFormatter) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, int | Decimal):
        return fmt(value)
    if isinstance(value, date):
        return short_date(value)
    return str(value)


# The most lines of text on one slide (14 pt) before the text continues on the next.
MAX_TEXT_LINES = 12
# Text that python-pptx writes as one run unchanged: one line, no control characters.
_PLAIN_TEXT = re.compile(r"[^\x00-\x1f\x7f\ud800-\udfff\ufffe\uffff]*")


def _text_chunks(lines: list[str]) -> list[list[str]]:
    """Lines in slides of at most MAX_TEXT_LINES, breaking before a heading (a line ending in
    ":") where the heading's group still fits on the next slide."""
    chunks: list[list[str]] = [[]]
    for index, line in enumerate(lines):
        current = chunks[-1]
        if line.endswith(":") and current:
            group = 1
            while index + group < len(lines) and not lines[index + group].endswith(":"):
                group += 1
            if len(current) + group > MAX_TEXT_LINES:
                chunks.append([])
        elif len(current) >= MAX_TEXT_LINES:
            chunks.append([])
        chunks[-1].append(line)
    return chunks


def _row_height(row: list, table: Table, width) -> int:
    """An estimate of a row's height in the deck: the longest wrapped text cell decides."""
    weights = table.widths or [1] * len(table.headers)
    total = sum(weights)
    lines = 1
    for value, numeric, weight in zip(row, table.numeric, weights, strict=True):
        if numeric or value is None:
            continue
        inches = width / EMU_PER_INCH * weight / total
        per_line = max(4, int(inches * CHARACTERS_PER_INCH))
        lines = max(lines, -(-len(str(value)) // per_line))
    return int(Inches(0.08) + Inches(LINE_HEIGHT_INCHES) * lines)


def _chunks(table: Table, width, height) -> list[list[list]]:
    """The table's rows in slide-sized parts (estimated from the length of the texts)."""
    header = _row_height(table.headers, replace(table, numeric=[False] * len(table.headers)),
                         width)
    chunks: list[list[list]] = [[]]
    used = header
    for row in table.rows:
        needed = _row_height(row, table, width)
        if chunks[-1] and (used + needed > height or len(chunks[-1]) >= ROWS_PER_SLIDE):
            chunks.append([])
            used = header
        chunks[-1].append(row)
        used += needed
    if table.has_total_row and len(chunks) > 1 and len(chunks[-1]) == 1:
        # Keep the totals row with the rows it sums.
        chunks[-2:] = [chunks[-2] + chunks[-1]]
    return chunks


class DeckBuilder:
    def __init__(self, report: StatusReport):
        self.report = report
        self.fmt = NumberFormatter()
        self.prs = Presentation()
        self.prs.slide_width = SLIDE_WIDTH
        self.prs.slide_height = SLIDE_HEIGHT
        properties = self.prs.core_properties
        properties.title = report.title
        properties.author = "Opvangregie"
        properties.subject = report.as_of_line
        properties.keywords = "tussenstand, BAO"

    # --- slide parts --------------------------------------------------------------------------

    def _slide(self, title: str, source: str):
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[LAYOUT_TITLE_ONLY])
        shape = slide.shapes.title
        shape.left, shape.top = MARGIN, Inches(0.3)
        shape.width, shape.height = SLIDE_WIDTH - 2 * MARGIN, Inches(0.85)
        shape.text = title
        paragraph = shape.text_frame.paragraphs[0]
        paragraph.font.size = Pt(28)
        paragraph.font.bold = True
        paragraph.font.color.rgb = DARK
        self._footer(slide, source)
        return slide

    def _footer(self, slide, source: str):
        box = slide.shapes.add_textbox(MARGIN, FOOTER_TOP, SLIDE_WIDTH - 2 * MARGIN,
                                       Inches(0.55))
        frame = box.text_frame
        frame.word_wrap = True
        first = frame.paragraphs[0]
        first.text = self.report.as_of_line
        first.font.size = Pt(9)
        first.font.bold = True
        first.font.color.rgb = MUTED
        second = frame.add_paragraph()
        second.text = _("Bron: %(source)s") % {"source": source}
        second.font.size = Pt(8)
        second.font.color.rgb = MUTED

    def _lines(self, slide, lines: list[str], top, height, *, size=14) -> None:
        if not lines:
            return
        box = slide.shapes.add_textbox(MARGIN, top, SLIDE_WIDTH - 2 * MARGIN, height)
        frame = box.text_frame
        frame.word_wrap = True
        for index, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
            numbered = line[:1].isdigit()  # agenda items carry their own number
            heading = line.endswith(":")  # a typed heading ("Algemene uitgangspunten:")
            paragraph.text = (f"• {line}" if len(lines) > 1 and not numbered and not heading
                              else line)
            paragraph.font.size = Pt(size)
            paragraph.font.bold = heading or None
            paragraph.space_after = Pt(4)

    def _chart(self, slide, chart: Chart, left, top, width, height) -> None:
        data = CategoryChartData(number_format=chart.number_format)
        data.categories = chart.categories
        for name, values in chart.series:
            data.add_series(name, values)
        kind = {"bar": XL_CHART_TYPE.BAR_CLUSTERED,
                "line": XL_CHART_TYPE.LINE_MARKERS}.get(chart.kind,
                                                        XL_CHART_TYPE.COLUMN_CLUSTERED)
        graphic = slide.shapes.add_chart(kind, left, top, width, height, data).chart
        graphic.has_title = True
        graphic.chart_title.text_frame.text = chart.title
        graphic.chart_title.text_frame.paragraphs[0].font.size = Pt(14)
        graphic.has_legend = len(chart.series) > 1
        if graphic.has_legend:
            graphic.legend.position = XL_LEGEND_POSITION.BOTTOM
            graphic.legend.include_in_layout = False
        axis = graphic.value_axis
        axis.tick_labels.number_format = chart.number_format
        axis.tick_labels.number_format_is_linked = False
        axis.tick_labels.font.size = Pt(10)
        if chart.kind != "line":
            axis.minimum_scale = 0  # a bar chart that does not start at zero misleads
        graphic.category_axis.tick_labels.font.size = Pt(10)
        plot = graphic.plots[0]
        # A line chart's labels would cover its lines; its figures are in the table.
        plot.has_data_labels = len(chart.categories) <= 12 and chart.kind != "line"
        if plot.has_data_labels:
            plot.data_labels.number_format = chart.number_format
            plot.data_labels.number_format_is_linked = False
            plot.data_labels.font.size = Pt(9)

    def _table(self, slide, table: Table, rows: list[list], left, top, width) -> None:
        count = len(rows) + 1
        height = Emu(int(Inches(0.32)) * count)
        shape = slide.shapes.add_table(count, len(table.headers), left, top, width, height)
        grid = shape.table
        weights = table.widths or [1] * len(table.headers)
        total = sum(weights)
        for index, weight in enumerate(weights):
            grid.columns[index].width = Emu(int(width * weight / total))
        size = Pt(10) if len(table.headers) <= 8 else Pt(9)
        styled: dict[tuple, object] = {}  # a formatted cell per style, to copy (see _fill)
        for col, header in enumerate(table.headers):
            self._fill(grid.cell(0, col), header, size, styled, bold=True,
                       right=table.numeric[col])
        last = len(table.rows) - 1
        for r, row in enumerate(rows, start=1):
            is_total = table.has_total_row and row is table.rows[last]
            for col, value in enumerate(row):
                self._fill(grid.cell(r, col), cell_text(value, self.fmt), size, styled,
                           bold=is_total, right=table.numeric[col])

    @classmethod
    def _fill(cls, cell, text: str, size, styled: dict, *, bold=False, right=False) -> None:
        """`_cell`, or for a one-line plain text a copy of the XML of the first cell of the
        same style with only the text replaced: python-pptx's per-attribute calls were
        most of the deck's time (thousands of cells), and the result is the same XML."""
        style = (size, bold, right)
        model = styled.get(style)
        plain = bool(text) and _PLAIN_TEXT.fullmatch(text) is not None
        if model is None or not plain:
            cls._cell(cell, text, size, bold=bold, right=right)
            if plain and style not in styled:
                styled[style] = cell._tc
            return
        copy = deepcopy(model)
        copy.find(".//" + qn("a:t")).text = text
        old = cell._tc
        old.getparent().replace(old, copy)

    @staticmethod
    def _cell(cell, text: str, size, *, bold=False, right=False) -> None:
        from pptx.enum.text import PP_ALIGN

        cell.text = text
        cell.margin_left = cell.margin_right = Inches(0.05)
        cell.margin_top = cell.margin_bottom = Inches(0.02)
        for paragraph in cell.text_frame.paragraphs:
            paragraph.font.size = size
            paragraph.font.bold = bold
            if right:
                paragraph.alignment = PP_ALIGN.RIGHT

    # --- slides -------------------------------------------------------------------------------

    def title_slide(self) -> None:
        slide = self.prs.slides.add_slide(self.prs.slide_layouts[LAYOUT_TITLE])
        title = slide.shapes.title
        title.left, title.top = MARGIN, Inches(2.2)
        title.width, title.height = SLIDE_WIDTH - 2 * MARGIN, Inches(1.4)
        title.text = self.report.title
        subtitle = slide.placeholders[1]
        subtitle.left, subtitle.top = MARGIN, Inches(3.8)
        subtitle.width, subtitle.height = SLIDE_WIDTH - 2 * MARGIN, Inches(1.5)
        subtitle.text = self.report.as_of_line
        paragraph = subtitle.text_frame.add_paragraph()
        paragraph.text = _("Gemaakt uit de actuele gegevens van Opvangregie; vertrouwelijke "
                           "locaties worden niet genoemd.")
        paragraph.font.size = Pt(16)
        self._footer(slide, _("Opvangregie, registraties zoals bekend op %(day)s.")
                     % {"day": short_date(self.report.as_of)})

    def section_slides(self, section: Section) -> None:
        tables = [t for t in section.tables if t.in_deck]
        if not tables and section.chart is None and len(section.lines) > MAX_TEXT_LINES:
            # Long typed text (the bestuursakkoord) continues on the next slide, preferably
            # at a heading, as the seed deck splits it.
            for index, lines in enumerate(_text_chunks(section.lines)):
                title = section.title if index == 0 else \
                    _("%(title)s (vervolg)") % {"title": section.title}
                slide = self._slide(title, section.source)
                self._lines(slide, lines, CONTENT_TOP, FOOTER_TOP - CONTENT_TOP - Inches(0.1),
                            size=14)
            return
        line_height = Inches(0.35) * min(len(section.lines), 6) if section.lines else 0
        top = CONTENT_TOP + line_height + (Inches(0.1) if line_height else 0)
        full_width = SLIDE_WIDTH - 2 * MARGIN
        chart_beside = (section.chart is not None and len(tables) > 0
                        and len(tables[0].headers) <= CHART_BESIDE_MAX_COLUMNS)
        if not tables or (section.chart is not None and not chart_beside):
            slide = self._slide(section.title, section.source)
            if section.chart is None:
                self._lines(slide, section.lines, CONTENT_TOP,
                            FOOTER_TOP - CONTENT_TOP - Inches(0.1),
                            size=16 if len(section.lines) <= 8 else 12)
            else:
                self._lines(slide, section.lines, CONTENT_TOP, max(line_height, Inches(0.5)),
                            size=14)
            if section.chart is not None:
                self._chart(slide, section.chart, MARGIN, top, full_width,
                            FOOTER_TOP - top - Inches(0.1))
            if not tables:
                return
            first_slide = False
        else:
            first_slide = True
        continued = not first_slide
        for table in tables:
            beside = first_slide and chart_beside
            half = int(full_width * 0.45) if beside else 0
            width = Emu(full_width - half - (Inches(0.2) if beside else 0))
            slide_top = top if first_slide else CONTENT_TOP
            for rows in _chunks(table, width, FOOTER_TOP - slide_top - Inches(0.15)):
                title = _("%(title)s (vervolg)") % {"title": section.title} if continued \
                    else section.title
                slide = self._slide(title, section.source)
                if first_slide:
                    self._lines(slide, section.lines, CONTENT_TOP,
                                line_height or Inches(0.4), size=14)
                if beside:
                    self._chart(slide, section.chart, MARGIN, slide_top, Emu(half),
                                FOOTER_TOP - slide_top - Inches(0.1))
                    self._table(slide, table, rows, Emu(MARGIN + half + Inches(0.2)),
                                slide_top, width)
                else:
                    self._table(slide, table, rows, MARGIN, slide_top, width)
                first_slide = beside = False
                half = 0
                width = Emu(full_width)
                slide_top = CONTENT_TOP
                continued = True

    def build(self) -> Presentation:
        self.title_slide()
        for section in self.report.sections:
            self.section_slides(section)
        return self.prs


def build_deck(report: StatusReport) -> Presentation:
    return DeckBuilder(report).build()


def deck_bytes(report: StatusReport) -> bytes:
    buffer = BytesIO()
    build_deck(report).save(buffer)
    return buffer.getvalue()


def slide_titles(prs: Presentation) -> list[str]:
    return [slide.shapes.title.text for slide in prs.slides]
