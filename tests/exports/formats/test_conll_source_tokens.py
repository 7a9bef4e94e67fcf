"""A real CoNLL file through a project and back: the same tokens and tags, line for line, checked
with spaCy's own CoNLL converter and seqeval as well as our reader."""
from __future__ import annotations

import glob

import pyarrow.parquet as pq
import pytest
from seqeval.metrics import f1_score
from spacy.training.converters import conll_ner_to_docs

import exports.all_formats  # noqa: F401
from annotator.editing.commands import AddSpan, Editor, RemoveSpan
from annotator.schema import Schema
from annotator.store.project import Project
from exports.formats.conll import write_conll
from exports.hf.dataset import write_hf
from exports.importing import import_paths
from tests.conftest import CONLL_DEV, ROOT

SCHEMA = ROOT / "examples" / "conll2003_schema.json"
DEV_TOKENS = 51362  # tokens of conllpp_dev.txt, counted by the test below from the file itself


def _lines(text: str) -> list[tuple[str, str] | str]:
    """(token, tag) per token line, "DOC" per -DOCSTART-, "" per blank line."""
    out: list[tuple[str, str] | str] = []
    for line in text.splitlines():
        fields = line.split()
        out.append("" if not fields else "DOC" if fields[0] == "-DOCSTART-" else (fields[0], fields[-1]))
    while out and out[-1] == "":
        out.pop()
    return out


@pytest.fixture(scope="module")
def dev_project(tmp_path_factory):
    folder = tmp_path_factory.mktemp("conll")
    project = Project.create(folder / "dev.annotator", Schema.from_file(SCHEMA))
    result = import_paths(project, [CONLL_DEV])
    assert len(result.added) == 216
    yield project
    project.close()


def test_conll_round_trip_of_conllpp_dev_is_line_for_line(dev_project, tmp_path):
    out = tmp_path / "dev.conll"
    assert write_conll(dev_project.documents(), out, dev_project.schema) == 216
    before, after = _lines(CONLL_DEV.read_text()), _lines(out.read_text())
    tokens_before = [x for x in before if isinstance(x, tuple)]
    assert len(tokens_before) == DEV_TOKENS
    assert after == before  # every token, tag, sentence break and document break in place
    # spaCy's own converter reads the export into the same tokens and entities as the original
    ours = list(conll_ner_to_docs(out.read_text(), n_sents=1))
    theirs = list(conll_ner_to_docs(CONLL_DEV.read_text(), n_sents=1))
    assert [t.text for d in ours for t in d] == [t.text for d in theirs for t in d]  # its -DOCSTART- rows included
    assert sum(len(d) for d in ours) == DEV_TOKENS + 216
    assert [[(e.text, e.label_) for e in d.ents] for d in ours] == [[(e.text, e.label_) for e in d.ents] for d in theirs]


def test_conll_source_tokens_go_into_hf_ner_exactly(dev_project, tmp_path):
    write_hf(dev_project.documents(), tmp_path / "hf", dev_project.schema)
    names = None
    rows = []
    for f in sorted(glob.glob(str(tmp_path / "hf" / "data" / "ner" / "*.parquet"))):
        table = pq.read_table(f)
        names = names or __import__("json").loads(table.schema.metadata[b"huggingface"])["info"]["features"]["ner_tags"]["feature"]["names"]
        rows += table.select(["doc_id", "start", "tokens", "ner_tags"]).to_pylist()
    by_doc: dict[str, list] = {}
    for r in sorted(rows, key=lambda r: (r["doc_id"], r["start"])):
        by_doc.setdefault(r["doc_id"], []).append(r)
    order = [d.article.id for d in dev_project.documents()]
    sentences = [[names[t] for t in r["ner_tags"]] for doc in order for r in by_doc[doc]]
    tokens = [r["tokens"] for doc in order for r in by_doc[doc]]
    original = [x for x in _lines(CONLL_DEV.read_text()) if x != "DOC"]
    gold_sentences, gold_tokens, current = [], [], []
    for x in original + [""]:
        if x == "" and current:
            gold_tokens.append([t for t, _ in current])
            gold_sentences.append([g for _, g in current])
            current = []
        elif x != "":
            current.append(x)
    assert tokens == gold_tokens and sum(map(len, tokens)) == DEV_TOKENS
    assert f1_score(gold_sentences, sentences) == 1.0 and sentences == gold_sentences


def test_conll_source_tokens_drive_snapping(dev_project):
    doc = next(d for d in dev_project.documents() if "all-rounder" in d.article.text)
    at = doc.article.text.index("all-rounder")
    editor = Editor(dev_project)
    assert (at, at + 11) in zip(editor.bounds(doc.article.id).starts, editor.bounds(doc.article.id).ends)
    for s in [s for s in dev_project.spans(doc.article.id, "entities") if s.start <= at < s.end]:
        editor.execute(RemoveSpan(doc.article.id, "entities", s.id))
    editor.execute(AddSpan(doc.article.id, "entities", at, at + 3, "LOC"))  # "all": spaCy's token, inside a source token
    added = [s for s in dev_project.spans(doc.article.id, "entities") if s.start == at]
    assert [(s.start, s.end) for s in added] == [(at, at + 11)]  # grew to the whole source token
    editor.undo()
    editor.undo()


def test_conll_source_tokens_survive_the_hf_folder(dev_project, tmp_path):
    write_hf(dev_project.documents(), tmp_path / "hf", dev_project.schema)
    again = Project.create(tmp_path / "again.annotator", dev_project.schema)
    try:
        import_paths(again, [tmp_path / "hf"])  # the ner config's tokens come back as the articles' tokens
        write_conll(again.documents(), tmp_path / "again.conll", again.schema)
    finally:
        again.close()

    def blocks(text: str) -> list[str]:  # documents in split order now: compare them as a multiset
        return sorted(b.strip() for b in text.split("-DOCSTART- -X- -X- O") if b.strip())

    write_conll(dev_project.documents(), tmp_path / "first.conll", dev_project.schema)  # the original, line for line (above)
    ours, first = blocks((tmp_path / "again.conll").read_text()), blocks((tmp_path / "first.conll").read_text())
    assert len(ours) == 216 and ours == first


def test_conll_source_tokens_from_an_hf_folder_in_another_row_order(dev_project, tmp_path):
    import pyarrow.parquet as pq

    write_hf(dev_project.documents(), tmp_path / "hf", dev_project.schema)
    for f in (tmp_path / "hf" / "data" / "ner").glob("*.parquet"):  # rows of another tool: not in document order
        table = pq.read_table(f)
        pq.write_table(table.take(list(reversed(range(table.num_rows)))), f)
    again = Project.create(tmp_path / "again.annotator", dev_project.schema)
    try:
        import_paths(again, [tmp_path / "hf"])
        tokens = sum(len(d.tokens) for d in again.documents())
    finally:
        again.close()
    assert tokens == DEV_TOKENS


def test_conll_hf_ner_token_that_is_not_the_text_fails_naming_file_and_document(dev_project, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    from annotator.errors import InputError

    write_hf(dev_project.documents(), tmp_path / "hf", dev_project.schema)
    f = tmp_path / "hf" / "data" / "ner" / "train-00000-of-00001.parquet"
    table = pq.read_table(f)
    rows = table.column("tokens").to_pylist()
    rows[0] = ["XX" + rows[0][0]] + rows[0][1:]
    table = table.set_column(table.schema.get_field_index("tokens"), "tokens", pa.array(rows, type=table.schema.field("tokens").type))
    pq.write_table(table, f)
    again = Project.create(tmp_path / "again.annotator", dev_project.schema)
    try:
        with pytest.raises(InputError, match=r"train-00000-of-00001\.parquet:\w+: ner token 'XX"):
            import_paths(again, [tmp_path / "hf"])
        assert again.count() == 0  # nothing half-imported
    finally:
        again.close()
