"""Fine-tune the base pipeline's NER on the project's annotations with spaCy's own training.

The config sources the base pipeline's ``ner`` (transfer, not from scratch). A sourced component
is resumed, not initialised, so an ``initialize.before_init`` callback adds the project's labels
and copies the base pipeline's ``lexeme_norm`` lookups (the NORM features the NER was trained
with). Training is ``spacy.training.initialize.init_nlp`` + ``spacy.training.loop.train`` on a
fixed short schedule: no hand-written loop or optimizer. Progress and cancellation go through a
``training.before_update`` callback.
"""
from __future__ import annotations

import io
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as spacy_train
from spacy.util import registry
from thinc.api import Config

from annotator.errors import Cancelled
from annotator.nlp.pipeline import load_pipeline, resolve_model
from annotator.nlp.tokenizer import customize_tokenizer

Progress = Callable[[int, int], None]  # steps done, steps in all


@dataclass(frozen=True)
class Schedule:
    """The fixed training schedule (no dev split needed to stop: every held-out doc stays held out)."""

    steps: int = 0  # 0: 300 below 50 training docs, 1000 from there (measured: benchmarks/eval_learning.py --tune)
    dropout: float = 0.1
    learn_rate: float = 0.001
    batch_start: int = 100  # words per batch, compounding up to batch_stop
    batch_stop: int = 1000
    seed: int = 0

    def steps_for(self, n_docs: int) -> int:
        return self.steps or (300 if n_docs < 50 else 1000)


_hooks: dict[str, object] = {}  # the progress and stop callbacks of the training running in this process


@registry.callbacks("annotator.add_entity_labels.v1")
def add_entity_labels(labels: list[str], lookups_from: str) -> Callable[[Language], Language]:
    """before_init: the project's labels on the sourced NER, and the base pipeline's lexeme norms."""

    def before_init(nlp: Language) -> Language:
        base = _hooks.get("base") or load_pipeline(lookups_from, allow_path=False)  # loaded once when the caller has it
        lookups = base.vocab.lookups  # type: ignore[attr-defined]
        if lookups.has_table("lexeme_norm") and not nlp.vocab.lookups.has_table("lexeme_norm"):
            nlp.vocab.lookups.set_table("lexeme_norm", lookups.get_table("lexeme_norm"))
        ner = nlp.get_pipe("ner")
        for label in labels:
            ner.add_label(label)
        return nlp

    return before_init


@registry.callbacks("annotator.training_progress.v1")
def training_progress(max_steps: int) -> Callable[[Language, dict], None]:
    """before_update: report progress and stop when asked (raises :class:`Cancelled`)."""

    def before_update(nlp: Language, info: dict) -> None:
        stop = _hooks.get("should_stop")
        if callable(stop) and stop():
            raise Cancelled("training cancelled")
        progress = _hooks.get("progress")
        if callable(progress):
            progress(int(info["step"]), max_steps)

    return before_update


def training_config(base: str, labels: list[str], steps: int, schedule: Schedule, train: Path, dev: Path) -> Config:
    """The spaCy config of one training run."""
    source = str(resolve_model(base, allow_path=False))
    cfg = {
        "paths": {"train": str(train), "dev": str(dev)},
        "system": {"seed": schedule.seed, "gpu_allocator": None},
        "nlp": {"lang": "en", "pipeline": ["ner"], "batch_size": 256, "disabled": [], "before_creation": None,
                "after_creation": None, "after_pipeline_creation": None,
                "tokenizer": {"@tokenizers": "spacy.Tokenizer.v1"}, "vectors": {"@vectors": "spacy.Vectors.v1"}},
        "components": {"ner": {"source": source}},
        "corpora": {
            "train": {"@readers": "spacy.Corpus.v1", "path": "${paths.train}", "max_length": 0, "gold_preproc": False, "limit": 0},
            "dev": {"@readers": "spacy.Corpus.v1", "path": "${paths.dev}", "max_length": 0, "gold_preproc": False, "limit": 0},
        },
        "training": {
            "seed": "${system.seed}", "gpu_allocator": "${system.gpu_allocator}", "dropout": schedule.dropout,
            "accumulate_gradient": 1, "patience": 0, "max_epochs": 0, "max_steps": steps, "eval_frequency": steps,
            "frozen_components": [], "annotating_components": [], "before_to_disk": None,
            "before_update": {"@callbacks": "annotator.training_progress.v1", "max_steps": steps},
            "train_corpus": "corpora.train", "dev_corpus": "corpora.dev",
            "logger": {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False},
            "batcher": {"@batchers": "spacy.batch_by_words.v1", "discard_oversize": False, "tolerance": 0.2,
                        "get_length": None,
                        "size": {"@schedules": "compounding.v1", "start": schedule.batch_start,
                                 "stop": schedule.batch_stop, "compound": 1.001, "t": 0.0}},
            "optimizer": {"@optimizers": "Adam.v1", "beta1": 0.9, "beta2": 0.999, "L2_is_weight_decay": True,
                          "L2": 0.01, "grad_clip": 1.0, "use_averages": True, "eps": 1e-8,
                          "learn_rate": schedule.learn_rate},
            "score_weights": {"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0, "ents_per_type": None},
        },
        "pretraining": {},
        "initialize": {
            "vectors": None, "init_tok2vec": None, "vocab_data": None, "lookups": None, "tokenizer": {},
            "components": {}, "after_init": None,
            "before_init": {"@callbacks": "annotator.add_entity_labels.v1", "labels": labels, "lookups_from": base},
        },
    }
    return Config(cfg)


@contextmanager
def _hooked(progress: Progress | None, should_stop: Callable[[], bool] | None, base: Language | None) -> Iterator[None]:
    _hooks.update(progress=progress, should_stop=should_stop, base=base)
    try:
        yield
    finally:
        _hooks.clear()


def train_ner(base: str, labels: list[str], train_docs: list, dev_docs: list, schedule: Schedule = Schedule(), *,
              progress: Progress | None = None, should_stop: Callable[[], bool] | None = None,
              base_nlp: Language | None = None) -> tuple[Language, float]:
    """Fine-tune ``base``'s NER on ``train_docs`` (spaCy Docs with entities); returns the pipeline and seconds.

    ``dev_docs`` only serve spaCy's end-of-run evaluation; scoring is the caller's. Raises
    :class:`Cancelled` when ``should_stop`` says so. ``base_nlp``: the base pipeline if already
    loaded (its lexeme norms are copied).
    """
    steps = schedule.steps_for(len(train_docs))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="annotator-train-") as tmp:
        train_path, dev_path = Path(tmp) / "train.spacy", Path(tmp) / "dev.spacy"
        DocBin(docs=train_docs, store_user_data=False).to_disk(train_path)
        DocBin(docs=dev_docs or train_docs[:1], store_user_data=False).to_disk(dev_path)
        config = training_config(base, labels, steps, schedule, train_path, dev_path)
        with _hooked(progress, should_stop, base_nlp):
            nlp = init_nlp(config)
            nlp, _ = spacy_train(nlp, None, stdout=io.StringIO(), stderr=io.StringIO())
    if progress is not None:
        progress(steps, steps)
    return _portable(nlp), time.perf_counter() - started


def _portable(nlp: Language) -> Language:
    """The trained pipeline as saved: the project tokenizer, and no reference to this run's
    callbacks or temporary files, so plain ``spacy.load`` reads it anywhere."""
    cfg = nlp.config.copy()
    cfg["paths"]["train"] = cfg["paths"]["dev"] = None
    cfg["training"]["before_update"] = None
    cfg["initialize"]["before_init"] = None
    nlp.meta.pop("performance", None)  # spaCy's end-of-run losses (numpy floats); held-out scores are ours
    nlp.config = cfg
    return customize_tokenizer(nlp)
