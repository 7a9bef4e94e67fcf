"""A consistent copy of a project, safe while the app has it open: SQLite's online backup API.

Copying the file with ``cp`` while the project is open misses the edits still in its ``-wal``
file; :meth:`sqlite3.Connection.backup` copies the database as one reader sees it, WAL included,
without taking the writer's lock. The copy is written under a temporary name, checkpointed into a
single file, checked (``quick_check``), fsynced and renamed into place.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import ProjectError
from annotator.store.connection import connect
from annotator.store.durable import fsync_dir


@dataclass(frozen=True)
class BackupResult:
    path: Path
    articles: int
    bytes: int


def backup(project: str | Path, out: str | Path, *, force: bool = False) -> BackupResult:
    """Copy ``project`` to ``out``; an existing ``out`` only with ``force``, and never the project itself."""
    project, out = Path(project), Path(out)
    if out.is_dir():
        out = out / project.name
    _check_out(project, out, force)
    src = connect(project, create=False, read_only=True)
    tmp = out.with_name(f".{out.name}.backup-{os.getpid()}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        dst = sqlite3.connect(tmp, isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file; a project re-enables WAL on open
            ok = dst.execute("PRAGMA quick_check").fetchone()[0]
            articles = dst.execute("SELECT count(*) FROM articles").fetchone()[0]
        finally:
            dst.close()
        if ok != "ok":
            raise ProjectError(f"{out}: the copy failed its check ({ok}); {project} was not changed")
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        _check_out(project, out, force)
        os.replace(tmp, out)
        fsync_dir(out.parent)
    except OSError as exc:
        raise ProjectError(f"{out}: cannot write the backup ({exc.strerror}); {project} was not changed") from None
    except sqlite3.Error as exc:
        raise ProjectError(f"{out}: cannot write the backup ({exc}); {project} was not changed") from None
    finally:
        src.close()
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal"), tmp.with_name(tmp.name + "-wal")):
            leftover.unlink(missing_ok=True)
    return BackupResult(out, articles, out.stat().st_size)


def _check_out(project: Path, out: Path, force: bool) -> None:
    if not out.exists() and not out.is_symlink():
        return
    if out.is_symlink() or not out.is_file():
        raise ProjectError(f"{out}: is a symbolic link or not a regular file; give a new file name for the backup")
    if os.path.samefile(project, out):
        raise ProjectError(f"{out}: is the project itself; give another file name for the backup")
    if not force:
        raise ProjectError(f"{out}: already exists; give a new file name, or use --force to replace it")
