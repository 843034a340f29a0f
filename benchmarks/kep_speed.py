"""How long reading a KEP tree of 1,000 proposals takes, against the same count of plain ADRs.

Run by hand: `python benchmarks/kep_speed.py [--proposals N]`. It generates `keps/sig-*/NNNN-name/`
folders, each a `README.md` and a `kep.yaml` (every tenth proposal replaced by the next, every
seventh related to the one before), and as many frontmatter ADRs, then reports the core checks on
each, best and median of several runs. The difference is the cost of reading the sidecars,
mapping their keys and statuses, and resolving repository-path references.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from check_speed import best_of

from mkdocs_asyncops.core.settings import Settings
from mkdocs_asyncops.pipeline import run_checks
from mkdocs_asyncops.reading.model import SourceFolder

PARAGRAPH = "A sentence of realistic length about the system and its trade-offs. " * 6
KEP_SECTIONS = (
    "".join(
        f"## {name}\n\n{PARAGRAPH}\n\n"
        for name in ("Summary", "Motivation", "Proposal", "Design Details", "Alternatives")
    )
    + f"### Graduation Criteria\n\n{PARAGRAPH}\n"
)
ADR_SECTIONS = "".join(
    f"## {name}\n\n{PARAGRAPH}\n\n" for name in ("Context", "Decision", "Consequences")
)
SIGS = ("sig-node", "sig-network", "sig-storage", "sig-apps")


def folder(number: int) -> str:
    return f"{SIGS[number % len(SIGS)]}/{number:04d}-proposal-{number}"


def kep_yaml(number: int, total: int) -> str:
    replaced = number % 10 == 0 and number < total
    lines = [
        f"title: Proposal {number}",
        f"kep-number: {number}",
        "authors:\n  - '@ana'\n  - '@bo'",
        f"owning-sig: {SIGS[number % len(SIGS)]}",
        f"status: {'replaced' if replaced else 'implementable'}",
        "creation-date: 2021-02-03",
        "last-updated: 2022-04-05",
        "reviewers:\n  - '@chen'",
        "approvers:\n  - '@dee'",
        "stage: beta",
        "latest-milestone: 'v1.24'",
    ]
    if replaced:
        lines.append(f"superseded-by:\n  - /keps/{folder(number + 1)}")
    if number % 7 == 0 and number > 1:
        lines.append(f"see-also:\n  - /keps/{folder(number - 1)}")
    return "\n".join(lines) + "\n"


def adr(number: int, total: int) -> str:
    superseded = number % 10 == 0 and number < total
    meta = (
        f"status: superseded\nsuperseded_by: [{number + 1}]\n"
        if superseded
        else "status: accepted\n"
    )
    return f"---\n{meta}date: 2024-09-20\ndeciders: [Ana, Bo]\n---\n# {number}. Decision {number}\n\n{ADR_SECTIONS}"


def generate(root: Path, count: int) -> None:
    for number in range(1, count + 1):
        here = root / "keps" / folder(number)
        here.mkdir(parents=True)
        (here / "kep.yaml").write_text(kep_yaml(number, count), encoding="utf-8")
        (here / "README.md").write_text(
            f"# KEP-{number}: Proposal {number}\n\n{KEP_SECTIONS}", encoding="utf-8"
        )
    (root / "adr").mkdir()
    for number in range(1, count + 1):
        (root / "adr" / f"{number:04d}-decision-{number}.md").write_text(
            adr(number, count), encoding="utf-8"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--proposals", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root, args.proposals)
        keps = Settings.build(root, [SourceFolder(path=root / "keps")])
        adrs = Settings.build(root, [SourceFolder(path=root / "adr")])
        checked = run_checks(keps)
        assert len(checked.documents) == args.proposals and not checked.diagnostics, (
            checked.diagnostics[:3]
        )
        replaced = sum(doc.status == "superseded" for doc in checked.documents)
        assert replaced == (args.proposals - 1) // 10, replaced
        assert not run_checks(adrs).diagnostics
        kep_time = best_of(args.runs, lambda: run_checks(keps))
        adr_time = best_of(args.runs, lambda: run_checks(adrs))
        print(f"{args.proposals} records, best / median of {args.runs} runs")
        print(
            f"  core checks, KEP tree (README + kep.yaml)  {kep_time[0]:.3f} s / {kep_time[1]:.3f} s"
        )
        print(
            f"  core checks, plain ADRs                    {adr_time[0]:.3f} s / {adr_time[1]:.3f} s"
        )
        print(f"  ratio KEPs / ADRs                          {kep_time[0] / adr_time[0]:.2f}x")


if __name__ == "__main__":
    main()
