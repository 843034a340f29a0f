"""Generated pages, document headers, mentions and the export, asserted on built sites."""

from __future__ import annotations

import json
import logging
import pickle
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.mkdocs.site_parts import SiteParts, site_parts
from mkdocs_asyncops.render.tables import Figure
from tests.helpers import REPO_ROOT, VALID, Writer, adr
from tests.helpers.site import MERMAID, build_site, mkdocs_yml

OPTIONS = "      sources: [adr]\n      today: 2024-03-08\n"


def with_status(number: int, title: str, status: str, extra: str = "") -> str:
    return adr(number, title).replace("status: accepted", f"status: {status}\n{extra}".rstrip())


def handbook(write_files: Writer) -> Path:
    others = {f"docs/{path}": text for path, text in VALID.items() if not path.startswith("adr/")}
    return write_files(
        {
            "mkdocs.yml": mkdocs_yml(OPTIONS) + MERMAID,
            "docs/index.md": "# Home\n\nWe chose ADR-2 over ADR 1; see `ADR-2` in code. ADR-3 is open.\n\n"
            "Read [the first decision](../adr/0001-use-mysql.md#decision) as written in the repository.\n",
            "adr/0001-use-mysql.md": with_status(1, "Use MySQL", "superseded").replace(
                "tags: []", ""
            ),
            "adr/0002-use-postgres.md": with_status(
                2, "Use PostgreSQL", "accepted", "supersedes: [1]\ntags: [storage]"
            ),
            "adr/0003-script.md": with_status(
                3,
                "Scripted",
                "proposed",
                'title: "<script>alert(1)</script> [x](javascript:alert(1))"',
            ),
            **others,
        }
    )


def html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_decision_log_lists_adrs_newest_first_with_relations_both_ways(write_files: Writer) -> None:
    site = build_site(handbook(write_files), strict=True)
    log = html(site, "handbook/decisions")
    rows = re.findall(
        r"<tr>\s*<td[^>]*><a href=\"([^\"]+)\">(ADR-\d+)</a></td>\s*<td[^>]*><a href=\"\1\">", log
    )
    assert rows == [
        ("../../adr/0003-script/", "ADR-0003"),
        ("../../adr/0002-use-postgres/", "ADR-0002"),
        ("../../adr/0001-use-mysql/", "ADR-0001"),
    ]
    assert (
        'supersedes <a href="../../adr/0001-use-mysql/" title="Use MySQL (superseded)">ADR-1</a>'
        in log
    )
    assert (
        'superseded by <a href="../../adr/0002-use-postgres/" title="Use PostgreSQL (accepted)">'
        "ADR-2</a>"
    ) in log
    assert 'data-status="superseded"' in log and 'data-tag="storage"' in log
    assert "data-asyncops-filter" in log and "asyncops/asyncops.js" in log
    assert not [
        p for p in site.rglob("*.html") if "asyncops-table" in p.read_text(encoding="utf-8")
    ]  # every slot filled
    assert (
        "n1 --&gt;|supersedes| n0" in log
        and '<pre class="mermaid"><code>' in log
        and 'n2["ADR-0003: #lt;script#gt;alert(1)#lt;/script#gt; [x](javascript:alert(1)) (proposed)"]'
        in log
    )


def test_headers_show_relations_and_a_notice_on_superseded_decisions(write_files: Writer) -> None:
    site = build_site(handbook(write_files), strict=True)
    old = html(site, "adr/0001-use-mysql")
    notice = old[old.index("asyncops-notice") : old.index('asyncops-header"')]
    assert "This ADR is superseded" in notice
    assert (
        '<a href="../0002-use-postgres/" title="Use PostgreSQL">ADR-0002: Use PostgreSQL</a>'
        in notice
    )
    new = html(site, "adr/0002-use-postgres")
    assert "asyncops-notice" not in new
    assert re.search(
        r"<dt>Supersedes</dt><dd><a href=\"../0001-use-mysql/\" title=\"Use MySQL \(superseded\)\">ADR-0001</a>",
        new,
    )
    assert (
        '<dt>Deciders</dt><dd><a class="asyncops-person" href="../../handbook/people/#person-ana">'
        'Ana</a>, <a class="asyncops-person" href="../../handbook/people/#person-bo">Bo</a></dd>'
    ) in new
    design = html(site, "design/search-v2")
    assert (
        '<dt>Reviewers</dt><dd><a class="asyncops-person" href="../../handbook/people/#person-bo-li">Bo Li</a>, '
        in design
    )
    assert not (site / "adr" / "0001-use-mysql.md").exists()


def test_mentions_and_repository_links_resolve_and_backlinks_appear(write_files: Writer) -> None:
    root = handbook(write_files)
    design = root / "docs/design/search-v2.md"
    design.write_text(
        design.read_text().replace(
            "An inverted index.",
            "An inverted index, as [ADR 2](../../adr/0002-use-postgres.md) says.",
        )
    )
    site = build_site(root, strict=True)
    home = (site / "index.html").read_text()
    assert '<a href="adr/0002-use-postgres/" title="Use PostgreSQL (accepted)">ADR-2</a>' in home
    assert '<a href="adr/0001-use-mysql/" title="Use MySQL (superseded)">ADR 1</a>' in home
    assert "<code>ADR-2</code>" in home
    assert '<a href="adr/0001-use-mysql/#decision">the first decision</a>' in home
    target = html(site, "adr/0002-use-postgres")
    assert re.search(
        r"<dt>Referenced by</dt><dd><a href=\"../../design/search-v2/\" title=\"Search v2 \(in-review\)\">Search v2</a>",
        target,
    )


def test_boards_mark_overdue_reviews_and_action_items_against_today(write_files: Writer) -> None:
    site = build_site(handbook(write_files), strict=True)
    reviews = html(site, "handbook/reviews")
    reviews = reviews[reviews.index("<table>") :]  # not the navigation
    row = next(r for r in reviews.split("<tr>") if "Search v2" in r)
    assert "2024-03-07 09:00" in row and "overdue" in row
    assert (
        '<td class="asyncops-col-people"><a href="../people/#person-bo-li">Bo Li</a>, '
        '<a href="../people/#person-chen-wu">Chen Wu</a></td>'
    ) in row
    assert '<td class="asyncops-col-people">0 of 2 approvals; waiting on <a' in row
    proposed = next(r for r in reviews.split("<tr>") if "ADR-0003" in r or "script" in r)
    assert "2024-03-06" in proposed and "overdue" in proposed
    postmortems = html(site, "handbook/postmortems")
    postmortems = postmortems[postmortems.index("<table>") :]
    item = next(r for r in postmortems.split("<tr>") if "Alert on disk" in r)
    assert "Bo Li" in item and "2024-03-10" in item and "overdue" not in item
    assert "yes (20 h)" in postmortems
    home = (site / "handbook" / "index.html").read_text()
    assert re.search(
        r'<span class="asyncops-card-figure">2</span> <span class="asyncops-card-word">'
        r"reviews overdue</span></a></p>\n<p class=\"asyncops-card-note\"><svg[^>]*>.*?</svg>"
        r"past the deadline, of 2 waiting</p>",
        home,
    )
    pipeline = html(site, "handbook/integrations")
    assert re.search(
        r"<td>1</td>\s*<td><a href=\"../../integrations/salesforce/\">Salesforce</a></td>", pipeline
    )


def test_titles_from_frontmatter_and_headings_are_escaped_everywhere(write_files: Writer) -> None:
    site = build_site(handbook(write_files), strict=True)
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text, page
        assert 'href="javascript:' not in text, page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html(site, "handbook/decisions")
    data = json.loads((site / "asyncops.json").read_text())
    assert any(d["title"].startswith("<script>") for d in data["records"])


def broken_links(site: Path) -> list[tuple[str, str]]:
    """(page, href) of every link or asset reference in `site` that leads to no file."""
    broken = []
    for page in site.rglob("*.html"):
        for href in re.findall(r'(?:href|src)="([^"]+)"', page.read_text(encoding="utf-8")):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            base = (
                site if parts.path.startswith("/") else page.parent
            )  # 404.html links from the root
            target = (base / unquote(parts.path).lstrip("/")).resolve()
            if not (target.is_file() or (target / "index.html").is_file()):
                broken.append((page.relative_to(site).as_posix(), href))
    return broken


def test_every_internal_link_in_the_built_site_resolves(write_files: Writer) -> None:
    assert broken_links(build_site(handbook(write_files), strict=True)) == []


def test_the_projects_handbook_shows_every_board_and_all_its_links_resolve(tmp_path: Path) -> None:
    config = load_config(
        str(REPO_ROOT / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site")
    )
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    site = tmp_path / "site"
    assert broken_links(site) == []
    assert "Git history engine" in html(site, "handbook/reviews")
    assert "monitoring" in html(site, "handbook/integrations")
    assert "overdue" in html(site, "handbook/postmortems")
    assert "This ADR" not in html(site, "adr/0009-cross-references-from-a-markdown-token-scanner")
    assert (
        'class="md-status md-status--in-review" title="In review"'
        in (site / "index.html").read_text()
    )


def test_export_has_documents_relations_boards_and_diagnostics_and_matches_the_cli(
    write_files: Writer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = handbook(write_files)
    site = build_site(root, strict=True)
    data = json.loads((site / "asyncops.json").read_text())
    assert data["kind"] is None
    docs = {d["id"]: d for d in data["records"]}
    related = {name: ids for name, ids in docs["ADR-0001"]["relations"].items() if ids}
    assert related == {"superseded_by": ["ADR-0002"]}
    assert docs["ADR-0001"]["relations"]["referenced_by"] == []
    assert {name: ids for name, ids in docs["ADR-0002"]["relations"].items() if ids} == {
        "supersedes": ["ADR-0001"]
    }
    assert [r["id"] for r in data["boards"]["reviews"]] == ["ADR-0003", "search-v2"]
    assert data["boards"]["action_items"][0]["task"] == "Alert on disk at 80%"
    assert data["boards"]["integrations"][0]["score"] == 11.0
    assert data["as_of"] == "2024-03-08" and data["diagnostics"] == []
    monkeypatch.chdir(root)
    assert main(["report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == data


def test_serve_rebuilds_follow_edits_additions_and_deletions(write_files: Writer) -> None:
    root = handbook(write_files)
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
        site = Path(config.site_dir)
        assert "Use MySQL" in html(site, "handbook/decisions")
        (root / "adr/0003-script.md").unlink()
        (root / "adr/0002-use-postgres.md").write_text(
            with_status(2, "Use PostgreSQL 16", "accepted", "supersedes: [1]"), encoding="utf-8"
        )
        (root / "adr/0004-queue.md").write_text(
            with_status(4, "Use a queue", "accepted"), encoding="utf-8"
        )
        (root / "adr/0001-use-mysql.md").rename(root / "adr/0001-mysql.md")
        (root / "docs/index.md").write_text("# Home\n", encoding="utf-8")
        build(config)
        log = html(site, "handbook/decisions")
        assert "alert(1)" not in log and "ADR-0003" not in log
        assert "Use PostgreSQL 16" in log and "Use a queue" in log
        assert (
            '<a href="../../adr/0001-mysql/">Use MySQL</a>' in log and "0001-use-mysql" not in log
        )
        assert "Use PostgreSQL 16" in html(site, "adr/0001-mysql")
        data = json.loads((site / "asyncops.json").read_text())
        assert sorted(d["id"] for d in data["records"] if d["kind"] == "adr") == [
            "ADR-0001",
            "ADR-0002",
            "ADR-0004",
        ]
        assert config.extra_css.count("asyncops/asyncops.css") == 1
    finally:
        config.plugins.on_shutdown()


def test_an_unsafe_priority_formula_stops_the_build(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      priority_formula: \"__import__('os').system('x')\""),
            "docs/index.md": "# Home\n",
        }
    )
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root)
    assert any(
        "priority_formula:" in r.getMessage() and "is not allowed" in r.getMessage()
        for r in caplog.records
    )


def test_report_prints_reviews_action_items_and_the_pipeline(
    write_files: Writer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(handbook(write_files))
    assert main(["report", "--today", "2024-03-11"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the columns are as wide as the longest id and status ("implementing") and a space
    assert (
        "ADR-0001                 superseded    2024-03-01  Use MySQL (superseded by ADR-0002)"
        in lines[:7]
    )
    assert lines[14].startswith(
        "History: unavailable"
    )  # then the health report; no git repository here
    assert lines[7:14] == [
        "Waiting for review as of 2024-03-11 UTC: 2",
        "  adr/0003-script.md: due 2024-03-06 OVERDUE (Ana, Bo)",
        "  docs/design/search-v2.md: due 2024-03-07 09:00 OVERDUE (Bo Li, Chen Wu)",
        "Open action items: 1",
        "  docs/postmortems/2024-03-02-queue-outage.md:23: Alert on disk at 80% (Bo Li, 2024-03-10) OVERDUE",
        "Integration pipeline: 1",
        "  docs/integrations/salesforce.md: implementing, score 11",
    ]
    assert main(["report", "--today", "soon"]) == 2
    assert "is not a date" in capsys.readouterr().err


def test_pages_follow_configured_urls_and_index_a_teams_own_kinds(write_files: Writer) -> None:
    options = (
        "      sources: [adr]\n      decision_log_page: decisions/index.md\n      kind_pages: kinds/{kind}.md\n"
        "      export_path: api/handbook.json\n      kinds:\n        rfc:\n          extends: design\n          folders: [rfcs]\n"
    )
    rfc = VALID["design/search-v2.md"].replace("# Search v2", "# Tracing RFC")
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(options)
            + "nav:\n  - Home: index.md\n  - Decisions: decisions/index.md\n"
            "  - RFCs: kinds/rfc.md\n  - ADR: adr/0001-a.md\n  - Tracing: rfcs/tracing.md\n",
            "docs/index.md": "# Home\n",
            "docs/rfcs/tracing.md": rfc,
            "adr/0001-a.md": adr(1, "First"),
        }
    )
    site = build_site(root)
    assert "First" in (site / "decisions" / "index.html").read_text()
    rfcs = html(site, "kinds/rfc")
    assert (
        '<h1 id="rfcs">RFCs</h1>' in rfcs
        and '<a href="../../rfcs/tracing/">Tracing RFC</a>' in rfcs
    )
    assert json.loads((site / "api" / "handbook.json").read_text())["summary"]["documents"] == 2
    assert not (site / "asyncops.json").exists()
    assert '<a href="kinds/rfc/" class="nav-link">RFCs</a>' in (site / "index.html").read_text()


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("kind_pages: handbook/kinds.md", "kind_pages: 'handbook/kinds.md' must contain {kind}"),
        (
            "home_page: /abs/index.md",
            "home_page: '/abs/index.md' must be a path in the site ending in .md",
        ),
        ("design_review_hours: 0", "design_review_hours: must be a positive number"),
        ("feed_entries: 0", "feed_entries: must be a positive number, not 0"),
        ("today: someday", "today: 'someday' is not a date like 2026-11-24"),
        (
            "export_path: ../x.json",
            "export_path: '../x.json' must be a relative path inside the site",
        ),
        (
            "export_path: a/../../x.json",
            "export_path: 'a/../../x.json' must be a relative path inside the site",
        ),
        (
            "export_path: /tmp/x.json",
            "export_path: '/tmp/x.json' must be a relative path inside the site",
        ),
        (
            "export_path: C:/x.json",
            "export_path: 'C:/x.json' must be a relative path inside the site",
        ),
        (
            "health_pages: ../../health",
            "health_pages: '../../health' must be a relative path inside the site",
        ),
        (
            "health_pages: /srv/health",
            "health_pages: '/srv/health' must be a relative path inside the site",
        ),
        ("health_pages: x/..", "health_pages: 'x/..' must be a relative path inside the site"),
    ],
)
def test_bad_page_options_stop_the_build_naming_the_option(
    write_files: Writer, caplog: pytest.LogCaptureFixture, option: str, message: str
) -> None:
    root = write_files({"mkdocs.yml": mkdocs_yml(f"      {option}"), "docs/index.md": "# Home\n"})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root)
    assert any(message in r.getMessage() for r in caplog.records), [
        r.getMessage() for r in caplog.records
    ]


def test_a_page_of_a_generated_pages_name_is_replaced_with_a_warning(write_files: Writer) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(""),
            "docs/index.md": "# Home\n",
            "docs/handbook/index.md": "# Mine\n",
        }
    )
    with pytest.raises(Abort):
        build_site(root, strict=True)
    site = build_site(root)
    assert "Mine" not in (site / "handbook" / "index.html").read_text()


def test_the_timeline_and_the_charts_are_in_the_built_site(write_files: Writer) -> None:
    site = build_site(handbook(write_files), strict=True)
    log = html(site, "handbook/decisions")
    assert '<a href="../timeline/">Decisions by month: the timeline</a>' in log
    timeline = html(site, "handbook/timeline")
    entry = re.search(r'id="timeline-adr-0001">.*?</ul></li>', timeline, re.S).group(0)
    assert (
        '<a class="asyncops-timeline-title" href="../../adr/0001-use-mysql/">Use MySQL</a>' in entry
    )
    assert 'superseded by</span> <a href="#timeline-adr-0002">ADR-0002</a>' in entry
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in timeline and "<script>alert" not in timeline
    home = html(site, "handbook")
    chart = re.search(
        r'<figure class="asyncops-chart" id="asyncops-chart-status-by-kind">.*?</figure>',
        home,
        re.S,
    ).group(0)
    assert 'role="img" aria-labelledby="asyncops-chart-status-by-kind-title' in chart
    assert '<desc id="asyncops-chart-status-by-kind-desc">Architecture decisions: 3 (' in chart
    # Not a git repository: the trends say why there are none instead of drawing empty boxes.
    assert home.count("Git history is unavailable, so there is no trend to draw.") == 3


def test_what_the_checks_give_the_site_can_be_sent_from_the_worker_process(
    write_files: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`mkdocs build` makes the site's parts in a forked process (`core/worker.py`); parts
    that cannot be pickled are made a second time in the build's own process."""
    from mkdocs_asyncops.mkdocs import plugin

    made: list[SiteParts] = []

    def keep(*args: object) -> SiteParts:
        made.append(site_parts(*args))  # type: ignore[arg-type]
        return made[-1]

    monkeypatch.setattr(plugin, "site_parts", keep)
    root = handbook(write_files)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text().replace(OPTIONS, OPTIONS + "      parallel: false\n"))
    build_site(root, strict=True)
    (parts,) = made
    figures = [
        block for page in parts.pages.values() for block in page.blocks if isinstance(block, Figure)
    ]
    assert len(figures) > 3  # the home page's charts and the timeline's months
    sent = pickle.loads(pickle.dumps(parts))
    assert sent.pages.keys() == parts.pages.keys()
    for uri, page in parts.pages.items():
        assert sent.pages[uri].slotted()[0] == page.slotted()[0]
        for block, same in zip(page.slotted()[1], sent.pages[uri].slotted()[1], strict=True):
            assert same.html(lambda target: f"/{target}") == block.html(lambda target: f"/{target}")
