"""The generated handbook pages in a real browser: boards load cleanly, the decision log filters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_site import _open

BOARDS = ["handbook/", "handbook/reviews/", "handbook/integrations/", "handbook/postmortems/", "handbook/design/"]


@pytest.mark.parametrize("path", BOARDS)
def test_boards_load_without_console_errors(browser, base_url: str, path: str) -> None:
    page, problems = _open(browser, base_url, path)
    assert page.query_selector("table") is not None
    page.close()
    assert problems == []


def test_decision_log_filters_by_status_and_tag(browser, base_url: str, site_dir: Path) -> None:
    records = [r for r in json.loads((site_dir / "asyncops.json").read_text())["records"] if r["kind"] == "adr"]
    tagged = [r for r in records if "theme" in r["frontmatter"].get("tags", [])]
    page, _ = _open(browser, base_url, "handbook/decisions/")  # Mermaid loads from a CDN: offline, it errs

    def shown() -> int:
        return page.eval_on_selector_all("table tbody tr", "rows => rows.filter(r => r.style.display !== 'none').length")

    assert shown() == len(records)
    page.select_option(".asyncops-filter select >> nth=1", "theme")
    assert shown() == len(tagged) >= 1
    page.select_option(".asyncops-filter select >> nth=1", "")
    page.select_option(".asyncops-filter select >> nth=0", "accepted")
    page.select_option(".asyncops-filter select >> nth=1", "theme")
    assert shown() == sum(r["status"] == "accepted" for r in tagged)
    page.select_option(".asyncops-filter select >> nth=1", "")
    assert shown() == sum(r["status"] == "accepted" for r in records)
    page.select_option(".asyncops-filter select >> nth=0", "")
    assert shown() == len(records)
    page.close()
