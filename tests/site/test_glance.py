"""Pages read at a glance (issue 15): the dashboard's cards, the decision log's columns and text
filter, the pipeline's lanes and the review board's time-left chips, asserted on built sites in
mkdocs-material and in MkDocs' own theme, with hostile text in every field."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from tests.helpers import VALID, adr
from tests.helpers.gitrepo import GitRepo
from tests.helpers.site import MERMAID, build_site

HOSTILE = "<img src=x onerror=alert(1)> \"q\" & 'x'"
"""In titles, names, tags and statuses: it must show as text everywhere."""
TODAY = "2024-03-08 10:00"
THEMES = {
    "material": "theme:\n  name: material\n  font: false\n",
    "mkdocs": "theme:\n  name: mkdocs\n",
}


def _adr(
    number: int, title: str, status: str, date: str, extra: str = "", deciders: str = "[Ana, Bo]"
) -> str:
    text = adr(number, title).replace("status: accepted", f"status: {status}\n{extra}".rstrip())
    text = text.replace("deciders: [Ana, Bo]", f"deciders: {deciders}")
    return text.replace("date: 2024-03-01", f"date: {date}")


def _integration(title: str, stage: str, owner: str | None, requested: str) -> str:
    text = VALID["integrations/salesforce.md"].replace("# Salesforce", f"# {title}")
    text = text.replace(
        "stage: implementing", f"stage: {json.dumps(stage)}\nrequested: {requested}"
    )
    return text.replace("owner: Chen Wu", f"owner: {json.dumps(owner)}" if owner else "")


def _design(title: str, requested: str, deadline: str) -> str:
    return (
        VALID["design/search-v2.md"]
        .replace("# Search v2", f"# {title}")
        .replace("review_requested: 2024-03-04 09:00", f"review_requested: {requested}")
        .replace("review_deadline: 2024-03-07 09:00", f"review_deadline: {deadline}")
    )


POSTMORTEM = VALID["postmortems/2024-03-02-queue-outage.md"].replace(
    "- [ ] Alert on disk at 80% (Bo Li, 2024-03-10)",
    "- [ ] Alert on disk at 80% (Bo Li, 2024-03-10)\n- [ ] Page the on-call (Chen Wu, 2024-03-05)",
)
FILES = {
    "docs/index.md": "# Home\n",
    "adr/0001-use-mysql.md": _adr(1, "Use MySQL", "superseded", "2024-02-20", "superseded_by: [2]"),
    "adr/0002-use-postgres.md": _adr(
        2,
        "Use PostgreSQL",
        "accepted",
        "2024-03-01",
        f"supersedes: [1]\ntags: [storage, {json.dumps(HOSTILE)}]\nrelates_to: [3]",
    ),
    "adr/0003-hostile.md": _adr(
        3,
        "Scripted",
        "proposed",
        "2024-03-06",
        f"title: {json.dumps(HOSTILE + ' title')}",
        f"[{json.dumps(HOSTILE)}, Ana Souza]",
    ),
    "docs/design/search-v2.md": _design("Search v2", "2024-03-04 09:00", "2024-03-07 09:00"),
    "docs/design/cache.md": _design("Cache layer", "2024-03-07 09:00", "2024-03-08 14:30"),
    "docs/integrations/hubspot.md": _integration("HubSpot", "requested", "Ana Souza", "2024-02-27"),
    "docs/integrations/jira.md": _integration("Jira", "specified", HOSTILE, "2024-01-08"),
    "docs/integrations/zendesk.md": _integration("Zendesk", "requested", "Bo Li", "2024-03-08"),
    "docs/integrations/evil.md": _integration("Evil", HOSTILE, "Bo Li", "2024-03-01"),
    "docs/postmortems/2024-03-02-queue-outage.md": POSTMORTEM,
    "docs/runbooks/workflow-engine.md": VALID["runbooks/workflow-engine.md"],
    "docs/runbooks/billing.md": VALID["runbooks/workflow-engine.md"]
    .replace("systems: [workflow-engine]", "systems: [billing]")
    .replace("# Workflow engine", "# Billing"),
}
OPTIONS = f"""\
plugins:
  - asyncops:
      sources: [adr]
      today: {TODAY}
      systems:
        - {{name: workflow-engine, type: service, requires: [runbook]}}
        - {{name: billing, type: service, requires: [runbook]}}
      rules: {{coverage-below-target: warning, unknown-status: warning}}
"""


@pytest.fixture(scope="module", params=sorted(THEMES))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture handbook in one theme, in git: the billing runbook last changed a year
    before `today` (stale, so billing is not covered), everything else a week before."""
    root = tmp_path_factory.mktemp(f"glance-{request.param}")
    repo = GitRepo(root)
    config = f"site_name: Glance\ndocs_dir: docs\n{THEMES[request.param]}{MERMAID}{OPTIONS}"
    runbook = "docs/runbooks/billing.md"
    repo.commit({runbook: FILES[runbook]}, when="2023-03-01 10:00")
    others = {name: text for name, text in FILES.items() if name != runbook}
    repo.commit({**others, "mkdocs.yml": config}, when="2024-03-01 10:00")
    return build_site(root)


def page(site: Path, path: str) -> str:
    text = (site / path / "index.html").read_text(encoding="utf-8")
    return text[text.index("<h1") :]  # the content, not the navigation


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_dashboard_cards_count_exactly_and_link_to_their_pages(site: Path) -> None:
    home = page(site, "handbook")
    block = home[home.index('<div class="grid cards asyncops-cards">') :]
    cards = re.findall(
        r'<li class="asyncops-card(?: asyncops-card-(\w+))?">(.*?)</li>', block, re.S
    )
    found = [
        (
            state,
            text_of(re.search(r'class="asyncops-card-head">(.*?)</p>', body, re.S)[1]),
            text_of(re.search(r'class="asyncops-card-note">(.*?)</p>', body, re.S)[1]),
            re.search(r'href="([^"]+)"', body)[1],
            "asyncops-icon" in re.search(r'class="asyncops-card-note">(.*?)</p>', body, re.S)[1],
        )
        for state, body in cards
    ]
    assert found == [
        ("bad", "50 % coverage", "below the 90 % target", "../health/coverage/", True),
        ("bad", "1 stale document", "unchanged for longer than allowed", "../health/stale/", True),
        ("bad", "1 review overdue", "past the deadline, of 3 waiting", "reviews/", True),
        ("", "2 open action items", "from 1 postmortem", "postmortems/#open-action-items", False),
        (
            "bad",
            "1 action item overdue",
            "past the due date",
            "postmortems/#open-action-items",
            True,
        ),
        ("", "2 decisions this month", "dated in March 2024", "decisions/", False),
    ]
    for _, _, _, href, _ in found:  # every link leads to a page of the site
        target = (site / "handbook" / href.split("#")[0]).resolve() / "index.html"
        assert target.is_file(), href
    postmortems = page(site, "handbook/postmortems")
    assert 'id="open-action-items"' in postmortems
    # Material's own icons, drawn inline: never an emoji, never a font.
    assert '<path fill="currentColor" d="M13 13h-2V7h2m0 10h-2v-2h2M12 2' in block


def test_decision_log_gives_the_title_its_column_and_relations_short_links(site: Path) -> None:
    log = page(site, "handbook/decisions")
    rows = re.findall(r"<tr>\n(.*?)</tr>", log[log.index("<tbody>") :], re.S)
    first = re.findall(r'<td class="([^"]+)">(.*?)</td>', rows[0], re.S)
    assert [css for css, _ in first] == [
        "asyncops-col-id asyncops-find",
        "asyncops-col-title asyncops-find",
        "asyncops-col-status",
        "asyncops-col-date",
        "asyncops-col-people asyncops-find",
        "asyncops-col-tags asyncops-find",
        "asyncops-col-relations",
    ]
    assert [text_of(cell) for _, cell in first[:4]] == [
        "ADR-0003",
        f"{HOSTILE} title",
        "proposed",
        "2024-03-06",
    ]
    postgres = {
        css.split()[0]: cell
        for css, cell in re.findall(r'<td class="([^"]+)">(.*?)</td>', rows[1], re.S)
    }
    relations = postgres["asyncops-col-relations"]
    assert (
        '<a href="../../adr/0001-use-mysql/" title="Use MySQL (superseded)">ADR-1</a>' in relations
    )
    escaped = html.escape(f"{HOSTILE} title (proposed)")
    assert f'<a href="../../adr/0003-hostile/" title="{escaped}">ADR-3</a>' in relations
    assert re.sub(r"<[^>]+>", "", relations) == "supersedes ADR-1; relates to ADR-3"
    assert '<div class="asyncops-log"><table>' in log


def test_decision_log_has_a_labelled_text_filter_beside_status_and_tag(site: Path) -> None:
    log = page(site, "handbook/decisions")
    bar = re.search(
        r"<div class=\"asyncops-filter\" data-asyncops-filter hidden>(.*?)</div>", log, re.S
    )
    assert bar is not None
    assert re.search(
        r'<label class="asyncops-find-label">Find <input type="search" class="asyncops-find-box"[^>]*>'
        r"</label>",
        bar[1],
    )
    assert '<output class="asyncops-shown" aria-live="polite">' in bar[1]
    # The table it filters follows it, with the badges the status and tag lists read.
    after = log[log.index("data-asyncops-filter") :]
    assert after.index('<div class="asyncops-log">') < after.index("</table>")
    assert 'data-status="superseded"' in after and 'data-tag="storage"' in after


def test_pipeline_lanes_follow_the_lifecycle_with_a_card_per_spec(site: Path) -> None:
    board = page(site, "handbook/integrations")
    lanes = re.findall(
        r'<section class="asyncops-lane">\n<p class="asyncops-lane-title">(.*?)</p>\n(.*?)</section>',
        board,
        re.S,
    )
    titles = [text_of(title) for title, _ in lanes]
    assert titles == [
        "requested 2",
        "prioritized 0",
        "specified 1",
        "implementing 0",
        "in-review 0",
        "staging 0",
        "monitoring 0",
        "live 0",
        "retired 0",
        "unknown 1",  # a stage outside the lifecycle is not read: the spec's stage is unknown
    ]
    cards = {
        text_of(title): [
            text_of(card) for card in re.findall(r'<li class="asyncops-lane-card">(.*?)</li>', body)
        ]
        for title, body in lanes
    }
    assert cards["requested 2"] == ["HubSpot Ana Souza · 10 d", "Zendesk Bo Li · 0 d"]
    assert cards["specified 1"] == [f"Jira {HOSTILE} · 60 d"]
    assert cards["unknown 1"] == ["Evil Bo Li · 7 d"]
    assert cards["retired 0"] == []
    assert 'title="requested 2024-02-27"' in board
    assert '<a href="../../integrations/hubspot/">HubSpot</a>' in board


def test_review_board_shows_the_exact_time_left_as_chips(site: Path) -> None:
    board = page(site, "handbook/reviews")
    board = board[board.index("<tbody>") : board.index("</tbody>")]
    rows = {
        text_of(re.search(r"<td[^>]*>(.*?)</td>", row, re.S)[1]): row
        for row in re.findall(r"<tr>\n(.*?)</tr>", board, re.S)
    }

    def chip(row: str) -> tuple[str, str]:
        found = re.search(r'<span class="(asyncops-chip[^"]*)">(.*?)</span>', rows[row], re.S)
        assert found is not None, row
        return found[1], text_of(found[2])

    assert chip("Search v2") == ("asyncops-chip asyncops-chip-overdue", "overdue 1 d 1 h")
    assert "asyncops-icon" in rows["Search v2"]
    assert chip("Cache layer") == ("asyncops-chip", "4 h left")
    # A proposed ADR is open for five days from its date.
    assert chip(f"{HOSTILE} title") == ("asyncops-chip", "2 d 14 h left")
    assert '<span class="asyncops-when">2024-03-07 09:00</span>' in rows["Search v2"]
    assert "0 of 2 approvals; waiting on" in text_of(rows["Cache layer"])


def test_hostile_text_stays_text_on_every_page_in_html_and_attributes(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<img src=x" not in text, path
        assert "onerror=alert(1)>" not in text.replace("onerror=alert(1)&gt;", ""), path
    assert html.escape(HOSTILE) in page(site, "handbook/integrations")


def test_cards_and_lanes_read_as_lists_in_markdown() -> None:
    from mkdocs_asyncops.render.cards import BAD, Card, Cards, Lane, LaneCard, Lanes
    from mkdocs_asyncops.render.tables import Link

    cards = Cards((Card("3", "reviews overdue", HOSTILE, "handbook/reviews.md", BAD),))
    assert cards.markdown("handbook/index.md") == (
        "- **[3 reviews overdue](reviews.md)**: &lt;img src=x onerror=alert\\(1\\)&gt; "
        "&quot;q&quot; &amp; &\\#x27;x&\\#x27;\n"
    )
    lanes = Lanes((Lane("requested", (LaneCard(Link(HOSTILE, "a.md"), ("Bo",)),), "Requested"),))
    assert lanes.markdown("b.md") == (
        "\n### Requested (1)\n\n- [&lt;img src=x onerror=alert\\(1\\)&gt; &quot;q&quot; &amp; "
        "&\\#x27;x&\\#x27;](a.md) · Bo\n"
    )
