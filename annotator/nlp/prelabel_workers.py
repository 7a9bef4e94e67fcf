"""The per-article work of pre-labeling (:class:`Analyser`) and worker processes that do it (:class:`WorkerPool`).

An article becomes an :class:`Analysed`: its entity and section suggestions in the project's
labels, its tokens encoded for the token cache and its word count. Worker processes run the whole
per-article work and send back only these small tuples, never Docs, so the calling process only
reads texts and writes results.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
import sys
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.synchronize import Event
from typing import TYPE_CHECKING, Any, Iterable, Iterator, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from annotator.errors import AnnotatorError
from annotator.model import SECTIONS
from annotator.schema import Schema
from annotator.store import token_cache

if TYPE_CHECKING:
    from annotator.nlp.sections.tagger import SectionTagger

SECTION_PIPE = "news_sections"  # annotator.nlp.sections.tagger.PIPE_NAME, without importing the rules here
BOILERPLATE = "boilerplate"
START_METHOD: str | None = None  # None: see start_method()

CharSpan = tuple[int, int, str]
Item = tuple[int, str, str, dict[str, object]]  # seq, article id, text, hints for the section component


class Analysed(NamedTuple):
    """What pre-labeling keeps of one article."""

    seq: int
    article_id: str
    entities: list[CharSpan]
    sections: list[CharSpan] | None  # None: the pipeline makes no sections
    tokens: bytes  # token_cache.encode
    words: int


class WorkerError(AnnotatorError):
    """A pre-labeling worker process failed or died."""


class RemoteTraceback(Exception):
    """The traceback of an error in a worker process, attached as the cause of a :class:`WorkerError`."""


class Analyser:
    """Runs the pipeline over articles and keeps what pre-labeling stores of each doc.

    The section component runs after the rest of the pipe, with the article's hints (title, main
    content). The project's own component is asked for its character spans directly and they are
    snapped as the component snaps them: the same spans, without the cost of ``Doc.text``.
    """

    def __init__(self, nlp: Language, schema: Schema) -> None:
        self.nlp = nlp
        self.schema = schema
        self.sectioner = nlp.get_pipe(SECTION_PIPE) if SECTION_PIPE in nlp.pipe_names else None
        self.tagger = _section_tagger(self.sectioner)
        self.section_labels = frozenset(schema.names(SECTIONS))
        self.entity_labels: dict[str, str | None] = {}

    def analyse(self, items: Iterable[Item], batch_size: int) -> Iterator[Analysed]:
        """The articles' results, in order."""
        disable = [SECTION_PIPE] if self.sectioner is not None else []
        stream = self.nlp.pipe(((item[2], item) for item in items), as_tuples=True, batch_size=batch_size, disable=disable)
        for doc, item in stream:
            yield self.analysed(doc, item)

    def analysed(self, doc: Doc, item: Item) -> Analysed:
        seq, article_id, text, hints = item
        sections, boiler = self.sections(doc, text, hints)
        blob = token_cache.encode(token_cache.Tokens.from_doc(doc))
        return Analysed(seq, article_id, self.entities(doc, boiler), sections, blob, len(doc))

    def sections(self, doc: Doc, text: str, hints: dict[str, object]) -> tuple[list[CharSpan] | None, list[tuple[int, int]]]:
        """The doc's sections and the ranges where entity suggestions are dropped: the confident
        boilerplate of the project's own component, or every boilerplate section of another one."""
        if self.tagger is not None:
            from annotator.nlp.sections.tagger import token_spans

            title = hints.get("title")
            main_content = hints.get("main_content")
            found, sure = self.tagger.analyse(text, main_content, title if isinstance(title, str) else None)  # type: ignore[arg-type]
            spans = token_spans(doc, found)
        else:
            if self.sectioner is not None:
                doc.user_data.update(hints)
                doc = self.sectioner(doc)
            if SECTIONS not in doc.spans:
                return None, []
            spans = list(doc.spans[SECTIONS])
            sure = [(s.start_char, s.end_char) for s in spans if s.label_ == BOILERPLATE]
        labels = self.section_labels
        return [(s.start_char, s.end_char, s.label_) for s in spans if s.label_ in labels], sure

    def entities(self, doc: Doc, boiler: list[tuple[int, int]]) -> list[CharSpan]:
        """``doc.ents`` in the project's labels; unmapped labels and entities inside boilerplate dropped."""
        out: list[CharSpan] = []
        for ent in doc.ents:
            label = self.entity_label(ent.label_)
            if label is None:
                continue
            start, end = ent.start_char, ent.end_char
            if boiler and any(s <= start and end <= e for s, e in boiler):
                continue
            out.append((start, end, label))
        return out

    def entity_label(self, model_label: str) -> str | None:
        try:
            return self.entity_labels[model_label]
        except KeyError:
            label = self.entity_labels[model_label] = self.schema.map_model_label(model_label)
            return label


def _section_tagger(component: object) -> SectionTagger | None:
    """The project's section component, when that is what ``component`` is."""
    if component is None:
        return None
    from annotator.nlp.sections.tagger import SectionTagger

    return component if isinstance(component, SectionTagger) and component.spans_key == SECTIONS else None


def start_method() -> str:
    """``fork`` where the platform has it (the workers inherit the loaded pipeline), else ``spawn``.

    macOS has fork but not safely (its system libraries), so it spawns; :data:`START_METHOD` overrides.
    """
    if START_METHOD is not None:
        return START_METHOD
    return "fork" if sys.platform != "darwin" and "fork" in mp.get_all_start_methods() else "spawn"


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection
    task: tuple[str, str] | None = None  # first and last article id of the batch it has


class WorkerPool:
    """``n_process`` processes that each run an :class:`Analyser` over the batches they are given.

    A worker gets one batch at a time, the next as soon as its results are in, so batches are
    shared out by speed. Leaving the ``with`` block (done, cancelled or failed) stops every worker
    and reaps it: a busy worker drops the rest of its batch once the docs in hand are done, and is
    killed if it has not exited after ``grace`` seconds. A worker exits by itself when its caller dies.
    """

    def __init__(self, analyser: Analyser, n_process: int, batch_size: int, grace: float = 2.0) -> None:
        self.analyser = analyser
        self.n_process = n_process
        self.batch_size = batch_size
        self.grace = grace
        self.ctx = mp.get_context(start_method())
        self.stop = self.ctx.Event()
        self.workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        try:
            for _ in range(self.n_process):
                self.workers.append(self._start())
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> _Worker:
        ours, theirs = self.ctx.Pipe()
        process = self.ctx.Process(target=_serve, args=(self.analyser, self.batch_size, theirs, self.stop),
                                   name="annotator-prelabel", daemon=True)
        try:
            process.start()
        finally:
            theirs.close()  # only the worker holds its end: its death reads as EOF here
        return _Worker(process, ours)

    def map(self, batches: Iterable[list[Item]]) -> Iterator[list[Analysed]]:
        """The results of every batch, in the order the batches finish."""
        pending = iter(batches)
        for worker in self.workers:
            self._give(worker, pending)
        while busy := [w for w in self.workers if w.task is not None]:
            for worker in _ready(busy):
                results = self._take(worker)
                self._give(worker, pending)  # before the caller writes: the worker never waits for that
                yield results

    def _give(self, worker: _Worker, pending: Iterator[list[Item]]) -> None:
        batch = next(pending, None)
        if not batch:
            return
        worker.task = (batch[0][1], batch[-1][1])
        try:
            worker.conn.send(batch)
        except OSError:
            raise self._died(worker) from None

    def _take(self, worker: _Worker) -> list[Analysed]:
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError):
            raise self._died(worker) from None
        where = _articles(worker.task)
        worker.task = None
        if reply[0] == "error":
            raise WorkerError(f"pre-labeling failed in a worker process on {where}: {reply[1]}") from RemoteTraceback(reply[2])
        return reply[1]

    def _died(self, worker: _Worker) -> WorkerError:
        worker.process.join(1.0)
        return WorkerError(f"a pre-labeling worker process died (exit code {worker.process.exitcode}) on {_articles(worker.task)}")

    def close(self) -> None:
        """Stop every worker and reap it; none is left running or unreaped."""
        self.stop.set()
        deadline = time.monotonic() + self.grace
        for worker in self.workers:
            _dismiss(worker, deadline)
        for worker in self.workers:
            _reap(worker.process, deadline)
            worker.conn.close()
        self.workers = []


def _ready(busy: list[_Worker]) -> list[_Worker]:
    """The busy workers that replied or died, waiting for the first."""
    by_handle: dict[Any, _Worker] = {}
    for w in busy:
        by_handle[w.conn] = w
        by_handle[w.process.sentinel] = w
    ready: list[_Worker] = []
    for handle in wait(list(by_handle)):
        if by_handle[handle] not in ready:
            ready.append(by_handle[handle])
    return ready


def _articles(task: tuple[str, str] | None) -> str:
    if task is None:
        return "no article"
    first, last = task
    return f"article {first}" if first == last else f"articles {first} to {last}"


def _dismiss(worker: _Worker, deadline: float) -> None:
    """Collect (and drop) the reply to a batch it still has, then tell it to exit."""
    try:
        if worker.task is not None and worker.conn.poll(max(0.0, deadline - time.monotonic())):
            worker.conn.recv()
            worker.task = None
        if worker.task is None:
            worker.conn.send(None)
    except (EOFError, OSError):
        pass


def _reap(process: BaseProcess, deadline: float) -> None:
    process.join(max(0.0, deadline - time.monotonic()))
    if process.exitcode is None:
        process.terminate()
        process.join(1.0)
    if process.exitcode is None:
        process.kill()
        process.join()
    process.close()


def _serve(analyser: Analyser, batch_size: int, conn: Connection, stop: Event) -> None:
    """A worker process: analyse each batch received and send back the results, until told to exit."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the caller, which stops us
    parent = mp.parent_process()
    watched: list[Any] = [conn] if parent is None else [conn, parent.sentinel]
    try:
        while conn in wait(watched):  # else the caller died
            batch = conn.recv()
            if batch is None:
                return
            conn.send(_run(analyser, batch, batch_size, stop))
    except (EOFError, OSError):
        return  # the caller closed the connection


def _run(analyser: Analyser, batch: list[Item], batch_size: int, stop: Event) -> tuple[Any, ...]:
    out: list[Analysed] = []
    try:
        for analysed in analyser.analyse(batch, batch_size):
            out.append(analysed)
            if stop.is_set():
                break
    except Exception as exc:
        return ("error", f"{type(exc).__name__}: {exc}", traceback.format_exc())
    return ("ok", out)
