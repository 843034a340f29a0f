"""Review deadlines, postmortem action items, priority formulas and the pipeline, without MkDocs."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from mkdocs_asyncops.boards.integrations import pipeline
from mkdocs_asyncops.boards.postmortems import action_items
from mkdocs_asyncops.boards.reviews import pending_reviews
from mkdocs_asyncops.core.formula import DEFAULT_PRIORITY, Formula, FormulaError
from mkdocs_asyncops.core.settings import ReviewPolicy
from mkdocs_asyncops.dates import UTC
from tests.helpers import VALID, Writer, adr, codes, scan_folder

DESIGN = VALID["design/search-v2.md"]


def design(extra: str) -> str:
    return DESIGN.replace("review_deadline: 2024-03-07 09:00\n", extra)


def test_design_deadline_is_stated_or_72_hours_after_the_request(write_files: Writer) -> None:
    root = write_files({"design/stated.md": DESIGN, "design/default.md": design("")})
    docs = {d.source.stem: d for d in scan_folder(root).documents}
    before = pending_reviews(docs.values(), datetime(2024, 3, 6, 12, tzinfo=UTC))
    assert [(r.document.source.stem, r.deadline, r.overdue) for r in before] == [
        ("default", datetime(2024, 3, 7, 9, tzinfo=UTC), False),
        ("stated", datetime(2024, 3, 7, 9, tzinfo=UTC), False),
    ]
    assert before[0].reviewers == ("Bo Li", "Chen Wu")
    assert before[0].requested == datetime(2024, 3, 4, 9, tzinfo=UTC)
    after = pending_reviews(docs.values(), datetime(2024, 3, 7, 9, 1, tzinfo=UTC))
    assert [r.overdue for r in after] == [True, True]
    shorter = pending_reviews(
        [docs["default"]],
        datetime(2024, 3, 6, 12, tzinfo=UTC),
        ReviewPolicy(design_window=timedelta(hours=24)),
    )
    assert shorter[0].deadline == datetime(2024, 3, 5, 9, tzinfo=UTC) and shorter[0].overdue


def test_proposed_adr_is_open_for_the_review_period_from_its_date(write_files: Writer) -> None:
    root = write_files(
        {
            "adr/0001-a.md": adr(1).replace("status: accepted", "status: proposed"),
            "adr/0002-b.md": adr(2).replace(
                "status: accepted", "status: proposed\nreview_requested: 2024-03-04"
            ),
            "adr/0003-c.md": adr(3),
        }
    )
    reviews = pending_reviews(scan_folder(root).documents, datetime(2024, 3, 7, tzinfo=UTC))
    assert [(r.document.number, r.deadline, r.overdue, r.reviewers) for r in reviews] == [
        (1, datetime(2024, 3, 6, tzinfo=UTC), True, ("Ana", "Bo")),
        (2, datetime(2024, 3, 9, tzinfo=UTC), False, ("Ana", "Bo")),
    ]
    longer = pending_reviews(
        scan_folder(root).documents,
        datetime(2024, 3, 7, tzinfo=UTC),
        ReviewPolicy(proposal_period=timedelta(days=7)),
    )
    assert [r.overdue for r in longer] == [False, False]


POSTMORTEM = VALID["postmortems/2024-03-02-queue-outage.md"]


def test_action_items_are_parsed_with_owner_due_date_and_state(write_files: Writer) -> None:
    items = """\
- [ ] Alert on disk at 80% (Bo Li, 2024-03-10)
- [x] Expand the volume (Chen Wu, 2024-03-02)
* [ ] Write the (missing) runbook (Ana)
- [ ] Tidy up
- Not a checklist item (Bo, 2024-01-01)
"""
    root = write_files(
        {
            "postmortems/p.md": POSTMORTEM.replace(
                "- [ ] Alert on disk at 80% (Bo Li, 2024-03-10)\n", items
            )
        }
    )
    result = scan_folder(root)
    found = action_items(result.documents[0])
    assert [(i.task, i.owner, i.due, i.done) for i in found] == [
        ("Alert on disk at 80%", "Bo Li", datetime(2024, 3, 10, tzinfo=UTC), False),
        ("Expand the volume", "Chen Wu", datetime(2024, 3, 2, tzinfo=UTC), True),
        ("Write the (missing) runbook", "Ana", None, False),
        ("Tidy up", None, None, False),
    ]
    assert [i.line for i in found] == [23, 24, 25, 26]
    assert not found[0].overdue(datetime(2024, 3, 10, 23, tzinfo=UTC)) and found[0].overdue(
        datetime(2024, 3, 11, tzinfo=UTC)
    )
    assert not found[1].overdue(datetime(2025, 1, 1, tzinfo=UTC))
    assert codes(result) == [("postmortems/p.md", 25, "ASY310"), ("postmortems/p.md", 26, "ASY310")]
    assert "names no owner and no due date" in result.diagnostics[1].message


def test_formula_ranks_by_scores_and_rejects_everything_but_arithmetic() -> None:
    formula = Formula.parse(DEFAULT_PRIORITY)
    assert (
        formula({"customer_demand": 5, "market_differentiation": 3, "technical_complexity": 2})
        == 11.0
    )
    assert formula({"customer_demand": 5}) is None
    assert Formula.parse("max(a, b) / (c - c)")({"a": 1, "b": 2, "c": 3}) is None
    assert Formula.parse("-a + abs(b) * 0.5")({"a": 1, "b": -4}) == 1.0
    for unsafe in [
        "__import__('os').system('x')",
        "a.__class__",
        "a ** 99",
        "'text'",
        "a[0]",
        "open(a)",
        "a if b else c",
        "a +",
    ]:
        with pytest.raises(FormulaError):
            Formula.parse(unsafe)


def test_pipeline_ranks_specs_and_shows_the_first_live_week_as_monitoring(
    write_files: Writer,
) -> None:
    spec = VALID["integrations/salesforce.md"]
    root = write_files(
        {
            "integrations/a.md": spec.replace("# Salesforce", "# Alpha"),
            "integrations/b.md": spec.replace("# Salesforce", "# Beta").replace(
                "customer_demand: 5", "customer_demand: 9"
            ),
            "integrations/c.md": spec.replace("# Salesforce", "# Gamma").replace(
                "stage: implementing", "stage: live\nlive_since: 2024-03-01"
            ),
            "integrations/d.md": spec.replace("# Salesforce", "# Delta").replace(
                "priority: {customer_demand: 5, market_differentiation: 3, technical_complexity: 2}\n",
                "",
            ),
        }
    )
    docs = scan_folder(root).documents
    formula = Formula.parse(DEFAULT_PRIORITY)
    ranked = pipeline(docs, formula, datetime(2024, 3, 7, 23, tzinfo=UTC))
    assert [(e.document.title, e.stage, e.score) for e in ranked] == [
        ("Beta", "implementing", 19.0),
        ("Alpha", "implementing", 11.0),
        ("Gamma", "monitoring", 11.0),
        ("Delta", "implementing", None),
    ]
    assert [e.stage for e in pipeline(docs, formula, datetime(2024, 3, 8, tzinfo=UTC))][2] == "live"


@pytest.mark.parametrize("text", ["\x00", "market_size\x00 * 2"])
def test_a_formula_with_a_null_byte_is_refused_on_every_python(text: str) -> None:
    """Python 3.10 refuses a null byte with a ValueError, later versions with a SyntaxError."""
    with pytest.raises(FormulaError, match="is not a formula"):
        Formula.parse(text)
