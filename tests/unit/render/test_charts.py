"""The SVG charts: exact geometry for small inputs, escaping, and no empty boxes."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from mkdocs_asyncops.render.charts import (
    RIGHT,
    WIDTH,
    Bar,
    Chart,
    Monthly,
    StackedRow,
    monthly,
    nice_ceiling,
    short,
    stacked_bars,
    target_bars,
)
from mkdocs_asyncops.render.tables import GeneratedPage, fill_slots

HOSTILE = "<script>alert('x')</script> & \"q\" ]]> <b>"
SVG = "{http://www.w3.org/2000/svg}"


def svg_of(figure) -> ElementTree.Element:
    """The chart's SVG, parsed as XML: it must be well-formed whatever the documents say."""
    found = re.search(r"<svg.*</svg>", figure.html(lambda path: path), re.S)
    assert found, figure.html(lambda path: path)
    return ElementTree.fromstring(found.group(0))


def rects(svg: ElementTree.Element) -> list[dict[str, str]]:
    return [dict(r.attrib) for r in svg.iter(f"{SVG}rect")]


def texts(svg: ElementTree.Element) -> list[str]:
    return [t.text or "" for t in svg.iter(f"{SVG}text")]


def test_stacked_bar_widths_follow_the_counts():
    rows = [
        StackedRow("ADRs", (("accepted", 3), ("proposed", 1))),
        StackedRow("Designs", (("draft", 2),)),
    ]
    svg = svg_of(stacked_bars(Chart("status", "By status", "none"), rows))
    unit = (WIDTH - RIGHT) / 4  # the longest bar, 4 documents, fills the plot: 82 units
    bars = [r for r in rects(svg) if r["height"] == "18"]
    assert [(r["x"], r["y"], r["width"]) for r in bars] == [
        ("0", "23", "246"),  # a row: its label's line (15), the bar (18), a gap (10)
        ("246", "23", "82"),
        ("0", "66", "164"),
    ]
    assert unit == 82
    assert [r["class"] for r in bars] == [
        "asyncops-chart-c0",
        "asyncops-chart-c1",
        "asyncops-chart-c2",
    ]
    assert texts(svg)[:7] == ["ADRs", "3", "1", "4", "Designs", "2", "2"]
    assert texts(svg)[7:] == ["accepted", "proposed", "draft"]  # the legend names each colour


def test_a_chart_is_labelled_for_screen_readers():
    svg = svg_of(
        stacked_bars(Chart("status", "By status", "none"), [StackedRow("ADRs", (("ok", 2),))])
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "asyncops-chart-status-title asyncops-chart-status-desc"
    assert svg.find(f"{SVG}title").get("id") == "asyncops-chart-status-title"
    assert svg.find(f"{SVG}desc").text == "ADRs: 2 (ok 2)"
    assert svg.get("viewBox") == "0 0 400 73"


def test_hostile_strings_stay_text_in_text_and_attributes():
    rows = [StackedRow(HOSTILE, ((HOSTILE, 1),))]
    figure = stacked_bars(Chart(HOSTILE, HOSTILE, HOSTILE), rows)
    page = figure.html(lambda path: path)
    assert "<script>" not in page and "<b>" not in page and "]]>" not in page
    svg = svg_of(figure)  # well-formed XML: nothing ended an element or an attribute early
    assert svg.find(f"{SVG}title").text == HOSTILE
    assert HOSTILE in {t.text for t in svg.iter(f"{SVG}title")}
    assert all(re.fullmatch(r"[a-z0-9-]+", e.get("id")) for e in svg.iter() if e.get("id"))
    empty = stacked_bars(Chart("x", "t", HOSTILE), []).html(lambda path: path)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot; ]]&gt;" in empty


@pytest.mark.parametrize(
    "figure",
    [
        stacked_bars(Chart("a", "Status", "No documents yet."), []),
        stacked_bars(Chart("a", "Status", "No documents yet."), [StackedRow("ADRs", ())]),
        target_bars(Chart("a", "Review", "No documents yet."), [], 3, "d"),
        monthly(Chart("a", "Trend", "No documents yet."), Monthly((("2026-01", None),)), True),
    ],
)
def test_a_chart_without_data_says_so_in_words(figure):
    page = figure.html(lambda path: path)
    assert "<svg" not in page
    assert '<p class="asyncops-chart-empty">No documents yet.</p>' in page
    markdown = GeneratedPage().add(figure).markdown("x.md")
    assert markdown.endswith("**\n\n*No documents yet.*\n")  # under the chart's title


def test_target_bars_draw_the_target_line_and_name_what_is_over():
    bars = [Bar("ADR-0001", 2), Bar("ADR-0002", 6)]
    svg = svg_of(target_bars(Chart("review", "Review time", "none"), bars, 3, "d"))
    scale = (WIDTH - RIGHT) / 6
    widths = [float(r["width"]) for r in rects(svg)]
    assert widths == [pytest.approx(2 * scale, abs=0.01), pytest.approx(6 * scale, abs=0.01)]
    line = svg.find(f"{SVG}line")
    assert float(line.get("x1")) == pytest.approx(3 * scale, abs=0.01)
    assert texts(svg) == ["target 3 d", "ADR-0001", "2 d", "ADR-0002", "6 d over"]
    assert [r["class"] for r in rects(svg)] == ["asyncops-chart-c0", "asyncops-chart-over"]


def test_monthly_columns_rise_with_their_values_and_label_months_and_years():
    points = (("2025-12", 1.0), ("2026-01", 4.0), ("2026-02", 0.0))
    svg = svg_of(monthly(Chart("m", "Decisions", "none"), Monthly(points), True))
    columns = list(rects(svg))
    assert [float(r["height"]) for r in columns] == [24, 96, 0]  # 120 high for 5
    assert [float(r["y"]) for r in columns] == [118, 46, 142]
    labels = texts(svg)
    assert labels[:2] == ["0", "5"]
    assert [t for t in labels if t in ("Dec", "Jan", "Feb", "2025", "2026")] == [
        "Dec", "2025", "Jan", "2026", "Feb"
    ]  # fmt: skip


def test_monthly_line_with_a_minimum_and_gaps():
    points = (("2026-01", 50.0), ("2026-02", None), ("2026-03", 100.0))
    figure = monthly(Chart("c", "Coverage", "none"), Monthly(points, "%", 100, 80), False)
    svg = svg_of(figure)
    assert [c.get("cy") for c in svg.iter(f"{SVG}circle")] == ["82", "22"]
    assert svg.find(f"{SVG}polyline").get("points") == "95,82 339,22"  # slots of (400 - 34) / 3
    target = svg.find(f"{SVG}line[@class='asyncops-chart-target']")
    assert (target.get("y1"), target.get("y2")) == ("46", "46")  # 80 of 100 on a plot 120 high
    assert texts(svg)[:3] == ["0", "100", "80"]  # the minimum is labelled on the axis
    assert svg.find(f"{SVG}desc").text == "2026-01 50%, 2026-02 no data, 2026-03 100%"
    markdown = GeneratedPage().add(figure).markdown("x.md")
    assert markdown.startswith("**Coverage**\n\n| Month |")  # a report names what it lists
    assert "| 2026-02 | – |" in markdown and "| Month | Value \\(%\\) |" in markdown


def test_figures_fill_their_slots_on_the_site():
    figure = stacked_bars(Chart("s", "S", "none"), [StackedRow("ADRs", (("ok", 1),))])
    markdown, blocks = GeneratedPage().add("# T\n", figure).slotted()
    assert '<div data-asyncops-table="0"></div>' in markdown
    html, lost = fill_slots(markdown, blocks, lambda path: path)
    assert lost == 0 and '<figure class="asyncops-chart" id="asyncops-chart-s">' in html


def test_helpers():
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 12, 100, 0.3)] == [1, 1, 5, 10, 20, 100, 0.5]
    assert short("A very long kind name indeed", 18) == "A very long kind…"
    assert short("word " * 12) == "word " * 9 + "wo…"  # 48 characters at most
    assert short("ADRs") == "ADRs"
