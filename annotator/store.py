"""Opening and creating the project file: one SQLite file in WAL mode."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import ProjectError
from .migrations import APPLICATION_ID, SCHEMA_VERSION, migrate

SQLITE_HEADER = b"SQLite format 3\x00"


def connect(path: str | Path, *, create: bool) -> sqlite3.Connection:
    """Open (or create) a project file, check it is ours, and bring its schema up to date.

    Raises :class:`ProjectError` for a missing file (unless ``create``), a file that is not a
    SQLite database or not a project, and a project written by a newer version of the tool.
    """
    path = Path(path)
    if path.exists():
        _check_header(path)
    elif not create:
        raise ProjectError(f"{path}: no such project file")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0, check_same_thread=False)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot open project file ({exc})") from None
    try:
        _configure(conn)
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if app_id != APPLICATION_ID and (has_tables or app_id != 0):
            raise ProjectError(f"{path}: not a project file of this tool (a SQLite database of something else)")
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{path}: written by a newer version of the tool (schema {version}, this one reads up "
                f"to {SCHEMA_VERSION}); upgrade the tool to open it"
            )
        if version < SCHEMA_VERSION:
            migrate(conn, version)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise ProjectError(f"{path}: the project file is damaged or not a database ({exc})") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read project file ({exc.strerror})") from None
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    if head and head != SQLITE_HEADER:
        raise ProjectError(f"{path}: not a project file (not a SQLite database)")
