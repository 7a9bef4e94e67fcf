"""Split assignment by article id: stable under corpus growth, close to the ratios."""
from __future__ import annotations

from collections import Counter

import pytest

from annotator.errors import ExportError
from exports.hf.dataset import read_hf, write_hf
import pyarrow.parquet as pq

from exports.hf.splits import SPLITS, SplitAssigner, split_point
from tests.exports.hf.hf_helpers import generated_docs, load


def test_splits_point_is_stable_and_in_unit_interval():
    assert split_point("abc", 0) == split_point("abc", 0)
    assert split_point("abc", 0) != split_point("abc", 1)
    assert all(0 <= split_point(str(i), 7) < 1 for i in range(1000))


def test_splits_follow_the_ratios():
    assign = SplitAssigner((0.8, 0.1, 0.1), seed=0)
    counts = Counter(assign(f"article-{i}") for i in range(10_000))
    assert 7700 < counts["train"] < 8300
    assert 800 < counts["validation"] < 1200 and 800 < counts["test"] < 1200


@pytest.mark.parametrize("ratios, seed", [((0.8, 0.1, 0.1), 0), ((0.5, 0.25, 0.25), 3), ((0, 1, 0), 1), ((1, 0, 1), 2)])
def test_split_indices_of_many_ids_agree_with_one_id_at_a_time(ratios, seed):
    assign = SplitAssigner(ratios, seed)
    ids = [f"article-{i}" for i in range(3000)] + ["", "Привет 😀", "a\x1fb"]
    assert [SPLITS[k] for k in assign.indices(ids).tolist()] == [assign(aid) for aid in ids]


def test_splits_zero_ratio_is_never_used_and_bad_ratios_raise():
    assign = SplitAssigner((0, 1, 0))
    assert {assign(str(i)) for i in range(200)} == {"validation"}
    with pytest.raises(ExportError, match="three non-negative"):
        SplitAssigner((0.5, 0.5))
    with pytest.raises(ExportError):
        SplitAssigner((-1, 1, 1))


def test_hf_article_keeps_its_split_when_the_corpus_grows(tmp_path, schema):
    small, grown = tmp_path / "small", tmp_path / "grown"
    write_hf(generated_docs(30), small, schema, seed=5)
    write_hf(generated_docs(30) + generated_docs(60, start=30), grown, schema, seed=5)

    def splits_of(path):
        ds = load(path, cache=tmp_path / "cache")
        return {row_id: split for split in ds for row_id in ds[split]["id"]}

    before, after = splits_of(small), splits_of(grown)
    assert len(after) == 90
    assert all(after[aid] == split for aid, split in before.items())
    assert len(set(after.values())) == 3


def test_hf_seed_changes_the_assignment(tmp_path, schema):
    docs = generated_docs(50)
    a = write_hf(docs, tmp_path / "a", schema, seed=1)
    b = write_hf(docs, tmp_path / "b", schema, seed=2)
    ids = lambda p: [d.article.id for d in read_hf(p)]  # noqa: E731  (train first, then validation, test)
    assert a.total() == b.total() == 50
    assert ids(tmp_path / "a") != ids(tmp_path / "b")


def test_hf_rows_of_each_split_keep_the_input_order(tmp_path, schema):
    import pyarrow.parquet as pq

    docs = generated_docs(60)
    write_hf(docs, tmp_path / "out", schema, batch_articles=7)  # batches mix the splits
    assign = SplitAssigner((0.8, 0.1, 0.1), seed=0)
    for split in ("train", "validation", "test"):
        wanted = [d.article.id for d in docs if assign(d.article.id) == split]
        table = {c: pq.read_table(next((tmp_path / "out" / "data" / c).glob(f"{split}-*"))) for c in ("documents", "ner", "sections")}
        assert table["documents"].column("id").to_pylist() == wanted
        for config in ("ner", "sections"):
            owners = table[config].column("doc_id").to_pylist()
            assert list(dict.fromkeys(owners)) == [w for w in wanted if w in owners], config
            assert table[config].column("id").to_pylist() == [f"{o}-{owners[:k].count(o)}" for k, o in enumerate(owners)]


def test_hf_splits_keyed_by_text_never_put_one_text_in_two_splits(tmp_path, schema):
    from annotator.model import Article, Document, article_id
    from exports.hf.splits import text_keys

    texts = [f"Story number {i} about Trump." for i in range(40)]
    docs = [Document(Article(f"{k}-{i}", t)) for i, t in enumerate(texts) for k in ("a", "b")]  # every text twice
    write_hf(docs, tmp_path / "out", schema, splits=(0.5, 0.25, 0.25))
    split_of: dict[str, set[str]] = {}
    for f in (tmp_path / "out" / "data" / "documents").glob("*.parquet"):
        for text in pq.read_table(f).column("text").to_pylist():
            split_of.setdefault(text, set()).add(f.name.split("-")[0])
    assert len(split_of) == 40 and all(len(s) == 1 for s in split_of.values())
    assert len({next(iter(s)) for s in split_of.values()}) == 3  # and the texts still spread over the splits
    assert text_keys(texts[:1]) == [article_id(texts[0])] == text_keys([texts[0].encode()])  # a content-hash id keeps its split
