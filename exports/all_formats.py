"""Import every interchange format so that each registers itself in :mod:`exports.registry`.

The CLI does ``import exports.all_formats`` and then uses ``read_any`` / ``write_any`` / ``detect``.
The order is the order sniffers are tried in: the specific JSONL shapes before the generic ones.
"""
from __future__ import annotations

from exports.formats import (
    brat,
    conll,
    doccano,  # noqa: F401  (after prodigy: a Prodigy task can look like doccano's)
    labelstudio,
    prodigy,
    spacy_docbin,
)
from exports.hf import dataset as hf  # noqa: F401

__all__ = ["brat", "conll", "doccano", "hf", "labelstudio", "prodigy", "spacy_docbin"]
