"""Notes on a pull request's code: which documents it leaves behind, which decisions it relies on.

- ASY505: the change touches a catalogued system's code `paths:` but none of the documents that
  cover the system; the note names them and how far each has drifted already.
- ASY506: a changed file cites a decision that is not accepted (proposed, superseded ...).

Both are notes (info): a reminder for the reviewer, never a failure by default.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.kinds import fold_status
from ..handbook.citations import Citations
from ..health.catalog import System
from ..health.drift import Drift
from ..reading.model import Document

_SHOWN = 3


def _under(path: str, roots: Iterable[str]) -> bool:
    return any(path == root or path.startswith(f"{root}/") for root in roots)


def _drift_of(doc: Document, drift: Mapping[str, Drift]) -> str:
    item = drift.get(doc.path)
    if item is None:
        return f"{doc.path}"
    state = "drifting" if item.drifting else "within its limit"
    return (
        f"{doc.path} ({item.commits} commit{'s' * (item.commits != 1)} and {item.lines:,} lines behind its code since "
        f"{item.since.date().isoformat()}, {state})"
    )


def undocumented_changes(
    label: str,
    changed: Iterable[str],
    systems: Iterable[System],
    documents: Iterable[Document],
    drift: Iterable[Drift],
) -> list[Diagnostic]:
    """ASY505 for each system whose code the change touches while none of its documents
    (`changed`: paths relative to the project root)."""
    changed = sorted(set(changed))
    documents = list(documents)
    by_path = {item.document.path: item for item in drift}
    notes = []
    for system in sorted(systems, key=lambda s: s.name):
        code = [path for path in changed if _under(path, system.paths)]
        covering = [doc for doc in documents if system.name in doc.meta.systems]
        if not code or not covering or any(doc.path in changed for doc in covering):
            continue
        more = f" and {len(code) - _SHOWN} more" if len(code) > _SHOWN else ""
        notes.append(
            diagnostic(
                label,
                0,
                "ASY505",
                f"the change touches the code of {system.name} ({', '.join(code[:_SHOWN])}{more}) "
                f"but none of its documents: {'; '.join(_drift_of(d, by_path) for d in covering)}; "
                "update them in this change if it alters what they say",
            )
        )
    return notes


def unaccepted_citations(
    label: str, changed: Iterable[str], citations: Citations
) -> list[Diagnostic]:
    """ASY506 for each line of a changed file that cites a decision that is not accepted."""
    changed = set(changed)
    notes = []
    for citation in sorted(citations.all(), key=lambda c: (c.path, c.line)):
        doc = citation.document
        if citation.path not in changed or "accepted" not in doc.spec.statuses:
            continue
        if fold_status(doc.status or "") == "accepted":
            continue
        notes.append(
            diagnostic(
                label,
                0,
                "ASY506",
                f"{citation.label} cites {doc.label} ({doc.status or 'no status'}, {doc.title!r}), "
                "a decision that is not accepted; make sure the change does not rely on it",
            )
        )
    return notes
