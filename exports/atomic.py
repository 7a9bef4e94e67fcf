"""Writing an export folder so that a failure or a kill never leaves a half-written one, and an
export never deletes what it did not write.

The folder is built as ``.<name>.tmp-<pid>`` beside its final place and renamed in at the end; an
earlier export is moved aside to ``.<name>.old-<pid>`` and removed only once the new one is in.
A kill between those two renames leaves the earlier export aside: the next export of the same
folder puts it back (or clears the leftovers of processes that are gone) before it starts.

Ownership: every export folder holds a marker file listing the files the export wrote. A
non-empty folder without one is refused (unless forced, or an earlier export recognised by
``may_replace`` from before markers existed); files the earlier export did not write (a ``.git``,
notes) are hard-linked into the new folder before it is renamed in, so they survive; a folder
holding a SQLite database (the project) is always refused. Every file and folder is fsynced
before the rename, and the parent folder after it.
"""
from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from annotator.errors import ExportError, ExportRefused
from annotator.store.durable import fsync_dir, fsync_file, process_running
from exports.targets import current, forced, is_database

MARKER = ".annotator-export.json"


@contextmanager
def atomic_dir(out: Path, may_replace: Callable[[Path], bool] | None = None, kind: str = "an export") -> Iterator[Path]:
    """A temporary folder that becomes ``out`` when the block succeeds.

    ``out`` may be missing, empty, or an earlier export (marked, or one ``may_replace`` says is
    ``kind``); anything else needs ``--force``. Files at ``out`` the earlier export did not write
    are kept.
    """
    out = Path(os.path.abspath(out))
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        what = "a symbolic link" if out.is_symlink() else "a file"
        raise ExportError(f"{out}: is {what}; this format writes a folder: give a new or empty folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    tidy(out)
    owned = _owned(out, may_replace, kind)
    tmp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        try:
            yield tmp
        except OSError as exc:  # e.g. a file name the file system refuses
            where = Path(exc.filename).relative_to(tmp) if exc.filename and str(exc.filename).startswith(str(tmp)) else exc.filename
            name = str(where or "the export")
            name = name if len(name) <= 80 else name[:60] + f"... ({len(name)} characters)"
            raise ExportError(f"{out}: cannot write {name} ({exc.strerror}); nothing was changed") from None
        written = _files(tmp)
        owned = _owned(out, may_replace, kind)
        if owned is None:  # an export from before markers: it owns the names it writes again
            tops = {w.split("/", 1)[0] for w in written}
            owned = {f for f in _files(out) if f.split("/", 1)[0] in tops}
        _carry_over(out, tmp, owned, written)
        target = current()
        (tmp / MARKER).write_text(json.dumps({"tool": "news-annotator", "kind": target.kind if target else kind,
                                              "files": sorted(written)}, indent=1), encoding="utf-8")
        _sync_tree(tmp)
        _replace(tmp, out)
        fsync_dir(out.parent)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def tidy(out: Path) -> None:
    """Undo what a killed export left: restore an earlier export that was moved aside, and
    delete temporary folders of processes that are gone."""
    for leftover in sorted(out.parent.glob(f".{out.name}.*-*")):
        kind, _, pid = leftover.name[len(out.name) + 2 :].rpartition("-")
        if kind not in ("tmp", "old") or not pid.isdigit() or (int(pid) != os.getpid() and process_running(int(pid))):
            continue
        if kind == "old" and not out.exists():
            leftover.rename(out)
        else:
            shutil.rmtree(leftover, ignore_errors=True)


def _owned(out: Path, may_replace: Callable[[Path], bool] | None, kind: str) -> set[str] | None:
    """The files of ``out`` an earlier export wrote (None: a pre-marker export, decided later).

    Raises :class:`ExportError` for a folder the export may not write into: one holding a SQLite
    database first (forcing cannot help), then :class:`ExportRefused` for one without a marker.
    """
    if not out.is_dir() or not any(out.iterdir()):
        return set()
    marker = out / MARKER
    foreign = False  # neither marked nor recognised: the user's own folder
    if marker.is_file():
        owned: set[str] | None = _read_marker(marker)
    elif may_replace is not None and may_replace(out):
        owned = None
    else:
        owned, foreign = set(), True
    for rel in _files(out):
        if (owned is None or rel not in owned) and is_database(out / rel):
            raise ExportError(f"{out}: holds a SQLite database ({rel}, a project file?); an export never replaces "
                              "a folder holding one; choose another folder")
    if foreign and not forced():
        raise ExportRefused(str(out), f"the folder is not empty and is not {kind} (it has no export marker)",
                            "choose a new or empty folder", "export into it (its other files are kept)")
    return owned


def _read_marker(marker: Path) -> set[str]:
    try:
        files = json.loads(marker.read_text(encoding="utf-8")).get("files", [])
    except (OSError, ValueError, AttributeError):
        raise ExportError(f"{marker}: the export marker is damaged; delete it and use --force, or choose another folder") from None
    return {f for f in files if isinstance(f, str)}


def _files(root: Path) -> set[str]:
    """Every non-folder entry under ``root`` (symlinks not followed), as relative POSIX paths."""
    found: set[str] = set()
    for folder, dirs, names in os.walk(root):
        base = Path(folder).relative_to(root)
        for name in names + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            rel = (base / name).as_posix()
            if rel != MARKER:
                found.add(rel)
        if not names and not dirs and folder != str(root):
            found.add(base.as_posix() + "/")  # an empty folder the user made
    return found


def _carry_over(out: Path, tmp: Path, owned: set[str], written: set[str]) -> None:
    """Link the files of ``out`` the earlier export did not write into ``tmp`` (they are kept)."""
    if not out.is_dir():
        return
    for rel in sorted(_files(out) - owned):
        if rel in written and not forced():
            raise ExportRefused(str(out / rel), "was not written by an export and the new export writes a file of that name",
                                "move it away", "replace it")
        if rel in written:
            continue
        src, dst = out / rel, tmp / rel
        if rel.endswith("/"):
            dst.mkdir(parents=True, exist_ok=True)
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_symlink():
            os.symlink(os.readlink(src), dst)
            continue
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)


def _sync_tree(root: Path) -> None:
    for folder, dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if not path.is_symlink():
                fsync_file(path)
        fsync_dir(Path(folder))


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
