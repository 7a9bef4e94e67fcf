"""Making a write durable: fsync a file, then the folder that holds its new name (POSIX); and
telling the leftovers of a killed writer (named ``...-PID``) from those of a running one.

Hand-written because the standard library has no "fsync this file and then its folder" helper;
backups, exports and model versions use these calls.
"""
from __future__ import annotations

import os
from pathlib import Path


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in ``path`` durable (a no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def process_running(pid: int) -> bool:
    """Whether process ``pid`` still runs (this process included), so its temporary files are live."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
