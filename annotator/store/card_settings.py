"""What the dataset card of an HF export says about the dataset: kept in the project's settings.

``language`` (ISO 639-1 codes, comma-separated), ``license`` (a Hub license id such as
``cc-by-4.0``) and ``pretty_name`` are what the Hub shows and filters on; the export flags set
them once and every later export, from the command line or the app, writes them.
"""
from __future__ import annotations

import sqlite3
from typing import Mapping

KEYS = ("language", "license", "pretty_name")
PREFIX = "card."


def read(conn: sqlite3.Connection) -> dict[str, str]:
    """The card settings the project has (missing keys are left out)."""
    rows = conn.execute("SELECT key, value FROM project WHERE key IN (%s)" % ",".join("?" * len(KEYS)),
                        [PREFIX + k for k in KEYS]).fetchall()
    return {key[len(PREFIX):]: value for key, value in rows}


def write(conn: sqlite3.Connection, values: Mapping[str, str | None]) -> None:
    """Set the given card settings, inside the caller's transaction (None leaves a key as it is)."""
    unknown = set(values) - set(KEYS)
    if unknown:
        raise ValueError(f"unknown card settings {sorted(unknown)}; known: {', '.join(KEYS)}")
    conn.executemany("INSERT OR REPLACE INTO project(key, value) VALUES (?, ?)",
                     [(PREFIX + k, v) for k, v in values.items() if v is not None])
