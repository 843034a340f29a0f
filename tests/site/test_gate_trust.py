"""The gate is never silently wrong: it does not pass on nothing, text MkDocs cannot read never
reaches it, and the preview shows problems instead of stopping (ADR-0018)."""

from __future__ import annotations

import logging
import os
import random
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.helpers import Writer, adr
from tests.helpers.cli import run
from tests.helpers.site import MERMAID, build_site, mkdocs_yml

LATIN_1 = adr().replace("What we chose.", "Caf\xe9 au lait.").encode("latin-1")
UTF_16 = adr().encode("utf-16")  # with its BOM
RANDOM_BYTES = bytes(random.Random(11).randrange(256) for _ in range(3000))
UNREADABLE = {"latin-1": LATIN_1, "utf-16": UTF_16, "random": RANDOM_BYTES}


def serve_build(root: Path):
    """One build as `mkdocs serve` runs it; returns the config (its site_dir holds the site)."""
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    return config


# Files MkDocs cannot read


@pytest.mark.parametrize("encoding", UNREADABLE)
@pytest.mark.parametrize(
    "where", ["docs/guide.md", "docs/adr/0002-x.md", "adr/0002-x.md", "adr/notes.md"]
)
def test_unreadable_markdown_is_an_error_not_a_traceback(
    write_files: Writer, caplog: pytest.LogCaptureFixture, encoding: str, where: str
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(),
            where: UNREADABLE[encoding],
        }
    )
    with caplog.at_level(logging.ERROR), pytest.raises(Abort, match="BuildError"):
        build_site(root)
    (message,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("asyncops: ")]
    assert f"{where}:" in message and "ASY002 encoding" in message
    config = serve_build(root)  # the preview leaves the file out and builds the rest
    site = Path(config.site_dir)
    assert (site / "adr" / "0001-a" / "index.html").is_file()
    assert not (
        site / Path(where).relative_to(Path(where).parts[0]).with_suffix("") / "index.html"
    ).exists()


@pytest.mark.parametrize("encoding", UNREADABLE)
@pytest.mark.parametrize("where", ["docs/guide.md", "adr/0002-x.md"])
def test_check_reports_unreadable_markdown(
    write_files: Writer, capsys, monkeypatch, encoding: str, where: str
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(),
            where: UNREADABLE[encoding],
        }
    )
    code, out, _ = run(["check"], root, capsys, monkeypatch)
    assert code == 1 and f"{where}:" in out and "error ASY002 encoding" in out


# Never passing on nothing


def test_unread_conventional_folders_are_named_with_the_line_that_adds_them(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(""),
            "docs/index.md": "# Home\n",
            "decisions/0001-a.md": adr(),
            "doc/adr/0001-b.md": adr(),
            "architecture-decision-records/0001-c.md": adr(),
            "docs/decision-records/0001-d.md": adr(),
            "rfcs/empty.txt": "not Markdown",  # no documents: not named
        }
    )
    code, out, _ = run(["check"], root, capsys, monkeypatch)
    lines = [line for line in out.splitlines() if "warning ASY007" in line]
    sources = "list the folder in mkdocs.yml under `plugins: - asyncops: sources:` as"
    assert lines == [
        (
            f"architecture-decision-records: warning ASY007 unread-folder: architecture-decision-records/ holds 1 Markdown "
            f"file that asyncops does not read or publish; to check them, {sources} "
            f"`- {{path: architecture-decision-records, kind: adr}}`"
        ),
        (
            f"decisions: warning ASY007 unread-folder: decisions/ holds 1 Markdown file that asyncops does not read or "
            f"publish; to check them, {sources} `- path: decisions`"
        ),
        (
            f"doc/adr: warning ASY007 unread-folder: doc/adr/ holds 1 Markdown file that asyncops does not read or "
            f"publish; to check them, {sources} `- path: doc/adr`"
        ),
        (
            "docs/decision-records: warning ASY007 unread-folder: docs/decision-records/ holds 1 Markdown file published "
            "but not checked as Architecture decisions; to check them, add in mkdocs.yml under "
            "`plugins: - asyncops: folders:` the line `decision-records: adr`"
        ),
    ]
    assert "ASY006 no-documents: 0 documents found in docs; did you mean " in out
    assert code == 0
    assert run(["check", "--strict"], root, capsys, monkeypatch)[0] == 1


def test_the_lines_suggested_do_read_the_folders(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(
                "      sources: [decisions, doc/adr, {path: architecture-decision-records, kind: adr}]\n"
                "      folders: {decision-records: adr}"
            ),
            "docs/index.md": "# Home\n",
            "decisions/0001-a.md": adr(),
            "doc/adr/0002-b.md": adr(2, "B"),
            "architecture-decision-records/0003-c.md": adr(3, "C"),
            "docs/decision-records/0004-d.md": adr(4, "D"),
        }
    )
    code, out, _ = run(["check", "--strict"], root, capsys, monkeypatch)
    assert (code, out.strip().splitlines()[-1]) == (0, "0 errors, 0 warnings in 4 documents")


def test_build_and_check_agree_on_an_unread_folder(
    write_files: Writer, caplog: pytest.LogCaptureFixture, capsys, monkeypatch
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      sources: [adr]"),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(),
            "decisions/0002-b.md": adr(2, "B"),
        }
    )
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match="1 warnings in strict mode"):
        build_site(root, strict=True)
    built = [
        r.getMessage().removeprefix("mkdocs_asyncops: ")
        for r in caplog.records
        if "ASY007" in r.getMessage()
    ]
    code, out, _ = run(["check"], root, capsys, monkeypatch)
    checked = [
        line.replace(" warning ASY007", " ASY007") for line in out.splitlines() if "ASY007" in line
    ]
    assert built == checked and len(built) == 1 and code == 0


def test_an_empty_handbook_fails_strict_build_and_check(
    write_files: Writer, caplog: pytest.LogCaptureFixture, capsys, monkeypatch
) -> None:
    root = write_files({"mkdocs.yml": mkdocs_yml(""), "docs/index.md": "# Home\n"})
    with caplog.at_level(logging.WARNING), pytest.raises(Abort, match="strict mode"):
        build_site(root, strict=True)
    assert any(
        "ASY006 no-documents: 0 documents found in docs;" in r.getMessage() for r in caplog.records
    )
    code, out, _ = run(["check", "--strict"], root, capsys, monkeypatch)
    assert code == 1 and "warning ASY006 no-documents: 0 documents found in docs;" in out


def test_a_path_that_holds_no_document_is_a_usage_error(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(),
            "notes/readme.md": "# Notes\n",
        }
    )
    code, _, err = run(["check", "adr", "notes"], root, capsys, monkeypatch)
    assert code == 2 and "asyncops: notes: 0 documents found here" in err and "adr:" not in err
    assert run(["check", "adr"], root, capsys, monkeypatch)[0] == 0


# The preview


def test_serve_shows_each_page_its_problems_and_the_dashboard_their_count(
    write_files: Writer,
) -> None:
    broken = (
        adr()
        .replace("What we chose.", "")
        .replace("status: accepted", "status: '<img src=x onerror=alert(1)>'")
    )
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml() + "strict: true\n",
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": broken,
            "adr/0002-b.md": adr(2, "B"),
        }
    )
    site = Path(serve_build(root).site_dir)
    page = (site / "adr" / "0001-a" / "index.html").read_text(encoding="utf-8")
    assert '<div class="admonition warning asyncops-problems">' in page
    assert "<code>11</code>: ASY102 empty-section (error): " in page
    assert (
        "<img src=x" not in page
        and "status &#x27;&lt;img src=x onerror=alert(1)&gt;&#x27; is not" in page
    )
    assert "asyncops-problems" not in (site / "adr" / "0002-b" / "index.html").read_text(
        encoding="utf-8"
    )
    home = (site / "handbook" / "index.html").read_text(encoding="utf-8")
    count = page.count("<li><code>")
    assert f"asyncops: {count} problem{'s' if count > 1 else ''} in the handbook" in home


def test_published_builds_carry_no_problem_notices(write_files: Writer) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml() + MERMAID,
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr().replace("# 1. Use PostgreSQL\n", ""),
        }
    )  # a warning, not an error
    site = build_site(root)
    assert not [
        p for p in site.rglob("*.html") if "asyncops-problems" in p.read_text(encoding="utf-8")
    ]
    config = serve_build(root)
    assert "asyncops-problems" in (
        Path(config.site_dir) / "adr" / "0001-a" / "index.html"
    ).read_text(encoding="utf-8")


def test_serve_with_strict_keeps_building_on_the_plugins_findings(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml() + "strict: true\n",
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr()
            .replace("What we chose.", "")
            .replace("# 1. Use PostgreSQL\n", ""),
        }
    )
    config = load_config(str(root / "mkdocs.yml"))
    assert config.strict
    config.plugins.on_startup(command="serve", dirty=False)
    with caplog.at_level(logging.WARNING):
        build(config, serve_url="http://127.0.0.1:8000/")
    messages = [r.getMessage() for r in caplog.records]
    assert any("ASY102" in m for m in messages) and any("ASY030" in m for m in messages)
    assert (Path(config.site_dir) / "adr" / "0001-a" / "index.html").is_file()


# New users' sites


def test_the_decision_graph_without_mermaid_warns_once_with_the_config(
    write_files: Writer, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        "docs/index.md": "# Home\n",
        "adr/0001-a.md": adr().replace(
            "status: accepted", "status: superseded\nsuperseded_by: [2]"
        ),
        "adr/0002-b.md": adr(2, "B").replace(
            "status: accepted", "status: accepted\nsupersedes: [1]"
        ),
    }
    root = write_files({"mkdocs.yml": mkdocs_yml(), **files})
    with caplog.at_level(logging.WARNING):
        build_site(root)
    warned = [r.getMessage() for r in caplog.records if "Mermaid" in r.getMessage()]
    assert (
        len(warned) == 1
        and "custom_fences: - {name: mermaid, class: mermaid, format: " in warned[0]
    )
    (root / "mkdocs.yml").write_text(mkdocs_yml() + MERMAID, encoding="utf-8")
    build_site(root, strict=True)


def test_a_source_folder_without_an_index_gets_one(write_files: Writer) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr(),
            "adr/0002-b.md": adr(2, "<b>B</b>"),
        }
    )
    site = build_site(root, strict=True)
    index = (site / "adr" / "index.html").read_text(encoding="utf-8")
    assert (
        "Architecture decisions" in index
        and 'href="0001-a/"' in index
        and 'href="0002-b/"' in index
    )
    assert "<b>B</b>" not in index
    (root / "adr" / "index.md").write_text("# Our decisions\n", encoding="utf-8")
    site = build_site(root, strict=True)
    assert "Our decisions" in (site / "adr" / "index.html").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_a_real_mkdocs_serve_with_strict_keeps_serving_a_broken_document(
    write_files: Writer,
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml() + "strict: true\n",
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr().replace("What we chose.", ""),
        }
    )
    port = _free_port()
    url = f"http://127.0.0.1:{port}/adr/0001-a/"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    server = subprocess.Popen(
        [str(mkdocs), "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        assert _wait_for(lambda: _get(url)[0] == 200, 60), server.poll()
        status, page = _get(url)
        assert status == 200 and "ASY102 empty-section" in page
        # another error: the rebuild must still serve, with the new problem on the page
        (root / "adr/0001-a.md").write_text(
            adr().replace("What we chose.", "").replace("## Consequences\nWhat follows.\n", ""),
            encoding="utf-8",
        )
        assert _wait_for(lambda: "ASY101 missing-section" in _get(url)[1], 60)
        assert _get(url)[0] == 200 and server.poll() is None
    finally:
        server.kill()
        _, errors = server.communicate(timeout=30)
    assert "Aborted" not in errors and "appear stuck" not in errors
    assert "ASY102 empty-section" in errors  # printed through MkDocs' own handler, uncounted


def test_the_preview_counts_errors_and_warnings_not_information(
    write_files: Writer, capsys, monkeypatch
) -> None:
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      sources: [adr]\n      rules: {missing-title: info}"),
            "docs/index.md": "# Home\n",
            "adr/0001-a.md": adr().replace("# 1. Use PostgreSQL\n", ""),
        }
    )
    assert (
        "adr/0001-a.md:1: info ASY030 missing-title" in run(["check"], root, capsys, monkeypatch)[1]
    )
    site = Path(serve_build(root).site_dir)
    assert not [
        p for p in site.rglob("*.html") if "asyncops-problems" in p.read_text(encoding="utf-8")
    ]
