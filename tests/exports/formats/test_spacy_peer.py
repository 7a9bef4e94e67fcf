"""The spaCy DocBin export checked by spaCy itself (`spacy debug data` on a training config) and
round-tripped on the real CoNLL-2003 dev file: the file's own tokens and entities come back."""
from __future__ import annotations

import pytest
from spacy.cli.debug_data import debug_data
from spacy.cli.init_config import init_config
from spacy.tokens import DocBin, Span

import exports.all_formats  # noqa: F401
from annotator.nlp.tokenizer import blank_pipeline
from annotator.schema import Schema
from annotator.store.project import Project
from exports.formats.conll import write_conll
from exports.formats.spacy_docbin import write_spacy
from exports.importing import import_paths
from tests.conftest import CONLL_DEV, ROOT

SCHEMA = ROOT / "examples" / "conll2003_schema.json"
DEV_TOKENS, DEV_ENTITIES = 51362, 5942


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("docbin")
    with Project.create(folder / "dev.annotator", Schema.from_file(SCHEMA)) as project:
        import_paths(project, [CONLL_DEV])
        docs = list(project.documents())
        write_conll(docs, folder / "original.conll", project.schema)
        write_spacy(docs[:180], folder / "train.spacy", project.schema)
        write_spacy(docs[180:], folder / "dev.spacy", project.schema)
    return folder


def test_spacy_docbin_keeps_the_conll_tokens_and_entities(exported):
    vocab = blank_pipeline().vocab
    docs = [d for name in ("train", "dev") for d in DocBin().from_disk(exported / f"{name}.spacy").get_docs(vocab)]
    assert len(docs) == 216
    assert sum(1 for d in docs for t in d if not t.is_space) == DEV_TOKENS  # the file's tokens, "\n" between sentences
    assert sum(len(d.ents) for d in docs) == DEV_ENTITIES
    assert sum(1 for d in docs for _ in d.sents) >= 3000  # the file's sentence breaks are the docs' sentences


def test_spacy_debug_data_passes_on_the_export(exported, tmp_path):
    config = init_config(lang="en", pipeline=["ner"], optimize="efficiency")
    config.to_disk(tmp_path / "config.cfg")
    overrides = {"paths.train": str(exported / "train.spacy"), "paths.dev": str(exported / "dev.spacy")}
    debug_data(tmp_path / "config.cfg", config_overrides=overrides)  # exits with status 1 on any failed check
    bad = DocBin()
    doc = blank_pipeline().make_doc("Trump  spoke .")
    assert doc[1].is_space
    doc.ents = [Span(doc, 1, 2, label="PER")]  # a whitespace entity: debug data fails on it
    bad.add(doc)
    bad.to_disk(tmp_path / "bad.spacy")
    with pytest.raises(SystemExit):
        debug_data(tmp_path / "config.cfg", config_overrides={**overrides, "paths.train": str(tmp_path / "bad.spacy")})


def test_spacy_docbin_round_trip_gives_the_conll_file_back(exported, tmp_path):
    with Project.create(tmp_path / "again.annotator", Schema.from_file(SCHEMA)) as again:
        import_paths(again, [exported / "train.spacy", exported / "dev.spacy"])
        write_conll(again.documents(), tmp_path / "again.conll", again.schema)
    assert (tmp_path / "again.conll").read_text() == (exported / "original.conll").read_text()
