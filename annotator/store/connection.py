"""Opening and creating the project file: one SQLite file in WAL mode."""
from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from annotator.errors import ProjectError
from annotator.store.lock import LockError
from annotator.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate

SQLITE_HEADER = b"SQLite format 3\x00"


class ProjectConnection(sqlite3.Connection):
    """A connection that remembers how it was opened: ``note`` says why reading takes a detour."""

    note: str | None = None
    immutable: bool = False


def connect(path: str | Path, *, create: bool, read_only: bool = False) -> sqlite3.Connection:
    """Open (or create) a project file, check it is ours, and bring its schema up to date.

    Raises :class:`ProjectError` for a missing file (unless ``create``), a file that is not a
    SQLite database or not a project, a truncated file, and a project written by a newer version
    of the tool. Nothing is written to a file before it is known to be a project of ours.
    ``read_only`` opens with SQLite's ``mode=ro``: every write fails, and no migration runs.
    """
    path = Path(path)
    if path.exists():
        _check_header(path, create)
    elif not create:
        raise ProjectError(f"{path}: no such project file")
    try:
        if read_only:
            conn = _read_only(path)
        else:
            conn = sqlite3.connect(path, isolation_level=None, timeout=10.0, check_same_thread=False,
                                   factory=ProjectConnection)
    except sqlite3.Error as exc:
        raise ProjectError(f"{path}: cannot open project file ({exc})") from None
    except UnicodeDecodeError as exc:  # SQLite's message quoted undecodable bytes of the damaged file
        raise ProjectError(f"{path}: the project file is damaged or not a database ({exc})") from None
    version = None
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        has_tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if app_id != APPLICATION_ID and (has_tables or app_id != 0 or not create):
            raise ProjectError(f"{path}: not a project file of this tool (a SQLite database of something else)")
        if version < 0:
            raise ProjectError(f"{path}: damaged: its schema version reads {version}")
        if version > SCHEMA_VERSION:
            raise ProjectError(
                f"{path}: written by a newer version of the tool (schema {version}, this one reads up "
                f"to {SCHEMA_VERSION}); upgrade the tool to open it"
            )
        if read_only:
            if version < SCHEMA_VERSION:
                raise ProjectError(f"{path}: needs an upgrade to schema {SCHEMA_VERSION}; open it for writing once first")
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA foreign_keys = ON")
            return conn
        _configure(conn)
        if version < SCHEMA_VERSION:
            try:
                migrate(conn, version)
            except sqlite3.Error as exc:
                raise ProjectError(
                    f"{path}: upgrading the project file from schema {version} to {SCHEMA_VERSION} failed ({exc}); "
                    "the file was left as it was"
                ) from None
    except (sqlite3.Error, UnicodeDecodeError) as exc:  # SQLite's message may quote undecodable bytes
        conn.close()
        why = _UNWRITABLE.get(getattr(exc, "sqlite_errorcode", 0) & 0xFF) if not read_only else None
        if why:
            raise LockError(f"{path}: cannot open the project for editing: {why} ({exc}); open it read-only "
                            "(--read-only) to read and export it", why, busy=False) from None
        raise ProjectError(f"{path}: the project file is damaged or not a database ({exc})") from None
    except BaseException:
        conn.close()
        raise
    return conn


_UNWRITABLE = {8: "the file or its folder is read-only", 13: "the disk is full",
               14: "its folder cannot be written", 10: "the disk cannot be written"}  # SQLITE_READONLY, FULL, CANTOPEN, IOERR


def _read_only(path: Path) -> ProjectConnection:
    """A read-only connection that takes no lock and writes nothing.

    WAL readers need the ``-shm`` index, which SQLite creates beside the file: on read-only media
    or a full disk it cannot, and the open fails. Then, when no saved edit waits in the ``-wal``
    file (a closed project is checkpointed into one file), the file is opened ``immutable``:
    nothing else can be writing to it there. Otherwise the error says to copy it elsewhere.
    """
    uri = f"file:{quote(str(path.absolute()))}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10.0, check_same_thread=False,
                           factory=ProjectConnection)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn  # type: ignore[return-value]
    except sqlite3.OperationalError as exc:
        conn.close()
        first = exc
    except BaseException:
        conn.close()
        raise
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ProjectError(f"{path}: cannot be read in place ({first}): its folder cannot be written (read-only media "
                           f"or a full disk) and saved edits wait in {wal.name}; copy both files elsewhere and open the copy")
    conn = sqlite3.connect(uri + "&immutable=1", uri=True, isolation_level=None, check_same_thread=False,
                           factory=ProjectConnection)
    conn.note, conn.immutable = f"its folder cannot be written ({first}); reading the file as it is", True
    return conn  # type: ignore[return-value]


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def _check_header(path: Path, create: bool) -> None:
    """Refuse a folder, an empty or non-SQLite file, and a file shorter than its header says."""
    if path.is_dir():
        raise ProjectError(f"{path}: is a folder, not a project file")
    try:
        with path.open("rb") as fh:
            head = fh.read(100)
        size = path.stat().st_size
    except OSError as exc:
        raise ProjectError(f"{path}: cannot read project file ({exc.strerror})") from None
    if not head:
        if create:
            return
        raise ProjectError(f"{path}: the file is empty, not a project file")
    if head[:16] != SQLITE_HEADER:
        raise ProjectError(f"{path}: not a project file (not a SQLite database)")
    if len(head) < 100:
        raise ProjectError(f"{path}: the project file is truncated ({size} bytes)")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    # The in-header page count is valid when the two change counters agree (SQLite file format,
    # section 1.3.7). A -wal file may hold the newest pages, so only an absent or empty one counts.
    counts_valid = head[24:28] == head[92:96]
    wal = path.with_name(path.name + "-wal")
    wal_empty = not wal.exists() or wal.stat().st_size == 0
    if counts_valid and wal_empty and pages and size < pages * page_size:
        raise ProjectError(
            f"{path}: the project file is truncated ({size} bytes, its header says {pages * page_size}); "
            "restore it from a backup"
        )
