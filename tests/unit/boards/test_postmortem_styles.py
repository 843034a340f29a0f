"""Postmortems as teams write them: bold bullet labels, key events, the date in the file name."""

from __future__ import annotations

from datetime import datetime, timedelta

from mkdocs_asyncops.boards.board import build_boards
from mkdocs_asyncops.boards.key_events import median_and_p90
from mkdocs_asyncops.boards.postmortems import response_times
from mkdocs_asyncops.render.pages import postmortem_board
from tests.helpers import Writer, codes, scan_folder

BULLETS = """\
---
severity: {severity}
status: published
---
# {title}

- **Summary**: checkout failed for some customers.
- **Impact**: {impact}
- **Root Causes**: a certificate expired.
  Nobody was told it would.
- **Resolution**: new certificates were rolled out.

## Key events

- {day} 09:58 UTC: fault occurs, certificates expire
- {detected}: detected by the checkout error alert
- 10:11 incident declared
- {resolved} resolved, checkout succeeds again

## Action Items

- [x] Alert 30 days before a certificate expires (Ana, 2024-03-10)

## Lessons Learned

- **What went well**: the alert fired.
"""


def postmortem(title: str, severity: int, detected: str, resolved: str, day: str) -> str:
    return BULLETS.format(
        title=title,
        severity=severity,
        impact="40 minutes of failed checkouts",
        detected=detected,
        resolved=resolved,
        day=day,
    )


def test_a_bullet_style_log_with_times_to_detect_and_resolve(write_files: Writer) -> None:
    root = write_files(
        {
            "postmortems/2024-03-01-checkout-certificates.md": postmortem(
                "Checkout certificates", 1, "10:06", "10:47", "2024-03-01"
            ),
            "postmortems/2024-04-02-search-outage.md": postmortem(
                "Search outage", 1, "10:28", "12:13", "2024-04-02"
            ),
            "postmortems/2024-05-03-slow-reports.md": postmortem(
                "Slow reports", 2, "2024-05-03 11:58", "2024-05-03 13:58", "2024-05-03"
            ),
        }
    )
    result = scan_folder(root)
    assert codes(result) == []  # the bullets are the sections, the names give the dates
    days = {doc.source.stem: doc.meta.incident_date.isoformat() for doc in result.documents}
    assert days == {
        "2024-03-01-checkout-certificates": "2024-03-01",
        "2024-04-02-search-outage": "2024-04-02",
        "2024-05-03-slow-reports": "2024-05-03",
    }
    boards = build_boards(result.documents, datetime(2024, 6, 1))
    times = {
        doc.source.stem: (report.events.time_to_detect, report.events.time_to_resolve)
        for doc, report in boards.postmortems
    }
    assert times == {
        "2024-03-01-checkout-certificates": (timedelta(minutes=8), timedelta(minutes=49)),
        "2024-04-02-search-outage": (timedelta(minutes=30), timedelta(minutes=135)),
        "2024-05-03-slow-reports": (timedelta(minutes=120), timedelta(minutes=240)),
    }
    by_severity = response_times(boards.postmortems)
    assert {
        sev: [median_and_p90(spans) for spans in both] for sev, both in by_severity.items()
    } == {
        1: [
            (timedelta(minutes=19), timedelta(minutes=30)),
            (timedelta(minutes=92), timedelta(minutes=135)),
        ],
        2: [
            (timedelta(minutes=120), timedelta(minutes=120)),
            (timedelta(minutes=240), timedelta(minutes=240)),
        ],
    }
    page = postmortem_board(boards).markdown("handbook/postmortems.md")
    assert "| SEV1 | 19 min | 30 min | 1 h 32 min | 2 h 15 min |" in page
    assert "8 min | 49 min |" in page


def test_without_key_events_the_times_are_unknown_not_zero(write_files: Writer) -> None:
    text = postmortem("Quiet", 3, "10:06", "10:47", "2024-03-01")
    text = (
        text.split("## Key events")[0]
        + "## Key events\n\nWe do not know.\n"
        + ("\n## Action Items" + text.split("## Action Items")[1])
    )
    root = write_files({"postmortems/2024-03-01-quiet.md": text})
    boards = build_boards(scan_folder(root).documents, datetime(2024, 6, 1))
    ((_, report),) = boards.postmortems
    assert (report.events.time_to_detect, report.events.time_to_resolve) == (None, None)
    assert response_times(boards.postmortems) == {}


def test_site_generator_extensions_are_read_when_configured(
    write_files: Writer, capsys, monkeypatch
) -> None:
    from mkdocs_asyncops.cli.main import main
    from tests.helpers.site import mkdocs_yml

    text = postmortem("Checkout certificates", 1, "10:06", "10:47", "2024-03-01")
    root = write_files(
        {
            "incidents/2024-03-01-checkout-certificates.html.md.erb": text,
            "incidents/2024-04-02-search-outage.mdx": text.replace("Checkout", "Search"),
            "docs/index.md": "# Home\n",
        }
    )
    monkeypatch.chdir(root)
    assert main(["check", "incidents"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == (
        "asyncops: incidents: 0 documents read: it holds 1 .html.md.erb, 1 .mdx files, which are "
        "not read by default; pass `--extensions .md,.markdown,.html.md.erb,.mdx` (or set "
        "`extensions:` in mkdocs.yml)"
    )
    assert main(["check", "--extensions", ".md,.txt", "incidents"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "asyncops: incidents: 0 documents read: it holds 1 .html.md.erb, 1 .mdx files, which "
        "`--extensions` leaves unread; pass `--extensions .md,.txt,.html.md.erb,.mdx`"
    )
    monkeypatch.chdir(root / "incidents")  # the whole folder, no PATH: a warning says the same
    assert main(["check", "--strict"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        ".: warning ASY006 no-documents: 0 documents found in .; they hold 1 .html.md.erb, 1 .mdx "
        "files, which the extensions read leave unread; add `extensions: [.md, .markdown, "
        ".html.md.erb, .mdx]` to the asyncops plugin's options in mkdocs.yml, or pass "
        "`--extensions .md,.markdown,.html.md.erb,.mdx`"
    )
    monkeypatch.chdir(root)
    # a plain folder, no mkdocs.yml: the command line says which endings to read
    assert main(["check", "--extensions", ".md,mdx, .html.md.erb", "incidents"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 0 warnings in 2 documents"
    assert main(["check", "--extensions", ".mdx", "incidents"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 0 warnings in 1 document"
    assert main(["check", "--extensions", ".md,", "incidents"]) == 2
    assert "--extensions '.md,': give file name endings" in capsys.readouterr().err
    (root / "mkdocs.yml").write_text(mkdocs_yml("      sources: [incidents]"), encoding="utf-8")
    assert main(["check", "incidents"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "asyncops: incidents: 0 documents read: it holds 1 .html.md.erb, 1 .mdx files, which the "
        "configuration does not read; add `extensions: [.md, .markdown, .html.md.erb, .mdx]` to "
        "the asyncops plugin's options in mkdocs.yml"
    )
    (root / "mkdocs.yml").write_text(
        mkdocs_yml("      extensions: [.md, .mdx, .html.md.erb]"), encoding="utf-8"
    )
    assert main(["check", "incidents"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "0 errors, 0 warnings in 2 documents"
    assert main(["report", "--extensions", ".md", "--kind", "postmortem", "incidents"]) == 0
    assert "Checkout certificates" not in capsys.readouterr().out
    assert main(["report", "--kind", "postmortem", "incidents"]) == 0
    assert "Checkout certificates" in capsys.readouterr().out
    result = scan_folder(root, "incidents")  # the defaults: .md and .markdown only
    assert result.documents == []


OWN_WORDS = """\
---
severity: 2
status: published
---
# Billing export late

- **What happened**: the nightly billing export ran six hours late.
- **Why it happened**: a lock was never released.
- **How we fixed it**: the lock now expires.

## Key events

- 02:00 fault occurs, the export waits on a lock
- 05:40 detected by the finance team
- 08:00 resolved, the lock released

## Action Items

- [ ] Expire locks after an hour (Bo, 2024-07-01)

## Lessons Learned

A lock needs an owner.
"""

ALIASES = """\
      today: 2024-06-10
      kinds:
        postmortem:
          aliases:
            Incident Summary: What happened
            Root Cause: [Why it happened]
            Resolution: [How we fixed it]"""


def test_a_teams_own_label_words_read_as_the_kinds_sections(
    write_files: Writer, capsys, monkeypatch
) -> None:
    from mkdocs_asyncops.cli.main import main
    from tests.helpers.site import mkdocs_yml

    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      today: 2024-06-10"),
            "docs/index.md": "# Home\n",
            "docs/postmortems/2024-06-03-billing-export.md": OWN_WORDS,
        }
    )
    monkeypatch.chdir(root)
    assert main(["check"]) == 1
    missing = [line.split("; add")[0] for line in capsys.readouterr().out.splitlines()[:-1]]
    assert [line.split("needs a ")[1] for line in missing] == [
        "'Incident Summary' section (or 'Summary', 'Overview')",
        "'Root Cause' section (or 'Root Cause Analysis', 'Root Causes')",
        "'Resolution' section (or 'Mitigation', 'Recovery')",
    ]
    (root / "mkdocs.yml").write_text(mkdocs_yml(ALIASES), encoding="utf-8")
    assert main(["check"]) == 0
    assert capsys.readouterr().out == "0 errors, 0 warnings in 1 document\n"
    claimed = ALIASES.replace("[How we fixed it]", "[How we fixed it, Why it happened]")
    (root / "mkdocs.yml").write_text(mkdocs_yml(claimed), encoding="utf-8")
    assert main(["check"]) == 2
    assert (
        capsys.readouterr()
        .err.splitlines()[-1]
        .endswith(
            "kinds.postmortem.aliases: 'Why it happened' already names the section 'Root Cause'; "
            "one heading cannot be two sections"
        )
    )
