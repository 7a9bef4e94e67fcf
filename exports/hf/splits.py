"""Split assignment by article: a hash of (seed, the article's text) decides, so a split never changes.

An article's split depends on nothing but its text and the seed: exporting a grown corpus again
keeps every old article where it was, and the same text under two ids can never be in two splits
(a leak from train into evaluation). The text's key is its content hash, the id an article gets
when none is given (:func:`annotator.model.article_id`), so such articles keep the split an
id-keyed assignment gave them.
"""
from __future__ import annotations

import hashlib
from typing import Sequence

import numpy as np

from annotator.errors import ExportError

SPLITS: tuple[str, str, str] = ("train", "validation", "test")


def split_point(article_id: str, seed: int = 0) -> float:
    """A stable number in [0, 1) for ``article_id`` under ``seed``."""
    return int.from_bytes(_digest(article_id, seed), "big") / 2**64


def _digest(article_id: str, seed: int) -> bytes:
    return hashlib.sha256(f"{seed}\x1f{article_id}".encode("utf-8")).digest()[:8]


def text_keys(texts: Sequence[str] | Sequence[bytes]) -> list[str]:
    """The split key of each text (str, or its UTF-8 bytes): its content hash."""
    return [hashlib.sha256(t if isinstance(t, bytes) else t.encode("utf-8", "surrogatepass")).hexdigest()[:16] for t in texts]


class SplitAssigner:
    """Maps split keys (:func:`text_keys`) to split names by the ratios ``(train, validation, test)``."""

    def __init__(self, ratios: Sequence[float] = (0.8, 0.1, 0.1), seed: int = 0) -> None:
        if len(ratios) != len(SPLITS) or any(r < 0 for r in ratios) or sum(ratios) <= 0:
            raise ExportError(f"splits must be three non-negative ratios (train, validation, test), got {tuple(ratios)}")
        total = float(sum(ratios))
        self.seed = seed
        self.bounds = (ratios[0] / total, (ratios[0] + ratios[1]) / total)

    def __call__(self, article_id: str) -> str:
        x = split_point(article_id, self.seed)
        if x < self.bounds[0]:
            return SPLITS[0]
        return SPLITS[1] if x < self.bounds[1] else SPLITS[2]

    def indices(self, article_ids: Sequence[str]) -> np.ndarray:
        """The split of each article as its index in ``SPLITS`` (what ``__call__`` gives, for many ids)."""
        digests = b"".join([_digest(aid, self.seed) for aid in article_ids])
        points = np.frombuffer(digests, dtype=">u8").astype(np.float64) / 2**64
        return (points >= self.bounds[0]).astype(np.int64) + (points >= self.bounds[1])
