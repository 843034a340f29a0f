"""Statuses and dates as decision logs write them, read into the handbook's own values.

Logs written by hand or by other tools say `✅ Accepted`, `Superceded by [5. Cache](0005-cache.md)`,
`Pending` or `on hold`, and date records `2024-09-20`, `20/09/2024` or `September 20, 2024`. The
functions here turn that text into a status a kind allows (keeping the words when none fits) and
into a `date`, without guessing where the text is ambiguous.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ..core.kinds import fold_status

UNKNOWN = "unknown"
"""The status of a record whose stated status matches none its kind allows."""

_EQUIVALENTS = [
    ("accepted", "approved", "accept", "adopted", "agreed", "done"),
    ("proposed", "in-review", "draft", "pending", "proposal", "open", "review"),
    ("rejected", "declined", "refused"),
    ("deprecated", "obsolete", "retired", "deprecate"),
    ("superseded", "superceded", "superseeded", "supersede", "replaced"),
    ("withdrawn", "abandoned", "withdrew"),
]
"""Words that mean one status, the preferred first; ADRs say `accepted`, RFCs `approved`."""

SYNONYMS = {word: group for group in _EQUIVALENTS for word in group}

_WORD = re.compile(r"[^\W\d_]+(?:[-_][^\W\d_]+)*")
_RELATION = re.compile(
    r"\b(?P<verb>supersede[sd]?|supercede[sd]?|superseede[sd]|replace[sd]|amend(?:s|ed)?)"
    r"(?:\s+by)?\b[\s:]*(?P<rest>.*)$",
    re.IGNORECASE,
)
_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_BARE_TARGET = re.compile(
    r"[\w./-]+\.(?:md|MD|markdown)\b|(?:[A-Z]{2,5}[-_ ]?|[A-Za-z]{2,5}[-_]?)?#?\d+"
)


def normalise_status(raw: str, allowed: Sequence[str]) -> str:
    """The status `raw` states, as one of `allowed`; `unknown` when it states none of them.

    The first word that is an allowed status, or another word for one, decides: `✅ Accepted`,
    `Accepted, amended by 7` and `accepted (2024-03-01)` are all `accepted` for an ADR, and
    `Accepted` is `approved` for a design document. A kind that allows any status keeps the
    folded text.
    """
    folded = fold_status(raw)
    if not allowed:
        return folded
    if folded in allowed:
        return folded
    for match in _WORD.finditer(raw):
        word = fold_status(match.group())
        if word in allowed:
            return word
        for candidate in SYNONYMS.get(word, ()):
            if candidate in allowed:
                return candidate
    return UNKNOWN


@dataclass(frozen=True)
class StatedRelation:
    """A relation stated in words: `Superseded by [9. Help](0009-help.md)` -> (superseded_by, link)."""

    relation: str
    targets: tuple[str, ...]


def stated_relation(text: str) -> StatedRelation | None:
    """The relation a status line or a `## Links` item states, if any, with its targets.

    Targets are the links' destinations when the text has links, else numbers or ids
    (`superseded by ADR-0123`).
    """
    match = _RELATION.search(text)
    if match is None:
        return None
    verb = match.group("verb").casefold()
    passive = verb.endswith("d") or bool(re.search(r"\bby\b", match.group(0), re.IGNORECASE))
    base = "amend" if verb.startswith("amend") else "supersede"
    relation = {
        ("supersede", False): "supersedes",
        ("supersede", True): "superseded_by",
        ("amend", False): "amends",
        ("amend", True): "amended_by",
    }[(base, passive)]
    rest = match.group("rest")
    targets = tuple(_LINK.findall(rest)) or _leading_targets(rest)
    return StatedRelation(relation, targets) if targets else None


def _leading_targets(text: str) -> tuple[str, ...]:
    """`ADR-0005, 7 and 0009-cache.md (see below)` -> the three; `the 2025 review` -> none."""
    targets = []
    for part in re.split(r"\s*(?:,|&|\band\b)\s*", text.strip()):
        match = _BARE_TARGET.match(part)
        if match is None or part[match.end() : match.end() + 1].isalnum():
            break
        targets.append(match.group())
        if part[match.end() :].strip(" .;:"):  # words after the target end the list
            break
    return tuple(targets)


def opens_with_relation(text: str) -> bool:
    """The line begins by stating a relation (`Amended by the 2025 review`), targets or not."""
    return bool(_RELATION.match(text.strip()))


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")
_MONTH_FIRST = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?(?:\s+|-)([A-Za-z]{3,9})\.?,?(?:\s+|-)(\d{4})")


def parse_date(value: object) -> date | None:
    """A date from YAML or text: `2024-09-20`, `20/09/2024`, `September 20, 2024`, `20 Sep 2024`,
    `20-Sep-2024` (as PEPs write them).

    Slashed dates are read day first, as adr-tools wrote them before it moved to ISO 8601.
    Anything else, or an impossible date, gives None.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        if match := _ISO.fullmatch(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _DAY_FIRST.fullmatch(text):
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        if match := _MONTH_FIRST.fullmatch(text):
            month = _MONTHS.get(match.group(1).casefold())
            return date(int(match.group(3)), month, int(match.group(2))) if month else None
        if match := _DAY_MONTH.fullmatch(text):
            month = _MONTHS.get(match.group(2).casefold())
            return date(int(match.group(3)), month, int(match.group(1))) if month else None
    except ValueError:  # 31/02/2024
        return None
    return None
