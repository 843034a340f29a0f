"""One convention for moments: aware date-times, those the package makes in UTC; one `now()`
and one `parse_today()` for every face."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.dates import UTC, iso, moment, now, parse_today, shown
from tests.helpers import Writer
from tests.site.test_pages import handbook

PLUS_TWO = timezone(timedelta(hours=2))


def test_now_is_aware_utc() -> None:
    assert now().tzinfo is UTC


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2024, 3, 4), datetime(2024, 3, 4, tzinfo=UTC)),
        (datetime(2024, 3, 4, 9), datetime(2024, 3, 4, 9, tzinfo=UTC)),
        (datetime(2024, 3, 4, 9, tzinfo=PLUS_TWO), datetime(2024, 3, 4, 7, tzinfo=UTC)),
        ("2024-03-04 09:00", None),  # text only where asked for
        (None, None),
    ],
)
def test_a_frontmatter_moment_is_aware_utc(value: object, expected: datetime | None) -> None:
    found = moment(value)
    assert found == expected
    assert found is None or found.tzinfo is UTC


def test_moment_reads_iso_text_where_asked() -> None:
    assert moment("2024-03-04 09:00+02:00", text=True) == datetime(2024, 3, 4, 7, tzinfo=UTC)
    assert moment("next week", text=True) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-24", datetime(2026, 11, 24, tzinfo=UTC)),
        (" 2026-11-24 ", datetime(2026, 11, 24, tzinfo=UTC)),
        (date(2026, 11, 24), datetime(2026, 11, 24, tzinfo=UTC)),
        ("2026-11-24T09:00+02:00", datetime(2026, 11, 24, 7, tzinfo=UTC)),
        (None, None),
    ],
)
def test_parse_today(value: str | date | None, expected: datetime | None) -> None:
    assert parse_today(value) == expected


def test_parse_today_says_what_it_wants() -> None:
    with pytest.raises(ValueError, match=r"^'someday' is not a date like 2026-11-24$"):
        parse_today("someday")


def test_iso_and_shown_write_utc() -> None:
    nine_in_paris = datetime(2024, 3, 4, 9, tzinfo=PLUS_TWO)
    assert iso(nine_in_paris) == "2024-03-04T07:00:00+00:00"
    assert shown(nine_in_paris) == "2024-03-04 07:00"
    assert (iso(datetime(2024, 3, 4, tzinfo=UTC)), shown(datetime(2024, 3, 4, tzinfo=UTC))) == (
        "2024-03-04",
        "2024-03-04",
    )


def test_report_today_with_an_offset_is_judged_in_utc(
    write_files: Writer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(handbook(write_files))
    # 2024-03-07 10:30 at +02:00 is 08:30 UTC: before the design review's 09:00 UTC deadline.
    assert main(["report", "--today", "2024-03-07T10:30+02:00"]) == 0
    out = capsys.readouterr().out
    assert "Waiting for review as of 2024-03-07 08:30 UTC: 2" in out
    assert "  docs/design/search-v2.md: due 2024-03-07 09:00 (Bo Li, Chen Wu)" in out


def test_a_sites_today_with_an_offset_is_judged_in_utc(
    write_files: Writer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = handbook(write_files)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("today: 2024-03-08", "today: 2024-03-07 10:30:00+02:00"), encoding="utf-8"
    )
    assert "today: 2024-03-07 10:30:00+02:00" in (root / "mkdocs.yml").read_text(encoding="utf-8")
    monkeypatch.chdir(root)
    assert main(["report"]) == 0
    assert "Waiting for review as of 2024-03-07 08:30 UTC: 2" in capsys.readouterr().out
