"""Heading text folded for matching: how every stage compares a section's name with another.

`## 1. *Context*`, `## Context:` and `## CONTEXT` are one section. The kinds key their required
sections with it, the outline its headings, the imported formats and the boards their labels.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["plain_heading_text", "section_key"]

_NUMBERING = re.compile(
    r"^(?:(?:\d+|[ivx]{1,4}|[a-z])(?:\.\d+)*[.):]|\d+(?:\.\d+)+)\s+", re.IGNORECASE
)
_LINK = re.compile(r"!?\[([^\]]*)\](?:\((?:[^()]|\([^()]*\))*\)|\[[^\]]*\])?")
"""A link or image; its target may hold one level of parentheses, `(javascript:alert(1))`."""
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_NON_WORD = re.compile(r"[\W_]+")


def plain_heading_text(text: str) -> str:
    """Heading text without Markdown markup: links and images become their text, no emphasis."""
    text = _LINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = re.sub(r"(\*{1,3}|_{1,3}|`+|~~)(\S(?:.*?\S)?)\1", r"\2", text)
    return " ".join(text.split())


@lru_cache(maxsize=4096)  # handbooks repeat the same few headings in every document
def section_key(text: str) -> str:
    """Fold heading text for matching: no markup, numbering, case or punctuation.

    `## 1. *Context*`, `## Context:` and `## CONTEXT` all fold to `context`.
    """
    text = plain_heading_text(text)
    text = _NUMBERING.sub("", text.strip())
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())
