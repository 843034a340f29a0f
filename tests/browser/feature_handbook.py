"""A Material handbook that exercises every generated page, for the layout and accessibility
checks: the flow repository's history (reviews in progress and approved, a superseded decision,
a postmortem with overdue action items, a stale runbook) plus a catalog (coverage, bus factor,
drift), integration specifications in every stage, another repository's export (the
organisation page), and the titles and names that break layouts: long words, long paths, long
lists of tags and people.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers.flow_repo import ANA, BO, build_flow_repo
from tests.helpers.site import MERMAID, build_site

LONG_WORD = "Supercalifragilisticexpialidocious" * 3
LONG_PATH = "services/payments/ledger/reconciliation/nightly_batch_settlement_worker.py"

PALETTE = """\
theme:
  name: material
  font: false
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {icon: material/brightness-7, name: Switch to dark mode}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {icon: material/brightness-4, name: Switch to light mode}
"""


def config(export: Path) -> str:
    return (
        f"site_name: Features\nsite_url: https://handbook.example.com/\n{PALETTE}{MERMAID}"
        "  - admonition\n  - tables\n"
        "plugins:\n  - asyncops:\n      repository: features\n      sources: [adr]\n"
        "      today: 2026-03-10\n      catalog: catalog.yml\n      coverage_minimum: 0\n"
        f"      remotes:\n        - name: payments\n          export: {export}\n"
    )


CATALOG = f"""\
types:
  service: [adr, runbook]
  integration: [integration]
systems:
  - name: broker
    owner: Bo Li
    type: service
    paths: [src/broker]
  - name: {LONG_WORD.lower()}
    owner: Ana Souza
    type: service
    paths: [src/long]
  - name: billing-gateway
    owner: Chen Wu
    type: integration
"""

INTEGRATION = """\
---
stage: {stage}
owner: Chen Wu
auth_method: OAuth 2 client credentials with a very long explanation of scopes
rate_limits: 100 requests a minute per tenant
requested: 2026-02-01
priority: {{customer_demand: 5, market_differentiation: 2, technical_complexity: 3}}
systems: [billing-gateway]
tags: [billing, payments, {long}]
---
# {title}

## API Analysis
See `{path}`.

## Configuration Guide
Set it up.

## Action Documentation
Actions.

## Error Handling
Retries.

## Testing Guide
Test it.
"""

LONG_ADR = f"""\
---
status: proposed
date: 2026-03-09
deciders: [Ana Souza, Bo Li, Chen Wu, Dana Whitfield-Montgomery, Eun-ji Park-Kowalczyk]
systems: [broker, {LONG_WORD.lower()}]
tags: [architecture, performance, reliability, observability, {LONG_WORD.lower()}]
---
# 4. Reconcile ledgers nightly in `{LONG_PATH}` with {LONG_WORD}

## Context
Wide tables in a body scroll in their own box:

| {" | ".join(f"Column {n}" for n in range(14))} |
| {" | ".join("---" for _ in range(14))} |
| {" | ".join(LONG_WORD[:20] for _ in range(14))} |

## Decision
Chosen.

## Consequences
Follows.
"""

PAYMENTS = """\
site_name: payments
site_url: https://payments.example.com/
docs_dir: docs
plugins:
  - asyncops:
      repository: payments
      sources: [adr]
      history: false
      today: 2026-03-10
"""

PAYMENTS_ADR = """\
---
status: accepted
date: 2026-01-02
deciders: [Chen Wu]
---
# 7. Keep one ledger per {long}

## Context
Forces.

## Decision
Chosen.

## Consequences
Follows.
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def build_feature_handbook(root: Path) -> Path:
    """Make the handbook's repository under `root/features` (and another repository's built
    export beside it); return the project folder."""
    payments = root / "payments"
    write(
        payments,
        {
            "mkdocs.yml": PAYMENTS,
            "docs/index.md": "# Payments\n",
            "adr/0007-one-ledger.md": PAYMENTS_ADR.format(long=LONG_WORD),
        },
    )
    build_site(payments, strict=True)
    project = root / "features"
    repo = build_flow_repo(project)
    stages = ["requested", "implementing", "live"]
    specs = {
        f"docs/integrations/{stage}.md": INTEGRATION.format(
            stage=stage,
            title=f"Billing gateway {stage} {LONG_WORD}",
            path=LONG_PATH,
            long=LONG_WORD,
        )
        for stage in stages
    }
    repo.commit(
        {
            "mkdocs.yml": config(payments / "site" / "asyncops.json"),
            "catalog.yml": CATALOG,
            "src/broker/main.py": "print('broker')\n",
            "src/long/main.py": "print('long')\n",
            "adr/0004-reconcile-ledgers.md": LONG_ADR,
            **specs,
        },
        "2026-03-09 17:00",
        ANA,
        "Catalog, integrations and a long decision",
    )
    repo.commit({"src/broker/main.py": "print('broker 2')\n"}, "2026-03-10 08:00", BO, "Broker")
    return project
