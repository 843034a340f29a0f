"""`asyncops mcp`: the handbook over the Model Context Protocol, through the SDK's own client."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from mkdocs_asyncops.mkdocs.project_file import read
from tests.helpers.flow_repo import build_flow_repo

mcp = pytest.importorskip("mcp")
T = TypeVar("T")

from mkdocs_asyncops.assistants.server import build_server  # noqa: E402
from mkdocs_asyncops.assistants.tools import HandbookTools  # noqa: E402


@pytest.fixture(scope="module")
def flow(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("flow")
    build_flow_repo(root)
    return root


def serve(root: Path):
    config = str(root / "mkdocs.yml")
    project = read(Path(config))
    return build_server(HandbookTools(project.settings, project.publish))


def run_async(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run `coroutine` on a fresh event loop in its own thread: the browser tests' Playwright
    keeps an event loop running in this one for the whole session."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def ask(server, calls: list[tuple[str, dict]]) -> tuple[list[str], list[dict]]:
    async with mcp.Client(server) as client:
        listed = await client.list_tools()
        answers = []
        for name, arguments in calls:
            result = await client.call_tool(name, arguments)
            assert not result.is_error, result
            answers.append(result.structured_content)
    return sorted(tool.name for tool in listed.tools), answers


def test_tools_answer_from_the_same_core(flow: Path) -> None:
    names, (found, document, inbox, digest, reviews) = run_async(
        ask(
            serve(flow),
            [
                ("search_documents", {"query": "postgres"}),
                ("get_document", {"ref": "adr-0003"}),
                ("inbox", {"person": "ana"}),
                ("digest", {"since": "2026-03-08"}),
                ("awaiting_review", {}),
            ],
        )
    )
    assert names == ["awaiting_review", "digest", "get_document", "inbox", "search_documents"]
    assert [d["id"] for d in found["documents"]] == ["ADR-0001"]
    assert document["found"] is True
    assert document["document"]["relations"]["superseded_by"] == ["ADR-0002"]
    assert document["document"]["approvals"]["pending"] == ["Bo Li"]
    assert inbox["person"] == "Ana Souza"
    assert [i["title"] for i in inbox["items"]] == ["Write the broker runbook"]
    assert [(e["type"], e["path"]) for e in digest["events"]] == [
        ("superseded", "adr/0003-use-memcached.md"),
        ("action-item-overdue", "docs/postmortems/2026-03-04-broker-outage.md"),
        ("decided", "adr/0001-use-postgres.md"),
    ]
    assert [r["path"] for r in reviews["reviews"]] == [
        "docs/design/search.md",
        "adr/0002-use-redis.md",
    ]


def test_every_tool_is_read_only(flow: Path) -> None:
    async def annotations() -> list[object]:
        async with mcp.Client(serve(flow)) as client:
            return [tool.annotations for tool in (await client.list_tools()).tools]

    assert all(
        a is not None and a.read_only_hint and not a.destructive_hint
        for a in run_async(annotations())
    )


def test_the_server_imports_no_mkdocs() -> None:
    code = (
        "import sys, mkdocs_asyncops.assistants.server, mkdocs_asyncops.assistants.tools; "
        "print(sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith('mkdocs.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout.replace("'", '"')) == []


def test_asyncops_mcp_serves_over_stdio(flow: Path) -> None:
    from mcp import StdioServerParameters

    command = StdioServerParameters(
        command=sys.executable,
        args=["-m", "mkdocs_asyncops", "mcp", "-f", str(flow / "mkdocs.yml")],
        cwd=str(flow),
    )
    _, (reviews,) = run_async(ask(command, [("awaiting_review", {})]))
    assert reviews["now"] == "2026-03-10T00:00:00+00:00"
    assert len(reviews["reviews"]) == 2
