"""The second pipeline stage: documents -> a handbook with their stated relations resolved.

Each `Reference` a document states (in frontmatter, or in the body of an imported log) is
resolved to a document by link, id, number or file name, and recorded in both directions: if
ADR-0009 supersedes ADR-0003, ADR-0003 is superseded by ADR-0009 whichever of the two said so.
References that lead nowhere, supersession cycles and contradictory statuses are diagnostics.

A target may name another repository (`payments:ADR-0003`). In an organisation handbook, which
holds other handbooks' records (`remotes.py`), it resolves to that repository's record, both
ways as any other. A target in a repository the handbook does not hold is kept as written
(`Handbook.external`), never a broken reference: the organisation handbook judges it. Records
of other repositories are read-only: only relations across repositories are judged here, their
home handbook judges the rest.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..core.diagnostics import Diagnostic, diagnostic
from ..core.settings import Repository
from ..reading.model import Document, Reference
from ..reading.parse import file_number

INVERSE = {
    "supersedes": "superseded_by",
    "superseded_by": "supersedes",
    "amends": "amended_by",
    "amended_by": "amends",
    "requires": "required_by",
    "required_by": "requires",
    "relates_to": "relates_to",
}

_ID = re.compile(r"^\s*([A-Za-z][A-Za-z]*)[-_ ]?0*(\d+)\s*$")
_NUMBER = re.compile(r"^\s*#?0*(\d+)\s*$")
_QUALIFIED = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*):([A-Za-z0-9][\w.-]*)\s*$")
"""`payments:ADR-0003`: a target in another repository, named by id, number or file stem."""
_SCHEMES = frozenset({"data", "file", "ftp", "http", "https", "javascript", "mailto", "tel"})


def split_repository(target: str) -> tuple[str | None, str]:
    """`payments:ADR-3` -> (`payments`, `ADR-3`); a target without a repository -> (None, it)."""
    match = _QUALIFIED.match(target)
    if match is None or match.group(1).lower() in _SCHEMES:
        return None, target
    return match.group(1), match.group(2)


@dataclass
class Handbook:
    """Documents with their relations resolved both ways, and the problems found doing it."""

    documents: list[Document]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    repository: Repository = field(default_factory=Repository)
    """The repository the handbook is, for its records' names and published URLs."""
    _related: dict[str, dict[str, list[Document]]] = field(default_factory=dict, repr=False)
    _external: dict[str, dict[str, list[str]]] = field(default_factory=dict, repr=False)

    def related(self, document: Document, relation: str) -> list[Document]:
        """The documents `document` has `relation` to, e.g. `related(adr3, "superseded_by")`."""
        return list(self._related.get(document.path, {}).get(relation, []))

    def relations_of(self, document: Document) -> Mapping[str, Sequence[Document]]:
        """The documents `document` has each relation to, by relation (`related` of them all)."""
        return self._related.get(document.path, {})

    def external(self, document: Document, relation: str) -> list[str]:
        """What `document` states it has `relation` to in a repository this handbook does not
        hold, as written (`payments:ADR-3`)."""
        return list(self._external.get(document.path, {}).get(relation, []))

    def external_of(self, document: Document) -> Mapping[str, Sequence[str]]:
        """What `document` states it has each relation to outside (`external` of them all)."""
        return self._external.get(document.path, {})

    @property
    def own(self) -> list[Document]:
        """The handbook's own documents, without other repositories' records."""
        return [doc for doc in self.documents if doc.repository is None]

    def by_kind(self, kind: str) -> list[Document]:
        return [doc for doc in self.documents if doc.kind == kind]


def build_handbook(
    documents: list[Document], repository: Repository | None = None, remotes: Iterable[str] = ()
) -> Handbook:
    """Resolve every stated reference and check the relations for contradictions.

    `repository` is the handbook's own; `remotes` names the other repositories an
    organisation handbook reads (also those that could not be read): a target in a repository
    that is neither is a broken reference there, and external in a handbook without remotes.
    """
    groups: dict[str | None, list[Document]] = defaultdict(list)
    for doc in documents:
        groups[doc.repository].append(doc)
    indexes = {repository: _Index(docs) for repository, docs in groups.items()}
    indexes.setdefault(None, _Index([]))
    remotes = frozenset(remotes)
    repository = repository or Repository()
    own = repository.name
    handbook = Handbook(documents=documents, repository=repository)
    related: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
    external: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc in documents:
        for reference in doc.references:
            named, text = split_repository(reference.target)
            home = doc.repository if named is None else (None if named == own else named)
            if home not in indexes:
                if doc.repository is None and remotes and named not in remotes:
                    handbook.diagnostics.append(_unknown_repository(doc, reference, remotes))
                else:
                    external[doc.path][reference.relation].append(reference.target.strip())
                continue
            target = indexes[home].resolve(doc, text)
            if target is None:
                if doc.repository is None or home != doc.repository:
                    handbook.diagnostics.append(_broken(doc, reference))
                continue
            if target is doc:
                if doc.repository is None:
                    handbook.diagnostics.append(
                        diagnostic(
                            doc.path,
                            reference.line,
                            "ASY302",
                            f"{doc.id} says it {_words(reference.relation)} itself; remove the reference",
                        )
                    )
                continue
            _link(related, doc, reference.relation, target)
            _link(related, target, INVERSE[reference.relation], doc)
    handbook._related = {path: dict(relations) for path, relations in related.items()}
    handbook._external = {path: dict(relations) for path, relations in external.items()}
    handbook.diagnostics.extend(_supersession_cycles(handbook))
    handbook.diagnostics.extend(_status_contradictions(handbook))
    return handbook


def _link(
    related: dict[str, dict[str, list[Document]]], doc: Document, relation: str, target: Document
) -> None:
    targets = related[doc.path][relation]
    if target not in targets:
        targets.append(target)


class _Index:
    """Ways to find a document: by file, by id, by number within a kind, by file stem."""

    def __init__(self, documents: Iterable[Document]) -> None:
        self.by_file: dict[str, Document] = {}
        self.by_id: dict[str, Document] = {}
        self.by_stem: dict[str, list[Document]] = defaultdict(list)
        self.by_number: dict[tuple[str, int], Document] = {}
        self.prefixes: dict[str, str] = {}
        self.by_format_number: dict[tuple[str, str | None, int], Document] = {}
        for doc in documents:
            self.by_file[doc.source.abs_path.as_posix()] = doc
            self.by_id.setdefault(doc.local_id.casefold(), doc)
            self.by_stem[_record_name(doc).casefold()].append(doc)
            if doc.number is not None:
                self.by_number.setdefault((doc.kind, doc.number), doc)
                self.by_format_number.setdefault((doc.kind, doc.source_format, doc.number), doc)
                self.prefixes[(doc.spec.id_prefix or doc.kind).casefold()] = doc.kind

    def resolve(self, source: Document, target: str) -> Document | None:
        """Find what `target` (as written in `source`) refers to.

        A link is followed first; when it is dead, the number in its file name is tried, since
        renamed files are the usual reason for a dead link in a decision log.
        """
        text = target.strip()
        if not text:
            return None
        if "/" in text or text.lower().endswith((".md", ".markdown")) or "#" in text[1:]:
            return self._by_link(source, text)
        match = _NUMBER.match(text)
        if match:
            return self._numbered(source, int(match.group(1)))
        match = _ID.match(text)
        if match and match.group(1).casefold() in self.prefixes:
            return self.by_number.get(
                (self.prefixes[match.group(1).casefold()], int(match.group(2)))
            )
        return self.by_id.get(text.casefold()) or self._by_stem(source, text)

    def _numbered(self, source: Document, number: int) -> Document | None:
        """The document with this number, of the same format first (PEP 8 before KEP 8)."""
        return self.by_format_number.get(
            (source.kind, source.source_format, number)
        ) or self.by_number.get((source.kind, number))

    def _by_link(self, source: Document, link: str) -> Document | None:
        """A link, or a repository path such as `/keps/sig-node/1234-name` (a folder)."""
        path = unquote(urlsplit(link).path).rstrip("/")
        if not path:
            return None
        here = source.source.abs_path.parent.as_posix()
        found = self.by_file.get(posixpath.normpath(posixpath.join(here, path)))
        if found is not None:
            return found
        stem = posixpath.splitext(posixpath.basename(path))[0]
        number = file_number(stem)
        if number is not None:
            return self._numbered(source, number)
        return self._by_stem(source, stem)

    def _by_stem(self, source: Document, stem: str) -> Document | None:
        candidates = self.by_stem.get(stem.casefold(), [])
        same_kind = [doc for doc in candidates if doc.kind == source.kind]
        return next(iter(same_kind or candidates), None)


def _record_name(doc: Document) -> str:
    """The name a record is referred to by: its file's stem, or for a folder's README (a KEP)
    the folder's name."""
    stem = doc.source.stem
    if stem.casefold() in ("readme", "index", "kep"):
        return doc.source.abs_path.parent.name
    return stem


def _words(relation: str) -> str:
    return relation.replace("_", " ")


def _unknown_repository(doc: Document, reference: Reference, remotes: frozenset[str]) -> Diagnostic:
    named, _ = split_repository(reference.target)
    return diagnostic(
        doc.path,
        reference.line,
        "ASY301",
        f"{_words(reference.relation)} {reference.target!r}, but {named!r} is not a repository "
        f"this handbook reads (remotes: {', '.join(sorted(remotes))}); fix the name or add the remote",
    )


def _broken(doc: Document, reference: Reference) -> Diagnostic:
    return diagnostic(
        reference.path or doc.path,
        reference.line,
        "ASY301",
        f"{_words(reference.relation)} {reference.target!r}, but no document matches it; "
        "give an id (ADR-0003), a number or a file name that exists",
    )


def _supersession_cycles(handbook: Handbook) -> list[Diagnostic]:
    """One diagnostic per group of documents that supersede each other round in a circle.

    The groups are the strongly connected components of the supersession graph (edges from
    `supersedes` and `superseded_by`, merged); a group may hold several circles, so the message
    shows the shortest through its first member and names every other member caught in it.
    """
    problems = []
    for group in supersession_groups(handbook):
        if len({doc.repository for doc in group}) == 1 and group[0].repository is not None:
            continue  # within one other repository: its own handbook says so
        first = group[0]
        circle = supersession_path(handbook, first, first) or [first]
        shown = " -> ".join(doc.id for doc in circle)
        others = [doc.id for doc in group if doc not in circle]
        also = ""
        if others:
            also = f"; {', '.join(others)} {'is' if len(others) == 1 else 'are'} caught in it too"
        stated = [key for key in ("superseded_by", "supersedes") if key in first.key_lines]
        problems.append(
            diagnostic(
                first.path,
                first.line_of(stated[0]) if stated else 1,
                "ASY302",
                f"supersession goes round in a circle ({shown}){also}; one of them must stay in force",
            )
        )
    return problems


def supersession_groups(handbook: Handbook) -> list[list[Document]]:
    """The documents on supersession circles, in groups that reach each other (Tarjan's
    strongly connected components, without recursion); members and groups in path order."""
    documents = sorted(handbook.documents, key=lambda doc: doc.path)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[Document] = []
    on_stack: set[str] = set()
    groups = []
    for root in documents:
        if root.path in index:
            continue
        first = _successors(handbook, root)
        if not first:  # a group of its own, on no circle (most documents)
            continue
        work = [(root, iter(first))]
        index[root.path] = low[root.path] = len(index)
        stack.append(root)
        on_stack.add(root.path)
        while work:
            node, successors = work[-1]
            child = next(successors, None)
            if child is not None:
                if child.path not in index:
                    index[child.path] = low[child.path] = len(index)
                    stack.append(child)
                    on_stack.add(child.path)
                    work.append((child, iter(_successors(handbook, child))))
                elif child.path in on_stack:
                    low[node.path] = min(low[node.path], index[child.path])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent.path] = min(low[parent.path], low[node.path])
            if low[node.path] == index[node.path]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member.path)
                    group.append(member)
                    if member is node:
                        break
                if len(group) > 1:
                    groups.append(sorted(group, key=lambda doc: doc.path))
    return sorted(groups, key=lambda group: group[0].path)


def supersession_path(handbook: Handbook, start: Document, goal: Document) -> list[Document] | None:
    """The shortest chain of successors from `start` to `goal` (at least one step), or None."""
    previous: dict[str, Document] = {}
    queue = [start]
    for current in queue:
        for successor in _successors(handbook, current):
            if successor.path in previous:
                continue
            previous[successor.path] = current
            if successor.path == goal.path:
                chain = [successor]
                while chain[-1] is not start or len(chain) == 1:
                    chain.append(previous[chain[-1].path])
                return chain[::-1]
            queue.append(successor)
    return None


def _successors(handbook: Handbook, document: Document) -> list[Document]:
    return sorted(handbook.related(document, "superseded_by"), key=lambda doc: doc.path)


def _status_contradictions(handbook: Handbook) -> list[Diagnostic]:
    """A superseded decision still marked in force, or marked superseded with no successor."""
    problems = []
    for doc in handbook.documents:
        if "superseded" not in doc.spec.statuses:
            continue
        successors = handbook.related(doc, "superseded_by")
        if doc.repository is not None:  # read-only: judged only across repositories
            successors = [other for other in successors if other.repository != doc.repository]
        line = doc.line_of(doc.spec.status_field)
        if successors and doc.status not in ("superseded", "deprecated", "rejected", None):
            problems.append(
                diagnostic(
                    doc.path,
                    line,
                    "ASY303",
                    f"{doc.id} is superseded by {successors[0].id} but its status is {doc.status!r}; "
                    "set `status: superseded`",
                )
            )
        elif (
            doc.repository is None
            and doc.status == "superseded"
            and not successors
            and not handbook.external(doc, "superseded_by")
        ):
            named = [ref.target for ref in doc.references if ref.relation == "superseded_by"]
            advice = (
                f"its `superseded_by:` names {', '.join(map(repr, named))}, which "
                f"{'does' if len(named) == 1 else 'do'} not exist; "
                "point it at the ADR that replaces it, or write that ADR"
                if named
                else "nothing supersedes it; add `superseded_by:` with its successor"
            )
            problems.append(
                diagnostic(doc.path, line, "ASY304", f"{doc.id} is marked superseded but {advice}")
            )
    return problems
