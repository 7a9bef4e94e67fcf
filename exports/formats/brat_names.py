"""Names brat can hold, made from ids and labels that can hold anything, and the manifest that maps
them back.

brat reads a document as ``<name>.txt`` + ``<name>.ann`` (a name starting with "." is hidden from
it), an annotation type as one word of a line (no spaces, tabs or line breaks), and our article
ids and labels may be any string. So file names and types are made safe here, and a manifest
(``annotator.json``, beside the documents) maps them back to the exact id, layer and label.
File names never hold a path separator or a leading dot, stay short, are unique without regard
to case (for case-insensitive file systems) and avoid the device names Windows reserves.
"""
from __future__ import annotations

import hashlib
import re

MANIFEST = "annotator.json"
MAX_STEM = 80
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")  # "." too: no hidden names, no confusion with suffixes
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:10]


class SafeNames:
    """Safe, unique names for arbitrary strings, remembered both ways."""

    def __init__(self, prefix: str = "", fallback: str = "doc") -> None:
        self.prefix, self.fallback = prefix, fallback
        self.by_value: dict[str, str] = {}
        self.taken: set[str] = set()  # casefolded
        self.original: dict[str, str] = {}  # safe name -> value

    def __call__(self, value: str) -> str:
        name = self.by_value.get(value)
        if name is not None:
            return name
        base = _UNSAFE.sub("_", value)[:MAX_STEM].strip("_") or self.fallback
        if base.upper().partition(".")[0] in _RESERVED:
            base = f"_{base}"
        name = self.prefix + base
        if name != self.prefix + value or name.casefold() in self.taken:  # changed or colliding: make it unique
            name = f"{self.prefix}{base}-{_digest(value)}"
        while name.casefold() in self.taken:  # a digest collision: vanishingly rare, still handled
            name = f"{name}-{_digest(name)}"
        self.by_value[value] = name
        self.taken.add(name.casefold())
        self.original[name] = value
        return name
