"""People's names as documents write them, made one person each with the repository's `.mailmap`.

`.mailmap` maps the names and emails commits carry to one proper name; documents name people
too (`reviewers: [ana]`, `approved_by: [Ana Souza]`), so every other name or email a line of it
gives counts as the proper name. Names compare without case.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pygit2

_ENTRY = re.compile(r"\s*([^<#]*?)\s*<([^>]*)>")


@dataclass(frozen=True)
class Names:
    """Aliases (folded) -> proper names, from `.mailmap`."""

    aliases: dict[str, str] = field(default_factory=dict)

    def canonical(self, name: object) -> str:
        """The proper name of `name` (itself, trimmed, when `.mailmap` gives none)."""
        text = " ".join(str(name).split())
        return self.aliases.get(text.casefold(), text)

    def key(self, name: object) -> str:
        """What makes two names the same person."""
        return self.canonical(name).casefold()

    def same(self, one: object, other: object) -> bool:
        return self.key(one) == self.key(other)


NO_ALIASES = Names()
"""Names as written, for callers without a `.mailmap`."""


def parse_mailmap(text: str) -> Names:
    """The aliases of a `.mailmap`: each line's other names and emails -> its proper name."""
    aliases: dict[str, str] = {}
    by_email: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
        entries = _ENTRY.findall(line)
        if not entries:
            continue
        proper, proper_email = entries[0]
        proper = proper or by_email.get(proper_email.casefold(), "")
        if not proper:
            continue
        if proper_email:
            by_email.setdefault(proper_email.casefold(), proper)
        for name, email in entries:
            for alias in (name, email):
                if alias and alias.casefold() != proper.casefold():
                    aliases.setdefault(alias.casefold(), proper)
    for email, proper in by_email.items():
        aliases.setdefault(email, proper)
    return Names(aliases)


def project_names(start: Path) -> Names:
    """The `.mailmap` of the repository holding `start` (none: no aliases)."""
    found = pygit2.discover_repository(str(start))
    if found is None:
        return Names()
    try:
        workdir = pygit2.Repository(found).workdir
    except pygit2.GitError:
        return Names()
    try:
        text = Path(workdir or found, ".mailmap").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return Names()
    return parse_mailmap(text)


def git_user(start: Path) -> str | None:
    """The proper name of whoever runs the command: git's `user.name` (and `user.email`) with
    the repository's `.mailmap` applied; None when git names nobody."""
    found = pygit2.discover_repository(str(start))
    try:
        config = pygit2.Repository(found).config if found else pygit2.Config.get_global_config()
    except (pygit2.GitError, OSError):
        return None
    name = _entry(config, "user.name")
    email = _entry(config, "user.email")
    if not name and not email:
        return None
    names = project_names(start)
    if email and email.casefold() in names.aliases:
        return names.aliases[email.casefold()]
    return names.canonical(name) if name else None


def _entry(config: pygit2.Config, key: str) -> str:
    try:
        return str(config[key]).strip()
    except (KeyError, pygit2.GitError):
        return ""
