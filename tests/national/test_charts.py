"""The SVG charts: named and described for screen readers, with the table of their figures."""

import xml.etree.ElementTree as ET

from opvangregie.charts import bar_chart, line_chart, number

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_is_an_image_with_title_description_and_table():
    chart = bar_chart(ident="g1", title="Opgave & realisatie", description="Staven <per> opgave",
                      categories=["CNO", "Oekraïners"],
                      series=[("Opgave", [450, 2400]), ("Gerealiseerd", [150, None])],
                      category_header="Opgave")
    root = ET.fromstring(chart.svg)  # noqa: S314 - our own output; well-formed, escaped
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "g1-title g1-desc"
    assert root.find(f"{SVG}title").text == "Opgave & realisatie"
    assert root.find(f"{SVG}desc").text == "Staven <per> opgave"
    bars = [rect for rect in root.findall(f"{SVG}rect") if rect.find(f"{SVG}title") is not None]
    assert [bar.find(f"{SVG}title").text for bar in bars] == [
        "Opgave, CNO: 450", "Gerealiseerd, CNO: 150", "Opgave, Oekraïners: 2.400"]
    assert chart.headers == ["Opgave", "Opgave", "Gerealiseerd"]
    assert chart.rows == [["CNO", "450", "150"], ["Oekraïners", "2.400", "—"]]


def test_a_line_chart_draws_the_bands_and_the_capacity():
    labels = ["1-6", "8-6", "15-6", "22-6"]
    chart = line_chart(
        ident="g2", title="Bezet", description="Bezetting en prognose", labels=labels,
        lines=[("Bekend", [100, 110, None, None]), ("Prognose", [None, 110, 120, 130])],
        band80=([None, None, 115, 120], [None, None, 125, 140]),
        band95=([None, None, 110, 112], [None, None, 130, 148]),
        capacity=145, capacity_label="Plekken",
    )
    root = ET.fromstring(chart.svg)  # noqa: S314 - our own output
    assert len(root.findall(f"{SVG}polygon")) == 2  # the 95 % and 80 % bands
    assert len(root.findall(f"{SVG}polyline")) == 2
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "Plekken" in texts and "95 %" in texts
    assert chart.rows[3] == ["22-6", "—", "130", "120", "140", "112", "148"]


def test_numbers_are_written_the_dutch_way():
    assert number(46091) == "46.091"
    assert number(12.5, 1) == "12,5"
    assert number(None) == "—"
