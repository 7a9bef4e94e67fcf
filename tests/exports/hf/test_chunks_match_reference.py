"""The batch chunker writes exactly the rows of the first, token-by-token chunker.

Whole batches go through ``write_hf`` (so articles meet in one batch, with blank lines, long
paragraphs, entities across line breaks and emoji); every ner row is compared.
"""
from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.model import Article, Document, Span, article_id
from annotator.nlp.tokenizer import blank_pipeline
from annotator.schema import Schema
from exports.formats.conll import read_conll
from exports.hf.dataset import write_hf
from exports.hf.schema import iob_names
from tests.conftest import CONLL_DEV
from tests.exports.hf.reference_chunks import ChunkEncoder

CONLL_SCHEMA = Schema.default(["PER", "ORG", "LOC", "MISC"])
SCHEMA = Schema.default(["PERSON", "ORG", "GPE", "DATE"])


def expected_rows(docs: list[Document], schema: Schema, max_tokens: int) -> list[tuple]:
    encoder = ChunkEncoder(blank_pipeline(), iob_names(schema), max_tokens=max_tokens)
    return [
        (f"{d.article.id}-{k}", d.article.id, c.start, c.tokens, c.spaces, c.tags)
        for d in docs for k, c in enumerate(encoder.chunks(d))
    ]


def exported_rows(docs: list[Document], schema: Schema, max_tokens: int, out) -> list[tuple]:  # type: ignore[no-untyped-def]
    write_hf(docs, out, schema, splits=(1, 0, 0), max_tokens=max_tokens, batch_articles=7)
    table = pq.read_table(out / "data" / "ner" / "train-00000-of-00001.parquet")
    return [(r["id"], r["doc_id"], r["start"], r["tokens"], r["spaces"], r["ner_tags"]) for r in table.to_pylist()]


@pytest.mark.parametrize("max_tokens", [200, 12])
def test_conll_dev_rows_equal_the_reference(tmp_path, max_tokens):
    docs = [d for d in read_conll(CONLL_DEV)][:80]
    for d in docs:
        d.tokens = None  # the reference chunker tokenizes: compare on the tokenizer's tokens, not the file's
    assert sum(len(d.entities) for d in docs) > 1000
    assert exported_rows(docs, CONLL_SCHEMA, max_tokens, tmp_path / "out") == expected_rows(docs, CONLL_SCHEMA, max_tokens)


WORDS = ["Trump", "met", "Axios", "in", "Israel", ".", "!", "U.S.", "😀", "Привет", "東京", ",", "2024", "Axios.Why"]
SEPARATORS = [" ", " ", " ", " ", "\n", "\n\n", "  ", " \n ", "\t"]


@st.composite
def batch(draw) -> list[Document]:
    docs = []
    for n in range(draw(st.integers(1, 9))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=0, max_size=60))
        seps = draw(st.lists(st.sampled_from(SEPARATORS), min_size=len(words), max_size=len(words)))
        text = "".join(w + s for w, s in zip(words, seps)) + f"#{n}"
        tokens = [t for t in blank_pipeline().make_doc(text) if not t.is_space]
        ents: list[Span] = []
        taken = -1
        for i, width in sorted(draw(st.lists(st.tuples(st.integers(0, len(tokens) - 1), st.integers(1, 4)), max_size=8))):
            j = min(i + width, len(tokens)) - 1
            if i > taken:
                ents.append(Span(tokens[i].idx, tokens[j].idx + len(tokens[j]), draw(st.sampled_from(["PERSON", "ORG"]))))
                taken = j
        docs.append(Document(Article(article_id(text), text), entities=ents))
    ids = [d.article.id for d in docs]
    return [d for i, d in enumerate(docs) if d.article.id not in ids[:i]]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=batch(), max_tokens=st.sampled_from([3, 8, 200]))
def test_generated_batches_equal_the_reference(tmp_path_factory, docs, max_tokens):
    out = tmp_path_factory.mktemp("gen") / "out"
    assert exported_rows(docs, SCHEMA, max_tokens, out) == expected_rows(docs, SCHEMA, max_tokens)
