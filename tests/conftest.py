"""Shared fixtures: a blank spaCy pipeline with rulers, projects on temporary paths, shared data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
SEED = ROOT / "seeds" / "000_dee6aa68779bce6e.txt"
CONLL_DEV = SHARED / "conll2003" / "conllpp_dev.txt"


@pytest.fixture
def schema():
    from annotator.schema import Schema

    return Schema.default(["PERSON", "ORG", "GPE", "DATE"])


@pytest.fixture
def project(tmp_path, schema):
    from annotator.store.project import Project

    p = Project.create(tmp_path / "test.annotator", schema)
    yield p
    p.close()


@pytest.fixture
def ruler_nlp():
    """spacy.blank('en') with the project tokenizer and an entity ruler: no trained model needed."""
    import spacy

    from annotator.nlp.tokenizer import customize_tokenizer

    nlp = customize_tokenizer(spacy.blank("en"))
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([
        {"label": "GPE", "pattern": "Kazakhstan"},
        {"label": "GPE", "pattern": "Israel"},
        {"label": "PERSON", "pattern": [{"LOWER": "kassym"}, {"ORTH": "-"}, {"LOWER": "jomart"}, {"LOWER": "tokayev"}]},
        {"label": "PERSON", "pattern": "Trump"},
        {"label": "ORG", "pattern": "Axios"},
        {"label": "DATE", "pattern": "Thursday"},
    ])
    nlp.meta["name"] = "ruler_test"
    nlp.meta["version"] = "0.0.1"
    return nlp


def add_text(project, text: str, **fields) -> str:
    """Import one article and return its id."""
    from annotator.io.importing import import_documents
    from annotator.model import Article, Document, article_id

    doc = Document(Article(article_id(text), text, **fields))
    import_documents(project, [doc])
    return doc.article.id
