"""Cross-references found in documents' prose: backlinks, mentions, and repository links.

- **Backlinks.** A Markdown link from one document to another makes the target list the source
  under "Referenced by". Links are resolved as written for the repository (relative to the
  file) and as written for the site (relative to the page's URL), so both styles count.
- **Mentions.** `ADR-0009`, `ADR-9` or `ADR 9` in plain text (not in code, not inside a link)
  becomes a link to that ADR, with its title and status as the tooltip. Any numbered kind's
  prefix works the same way. In an organisation handbook, `payments:ADR-9` names the record
  of another repository and links to its page in that repository's site.
- **Repository links.** A link that is right in the repository (`../adr/0001-x.md` from
  `docs/`) is rewritten to where that file appears in the site, so the handbook reads the same
  on GitHub and in MkDocs.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from ..core.escape import link_target, md_link_title, web_url
from ..reading.model import Document
from .inline import LinkRewrite, TextRewrite, link_targets


@dataclass
class CrossReferences:
    """Who links to whom, and how to find a document from a mention."""

    backlinks: dict[str, list[Document]] = field(default_factory=dict)
    """Document path -> the documents whose text links to it, in path order."""
    numbered: dict[tuple[str, int], Document] = field(default_factory=dict)
    """(id prefix in upper case, number) -> document, for mentions; another repository's
    record under (`payments:ADR`, number)."""
    mentions: re.Pattern[str] | None = None
    """What a mention of one of `numbered` looks like; None when nothing is numbered."""
    own: str = ""
    """The handbook's repository name."""

    def referenced_by(self, document: Document) -> list[Document]:
        return list(self.backlinks.get(document.path, []))

    def mention_index(self) -> Mentions:
        """What mentions link to, as plain data."""
        targets = {
            key: Mentioned(doc.source.src_uri, doc.title, doc.status)
            for key, doc in self.numbered.items()
            if doc.source.src_uri  # a record whose site's address is unknown is not linked
        }
        return Mentions(pattern=self.mentions, targets=targets, own=self.own)


@dataclass(frozen=True)
class Mentioned:
    """A document a mention links to: where it is, and its tooltip's title and status."""

    target: str
    title: str
    status: str | None


@dataclass
class Mentions:
    """Numbered documents by (id prefix in upper case, number), and what a mention looks like."""

    pattern: re.Pattern[str] | None = None
    targets: dict[tuple[str, int], Mentioned] = field(default_factory=dict)
    own: str = ""
    """The handbook's repository name: `own:ADR-3` is its own ADR-3."""

    def may_occur(self, text: str) -> bool:
        """Whether `text` holds anything that looks like a mention (code not excluded)."""
        return self.pattern is not None and self.pattern.search(text) is not None


def cross_references(documents: Iterable[Document], own: str = "") -> CrossReferences:
    """Backlinks from the links between `documents`, and their numbers for mentions (`own`:
    the handbook's repository name)."""
    documents = list(documents)
    by_file = {doc.source.abs_path.as_posix(): doc for doc in documents}
    by_uri = {doc.source.src_uri: doc for doc in documents}
    backlinks: dict[str, list[Document]] = defaultdict(list)
    numbered: dict[tuple[str, int], Document] = {}
    for doc in documents:
        if doc.number is not None:
            numbered.setdefault((mention_key(doc), doc.number), doc)
        if doc.repository is not None:
            continue  # another repository's record: no text here
        for target in link_targets(doc.body):
            found = _linked(doc, target, by_file, by_uri)
            if found is not None and found is not doc and doc not in backlinks[found.path]:
                backlinks[found.path].append(doc)
    ordered = {path: sorted(docs, key=lambda d: d.path) for path, docs in backlinks.items()}
    prefixes = {prefix.rpartition(":")[2] for prefix, _ in numbered}
    repositories = {prefix.rpartition(":")[0] for prefix, _ in numbered} - {""}
    mentions = mention_pattern(prefixes, repositories | ({own} if own else set()))
    return CrossReferences(backlinks=ordered, numbered=numbered, mentions=mentions, own=own)


def mention_key(doc: Document) -> str:
    """How mentions of `doc` are looked up: `ADR`, or `payments:ADR` for another repository's."""
    prefix = (doc.spec.id_prefix or doc.kind).upper()
    return f"{doc.repository}:{prefix}" if doc.repository else prefix


def _linked(
    doc: Document, target: str, by_file: Mapping[str, Document], by_uri: Mapping[str, Document]
) -> Document | None:
    path = _local_path(target)
    if path is None:
        return None
    in_repo = posixpath.normpath(posixpath.join(doc.source.abs_path.parent.as_posix(), path))
    in_site = posixpath.normpath(posixpath.join(posixpath.dirname(doc.source.src_uri), path))
    return by_file.get(in_repo) or by_uri.get(in_site)


def _local_path(target: str) -> str | None:
    """The file path of a relative link (`../adr/x.md#top` -> `../adr/x.md`), or None."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    return unquote(parts.path)


def relative_url(target_uri: str, page_uri: str) -> str:
    """A link from the page at `page_uri` to the file at `target_uri` (both site paths); an
    absolute URL (another repository's page) as it is."""
    if web_url(target_uri):
        return target_uri
    return posixpath.relpath(target_uri, posixpath.dirname(page_uri) or ".")


def repository_links(page_file: str, page_uri: str, site_uris: Mapping[str, str]) -> LinkRewrite:
    """A link rewriter for one page: repository paths -> the linked file's place in the site.

    `site_uris` maps each published file's absolute path (with `/`) to its site path.
    """
    here = posixpath.dirname(page_file)

    def rewrite(target: str) -> str | None:
        path = _local_path(target)
        if path is None:
            return None
        uri = site_uris.get(posixpath.normpath(posixpath.join(here, path)))
        if uri is None:
            return None
        parts = urlsplit(target)
        suffix = (f"?{parts.query}" if parts.query else "") + (
            f"#{parts.fragment}" if parts.fragment else ""
        )
        return relative_url(uri, page_uri) + suffix

    return rewrite


def mention_pattern(
    prefixes: Iterable[str], repositories: Iterable[str] = ()
) -> re.Pattern[str] | None:
    """`ADR-0009`, `ADR-9`, `ADR 9`, `ADR9` for each prefix (case as written: `ADR`), and
    each of those after a repository's name and a colon (`payments:ADR-9`)."""
    alternatives = sorted({re.escape(p) for p in prefixes if p}, key=len, reverse=True)
    if not alternatives:
        return None
    names = sorted({re.escape(r) for r in repositories if r}, key=len, reverse=True)
    qualified = f"(?:(?:{'|'.join(names)}):)?" if names else ""
    return re.compile(
        rf"(?<![\w/.#!\[:-])({qualified}(?:{'|'.join(alternatives)}))[- ]?(\d{{1,6}})(?![\w-])"
    )


def mention_links(mentions: Mentions, page_uri: str) -> TextRewrite:
    """A text rewriter for the page at `page_uri`: mentions of other numbered documents ->
    links with a tooltip."""
    pattern = mentions.pattern

    def link(match: re.Match[str]) -> str:
        repository, _, prefix = match.group(1).rpartition(":")
        key = (
            f"{repository}:{prefix.upper()}"
            if repository and repository != mentions.own
            else prefix.upper()
        )
        found = mentions.targets.get((key, int(match.group(2))))
        if found is None or found.target == page_uri:
            return match.group(0)
        tooltip = f"{found.title} ({found.status})" if found.status else found.title
        target = link_target(relative_url(found.target, page_uri))
        return f"[{match.group(0)}](<{target}> {md_link_title(tooltip)})"

    def rewrite(text: str) -> str:
        return pattern.sub(link, text) if pattern is not None else text

    return rewrite
