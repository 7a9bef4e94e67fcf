"""Train a new model version from the project and decide whether it becomes the suggester.

A new version is scored on the held-out slice together with the model suggesting now (the active
version, or the base pipeline through the schema's label map); it is accepted only if it scores
higher there. Training only reads the project, so it can run in another process while the
project is open for editing; recording which version is active is the caller's one write.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Callable

from spacy.language import Language
from spacy.tokens import Doc

from annotator.errors import TrainingError
from annotator.model import ENTITIES
from annotator.nlp.learning.model_versions import ModelVersion, activate, active_version, save_version
from annotator.nlp.pipeline import load_pipeline
from annotator.nlp.learning.section_training import train_sections
from annotator.nlp.learning.training import Progress, Schedule, train_ner
from annotator.nlp.learning.training_data import (
    MIN_ARTICLES, TrainingSet, predict_spans, score, to_docs, training_set, unlabeled_pool,
)
from annotator.store.project import Project


def check_trainable(project: Project, *, store_only: bool = False) -> TrainingSet:
    """The training set, or a :class:`TrainingError` saying what is missing."""
    where = project.path
    if project.read_only and not store_only:
        raise TrainingError(f"{where}: opened read-only; training records its new version in the project, "
                            "close the other window that has it open and try again")
    ts = training_set(project)
    n = len(ts.train) + len(ts.held_out)
    if n < MIN_ARTICLES:
        extra = f" ({ts.without_entities} done without entities are not used)" if ts.without_entities else ""
        raise TrainingError(f"{where}: need at least {MIN_ARTICLES} done articles with entities; {n} so far{extra}")
    if not ts.held_out:
        raise TrainingError(f"{where}: none of the {n} done articles with entities is in the held-out slice "
                            "(one in five, chosen by a hash of the article id); mark a few more articles done")
    if not ts.train:
        raise TrainingError(f"{where}: all {n} done articles with entities are in the held-out slice; mark more done")
    if not ts.labels:
        raise TrainingError(f"{where}: the schema has no entity labels to train")
    return ts


def train_version(project: Project, schedule: Schedule = Schedule(), *, store_only: bool = False, self_train: float = 0.0,
                  progress: Progress | None = None, should_stop: Callable[[], bool] | None = None) -> ModelVersion:
    """Train, score and store the next version; activate it if it beats the current suggester.

    ``store_only``: write the version folder but leave activation to the caller (a training in
    another process reads the project read-only). ``self_train`` > 0: first train on the done
    articles, label up to that many times as many untouched articles with it, and train again on both.
    The section classifier is trained and scored after the entities (:mod:`.section_training`).
    """
    ts = check_trainable(project, store_only=store_only)
    labels = list(ts.labels)
    base = project.model_name
    base_nlp = load_pipeline(base, allow_path=False)
    train_docs, held_docs = to_docs(base_nlp, ts.train), to_docs(base_nlp, ts.held_out)
    pool = unlabeled_pool(project, int(self_train * len(train_docs))) if self_train > 0 else []
    passes = 2 if pool else 1
    steps = schedule.steps_for(len(train_docs))

    def step_progress(offset: int) -> Progress | None:
        return (lambda s, t: progress(offset + s, passes * steps)) if progress else None

    nlp, seconds = train_ner(base, labels, train_docs, held_docs, schedule, progress=step_progress(0), should_stop=should_stop,
                             base_nlp=base_nlp)
    if pool:
        pseudo = self_labeled(nlp, pool, labels)
        nlp, more = train_ner(base, labels, train_docs + pseudo, held_docs, replace(schedule, steps=steps),
                              progress=step_progress(steps), should_stop=should_stop, base_nlp=base_nlp)
        seconds += more
    texts = [a.text for a in ts.held_out]
    label_of = project.schema.map_model_label
    scores = score(held_docs, predict_spans(nlp, label_of, texts), labels)
    current = active_version(project)
    current_nlp = load_pipeline(str(current.pipeline_path)) if current else base_nlp
    baseline = score(held_docs, predict_spans(current_nlp, label_of, texts), labels)
    record = ModelVersion(
        name="", created_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), base=base, labels=labels,
        train_articles=len(ts.train), held_out_articles=len(ts.held_out), steps=passes * steps,
        seconds=round(seconds, 1), scores=scores, compared_with=current.name if current else "base",
        baseline=baseline, accepted=scores.f1 > baseline.f1, label_counts=ts.label_counts(),
        without_entities=ts.without_entities,
    )
    record.sections, section_nlp = train_sections(project)
    version = save_version(project.path, nlp, record, sections=section_nlp)
    if version.accepted and not store_only:
        activate(project, version)
    return version


def self_labeled(nlp: Language, texts: list[str], labels: list[str]) -> list[Doc]:
    """Docs of ``texts`` with the entities ``nlp`` finds in the project's labels (self-training data)."""
    keep = set(labels)
    docs = []
    for doc in nlp.pipe(texts, batch_size=64):
        doc.ents = [e for e in doc.ents if e.label_ in keep]
        docs.append(doc)
    return docs


def labels_without_examples(version: ModelVersion) -> list[str]:
    return [label for label, n in version.label_counts.items() if n == 0]


def schema_drift(project: Project, version: ModelVersion) -> tuple[list[str], list[str]]:
    """Entity labels added to and removed from the schema since ``version`` was trained."""
    now = project.schema.names(ENTITIES)
    return [l for l in now if l not in version.labels], [l for l in version.labels if l not in now]
