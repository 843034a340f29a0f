"""A command's whole answer, kept for the next run that would give it again (ADR-0026).

`asyncops check` run again on an unchanged project prints what it printed before and exits as
it exited, without loading the configuration, the schemas or the git history. The answer is
kept in the project's `.cache/asyncops/` under a key made of everything outside the files that
decides it: the tool and its code, the command line, the working folder, whether the output
is a terminal, the environment variables the tools read (and those the configuration names
with `!ENV`), the installed packages' folders and the day (UTC: ages are counted in days).
With it is kept the state of the files (`core/tree_state.py`): every file and folder of the
project's git repository (or folder), its refs and index, and whatever the configuration reads
outside it. The answer is given again only when that state is the same.

An answer that names the moment it was judged at (`asyncops inbox`, `digest`) is kept as a
template (`print_clocked`): the next run fills in its own moment, and the window back from it,
until the first moment at which a judgment may change (`boards/horizon.py`).

An answer is not kept when any file it depends on changed during the run or in the two seconds
before it (a write so recent may not show in the file's times yet), when the command read a
handbook over the network, with `--no-cache` or `cache: false`, or when it failed to run.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from ..core.cache_files import CACHE_FOLDER, CacheFiles, content_hash
from ..core.tree_state import TooManyFiles, newest_change, repository_top, tree_state
from .terminal import is_terminal

if TYPE_CHECKING:
    from ..core.settings import Settings
    from .project import ProjectConfig

__all__ = ["Answers", "Recording", "print_clocked"]

_ENV_NAMES = ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "HOME", "XDG_CONFIG_HOME")
_ENV_PREFIXES = ("GIT_", "ASYNCOPS_", "MKDOCS_", "PROPERDOCS_")
"""The environment the tools read: colour, git's own variables, the generators'."""
_ENV_TAG = re.compile(r"!ENV\s*\[?\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)")
_INHERIT = re.compile(r"^INHERIT:\s*['\"]?([^'\"\n#]+?)['\"]?\s*(?:#.*)?$", re.MULTILINE)
_SETTLED_NS = 2_000_000_000
"""How old the newest change must be when the run starts for its answer to be kept."""
_KEPT = 16
"""Answers kept per project, the newest."""
_MOST_FILES = 100_000
"""Past this many files and folders in the repository, no answer is kept."""


class Answers:
    """Where a run's answer is kept, the key it is kept under as the run starts, and what
    besides the files decides it. `of` says whether the command's answers are kept at all."""

    def __init__(self, args: argparse.Namespace, argv: Sequence[str], config: Path | None) -> None:
        self.args, self.argv, self.config = args, list(argv), config
        self.root = config.parent if config is not None else Path.cwd().resolve()
        self.cache = self.root / CACHE_FOLDER
        self.configs = _configs(config)
        """The configuration file and those it inherits from (`INHERIT:`), with their texts."""
        self.key = self.key_now()
        """The key as the run starts: one that differs at its end (midnight came, a package was
        installed) keeps nothing."""

    @classmethod
    def of(cls, args: argparse.Namespace, argv: Sequence[str]) -> Answers | None:
        if getattr(args, "no_cache", False) or "GIT_DIR" in os.environ:
            return None
        config: Path | None
        if args.config_file is not None:
            config = Path(args.config_file).resolve()
            if not config.is_file():
                return None
        else:
            from ..mkdocs.engine import find

            found = find(Path.cwd())
            config = found.resolve() if found is not None else None
        return cls(args, argv, config)

    def given(self) -> int | None:
        """Print the answer kept for this run and return its exit code; None when there is none
        that still holds (the command must run)."""
        kept = CacheFiles(self.cache).load(_name(self.key), self.key)
        if not isinstance(kept, dict):
            return None
        try:
            tops, skip, files = kept["tops"], kept["skip"], kept["files"]
            out, err, code = kept["stdout"], kept["stderr"], kept["code"]
            if not (isinstance(out, str) and isinstance(err, str) and code in (0, 1)):
                return None
            if kept["clock"] is not None:
                out = _Clock(**kept["clock"]).filled(out)
                if out is None:
                    return None
            now = tree_state(map(Path, tops), map(Path, skip), map(Path, files), _MOST_FILES)
        except (KeyError, TypeError, ValueError, TooManyFiles):
            return None
        if now != kept["state"]:
            return None
        sys.stdout.write(out)
        sys.stderr.write(err)
        return int(code)

    @contextmanager
    def recording(self) -> Iterator[Recording]:
        """Record what the run prints (it is printed as well) until the block ends."""
        record = Recording(self)
        sys.stdout, sys.stderr = record.stdout, record.stderr
        try:
            yield record
        finally:
            sys.stdout, sys.stderr = record.stdout.stream, record.stderr.stream

    def key_now(self) -> str:
        from .. import dates

        tags = {name for _, text in self.configs for name in _ENV_TAG.findall(text)}
        names = {*_ENV_NAMES, *tags}
        environment = sorted(
            (name, value)
            for name, value in os.environ.items()
            if name in names or name.startswith(_ENV_PREFIXES)
        )
        terminals = [is_terminal(stream) for stream in (sys.stdout, sys.stderr)]
        packages = [(p, _mtime(p)) for p in sys.path]
        return content_hash(
            repr(self.argv).encode(),
            os.getcwd().encode(),
            repr((environment, terminals, packages, sys.version)).encode(),
            dates.now().date().isoformat().encode(),
        )

    def inputs(self, settings: Settings) -> tuple[list[Path], list[Path]]:
        """What a run with `settings` may have read: the folders (or files) to look at whole,
        and single files looked for (there or not)."""
        tops = [(repository_top(self.root) or self.root).resolve()]
        outside = [folder.path for folder in settings.folders]
        outside += [settings.root / name for name in settings.health.catalog_files]
        if settings.health.pull_request_file:
            outside.append(settings.root / settings.health.pull_request_file)
        if settings.baseline is not None:
            outside.append(settings.baseline)
        for remote in settings.remotes:
            if remote.export:
                outside.append(Path(remote.export))
            if remote.checkout is not None:
                outside.append(repository_top(remote.checkout.root) or remote.checkout.root)
        outside += [Path(path) for path in getattr(self.args, "paths", None) or ()]
        outside += [path for path, _ in self.configs[1:]]  # inherited configuration files
        for path in (p.resolve() for p in outside):
            if not any(path == top or top in path.parents for top in tops):
                tops.append(path)
        home = Path.home()
        config_home = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
        files = [home / ".gitconfig", config_home / "git" / "config", Path("/etc/gitconfig")]
        return tops, files


class Recording:
    """What a run prints, as it prints it, to be kept as its answer (`keep`)."""

    def __init__(self, answers: Answers) -> None:
        self.answers = answers
        self.start = time.time_ns()
        self.stdout, self.stderr = _Tee(sys.stdout), _Tee(sys.stderr)
        self.project: ProjectConfig | None = None

    def keep(self, code: int) -> None:
        """Keep the answer `code` when it may be given again (see the module's docstring)."""
        answers = self.answers
        if code not in (0, 1) or self.project is None:
            return
        clock = self.stdout.clock
        if getattr(answers.args, "clocked", False) and clock is None and not self.stdout.timeless:
            return  # what it printed names the moment, and holds for no other
        settings = _read_with(self.project, answers.args)
        if settings.cache is None or settings.cache.resolve() != answers.cache.resolve():
            return
        if any(remote.export and "://" in remote.export for remote in settings.remotes):
            return
        tops, files = answers.inputs(settings)
        skip = [answers.cache.resolve()]
        try:
            state = tree_state(tops, skip, files, _MOST_FILES)
        except TooManyFiles:  # looking at them all would cost more than it saves
            return
        # the folders of the cache change as this run makes them (`.cache/`): all else counts
        root = answers.root.resolve()
        own = {str(folder) for folder in skip[0].parents if root in folder.parents}
        if newest_change(state, leaving_out=own) >= self.start - _SETTLED_NS:
            return
        if answers.key_now() != answers.key:
            return
        CacheFiles(answers.cache).store(
            _name(answers.key),
            answers.key,
            {
                "tops": [str(p) for p in tops],
                "skip": [str(p) for p in skip],
                "files": [str(p) for p in files],
                "state": state,
                "stdout": self.stdout.kept(),
                "stderr": self.stderr.kept(),
                "code": code,
                "clock": None if clock is None else clock._asdict(),
            },
        )
        _prune(answers.cache)


class _Clock(NamedTuple):  # not a dataclass: a kept answer is given before those are loaded
    """How a kept answer names its moments: `now` (and `start`, the window's) in `form`,
    written as the tokens; it holds from `judged` to `until` (ISO 8601, UTC)."""

    tokens: Sequence[str]
    form: str
    """`iso` (JSON's) or `shown` (text's), as `dates` writes them."""
    judged: str
    until: str
    window: float | None
    """How far `start` lies before `now`, in seconds; None: `start` stays where it was."""
    start: str | None

    def filled(self, template: str) -> str | None:
        """`template` as it is now, None when it no longer holds."""
        from .. import dates

        now = dates.now()
        if not (datetime.fromisoformat(self.judged) <= now < datetime.fromisoformat(self.until)):
            return None
        start = (
            now - timedelta(seconds=self.window)
            if self.window is not None
            else datetime.fromisoformat(self.start)
            if self.start is not None
            else None
        )
        return _fill(template, self.tokens, self.form, now, start)


def print_clocked(
    render: Callable[[str, str], str],
    form: str,
    now: datetime,
    start: datetime | None = None,
    until: datetime | None = None,
    window: timedelta | None = None,
) -> None:
    """Print `render(now, start)`, the moments written in `form` (`iso` or `shown`); when the
    run's answer is being kept and the clock gave `now` (`until` is the moment the judgments
    hold to, None: the site's `today`), keep it as a template with the moments left open:
    `start` fixed, or `window` before `now` when given."""
    printed = render(_written(now, form), _written(start, form))
    out = sys.stdout
    if not isinstance(out, _Tee) or until is None or until <= now:
        print(printed)
        if isinstance(out, _Tee):
            out.timeless = until is None  # the site's `today`: what it printed holds all day
        return
    tokens = (f"@{os.urandom(8).hex()}@", f"@{os.urandom(8).hex()}@")
    template = render(*tokens) + "\n"
    clock = _Clock(
        tokens,
        form,
        now.isoformat(),
        until.isoformat(),
        window.total_seconds() if window is not None else None,
        start.isoformat() if start is not None and window is None else None,
    )
    if (
        any(token in printed for token in tokens)
        or _fill(template, tokens, form, now, start) != printed + "\n"
    ):
        print(printed)  # not a template of what it printed: nothing is kept
        return
    out.write_as(printed + "\n", template)
    out.clock = clock


def _fill(
    template: str, tokens: Sequence[str], form: str, now: datetime, start: datetime | None
) -> str:
    return template.replace(tokens[0], _written(now, form)).replace(
        tokens[1], _written(start, form)
    )


def _written(moment: datetime | None, form: str) -> str:
    from ..dates import iso, shown

    return (iso(moment, moment_only=True) or "") if form == "iso" else shown(moment)


def _configs(config: Path | None) -> list[tuple[Path, str]]:
    """The configuration file and those it inherits from (`INHERIT:`), each with its text."""
    found: list[tuple[Path, str]] = []
    path = config
    while path is not None and len(found) < 8:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            break
        found.append((path, text))
        match = _INHERIT.search(text)
        path = (path.parent / match.group(1).strip()).resolve() if match else None
    return found


class _Tee:
    """A text stream that writes through to `stream` and keeps what was written, except what
    is written to `transient` (a progress line, which a kept answer must not replay)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.transient = stream
        self._parts: list[str] = []
        self.clock: _Clock | None = None
        """How the moments are written into what is kept (`print_clocked`)."""
        self.timeless = False
        """What `print_clocked` printed names a moment that never moves."""

    def write(self, text: str) -> int:
        self._parts.append(text)
        return self.stream.write(text)

    def write_as(self, text: str, kept: str) -> int:
        """Write `text`, keeping `kept` in its place."""
        self._parts.append(kept)
        return self.stream.write(text)

    def kept(self) -> str:
        return "".join(self._parts)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _read_with(project: ProjectConfig, args: argparse.Namespace) -> Settings:
    """The settings the command read with: the project's, with the PATHs, `--kind`,
    `--remote` and `--extensions` given (as `project.reading` makes them)."""
    from .project import reading

    return reading(
        project,
        getattr(args, "paths", None) or [],
        getattr(args, "kind", None),
        getattr(args, "remote", None) or [],
        getattr(args, "extensions", None),
    )


def _name(key: str) -> str:
    return f"answer-{key[:20]}"


def _prune(folder: Path) -> None:
    """Remove all but the `_KEPT` newest answers of the folder."""
    try:
        answers = sorted(folder.glob("answer-*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in answers[:-_KEPT]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _mtime(path: str) -> int:
    try:
        return os.stat(path or ".").st_mtime_ns
    except OSError:
        return -1
