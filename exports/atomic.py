"""Writing an export folder so that a failure or a kill never leaves a half-written one.

The folder is built as ``.<name>.tmp-<pid>`` beside its final place and renamed in at the end; an
earlier export is moved aside to ``.<name>.old-<pid>`` and removed only once the new one is in.
A kill between those two renames leaves the earlier export aside: the next export of the same
folder puts it back (or clears the leftovers of processes that are gone) before it starts.
"""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from annotator.errors import ExportError


@contextmanager
def atomic_dir(out: Path, may_replace: Callable[[Path], bool] | None = None, kind: str = "an export") -> Iterator[Path]:
    """A temporary folder that becomes ``out`` when the block succeeds.

    An existing non-empty ``out`` is replaced only when ``may_replace(out)`` says it is an
    earlier export, ``kind`` in the error otherwise (any folder when ``may_replace`` is None).
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tidy(out)
    _check_replaceable(out, may_replace, kind)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        yield tmp
        _check_replaceable(out, may_replace, kind)
        _replace(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def tidy(out: Path) -> None:
    """Undo what a killed export left: restore an earlier export that was moved aside, and
    delete temporary folders of processes that are gone."""
    for leftover in sorted(out.parent.glob(f".{out.name}.*-*")):
        kind, _, pid = leftover.name[len(out.name) + 2 :].rpartition("-")
        if kind not in ("tmp", "old") or not pid.isdigit() or _alive(int(pid)):
            continue
        if kind == "old" and not out.exists():
            leftover.rename(out)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _check_replaceable(out: Path, may_replace: Callable[[Path], bool] | None, kind: str) -> None:
    if out.is_file() or (out.is_dir() and may_replace is not None and any(out.iterdir()) and not may_replace(out)):
        raise ExportError(f"{out}: exists and is not {kind}; choose a new or empty folder")


def _replace(tmp: Path, out: Path) -> None:
    if not out.exists():
        tmp.rename(out)
        return
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    out.rename(old)
    try:
        tmp.rename(out)
    except BaseException:
        old.rename(out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
