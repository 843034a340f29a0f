"""Properties of the transforms: importing records, normalising, rewriting links, formulas, migration.

Each property runs with the active hypothesis profile (`HYPOTHESIS_PROFILE=fuzz` for a campaign).
"""

from __future__ import annotations

import ast
import re
import tempfile
from datetime import date
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.core.formula import Formula, FormulaError
from mkdocs_asyncops.core.kinds import BUILTIN_KINDS
from mkdocs_asyncops.handbook.crossref import Mentioned, Mentions, mention_links, mention_pattern
from mkdocs_asyncops.handbook.inline import rewrite
from mkdocs_asyncops.imports.normalise import UNKNOWN, normalise_status, parse_date, stated_relation
from tests.helpers import scan_folder
from tests.site.test_hostile_site import _Mentions
from tests.unit.imports.test_formats import adr_tools

ADR_STATUSES = BUILTIN_KINDS["adr"].statuses
DESIGN_STATUSES = BUILTIN_KINDS["design"].statuses
STATUS_WORDS = st.sampled_from(
    [
        "Accepted",
        "✅",
        "superceded",
        "by",
        "[2. B](0002-b.md)",
        "ADR-7",
        "on hold",
        "Draft",
        "(2024-03-01)",
        ",",
        "amended",
        "Rejected",
        "pending",
        "ß",
        "İ",
        "ﬁnal",
        "\u0301",
        "-",
        "_",
        "retired",
        "\t",
    ]
)
STATUS_TEXT = st.text(max_size=60) | st.lists(STATUS_WORDS, max_size=8).map(" ".join)


@given(STATUS_TEXT, st.sampled_from([ADR_STATUSES, DESIGN_STATUSES]))
def test_normalising_a_status_is_idempotent_and_stays_in_the_kind(
    text: str, allowed: tuple[str, ...]
) -> None:
    status = normalise_status(text, allowed)
    assert status in {*allowed, UNKNOWN}
    if status != UNKNOWN:
        assert normalise_status(status, allowed) == status


@given(
    st.dates(min_value=date(1000, 1, 1)),
    st.sampled_from(["{:%Y-%m-%d}", "{:%d/%m/%Y}", "{:%B %d, %Y}", "{:%d %b %Y}"]),
)
def test_every_written_form_of_a_date_reads_back_as_that_date(day: date, form: str) -> None:
    assert parse_date(form.format(day)) == day
    assert parse_date(day) == day


@given(STATUS_TEXT | st.text(alphabet="0123456789/.-: ,adeJnSptTuy", max_size=30))
def test_date_and_relation_readers_return_a_value_or_nothing(text: str) -> None:
    assert parse_date(text) is None or isinstance(parse_date(text), date)
    stated = stated_relation(text)
    if stated is not None:
        assert stated.targets and all(target and target in text for target in stated.targets)


IMPORTED_BODY = st.lists(
    st.sampled_from(
        [
            "text\n",
            "## Context\n",
            "* Status: x\n",
            "- Date: 1/2/3\n",
            "```\n",
            "<!--\n",
            "-->\n",
            "Superseded by 3\n",
            "\n",
            "## Decision\n",
            "|a|b|\n",
        ]
    )
    | st.text(max_size=20),
    max_size=15,
).map("".join)


@given(STATUS_TEXT, STATUS_TEXT, IMPORTED_BODY)
def test_an_imported_record_with_any_status_date_and_body_is_read_without_raising(
    status: str, when: str, body: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "legacy").mkdir()
        text = adr_tools(4, "Imported", status, when=when.replace("\n", " ")) + body
        (root / "legacy" / "0004-imported.md").write_text(text, encoding="utf-8", newline="")
        result = scan_folder(root, "legacy", forced_kind="adr")
        for doc in result.documents:
            assert doc.status in {*ADR_STATUSES, UNKNOWN} or (
                doc.status is None and result.diagnostics
            )
        for problem in result.diagnostics:
            assert problem.path.endswith(".md") and problem.line >= 0 and problem.message


# Inline rewriting against a reference: pieces whose kind is known, so the expected output is too.
PLAIN = st.sampled_from(["adr ", "see ", "a", " and ", "x.y ", "(", ")", "!", "# "])
CODE = st.sampled_from(["`adr`", "``a ` b``", "`[a](b.md)`", "`<b>`", "`http://x.test/a`"])
LINK = st.sampled_from(["[adr](b.md)", "[a b](<c d.md>)", '[adr](b.md "t")', "![i](p.png)"])
OPAQUE = st.sampled_from(
    ["<https://x.test/adr>", "<b>", "</i>", "https://x.test/adr ", "[adr][ref]"]
)
PIECE = st.one_of(
    PLAIN.map(lambda p: ("plain", p)),
    CODE.map(lambda p: ("code", p)),
    LINK.map(lambda p: ("link", p)),
    OPAQUE.map(lambda p: ("opaque", p)),
)


def _expected(kind: str, piece: str) -> str:
    if kind == "plain":
        return piece.upper()
    if kind == "link" and not piece.startswith("!"):
        return piece.replace("(<c d.md>)", "(<NEW.md>)").replace("(b.md", "(NEW.md")
    if kind == "link":
        return piece.replace("(p.png)", "(NEW.md)")
    return piece


@given(st.lists(PIECE, max_size=25), st.booleans())
def test_rewriting_changes_prose_and_link_targets_only(
    pieces: list[tuple[str, str]], fenced: bool
) -> None:
    # Pieces are spaced so that none joins its neighbour into another token (two code spans
    # side by side would merge their backtick runs, as CommonMark says).
    line = " ".join(piece for _, piece in pieces) + "\n"
    expected = " ".join(_expected(kind, piece) for kind, piece in pieces) + "\n"
    markdown = f"```\n{line}```\n{line}" if fenced else line
    out = rewrite(markdown, link=lambda target: "NEW.md", text=str.upper)
    assert out == (f"```\n{line}```\n{expected}" if fenced else expected)


TITLE_BITS = st.sampled_from(
    [
        '"',
        "'",
        "\\",
        '\\"',
        "`",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        "<img src=x onerror=alert(1)>",
        "&",
        "&amp;",
        "&#92;",
        "*",
        "_",
        "{: .x}",
        "ADR-1",
        " ",
        "\t",
        "f('x')",
        "\u2028",
    ]
)
TITLE = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40) | st.lists(
    TITLE_BITS, max_size=12
).map("".join)


@given(TITLE, st.sampled_from(["accepted", None]))
def test_a_mention_renders_as_one_link_whose_tooltip_is_the_title_as_written(
    title: str, status: str | None
) -> None:
    mentions = Mentions(
        mention_pattern({"ADR"}), {("ADR", 1): Mentioned("adr/0001-a.md", title, status)}
    )
    page = rewrite("See ADR-1 now.\n", text=mention_links(mentions, "guide/page.md"))
    parsed = _Mentions()
    parsed.feed(markdown.markdown(page, extensions=["attr_list", "toc"]))
    tooltip = f"{title} ({status})" if status else title
    assert parsed.tags == ["p", "a"]
    assert parsed.links == [(re.sub(r"\s", " ", tooltip).strip(), "ADR-1")]


# Formulas: anything may be written; what is accepted contains only whitelisted nodes.
ALLOWED_NODES = (
    ast.Expression,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.BinOp,
    ast.UnaryOp,
    ast.Call,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.USub,
    ast.UAdd,
)
FORMULA_BITS = st.sampled_from(
    [
        "a",
        "b",
        "1",
        "2.5",
        "1e999",
        "+",
        "-",
        "*",
        "/",
        "**",
        "%",
        "//",
        "(",
        ")",
        ",",
        "min",
        "max",
        "abs",
        "__import__",
        "('os')",
        ".system",
        "[0]",
        "lambda x: x",
        "'s'",
        "open",
        "eval",
        " if a else ",
        "x=1",
        "not ",
        " and ",
        "<",
        "{}",
        "@",
        "\x00",
        "0x10",
        "True",
        "...",
        "yield",
        ";",
        "\n",
    ]
)


@given(st.lists(FORMULA_BITS, max_size=20).map("".join) | st.text(max_size=40))
def test_a_formula_is_refused_or_made_only_of_whitelisted_parts(text: str) -> None:
    try:
        formula = Formula.parse(text)
    except FormulaError as exc:
        assert str(exc)  # noqa: PT017 - the property: it parses, or refuses and says why
        return
    for node in ast.walk(formula.tree):
        assert isinstance(node, ALLOWED_NODES), ast.dump(node)
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name) and node.func.id in {"min", "max", "abs"}
        if isinstance(node, ast.Constant):
            assert type(node.value) in (int, float)
    scores = dict.fromkeys(formula.names, 3)
    value = formula(scores)
    assert value is None or isinstance(value, float)
    assert formula({}) is None or not formula.names


# Migration: the default (dry run) never writes; the existing write property is in test_migrate.py.
@given(IMPORTED_BODY, STATUS_TEXT)
def test_a_dry_run_migration_never_writes(body: str, status: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "adr").mkdir()
        files = {
            root / "adr" / "0001-a.md": adr_tools(1, "A", status) + body,
            root / "adr" / "0002-b.md": "---\n" + body + "\n---\n# 2. B\n",
        }
        for path, text in files.items():
            path.write_text(text, encoding="utf-8", newline="")
        before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files}
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(root)
            code = main(["migrate", "adr", "--kind", "adr"])
        assert code in (0, 1)
        assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in files} == before
        assert sorted(p.name for p in (root / "adr").iterdir()) == ["0001-a.md", "0002-b.md"]
