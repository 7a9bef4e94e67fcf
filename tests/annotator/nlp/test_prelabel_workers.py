"""Pre-labeling in worker processes: the same results as one process, clean stops, clear errors."""
import faulthandler
import os
import sys

import pytest
from spacy.language import Language

from annotator.io.importing import import_documents
from annotator.model import ENTITIES, SECTIONS, Article, Document, article_id
from annotator.nlp import prelabel_workers
from annotator.nlp.prelabel import WorkerError, prelabel
from annotator.nlp.prelabel_workers import RemoteTraceback
from annotator.nlp.sections.tagger import add_section_pipe
from annotator.store.project import Project
from tests.conftest import SEED

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads child processes from /proc")

TEXTS = [
    "Trump met leaders in Israel on Thursday.\n\nWhy it matters: Kazakhstan is next.",
    "Axios reports that Kassym-Jomart Tokayev spoke.",
    "",
    "Menu\nTrump visits Israel\nThe story goes on.\nSign up for our newsletter. Copyright 2026.",
]


@Language.component("explode_for_test")
def explode(doc):
    if "EXPLODE" in doc.text:
        raise ValueError("cannot pre-label EXPLODE")
    if "VANISH" in doc.text:
        os._exit(3)
    return doc


@pytest.fixture(autouse=True)
def no_hang():
    """A hung pool fails the run with tracebacks instead of blocking it."""
    faulthandler.dump_traceback_later(120, exit=True)
    yield
    faulthandler.cancel_dump_traceback_later()


@pytest.fixture
def sectioned_nlp(ruler_nlp, schema):
    add_section_pipe(ruler_nlp, schema)
    return ruler_nlp


def articles(n: int) -> list[Document]:
    seed = SEED.read_text(encoding="utf-8")
    docs = [Document(Article(article_id(seed), seed, title="Kazakhstan", meta={"main_content": [[200, 3000]]}))]
    for i in range(n - 1):
        text = f"{TEXTS[i % len(TEXTS)]}\nStory {i}."
        docs.append(Document(Article(article_id(text), text, title="Trump visits Israel" if i % 3 else None)))
    return docs


def stored(project: Project) -> dict[str, list[tuple]]:
    queries = {
        "suggestions": "SELECT article, layer, start, end, label, score FROM suggestions ORDER BY article, layer, start, end",
        "spans": "SELECT article, layer, start, end, label, origin FROM spans ORDER BY article, layer, start, end",
        "prelabels": "SELECT article, layer, model, version FROM prelabels ORDER BY article, layer",
        "tokens": "SELECT seq, data FROM tokens ORDER BY seq",
    }
    return {name: project.conn.execute(sql).fetchall() for name, sql in queries.items()}


def children() -> set[int]:
    """Processes whose parent is this one, zombies included."""
    me, found = os.getpid(), set()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == me:
            found.add(int(entry))
    return found


def fresh(tmp_path, schema, name: str, docs: list[Document]) -> Project:
    project = Project.create(tmp_path / f"{name}.annotator", schema)
    import_documents(project, docs)
    return project


@linux_only
def test_two_processes_store_what_one_does(tmp_path, schema, sectioned_nlp):
    docs = articles(23)
    before = children()
    with fresh(tmp_path, schema, "one", docs) as one, fresh(tmp_path, schema, "two", docs) as two:
        r1 = prelabel(one, sectioned_nlp)
        seen: list[tuple[int, int]] = []
        r2 = prelabel(two, sectioned_nlp, n_process=2, batch_size=4, write_every=5, progress=lambda d, t: seen.append((d, t)))
        assert (r2.articles, r2.entities, r2.sections, r2.applied, r2.words) == (r1.articles, r1.entities, r1.sections, r1.applied, r1.words)
        assert r1.articles == 23 and r1.entities > 10 and r1.sections > 10
        assert seen[-1] == (23, 23) and [d for d, _ in seen] == list(range(1, 24))
        one_rows, two_rows = stored(one), stored(two)
        assert len(one_rows["tokens"]) == 23 and {layer for _, layer, *_ in one_rows["suggestions"]} == {ENTITIES, SECTIONS}
        assert two_rows == one_rows
    assert children() == before


@linux_only
def test_two_processes_stop_when_asked_and_leave_no_process(tmp_path, schema, sectioned_nlp):
    with fresh(tmp_path, schema, "cancel", articles(40)) as project:
        before = children()
        seen: list[int] = []
        result = prelabel(project, sectioned_nlp, n_process=2, batch_size=2, write_every=1,
                          progress=lambda d, t: seen.append(d), should_stop=lambda: len(seen) >= 3)
        assert children() == before
        assert result.cancelled and result.articles == 3 == len(seen)
        assert project.conn.execute("SELECT count(*) FROM tokens").fetchone()[0] == 3
        assert prelabel(project, sectioned_nlp, n_process=2).articles == 37
        assert children() == before


@linux_only
def test_an_error_in_a_worker_is_raised_with_its_article(tmp_path, schema, ruler_nlp):
    ruler_nlp.add_pipe("explode_for_test")
    docs = articles(9)
    bad = Document(Article(article_id("It will EXPLODE."), "It will EXPLODE."))
    before = children()
    with fresh(tmp_path, schema, "error", [*docs, bad]) as project:
        with pytest.raises(WorkerError, match=r"article .*ValueError: cannot pre-label EXPLODE") as info:
            prelabel(project, ruler_nlp, n_process=2, batch_size=1)
        assert bad.article.id in str(info.value)
        assert isinstance(info.value.__cause__, RemoteTraceback) and "Traceback" in str(info.value.__cause__)
    assert children() == before


@linux_only
def test_a_worker_that_dies_is_reported(tmp_path, schema, ruler_nlp):
    ruler_nlp.add_pipe("explode_for_test")
    bad = Document(Article(article_id("Then VANISH."), "Then VANISH."))
    before = children()
    with fresh(tmp_path, schema, "death", [*articles(5), bad]) as project:
        with pytest.raises(WorkerError, match=r"died \(exit code 3\)"):
            prelabel(project, ruler_nlp, n_process=2, batch_size=1)
    assert children() == before


def test_spawned_workers_store_what_one_process_does(tmp_path, schema, sectioned_nlp, monkeypatch):
    """Where fork is not used, the pipeline is pickled to the workers."""
    monkeypatch.setattr(prelabel_workers, "START_METHOD", "spawn")
    docs = articles(7)
    with fresh(tmp_path, schema, "one", docs) as one, fresh(tmp_path, schema, "two", docs) as two:
        prelabel(one, sectioned_nlp)
        prelabel(two, sectioned_nlp, n_process=2, batch_size=2)
        assert stored(two) == stored(one)
