"""Starting a new document: its template, its folder, its number and file name.

Templates are Markdown files with `{{ name }}` fields (title, date, author, number, id, slug,
kind). A team overrides a kind's template with `.asyncops/templates/<kind>.md` in its repository;
a kind with no template gets one made from its definition. Filled in, a template passes
`asyncops check`; left as it is, its sections are reported as template text (ASY103).
"""

from __future__ import annotations

import getpass
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from importlib import resources
from pathlib import Path

import pygit2

from ..core.kinds import KindSpec
from ..core.settings import Settings
from ..errors import AsyncOpsError
from ..reading.frontmatter import find_block
from ..reading.model import Document
from ..reading.parse import file_number
from ..reading.sources import MARKDOWN_SUFFIXES, display_path
from .frontmatter import yaml_value

OVERRIDE_FOLDER = Path(".asyncops") / "templates"
"""Where a repository keeps its own templates, one `<kind>.md` each."""

_FIELD = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
_FIELDS = ("title", "date", "author", "number", "id", "slug", "kind")


class ScaffoldError(AsyncOpsError):
    """A document cannot be started: a broken template, or a file already there."""

    refused = True


def template_for(spec: KindSpec, root: Path, explicit: Path | None = None) -> tuple[str, str]:
    """The template text for a kind and where it came from: given, the repository's, built in, or generated."""
    candidates = [explicit] if explicit else [root / OVERRIDE_FOLDER / f"{spec.name}.md"]
    for path in candidates:
        if path.is_file():
            try:
                return path.read_text(encoding="utf-8"), display_path(path, root)
            except (OSError, UnicodeDecodeError) as exc:
                raise ScaffoldError(
                    f"{display_path(path, root)}: cannot read the template ({exc})"
                ) from None
        if explicit:
            raise ScaffoldError(f"{explicit}: no such template")
    builtin = resources.files(__package__) / "scaffolds" / f"{spec.name}.md"
    if builtin.is_file():
        return builtin.read_text(encoding="utf-8"), "built in"
    return generic_template(spec), "made from the kind's definition"


def generic_template(spec: KindSpec) -> str:
    """A template for a team's own kind: `kind:`, its required fields, a title and its sections."""
    lines = ["---", "kind: {{kind}}"]
    for requirement in spec.required_fields:
        name = requirement.split("|")[0].strip()
        if name == spec.status_field:
            lines.append(f"{name}: {spec.statuses[0] if spec.statuses else 'draft'}")
        elif name in {"owner", "author", "deciders"}:
            lines.append(f"{name}: {{{{author}}}}")
        elif name == "date" or name.endswith("_date"):
            lines.append(f"{name}: {{{{date}}}}")
        elif name != "kind":
            lines.append(f"{name}:  # required")
    lines += ["---", "# {{title}}"]
    for section in spec.sections:
        lines += ["", f"## {section.name}", "", f"[Write the {section.name.lower()} here.]"]
    return "\n".join(lines) + "\n"


def render(template: str, values: Mapping[str, object], source: str = "the template") -> str:
    """Fill the `{{ name }}` fields; in the frontmatter, values are written as YAML."""
    unknown = sorted({m.group(1) for m in _FIELD.finditer(template)} - set(values))
    if unknown:
        raise ScaffoldError(
            f"{source}: unknown field {{{{{unknown[0]}}}}}; the fields are {', '.join(_FIELDS)}"
        )
    block = find_block(template)
    front_end = block.body_start if block is not None and block.closed else 0

    def fill(match: re.Match[str], quoted: bool) -> str:
        value = values[match.group(1)]
        return yaml_value(value) if quoted else str(value)

    head = _FIELD.sub(lambda m: fill(m, True), template[:front_end])
    return head + _FIELD.sub(lambda m: fill(m, False), template[front_end:])


def slugify(title: str, limit: int = 60) -> str:
    """`Use PostgreSQL JSONB!` -> `use-postgresql-jsonb`: ASCII, lower case, hyphens."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "untitled"


def target_folder(settings: Settings, documents: Iterable[Document], spec: KindSpec) -> Path:
    """Where the kind's documents live: the folder most of them are in, else the folder named for it.

    Without any yet, a source folder read as the kind or named for it is used, then a folder of
    the kind's first folder name (`design/`) in the first source folder.
    """
    homes = Counter(doc.source.abs_path.parent for doc in documents if doc.kind == spec.name)
    if homes:
        return homes.most_common(1)[0][0]
    names = {name.casefold() for name, kind in settings.folder_kinds.items() if kind == spec.name}
    for folder in settings.folders:
        if folder.kind == spec.name or folder.path.name.casefold() in names:
            return folder.path
        for child in (
            sorted(p for p in folder.path.iterdir() if p.is_dir()) if folder.path.is_dir() else []
        ):
            if child.name.casefold() in names:
                return child
    first = settings.folders[0].path if settings.folders else settings.root
    return first / (spec.folders[0] if spec.folders else spec.name)


def next_number(documents: Iterable[Document], folder: Path, spec: KindSpec) -> int:
    """One more than the highest number in use, in the kind's documents or the folder's file names."""
    used = {doc.number for doc in documents if doc.kind == spec.name and doc.number is not None}
    if folder.is_dir():
        used |= {
            n
            for p in folder.iterdir()
            if p.suffix.lower() in MARKDOWN_SUFFIXES and (n := file_number(p.stem)) is not None
        }
    return max(used, default=0) + 1


def file_name(spec: KindSpec, title: str, number: int | None) -> str:
    """`0008-use-postgresql-jsonb.md` for numbered kinds, `search-v2.md` otherwise."""
    slug = slugify(title)
    return f"{number:04d}-{slug}.md" if number is not None else f"{slug}.md"


def refuse_same_title(folder: Path, spec: KindSpec, title: str, root: Path) -> None:
    """Refuse a second numbered document with a title already used (`0004-x.md`, then `0005-x.md`)."""
    if not spec.numbered or not folder.is_dir():
        return
    slug = slugify(title)
    for path in sorted(folder.iterdir()):
        if file_number(path.stem) is not None and path.stem.split("-", 1)[-1] == slug:
            raise ScaffoldError(
                f"{display_path(path, root)} already has this title; edit it, or choose another title"
            )


def git_author(root: Path) -> str:
    """`user.name` from git's configuration (repository, then global), else the login name."""
    try:
        found = pygit2.discover_repository(str(root))
        config = pygit2.Repository(found).config if found else pygit2.Config.get_global_config()
        return str(config["user.name"])
    except (KeyError, OSError, pygit2.GitError):
        pass
    try:
        return os.environ.get("GIT_AUTHOR_NAME") or getpass.getuser()
    except (KeyError, OSError):  # no login name in some containers
        return ""


def values_for(
    spec: KindSpec, title: str, number: int | None, author: str, today: date
) -> dict[str, object]:
    """The fields a template may use."""
    prefix = spec.id_prefix or spec.name.upper()
    return {
        "title": title,
        "date": today,
        "author": author,
        "number": str(number) if number is not None else "",
        "id": f"{prefix}-{number:04d}" if number is not None else slugify(title),
        "slug": slugify(title),
        "kind": spec.name,
    }


def create(path: Path, text: str, shown: str) -> None:
    """Write a new file, refusing if one is there (checked and created in one step)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(
            f"{shown} already exists; choose another title or edit that file"
        ) from None
