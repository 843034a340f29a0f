"""The user documentation agrees with the code."""

from __future__ import annotations

from mkdocs_asyncops.core.diagnostics import RULES
from mkdocs_asyncops.core.kinds import BUILTIN_KINDS
from tests.helpers import REPO_ROOT

REFERENCE = REPO_ROOT / "docs" / "reference"


def test_every_rule_is_documented_with_its_name_and_severity() -> None:
    text = (REFERENCE / "rules.md").read_text()
    for rule in RULES.values():
        assert f"| `{rule.code}` | `{rule.name}` | {rule.severity.value} |" in text, rule.code


def test_every_builtin_kind_and_section_is_documented() -> None:
    text = (REFERENCE / "kinds.md").read_text()
    for spec in BUILTIN_KINDS.values():
        assert f"### {spec.label} (`{spec.name}`)" in text
        for section in spec.sections:
            assert section.name in text
            for alias in section.aliases:
                assert alias in text
        for status in spec.statuses:
            assert f"`{status}`" in text
        for folder in spec.folders:
            assert f"`{folder}`" in text


def test_every_plugin_option_is_documented() -> None:
    from mkdocs_asyncops.mkdocs.config import AsyncOpsConfig

    text = (REFERENCE / "configuration.md").read_text()
    for name, _ in AsyncOpsConfig._schema:
        assert f"| `{name}` |" in text, name


def test_readme_opens_with_the_two_commands() -> None:
    lines = (REPO_ROOT / "README.md").read_text().splitlines()
    commands = [line for line in lines[:20] if line.startswith("python3 -m venv")]
    assert len(commands) == 2
    # CI runs each step of the README's test command, installing the newest releases (--upgrade).
    run_script = (
        (REPO_ROOT / ".ci" / "run").read_text().replace(" --upgrade --upgrade-strategy eager", "")
    )
    assert all(step in run_script for step in commands[1].split(" && "))


def test_the_cli_reference_shows_what_report_prints_on_this_handbook(capsys, monkeypatch) -> None:
    """The example is the real output, abridged only where `…` stands."""
    from mkdocs_asyncops.cli.main import main

    text = (REFERENCE / "cli.md").read_text()
    block = (
        text.split("On this project's handbook", 1)[1]
        .split("$ asyncops report\n", 1)[1]
        .split("```", 1)[0]
    )
    shown = [line for line in block.splitlines() if line != "…"]
    monkeypatch.chdir(REPO_ROOT)
    assert main(["report"]) == 0
    printed = capsys.readouterr().out.splitlines()
    positions = [printed.index(line) for line in shown]  # every line shown is printed...
    assert positions == sorted(positions) and positions[0] == 0  # ...in that order, from the first
