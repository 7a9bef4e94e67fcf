"""One writer per project file: an advisory lock on a sidecar ``<project>.lock`` file.

The lock is ``fcntl.flock`` on the sidecar, not a bare "file exists" marker: the kernel drops a
flock when its process exits for any reason, SIGKILL and power-off of the process included, so a
lock left behind by a crashed window is never mistaken for a live one and needs no pid guessing
(a pid can be reused; a lock file's mere presence proves nothing). The file's content (pid, host,
time) only serves the message shown to the second window.

The sidecar is unlinked while still locked on release, so a process that opened the old file just
before would lock a deleted inode; :func:`acquire` checks that the file it locked is still the one
at the path and retries otherwise.
"""
from __future__ import annotations

import errno
import json
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from annotator.errors import ProjectError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locking; the project opens unlocked
    fcntl = None  # type: ignore[assignment]


class LockError(ProjectError):
    """The writer's lock cannot be taken: ``busy`` when another process holds it, else the lock
    file cannot be written (read-only media, no permission, a full disk). ``reason`` says which."""

    def __init__(self, message: str, reason: str, busy: bool) -> None:
        super().__init__(message)
        self.reason = reason
        self.busy = busy


def lock_path(project_path: str | Path) -> Path:
    p = Path(project_path)
    return p.with_name(p.name + ".lock")


@dataclass
class Holder:
    """Who holds a lock, as written in the lock file."""

    pid: int | None
    host: str | None
    since: float | None

    def describe(self) -> str:
        parts = [f"pid {self.pid}" if self.pid is not None else "unknown process"]
        if self.host and self.host != socket.gethostname():
            parts.append(f"on {self.host}")
        if self.since:
            parts.append("since " + time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since)))
        return " ".join(parts)


class ProjectLock:
    """A held lock; :meth:`release` (or process exit) frees it."""

    def __init__(self, path: Path, fd: int | None) -> None:
        self.path = path
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self._fd)  # closing drops the flock
        self._fd = None


def read_holder(path: Path) -> Holder:
    try:
        info = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    if not isinstance(info, dict):
        info = {}
    pid, host, since = info.get("pid"), info.get("host"), info.get("since")
    return Holder(pid if isinstance(pid, int) else None, host if isinstance(host, str) else None,
                  since if isinstance(since, (int, float)) else None)


def acquire(project_path: str | Path) -> ProjectLock:
    """Lock ``project_path`` for writing, or raise :class:`ProjectError` naming the holder.

    A lock file left by a process that died is taken over (its flock died with it).
    """
    path = lock_path(project_path)
    if fcntl is None:  # pragma: no cover
        return ProjectLock(path, None)
    for _ in range(20):
        existed = path.exists()
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _unwritable(project_path, path, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            holder = read_holder(path)
            reason = f"the project is open in another window ({holder.describe()})"
            raise LockError(f"{project_path}: {reason}; close it there, or open it read-only (--read-only)",
                            reason, busy=True) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if not same:  # the holder released and unlinked it between our open and flock
            os.close(fd)
            continue
        info = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": time.time()})
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, info.encode("utf-8"), 0)
        except OSError as exc:  # a full disk: leave no empty lock file behind
            if not existed:
                try:
                    os.unlink(path)
                except OSError:
                    pass
            os.close(fd)
            raise _unwritable(project_path, path, exc) from None
        return ProjectLock(path, fd)
    raise ProjectError(f"{project_path}: cannot take the lock file {path.name}: it keeps changing")


def _unwritable(project_path: str | Path, path: Path, exc: OSError) -> LockError:
    why = {errno.EROFS: "its folder is on read-only media", errno.ENOSPC: "the disk is full",
           errno.EDQUOT: "the disk quota is used up"}.get(exc.errno or 0, f"the lock file {path.name} cannot be written ({exc.strerror})")
    return LockError(f"{project_path}: cannot open the project for editing: {why}; open it read-only (--read-only) "
                     "to read and export it", why, busy=False)
