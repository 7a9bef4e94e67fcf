"""Cutting tokens out of a batch's UTF-8 buffer gives the same strings as slicing the texts."""
from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.hf.batch_tokens import BatchText

text = st.text(alphabet=st.sampled_from("ab —éД東😀\n"), max_size=30)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(text, max_size=6), data=st.data())
def test_bytes_and_pieces_match_python_slicing(texts, data):
    batch = BatchText.of(texts)
    joined = "".join(texts)
    every = np.arange(len(joined) + 1)
    expected = [len(joined[:c].encode()) for c in every]
    assert batch.bytes_at(every).tolist() == expected == batch.bytes_at(every, ascending=True).tolist()
    assert batch.texts().to_pylist() == texts
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(joined)), max_size=12))))
    pairs = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if a < b]
    starts = np.array([a for a, _ in pairs], dtype=np.int64)
    ends = np.array([b for _, b in pairs], dtype=np.int64)
    assert batch.pieces(starts, ends).to_pylist() == [joined[a:b] for a, b in pairs]


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(text, max_size=6))
def test_texts_handed_over_as_utf8_index_like_python_strings(texts):
    from annotator.store.batches.article_batches import Utf8Texts

    as_strings, as_utf8 = BatchText.of(texts), BatchText.of(Utf8Texts([t.encode() for t in texts]))
    for field in ("data", "base", "wide", "extra"):
        assert getattr(as_utf8, field).tolist() == getattr(as_strings, field).tolist(), field
