"""Context switching: efforts in flight per engineer, with `.mailmap` aliases, against at most two."""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs_asyncops.render.health_pages import metrics_page
from tests.helpers import VALID
from tests.helpers.flow_repo import build_flow_repo, checked_flow

INTEGRATION = VALID["integrations/salesforce.md"]


def test_efforts_in_flight_per_person(tmp_path: Path) -> None:
    root = tmp_path / "flow"
    repo = build_flow_repo(root)
    repo.commit(
        {
            "docs/integrations/salesforce.md": INTEGRATION,  # implementing, owner Chen Wu
            "docs/integrations/hubspot.md": INTEGRATION.replace(
                "stage: implementing", "stage: specified"
            ).replace("# Salesforce", "# HubSpot"),
            "docs/integrations/zendesk.md": INTEGRATION.replace(
                "stage: implementing", "stage: live"
            ).replace("# Salesforce", "# Zendesk"),
        },
        "2026-03-09 12:00",
    )
    checked, _ = checked_flow(root)
    data = checked.health.team_health()["context_switching"]
    assert data["target_max"] == 2
    assert data["over_target"] == 1
    assert [
        (p["person"], p["count"], p["over_target"], [(e["type"], e["title"]) for e in p["efforts"]])
        for p in data["people"]
    ] == [
        (
            "Chen Wu",
            3,
            True,
            [("design", "Search"), ("integration", "HubSpot"), ("integration", "Salesforce")],
        ),
        # `ana` owns the runbook action item: one person with Ana Souza
        ("Ana Souza", 2, False, [("design", "Cache"), ("action-item", "Write the broker runbook")]),
        ("Bo Li", 1, False, [("action-item", "Alert on disk usage")]),
    ]
    export = json.loads(json.dumps(checked.health.to_dict()))
    assert export["team_health"]["context_switching"] == data
    page = metrics_page(checked.health).markdown("health/metrics.md")
    assert "## Context switching" in page
    assert (
        "| Chen Wu | 3 ⚠️ | [Search](../design/search.md); [HubSpot](../integrations/hubspot.md); "
        "[Salesforce](../integrations/salesforce.md) |"
    ) in page
