"""The `asyncops` command line, in-process and as a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mkdocs_asyncops.cli.project import NO_CONFIG_FILE
from tests.helpers import VALID, Writer, adr
from tests.helpers.cli import run
from tests.helpers.site import mkdocs_yml

CONSEQUENCES_ALIASES = (
    "or 'Positive Consequences', 'Negative Consequences', 'Pros and Cons of the Options'"
)


@pytest.fixture
def clean(write_files: Writer) -> Path:
    return write_files(VALID)


@pytest.fixture
def broken(write_files: Writer) -> Path:
    return write_files(
        {
            "adr/0001-ok.md": adr(),
            "adr/0002-missing.md": adr(2).replace("## Consequences\nWhat follows.\n", ""),
            "adr/0003-title.md": adr(3).replace("# 3. Use PostgreSQL\n", ""),
        }
    )


def test_clean_folder_exits_zero(clean: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(["check"], clean, capsys, monkeypatch)
    assert code == 0
    assert out.strip() == "0 errors, 0 warnings in 5 documents"


def test_errors_exit_one_and_list_path_line_rule_and_fix(broken: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(["check"], broken, capsys, monkeypatch)
    assert code == 1
    assert out.splitlines() == [
        (
            "adr/0002-missing.md:11: error ASY101 missing-section: an ADR needs a 'Consequences' section "
            f"({CONSEQUENCES_ALIASES}); add `## Consequences` after 'Decision'"
        ),
        (
            "adr/0003-title.md:1: warning ASY030 missing-title: the document has no title; "
            "add `title:` to the frontmatter or a `# Title` heading"
        ),
        "1 error, 1 warning in 3 documents",
    ]


def test_warnings_fail_only_with_strict(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files({"adr/0001-x.md": adr().replace("# 1. Use PostgreSQL\n", "")})
    assert run(["check"], root, capsys, monkeypatch)[0] == 0
    assert run(["check", "--strict"], root, capsys, monkeypatch)[0] == 1


def test_json_output_shape(broken: Path, capsys, monkeypatch) -> None:
    code, out, _ = run(["check", "--format", "json"], broken, capsys, monkeypatch)
    data = json.loads(out)
    assert code == 1
    assert set(data) == {"records", "diagnostics", "summary"}
    first = data["records"][0]
    assert first == {
        "path": "adr/0001-ok.md",
        "url": "adr/0001-ok.md",
        "repository": broken.name,
        "published_url": "adr/0001-ok/",
        "kind": "adr",
        "id": "ADR-0001",
        "number": 1,
        "title": "Use PostgreSQL",
        "status": "accepted",
        "raw_status": "accepted",
        "date": "2024-03-01",
        "format": None,
        "frontmatter": {"status": "accepted", "date": "2024-03-01", "deciders": ["Ana", "Bo"]},
        "relations": {
            rel: []
            for rel in (
                "supersedes",
                "superseded_by",
                "amends",
                "amended_by",
                "requires",
                "required_by",
                "relates_to",
                "referenced_by",
            )
        },
    }
    assert data["diagnostics"][0] == {
        "path": "adr/0002-missing.md",
        "line": 11,
        "rule": "ASY101",
        "name": "missing-section",
        "severity": "error",
        "message": f"an ADR needs a 'Consequences' section ({CONSEQUENCES_ALIASES}); "
        "add `## Consequences` after 'Decision'",
    }
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0, "documents": 3}


def test_github_annotations(broken: Path, capsys, monkeypatch) -> None:
    _, out, _ = run(["check", "--format", "github"], broken, capsys, monkeypatch)
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=adr/0002-missing.md,line=11,title=ASY101 missing-section::an ADR needs a "
        f"'Consequences' section ({CONSEQUENCES_ALIASES}); add `## Consequences` after 'Decision'"
    )
    assert lines[1].startswith(
        "::warning file=adr/0003-title.md,line=1,title=ASY030 missing-title::"
    )


def test_paths_and_forced_kind(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files(
        {"legacy/one/0001-x.md": adr(), "legacy/two/0002-y.md": adr(2), "other/0003-z.md": adr(3)}
    )
    code, out, _ = run(
        ["check", "--kind", "adr", "--format", "json", "legacy/one", "legacy/two"],
        root,
        capsys,
        monkeypatch,
    )
    assert code == 0
    assert [d["id"] for d in json.loads(out)["records"]] == ["ADR-0001", "ADR-0002"]


def test_reads_mkdocs_yml_options_and_sources(write_files: Writer, capsys, monkeypatch) -> None:
    options = "      sources: [adr]\n      rules: {missing-section: warning}"
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml(options),
            "docs/index.md": "# Home\n",
            "adr/0001-x.md": adr().replace("## Consequences\nWhat follows.\n", ""),
        }
    )
    code, out, _ = run(["check"], root, capsys, monkeypatch)
    assert code == 0 and "warning ASY101" in out
    assert run(["check", "--strict"], root, capsys, monkeypatch)[0] == 1


def test_explicit_config_file(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files(
        {
            "site/mkdocs.yml": mkdocs_yml(),
            "site/docs/index.md": "# Home\n",
            "site/adr/0001-x.md": adr(),
        }
    )
    code, out, _ = run(["check", "-f", "site/mkdocs.yml"], root, capsys, monkeypatch)
    assert (code, out.strip()) == (0, "0 errors, 0 warnings in 1 document")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["check", "nowhere"], "nowhere: no such file or folder"),
        (["check", "--kind", "memo"], "unknown kind 'memo'"),
        (["check", "-f", "missing.yml"], "missing.yml: no such configuration file"),
        (["check", "--format", "xml"], "invalid choice: 'xml'"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
    ],
)
def test_usage_errors_exit_two(
    clean: Path, capsys, monkeypatch, argv: list[str], message: str
) -> None:
    code, _, err = run(argv, clean, capsys, monkeypatch)
    assert code == 2 and message in err


def test_bad_configuration_exits_two(write_files: Writer, capsys, monkeypatch) -> None:
    root = write_files(
        {"mkdocs.yml": mkdocs_yml("      rules: {ASY999: warning}"), "docs/index.md": "# Home\n"}
    )
    code, _, err = run(["check"], root, capsys, monkeypatch)
    assert code == 2 and "unknown rule 'ASY999'" in err


@pytest.mark.parametrize("command", [["check"], ["report"]])
def test_an_export_path_outside_the_site_exits_two_naming_it(
    write_files: Writer, capsys, monkeypatch, command: list[str]
) -> None:
    root = write_files(
        {"mkdocs.yml": mkdocs_yml("      export_path: ../../x.json"), "docs/index.md": "# Home\n"}
    )
    code, _, err = run(command, root, capsys, monkeypatch)
    assert (
        code == 2 and "export_path: '../../x.json' must be a relative path inside the site" in err
    )
    assert not (root.parent / "x.json").exists()


def test_rules_lists_every_code(capsys, monkeypatch, tmp_path: Path) -> None:
    code, out, _ = run(["rules"], tmp_path, capsys, monkeypatch)
    assert code == 0 and out.splitlines()[0].startswith("ASY001  unreadable-file")


def test_python_dash_m_and_console_script(broken: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs_asyncops", "check", "--format", "json"],
        cwd=broken,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1 and json.loads(proc.stdout)["summary"]["error"] == 1
    assert proc.stderr == f"asyncops: {NO_CONFIG_FILE}\n"  # the folder is read with the defaults
    script = Path(sys.executable).with_name("asyncops")
    proc = subprocess.run(
        [str(script), "check"], cwd=broken, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 1 and proc.stdout.endswith("1 error, 1 warning in 3 documents\n")


CRASHING = {
    "check": "mkdocs_asyncops.pipeline.run_checks",
    "report": "mkdocs_asyncops.pipeline.build_boards",
    "review": "mkdocs_asyncops.pipeline.build_boards",
}
CRASHED = "asyncops: internal error: KeyError: 'x' (run again with --debug for the traceback)\n"
ON_DEFAULTS = f"asyncops: {NO_CONFIG_FILE}\n"  # the folder has no mkdocs.yml


def _crash(*args: object, **kwargs: object) -> None:
    raise KeyError("x")


@pytest.mark.parametrize("command", sorted(CRASHING))
def test_an_internal_error_exits_three_with_one_line_not_a_failed_check(
    command: str, clean: Path, capsys, monkeypatch
) -> None:
    monkeypatch.setattr(CRASHING[command], _crash)
    code, out, err = run([command], clean, capsys, monkeypatch)
    assert (code, out, err) == (3, "", ON_DEFAULTS + CRASHED)


@pytest.mark.parametrize("argv", [["--debug", "review"], ["review", "--debug"]])
def test_debug_prints_the_traceback(argv: list[str], clean: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(CRASHING["review"], _crash)
    code, _, err = run(argv, clean, capsys, monkeypatch)
    assert code == 3 and err.startswith(ON_DEFAULTS + "Traceback (most recent call last):")
    assert err.endswith("KeyError: 'x'\nasyncops: internal error: KeyError: 'x'\n")


def test_debug_changes_nothing_when_nothing_fails(broken: Path, capsys, monkeypatch) -> None:
    assert run(["--debug", "check"], broken, capsys, monkeypatch)[0] == 1
    assert run(["adr", "status", "1", "accepted", "--debug"], broken, capsys, monkeypatch)[0] == 0


@pytest.mark.parametrize("command", sorted(CRASHING))
def test_the_exit_codes_in_a_subprocess(command: str, clean: Path) -> None:
    """0 clean, 2 usage, 3 a crash, through the console script's `sys.exit` (1 for findings:
    `test_python_dash_m_and_console_script`, and review's and report's own tests)."""
    crash = (
        f"import sys, {CRASHING[command].rsplit('.', 1)[0]} as m\n"
        f"def crash(*a, **k): raise KeyError('x')\n"
        f"m.{CRASHING[command].rsplit('.', 1)[1]} = crash\n"
        "from mkdocs_asyncops.cli.main import entry_point\n"
        f"sys.argv = ['asyncops', {command!r}]\nentry_point()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", crash], cwd=clean, capture_output=True, text=True, check=False
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (3, "", ON_DEFAULTS + CRASHED)
    script = str(Path(sys.executable).with_name("asyncops"))
    usage = subprocess.run(
        [script, command, "--no-such-option"],
        cwd=clean,
        capture_output=True,
        text=True,
        check=False,
    )
    assert usage.returncode == 2 and "unrecognized arguments: --no-such-option" in usage.stderr
    clean_run = subprocess.run(
        [script, command], cwd=clean, capture_output=True, text=True, check=False
    )
    assert clean_run.returncode == 0, clean_run.stderr


def test_every_command_has_a_description_in_its_help() -> None:
    from mkdocs_asyncops.cli.main import build_parser

    parser = build_parser()
    (commands,) = [
        action
        for action in parser._actions
        if isinstance(action, type(parser._subparsers._group_actions[0]))
    ]
    assert "rules" in commands.choices
    for name, command in commands.choices.items():
        assert command.description and len(command.description) > 40, name


def test_a_command_line_naming_a_command_is_parsed_by_that_command_alone_as_by_all() -> None:
    from mkdocs_asyncops.cli.main import COMMANDS, build_parser

    def names(parser) -> list[str]:
        (commands,) = [
            action
            for action in parser._actions
            if isinstance(action, type(parser._subparsers._group_actions[0]))
        ]
        return list(commands.choices)

    assert names(build_parser()) == list(COMMANDS)  # each module registers the name it is under
    assert names(build_parser(["--debug", "check"])) == list(COMMANDS)
    assert names(build_parser(["--version"])) == []
    assert build_parser(["--help"]).format_help() == build_parser().format_help()
    assert build_parser(["-h"]).format_help() == build_parser().format_help()
    for argv in (["check", "adr", "--format", "json"], ["adr", "status", "7", "accepted"]):
        assert names(build_parser(argv)) == [argv[0]]
        assert build_parser(argv).parse_args(argv) == build_parser().parse_args(argv)


def test_a_misspelt_plugin_option_is_a_warning_and_fails_under_strict(
    write_files: Writer, capsys, monkeypatch
) -> None:
    """`mkdocs build` warns of an option it does not know (and fails on it with --strict): so does the CLI."""
    root = write_files(
        {
            "mkdocs.yml": mkdocs_yml("      sorces: [adr]"),
            "docs/index.md": "# Home\n",
            "adr/0001-x.md": adr(),
        }
    )
    code, _, err = run(["check"], root, capsys, monkeypatch)
    assert code == 0 and err.startswith(
        "asyncops: warning: mkdocs.yml: the asyncops plugin has no option 'sorces' (it is ignored); "
        "did you mean 'sources'? valid options: adr_review_days, cache, catalog, "
    )
    assert ", sources, " in err.splitlines()[0]
    code, out, err = run(["check", "--strict"], root, capsys, monkeypatch)
    assert (code, out) == (2, "") and "the configuration has 1 warning; fix it first" in err
    assert run(["review", "--strict"], root, capsys, monkeypatch)[0] == 2
    code, _, err = run(["report"], root, capsys, monkeypatch)
    assert code == 0 and "no option 'sorces'" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["report"],
        ["review"],
        ["check-pr", "--body", "-"],
        ["new", "adr", "A title"],
        ["adr", "status", "1", "accepted"],
        ["schema"],
        ["migrate", "adr"],
    ],
)
def test_a_missing_config_file_is_a_configuration_error_for_every_command(
    clean: Path, capsys, monkeypatch, argv: list[str]
) -> None:
    code, out, err = run([*argv, "-f", "missing.yml"], clean, capsys, monkeypatch)
    assert (code, out, err) == (2, "", "asyncops: missing.yml: no such configuration file\n")


def test_the_defaults_are_said_where_they_decide_the_verdict(
    clean: Path, capsys, monkeypatch
) -> None:
    assert run(["check"], clean, capsys, monkeypatch)[2] == ON_DEFAULTS
    assert run(["check", "adr"], clean, capsys, monkeypatch)[2] == ""  # PATHs: asked for
    assert run(["schema", "adr"], clean, capsys, monkeypatch)[2] == ""
    (clean / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")
    (clean / "docs").mkdir()
    assert run(["check"], clean, capsys, monkeypatch)[2] == ""


def test_the_configuration_file_is_read_once_per_command(
    write_files: Writer, capsys, monkeypatch
) -> None:
    import mkdocs.config

    root = write_files(
        {"mkdocs.yml": mkdocs_yml(), "docs/index.md": "# Home\n", "adr/0001-x.md": adr()}
    )
    calls = []
    real = mkdocs.config.load_config
    monkeypatch.setattr(
        mkdocs.config, "load_config", lambda *a, **k: calls.append(a) or real(*a, **k)
    )
    assert run(["report"], root, capsys, monkeypatch)[0] == 0
    assert len(calls) == 1
