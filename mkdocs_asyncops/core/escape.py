"""Making text from frontmatter and headings safe to put into generated Markdown and HTML."""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

__all__ = [
    "badge",
    "chat_text",
    "css_name",
    "link_target",
    "md_link",
    "md_link_title",
    "md_text",
    "mermaid_label",
    "printable",
    "web_url",
]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#+!|{}])")
_SLUG = re.compile(r"[^a-z0-9]+")
_WHITESPACE = re.compile(r"\s+")
_WHITESPACE_CHAR = re.compile(r"\s")
_CHAT_MARKUP = re.compile(r"([\\`*_~\[\]|])")
_CHAT_LIVE = re.compile(r"(@)(?=\w)|(:)(?=//)|(?<![\w.])(www)(?=\.)", re.IGNORECASE)
_WORD_JOINER = "\u2060"


def printable(value: object) -> str:
    """Text for a terminal: every character that is not printable (escape sequences' ESC, BEL,
    bidirectional overrides) is written as Python's `repr` writes it, `\\x1b`, so a document
    can neither drive the terminal nor hide text, and `check`'s quoted values read the same."""
    text = str(value)
    return (
        text
        if text.isprintable()
        else "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    )


def chat_text(value: object) -> str:
    """Text for a chat message (Slack, Teams, Mattermost), shown as written and never live: one
    line, printable; `&`, `<` and `>` as entities (no HTML, no `<@U1>` or `<!channel>`); Markdown's
    emphasis, code and link brackets backslash-escaped; and a word joiner after the `@` of a
    mention, the `:` of `https://` and `www`, so no client makes a mention or a link of it."""
    text = html.escape(printable(_WHITESPACE.sub(" ", str(value))), quote=False)
    text = _CHAT_MARKUP.sub(r"\\\1", text)
    return _CHAT_LIVE.sub(lambda match: match.group(0) + _WORD_JOINER, text)


def md_text(value: object) -> str:
    """Text for a Markdown table cell or link text: HTML-escaped, Markdown syntax neutralised.

    A title like `[x](javascript:alert(1))` must stay text: brackets and parentheses are
    escaped, so it can never become a link; `<script>` becomes `&lt;script&gt;`.
    """
    text = _WHITESPACE.sub(
        " ", str(value)
    )  # one line; a space at either end stays, as separators need
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=True))


def md_link(text: object, target: str) -> str:
    """A Markdown link to a site path computed by this tool (never a URL from frontmatter), or
    to another repository's published page (`web_url`)."""
    return f"[{md_text(text)}]({link_target(target)})"


def web_url(value: str) -> bool:
    """Whether `value` is an absolute `http(s)://` URL, the only absolute links we write."""
    parts = urlsplit(value)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def link_target(target: str) -> str:
    """`target` percent-encoded for a Markdown link: a site path keeps only `/#.-_~`, a web URL
    its delimiters too; nothing that could end the link or start markup is left."""
    safe = ":/?#@!$&*+,;=%-._~" if web_url(target) else "/#.-_~"
    return quote(target, safe=safe)


_TITLE_CODES = {"\\": "&#92;", "`": "&#96;"}


def md_link_title(value: object) -> str:
    """A quoted Markdown link title (`"..."`) that renders as exactly `value`, on one line.

    Python-Markdown reads a title up to the next `"` and knows no backslash escape there (`\\"`
    would show its backslash), so every character that could end the title, start an escape
    or a code span, or become markup is written as an HTML character reference, which the
    browser turns back into the character.
    """
    text = html.escape(_WHITESPACE_CHAR.sub(" ", str(value)), quote=True)
    return '"' + "".join(_TITLE_CODES.get(char, char) for char in text) + '"'


def css_name(value: object) -> str:
    """A value usable in a class name: `In Review` -> `in-review`."""
    return _SLUG.sub("-", str(value).casefold()).strip("-") or "none"


def badge(status: object, kind: str = "status") -> str:
    """An inline status badge; `data-status` lets the decision log filter on it."""
    name = css_name(status)
    return (
        f'<span class="asyncops-badge asyncops-{kind}-{name}" data-{kind}="{html.escape(name)}">'
        f"{html.escape(str(status))}</span>"
    )


def mermaid_label(value: object) -> str:
    """Text for a quoted Mermaid label: its own entity codes for quotes and brackets."""
    text = " ".join(str(value).split()).replace("#", "#35;")
    for char, code in (('"', "#quot;"), ("<", "#lt;"), (">", "#gt;"), ("&", "#amp;")):
        text = text.replace(char, code)
    return text
