"""The first stage of the pipeline: sources -> documents and their diagnostics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from .diagnostics import Diagnostic, diagnostic
from .model import Document, SourceFile
from .parse import read_document
from .settings import Settings
from .sources import discover


@dataclass
class Scan:
    """Every source file, the documents among them, and every problem found."""

    files: list[SourceFile]
    documents: list[Document]
    diagnostics: list[Diagnostic]

    @property
    def ignored_rules(self) -> dict[str, frozenset[str]]:
        """Rule codes each document silences in its frontmatter, by path."""
        return {doc.path: doc.ignored_rules for doc in self.documents if doc.ignored_rules}


def scan(settings: Settings, progress: Callable[[int, int], None] | None = None) -> Scan:
    """Read every source file and check each document and the set of them. The diagnostics are
    as found: `run_checks` applies the team's rule policy once, to every stage's together.

    `progress(done, total)` is called after each file, for a progress display on long runs.
    """
    files, problems = discover(settings.folders, settings.root, settings.folder_kinds)
    documents = []
    for done, source in enumerate(files, 1):
        result = read_document(source, settings.kinds, settings.forced_kind)
        problems.extend(result.diagnostics)
        if result.document is not None:
            documents.append(result.document)
        if progress is not None:
            progress(done, len(files))
    problems.extend(duplicate_ids(documents))
    return Scan(files=files, documents=documents, diagnostics=problems)


def duplicate_ids(documents: list[Document]) -> list[Diagnostic]:
    """Documents of one kind that claim the same id (for ADRs, the same number)."""
    claimed: dict[tuple[str, str], list[Document]] = defaultdict(list)
    for doc in documents:
        claimed[(doc.kind, doc.id)].append(doc)
    problems = []
    for (_, doc_id), docs in sorted(claimed.items()):
        if len(docs) < 2:
            continue
        for doc in docs:
            others = ", ".join(other.path for other in docs if other is not doc)
            key = "number" if doc.number is not None else "id"
            problems.append(
                diagnostic(
                    doc.path,
                    doc.line_of(key) if key in doc.key_lines else 1,
                    "ASY201",
                    f"{doc_id} is also claimed by {others}; give one of them the next free {key}",
                )
            )
    return problems
