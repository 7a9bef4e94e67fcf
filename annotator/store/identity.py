"""Who annotates: a checked name, from the command line, the project or the system user.

The name is stored with every current annotation, journal entry and annotator version, and it
becomes part of file names when a corpus is split, so odd characters are refused with a reason
here, once, instead of failing later in a path or a report.
"""
from __future__ import annotations

import getpass
import os
import re
import unicodedata

from annotator.errors import ProjectError

ENV = "ANNOTATOR_NAME"  # set by `annotator --annotator NAME ...`
MAX_CHARS = 64
ADJUDICATED = "adjudicated"  # a layer name: no annotator may be called that


def check_name(name: str, where: str = "annotator name") -> str:
    """``name`` stripped, or :class:`ProjectError` saying what is wrong with it."""
    cleaned = unicodedata.normalize("NFC", name).strip()
    if not cleaned:
        raise ProjectError(f"{where}: an annotator name cannot be empty")
    if len(cleaned) > MAX_CHARS:
        raise ProjectError(f"{where}: {cleaned[:20]!r}... is longer than {MAX_CHARS} characters")
    bad = [c for c in cleaned if unicodedata.category(c)[0] == "C"]
    if bad:
        raise ProjectError(f"{where}: {cleaned!r} contains a control character (U+{ord(bad[0]):04X})")
    if any(c in cleaned for c in ",/\\"):
        raise ProjectError(f"{where}: {cleaned!r} contains ',', '/' or '\\'; use letters, digits, spaces, '.', '-' or '_'")
    if cleaned.lower() in (ADJUDICATED, "all"):
        raise ProjectError(f"{where}: {cleaned!r} is a reserved layer name; choose another")
    return cleaned


def system_name() -> str:
    """The system user name, or "annotator" where the system has none (some containers)."""
    try:
        return check_name(getpass.getuser())
    except (OSError, KeyError, ProjectError):
        return "annotator"


def default_name(stored: str | None = None) -> str:
    """The name edits are recorded under: ``--annotator`` (the environment), else ``stored``, else the system user."""
    explicit = os.environ.get(ENV)
    if explicit:
        return check_name(explicit, f"--annotator / {ENV}")
    return stored or system_name()


def file_stem(name: str) -> str:
    """A portable file name for ``name``: ASCII letters, digits, '-' and '_'."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", ascii_name).strip("_")
    return stem or "annotator"
