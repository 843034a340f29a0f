"""One exception base: every error the package raises on purpose is an `AsyncOpsError`, and both
faces turn one into a message for the user, never into a traceback."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

import mkdocs_asyncops
from mkdocs_asyncops.cli.main import main
from mkdocs_asyncops.core.formula import FormulaError
from mkdocs_asyncops.core.kinds import KindError
from mkdocs_asyncops.edit.scaffold import ScaffoldError
from mkdocs_asyncops.errors import AsyncOpsError
from tests.helpers import Writer, adr
from tests.helpers.site import mkdocs_yml


def _exception_classes() -> list[type[BaseException]]:
    found = []
    for module_info in pkgutil.walk_packages(mkdocs_asyncops.__path__, "mkdocs_asyncops."):
        if module_info.name.endswith("__main__"):  # runs the command line when imported
            continue
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == module.__name__:
                found.append(value)
    return found


def test_every_exception_class_of_the_package_is_an_asyncops_error() -> None:
    classes = _exception_classes()
    names = {cls.__name__ for cls in classes}
    assert {"SettingsError", "KindError", "FormulaError", "GitError", "EditRefused"} <= names
    assert [cls.__name__ for cls in classes if not issubclass(cls, AsyncOpsError)] == []


def _run(argv: list[str], cwd: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        code = main(argv)
    return code, capsys.readouterr().err


def test_the_cli_says_any_asyncops_error_in_one_line_with_exit_2(
    write_files: Writer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files({"adr/0001-a.md": adr()})

    def refuse(*_: object) -> None:
        raise FormulaError("priority_formula: 'x y' is not a formula;\n  fix it")

    monkeypatch.setattr("mkdocs_asyncops.pipeline.run_checks", refuse)
    code, err = _run(["check", "adr"], root, capsys)
    assert (code, err) == (2, "asyncops: priority_formula: 'x y' is not a formula; fix it\n")


def test_the_cli_says_a_refused_request_as_the_command_with_exit_1(
    write_files: Writer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files({"adr/0001-a.md": adr()})

    def refuse(*_: object) -> None:
        raise ScaffoldError("adr/0002-b.md already exists")

    monkeypatch.setattr("mkdocs_asyncops.edit.scaffold.create", refuse)
    code, err = _run(["new", "adr", "B"], root, capsys)
    assert (code, err) == (1, "asyncops new: adr/0002-b.md already exists\n")
    assert not (root / "adr" / "0002-b.md").exists()


def test_other_exceptions_stay_internal_errors(
    write_files: Writer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files({"adr/0001-a.md": adr()})

    def crash(*_: object) -> None:
        raise ValueError("a bug")

    monkeypatch.setattr("mkdocs_asyncops.pipeline.run_checks", crash)
    code, err = _run(["check", "adr"], root, capsys)
    assert code == 3 and err.startswith("asyncops: internal error: ValueError: a bug")


def test_the_plugin_turns_any_asyncops_error_into_a_plugin_error(
    write_files: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files(
        {"mkdocs.yml": mkdocs_yml(), "docs/index.md": "# Home\n", "adr/0001-a.md": adr()}
    )

    def refuse(*_: object) -> None:
        raise KindError("kinds.rfc: expected a mapping of settings")

    monkeypatch.setattr("mkdocs_asyncops.mkdocs.plugin.settings_from_config", refuse)
    config = load_config(str(root / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(PluginError, match=r"^asyncops: kinds.rfc: expected a mapping of settings$"):
        config.plugins.on_config(config)
