"""Time left as the review board's chips show it: rounded down, two units at most."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from mkdocs_asyncops.render import icons
from mkdocs_asyncops.render.cells import span_text, time_left_chip

NOW = datetime(2024, 3, 8, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(days=2, hours=4, minutes=59), "2 d 4 h"),
        (timedelta(days=3), "3 d"),
        (timedelta(hours=5, minutes=30), "5 h"),
        (timedelta(minutes=42, seconds=50), "42 min"),
        (timedelta(seconds=20), "0 min"),
        (timedelta(seconds=-5), "0 min"),
    ],
)
def test_spans_are_rounded_down_to_two_units(span: timedelta, text: str) -> None:
    assert span_text(span) == text


def test_the_chip_says_left_or_overdue_in_words_with_an_icon() -> None:
    left = time_left_chip(NOW + timedelta(days=2, hours=4), NOW, overdue=False)
    late = time_left_chip(NOW - timedelta(hours=5), NOW, overdue=True)
    assert left.text == "2 d 4 h left" and late.text == "overdue 5 h"
    assert late.html.startswith('<span class="asyncops-chip asyncops-chip-overdue"><svg ')
    assert late.html.endswith("</svg>overdue 5 h</span>")
    assert time_left_chip(None, NOW, overdue=False) == ""


def test_without_mkdocs_material_the_drawn_icon_stands_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def missing(name: str) -> object:
        raise icons.importlib.metadata.PackageNotFoundError(name)

    icons._material_paths.cache_clear()
    monkeypatch.setattr(icons.importlib.metadata, "distribution", missing)
    try:
        assert icons.material_icon("alert-circle", "warning") == icons.icon("warning")
        assert icons.material_icon("scale-balance") == ""
    finally:
        monkeypatch.undo()
        icons._material_paths.cache_clear()
    assert 'fill="currentColor" d="M13 13h-2V7h2' in icons.material_icon("alert-circle")
