"""What an export may write over: the checks made before anything at OUT is replaced.

A single-file export always refuses a symbolic link, a folder, anything that is not a regular
file, and a SQLite database (the project file itself, or any other); an existing non-empty file
is replaced only when the format's own sniffer recognises it as a file of that format (an
earlier export), unless the user forces it. The format and ``--force`` reach the writers through
:func:`exporting` (a context variable), so the format modules need no extra parameters.

Writers sync through :mod:`annotator.store.durable` (fsync the file, then its folder).
"""
from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from annotator.errors import ExportError, ExportRefused

SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Target:
    """The export being written: its format name, how to recognise an earlier export of it, and
    whether the user forced replacing what is not one."""

    kind: str
    owns: Callable[[Path], bool] | None = None
    force: bool = False


_CURRENT: ContextVar[Target | None] = ContextVar("export_target", default=None)


@contextmanager
def exporting(kind: str, owns: Callable[[Path], bool] | None = None, force: bool = False) -> Iterator[Target]:
    """Make ``Target(kind, owns, force)`` the export being written inside the block."""
    target = Target(kind, owns, force)
    token = _CURRENT.set(target)
    try:
        yield target
    finally:
        _CURRENT.reset(token)


def current() -> Target | None:
    return _CURRENT.get()


def forced() -> bool:
    target = _CURRENT.get()
    return bool(target and target.force)


def is_database(path: Path) -> bool:
    """Whether ``path`` is a SQLite database, or has the sidecars of one that is open."""
    try:
        with open(path, "rb") as fh:
            if fh.read(16) == SQLITE_HEADER:
                return True
    except OSError:
        return False
    return path.with_name(path.name + "-wal").exists()  # a new database may live in its WAL so far


def check_file(out: Path) -> None:
    """Raise :class:`ExportError` unless a single-file export may write ``out``."""
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ExportError(f"{out}: cannot be checked before writing ({exc.strerror}); choose another file name") from None
    if stat.S_ISLNK(st.st_mode):
        raise ExportError(f"{out}: is a symbolic link; an export never writes through one; give the real path or a new file name")
    if stat.S_ISDIR(st.st_mode):
        raise ExportError(f"{out}: is a folder; this format writes one file: give a file name, e.g. {out / 'export'}")
    if not stat.S_ISREG(st.st_mode):
        raise ExportError(f"{out}: is not a regular file (a device, pipe or socket); choose a new file name")
    if is_database(out):
        raise ExportError(f"{out}: is a SQLite database (a project file?); an export never replaces one; choose a new file name")
    target = current()
    if st.st_size == 0 or target is None or target.owns is None or target.force:
        return
    if not target.owns(out):
        raise ExportRefused(str(out), f"exists and is not a {target.kind} export", "choose a new file name", "replace it")
