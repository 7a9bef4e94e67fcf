from __future__ import annotations

import pytest
from spacy.tokens import DocBin

import exports.all_formats  # noqa: F401
from annotator.errors import ExportError, InputError
from annotator.model import Status
from annotator.nlp.tokenizer import blank_pipeline
from exports.formats.spacy_docbin import read_spacy, write_spacy
from exports.registry import detect
from tests.exports.helpers import make_doc, spans_text


def test_spacy_docbin_holds_ents_sections_and_user_data(tmp_path, schema):
    doc = make_doc("Trump met Tokayev in Kazakhstan.Why it matters: ties.", [(0, 5, "PERSON"), (21, 31, "GPE")],
                   [(0, 32, "lede"), (32, 53, "why_it_matters")], title="Scoop", url="https://x.test/a")
    doc.status = Status.DONE
    out = tmp_path / "train.spacy"
    assert write_spacy([doc], out, schema) == 1
    sdoc = next(DocBin().from_disk(out).get_docs(blank_pipeline().vocab))
    assert [(e.text, e.label_) for e in sdoc.ents] == [("Trump", "PERSON"), ("Kazakhstan", "GPE")]
    assert [s.label_ for s in sdoc.spans["sections"]] == ["lede", "why_it_matters"]
    assert sdoc.user_data["id"] == doc.article.id and sdoc.user_data["status"] == "done"
    back = next(read_spacy(out))
    assert back.article.id == doc.article.id and back.article.url == "https://x.test/a"
    assert back.status == Status.DONE
    assert spans_text(back) == spans_text(doc) and back.sections == doc.sections


def test_spacy_docbin_refuses_misaligned_span_naming_article_and_span(tmp_path, schema):
    doc = make_doc("Kazakhstan joins.", [(0, 12, "GPE")])
    with pytest.raises(ExportError, match=rf"{doc.article.id}: entities span \[0, 12\) GPE"):
        write_spacy([doc], tmp_path / "x.spacy", schema)


def test_spacy_docbin_rejects_foreign_file(tmp_path):
    bad = tmp_path / "bad.spacy"
    bad.write_bytes(b"not a docbin")
    with pytest.raises(InputError, match="not a spaCy DocBin"):
        list(read_spacy(bad))
    assert detect(bad) == "spacy"


def test_spacy_docbin_feeds_spacy_training_corpus(tmp_path, schema):
    from spacy.training import Corpus

    doc = make_doc("Trump met Tokayev in Kazakhstan on Thursday.", [(0, 5, "PERSON"), (21, 31, "GPE"), (35, 43, "DATE")])
    out = tmp_path / "train.spacy"
    write_spacy([doc], out, schema)
    (example,) = list(Corpus(out)(blank_pipeline()))
    assert [(e.text, e.label_) for e in example.reference.ents] == [("Trump", "PERSON"), ("Kazakhstan", "GPE"), ("Thursday", "DATE")]
    assert [t.text for t in example.predicted] == [t.text for t in example.reference]  # tokens align
