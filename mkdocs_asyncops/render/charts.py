"""Charts drawn at build time as inline SVG: no script, no network, themed by CSS (ADR-0025).

Each chart is a `Figure`: on the site a `<figure>` whose SVG has a `<title>` and a `<desc>`
(`role="img"`, `aria-labelledby`) and whose figures follow as a table in a `<details>`; in a
Markdown report, that table alone. Every text from a document (kind, status, title) is
escaped for text and for attributes alike. Colours and text sizes are classes that
`asyncops.css` styles from the theme's variables, so the charts follow light and dark
palettes; the `viewBox` lets a chart shrink to the page's width. A chart without data says so
in words instead of drawing an empty box.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core.escape import css_name
from .tables import Cell, Figure, Table, table

WIDTH = 400
"""The width of every chart in SVG units; CSS scales it to the page."""
LABEL = 15
"""Horizontal bar charts: the line above each bar for its label (labels are long: a kind's
plural, a document's title; above the bar they keep the whole width on a phone)."""
RIGHT = 72
"""Horizontal bar charts: the room right of the longest bar for its figure."""
BAR = 18
GAP = 10
ROW = LABEL + BAR + GAP
TOP = 8
LEGEND_ROW = 18
PALETTE = 8
"""Series colours, `asyncops-chart-c0` to `c7` in the CSS."""
LABEL_CHARS = 48
"""Longer labels are cut with an ellipsis (the full text is in the tooltip and the table)."""

AXIS = 34
"""Monthly charts: the room left of the plot for the vertical axis."""
PLOT_HEIGHT = 120
MONTH_LABELS = 30


def _e(value: object) -> str:
    """Text or attribute value from anywhere: `<`, `&`, both quotes escaped (`]]>` has no
    meaning in HTML, and its `>` is escaped anyway)."""
    return html.escape(str(value), quote=True)


def _num(value: float) -> str:
    """A coordinate as short as exact: `12`, `12.5`, `33.33`."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def short(label: str, chars: int = LABEL_CHARS) -> str:
    """`label` cut to `chars` characters, an ellipsis ending a cut one."""
    return label if len(label) <= chars else label[: chars - 1].rstrip() + "…"


def _text_width(text: str) -> float:
    """About how wide text is in SVG units at the largest type the CSS sets (13 units on a narrow page)."""
    return 7.0 * len(text)


@dataclass(frozen=True)
class Chart:
    """What every chart has: an id unique in its page, a title, and the words for no data."""

    key: str
    title: str
    empty: str

    @property
    def id(self) -> str:
        return f"asyncops-chart-{css_name(self.key)}"


def _svg(chart: Chart, height: float, desc: str, body: list[str]) -> str:
    ident = chart.id
    return (
        f'<svg class="asyncops-chart-svg" role="img" aria-labelledby="{ident}-title {ident}-desc" '
        f'viewBox="0 0 {WIDTH} {_num(height)}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ident}-title">{_e(chart.title)}</title>'
        f'<desc id="{ident}-desc">{_e(desc)}</desc>' + "".join(body) + "</svg>"
    )


def figure(chart: Chart, svg: str | None, figures: Table) -> Figure:
    """The chart with its caption and its figures as a table; only the words when there is
    no data (`svg` None)."""

    caption = f"<figcaption>{_e(chart.title)}</figcaption>"
    pieces: tuple[str | Table, ...]
    if svg is None or not figures.rows:
        pieces = (
            (
                f'<figure class="asyncops-chart" id="{chart.id}">{caption}'
                f'<p class="asyncops-chart-empty">{_e(chart.empty)}</p></figure>'
            ),
        )
    else:
        pieces = (
            (
                f'<figure class="asyncops-chart" id="{chart.id}">{caption}{svg}'
                '<details class="asyncops-chart-figures"><summary>The figures as a table</summary>'
            ),
            figures,
            "</details></figure>",
        )
    text = figures if figures.rows else table(figures.header, [], chart.empty)
    return Figure(pieces, text, chart.title)


@dataclass(frozen=True)
class StackedRow:
    """One bar of a stacked bar chart: its label and its segments, `(name, count)` in order."""

    label: str
    segments: tuple[tuple[str, int], ...]

    @property
    def total(self) -> int:
        return sum(count for _, count in self.segments)


def _legend(names: Sequence[str], top: float) -> tuple[list[str], float]:
    """A swatch and a name for each series, wrapped into rows; and the height they take."""
    parts, x, y = [], 0.0, top
    for index, name in enumerate(names):
        width = 16 + _text_width(short(name)) + 14
        if x and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_ROW
        parts.append(
            f'<rect class="asyncops-chart-c{index % PALETTE}" x="{_num(x)}" y="{_num(y)}" '
            f'width="11" height="11"><title>{_e(name)}</title></rect>'
            f'<text class="asyncops-chart-legend" x="{_num(x + 16)}" y="{_num(y + 10)}">'
            f"{_e(short(name))}</text>"
        )
        x += width
    return parts, (y - top + LEGEND_ROW) if names else 0.0


def stacked_bars(chart: Chart, rows: Sequence[StackedRow]) -> Figure:
    """Horizontal bars, one per row, each cut into its segments by count; the series (the
    segment names, first seen first) share colours across rows, named in a legend."""
    rows = [row for row in rows if row.total]
    names = list(dict.fromkeys(name for row in rows for name, count in row.segments if count))
    figures = table(
        ["", *names, "Total"],
        ([row.label, *(str(dict(row.segments).get(n, 0)) for n in names), str(row.total)]
         for row in rows),
    )  # fmt: skip
    if not rows:
        return figure(chart, None, figures)
    scale = (WIDTH - RIGHT) / max(row.total for row in rows)
    body: list[str] = []
    for index, row in enumerate(rows):
        y = TOP + index * ROW + LABEL
        body.append(
            f"<g><title>{_e(row.label)}: {_e(_spelled(row.segments))}</title>"
            f'<text class="asyncops-chart-label" x="0" y="{_num(y - 4)}">'
            f"{_e(short(row.label))}</text>"
        )
        x = 0.0
        for name, count in row.segments:
            if not count:
                continue
            width = count * scale
            body.append(
                f'<rect class="asyncops-chart-c{names.index(name) % PALETTE}" x="{_num(x)}" '
                f'y="{_num(y)}" width="{_num(width)}" height="{BAR}">'
                f"<title>{_e(name)}: {count}</title></rect>"
            )
            if width >= _text_width(str(count)) + 6:
                body.append(
                    f'<text class="asyncops-chart-inside" x="{_num(x + width / 2)}" '
                    f'y="{_num(y + 13)}" text-anchor="middle">{count}</text>'
                )
            x += width
        body.append(
            f'<text class="asyncops-chart-value" x="{_num(x + 4)}" y="{_num(y + 13)}">'
            f"{row.total}</text></g>"
        )
    legend, tall = _legend(names, TOP + len(rows) * ROW + 4)
    desc = "; ".join(f"{row.label}: {row.total} ({_spelled(row.segments)})" for row in rows)
    height = TOP + len(rows) * ROW + 4 + tall
    return figure(chart, _svg(chart, height, desc, body + legend), figures)


def _spelled(segments: Sequence[tuple[str, int]]) -> str:
    return ", ".join(f"{name} {count}" for name, count in segments if count)


@dataclass(frozen=True)
class Bar:
    """One bar of a bar chart against a target: its label, its value, and the table's cell
    for it (a link to the document it measures)."""

    label: str
    value: float
    cell: Cell = ""


def target_bars(chart: Chart, bars: Sequence[Bar], target: float, unit: str) -> Figure:
    """Horizontal bars of `value` `unit` against a dashed target line; a bar over the target
    says so in words, not only in colour."""
    figures = table(
        ["", f"Value ({unit})", "Over target"],
        ([bar.cell or bar.label, _value(bar.value), "yes" if bar.value > target else "no"]
         for bar in bars),
    )  # fmt: skip
    if not bars:
        return figure(chart, None, figures)
    top = TOP + 14
    scale = (WIDTH - RIGHT) / max(target, *(bar.value for bar in bars))
    line = target * scale
    bottom = top + len(bars) * ROW
    body = [
        (
            f'<text class="asyncops-chart-target-label" x="{_num(line + 3)}" y="{TOP + 4}">'
            f"target {_value(target)} {_e(unit)}</text>"
        )
    ]
    for index, bar in enumerate(bars):
        y = top + index * ROW + LABEL
        over = bar.value > target
        label = f"{_value(bar.value)} {unit}" + (" over" if over else "")
        body.append(
            f"<g><title>{_e(bar.label)}: {_e(label)}</title>"
            f'<text class="asyncops-chart-label" x="0" y="{_num(y - 4)}">'
            f"{_e(short(bar.label))}</text>"
            f'<rect class="asyncops-chart-{"over" if over else "c0"}" x="0" '
            f'y="{_num(y)}" width="{_num(bar.value * scale)}" height="{BAR}"></rect>'
            f'<text class="asyncops-chart-value" x="{_num(bar.value * scale + 4)}" '
            f'y="{_num(y + 13)}">{_e(label)}</text></g>'
        )
    body.append(
        f'<line class="asyncops-chart-target" x1="{_num(line)}" y1="{top - 4}" '
        f'x2="{_num(line)}" y2="{_num(bottom - GAP + 4)}"></line>'
    )
    late = sum(bar.value > target for bar in bars)
    desc = f"{len(bars)} measured, {late} over the {_value(target)} {unit} target: " + "; ".join(
        f"{bar.label} {_value(bar.value)} {unit}" for bar in bars
    )
    return figure(chart, _svg(chart, bottom, desc, body), figures)


def _value(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 5 times a power of ten that is at least `value` (1 for 0)."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(float(step * power) for step in (1, 2, 5, 10) if step * power >= value)


@dataclass(frozen=True)
class Monthly:
    """A value for each month, `(label, value)` oldest first; the label `2026-03`."""

    points: tuple[tuple[str, float | None], ...]
    unit: str = ""
    top: float | None = None
    """The axis' top (100 for percent); by default a round number over the highest value."""
    target: float | None = None
    """A horizontal dashed line, its value on the axis (a minimum to keep above: the chart's
    title says what it is)."""


_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_label(month: str) -> tuple[str, str]:
    """`2026-03` as the axis shows it: `Mar`, and the year under January's and the first."""
    year, number = month.split("-")
    return _MONTHS[int(number) - 1], year


def monthly(chart: Chart, series: Monthly, columns: bool) -> Figure:
    """A value per month as columns (`columns`: counts) or as a line with a dot per month
    (levels such as a percentage), each value written above its month."""
    points = series.points
    known = [value for _, value in points if value is not None]
    figures = table(
        ["Month", f"Value ({series.unit})" if series.unit else "Value"],
        ([month, "–" if value is None else _value(value)] for month, value in points),
    )
    if not known:
        return figure(chart, None, table(figures.header, []))
    top = series.top or nice_ceiling(max([*known, series.target or 0]))
    slot = (WIDTH - AXIS) / len(points)
    base = TOP + 14 + PLOT_HEIGHT

    def y_of(value: float) -> float:
        return base - value / top * PLOT_HEIGHT

    body = _axes(series, top, base, y_of)
    line: list[str] = []
    for index, (month, value) in enumerate(points):
        centre = AXIS + slot * (index + 0.5)
        name, year = month_label(month)
        body.append(
            f'<text class="asyncops-chart-tick" x="{_num(centre)}" y="{_num(base + 14)}" '
            f'text-anchor="middle">{name}</text>'
        )
        if index == 0 or name == "Jan":
            body.append(
                f'<text class="asyncops-chart-tick" x="{_num(centre)}" y="{_num(base + 27)}" '
                f'text-anchor="middle">{year}</text>'
            )
        if value is None:
            continue
        body.append(_mark(month, value, series.unit, centre, slot, y_of, base, columns))
        line.append(f"{_num(centre)},{_num(y_of(value))}")
    if not columns and len(line) > 1:
        body.insert(
            0, f'<polyline class="asyncops-chart-line" points="{" ".join(line)}"></polyline>'
        )
    desc = ", ".join(
        f"{month} {'no data' if value is None else _value(value) + series.unit}"
        for month, value in points
    )
    return figure(chart, _svg(chart, base + MONTH_LABELS, desc, body), figures)


def _axes(series: Monthly, top: float, base: float, y_of: Callable[[float], float]) -> list[str]:
    """The base line, the 0 and top ticks, and the target line when there is one (a tick too
    near its label is left out)."""
    axis = f'x1="{AXIS}" y1="{_num(base)}" x2="{WIDTH}" y2="{_num(base)}"'
    body = [f'<line class="asyncops-chart-axis" {axis}></line>']
    body += [
        f'<text class="asyncops-chart-tick" x="{AXIS - 4}" y="{_num(y_of(tick) + 4)}" '
        f'text-anchor="end">{_value(tick)}</text>'
        for tick in (0, top)
        if series.target is None or abs(y_of(tick) - y_of(series.target)) >= 16
    ]
    if series.target is not None:
        y = _num(y_of(series.target))
        body.append(
            f'<line class="asyncops-chart-target" x1="{AXIS}" y1="{y}" x2="{WIDTH}" y2="{y}">'
            f'</line><text class="asyncops-chart-target-label" x="{AXIS - 4}" '
            f'y="{_num(y_of(series.target) + 4)}" text-anchor="end">'
            f"{_value(series.target)}</text>"
        )
    return body


def _mark(
    month: str,
    value: float,
    unit: str,
    centre: float,
    slot: float,
    y_of: Callable[[float], float],
    base: float,
    columns: bool,
) -> str:
    """One month's column or dot, its tooltip, and its value written above it."""
    y = y_of(value)
    tip = f"<title>{_e(month)}: {_value(value)}{_e(unit)}</title>"
    if columns:
        width = slot * 0.6
        shape = (
            f'<rect class="asyncops-chart-c0" x="{_num(centre - width / 2)}" y="{_num(y)}" '
            f'width="{_num(width)}" height="{_num(base - y)}">{tip}</rect>'
        )
    else:
        shape = f'<circle class="asyncops-chart-dot" cx="{_num(centre)}" cy="{_num(y)}" r="3">{tip}</circle>'
    return (
        f"<g>{shape}"
        f'<text class="asyncops-chart-value" x="{_num(centre)}" y="{_num(y - 4)}" '
        f'text-anchor="middle">{_value(value)}</text></g>'
    )
