"""Hypothesis: any bytes given to a reader yield documents or an InputError naming the file; any bytes
opened as a project yield a project or a ProjectError. Never another exception, never a network request."""
from __future__ import annotations

import atexit
import json
import shutil
import socket
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from annotator.errors import InputError, ProjectError
from annotator.io.importing import import_documents
from annotator.io.readers import read_html, read_jsonl, read_txt
from annotator.schema import Schema
from annotator.store.project import Project

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LABELS = ["PERSON", "ORG", "GPE", "DATE"]

_dir = Path(tempfile.mkdtemp(prefix="fuzz-"))  # hypothesis reruns a test body many times: one folder for all
atexit.register(shutil.rmtree, _dir, True)


@pytest.fixture(scope="module")
def fuzz_project():
    p = Project.create(_dir / "fuzz.annotator", Schema.default(LABELS))
    yield p
    p.close()


def _no_network(*args: object, **kwargs: object) -> None:
    raise AssertionError(f"network access: {args}")


def read_and_import(project: Project, reader, data: bytes, suffix: str) -> None:
    path = _dir / f"input{suffix}"
    path.write_bytes(data)
    with mock.patch.object(socket.socket, "connect", _no_network), mock.patch.object(socket, "create_connection", _no_network):
        try:
            docs = list(reader(path))
        except InputError as exc:
            assert str(path) in str(exc)
            event(f"{suffix}: refused by the reader")
            return
    assert docs
    for doc in docs:
        assert doc.article.text.strip() and "\r" not in doc.article.text
    try:
        import_documents(project, docs)
        event(f"{suffix}: imported")
    except InputError as exc:
        assert str(path) in str(exc)
        event(f"{suffix}: refused at import")


# -- inputs -------------------------------------------------------------------------------------

text_chars = st.characters(codec=None, exclude_categories=())  # every code point, surrogates included
raw_text = st.text(text_chars, max_size=200) | st.text(st.sampled_from("ab \r\n\t\ufeff\x00é😀ש"), max_size=60)


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid UTF-8 bytes


span = st.tuples(st.integers(-3, 80), st.integers(-3, 80), st.sampled_from([*LABELS, "headline", "NOPE"]))
json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(text_chars, max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
record = st.fixed_dictionaries(
    {"text": st.one_of(raw_text, json_value)},
    optional={
        "id": st.one_of(st.text(text_chars, max_size=12), st.integers(), json_value),
        "title": st.one_of(st.text(text_chars, max_size=12), json_value),
        "meta": json_value,
        "status": st.sampled_from(["new", "done", "skipped", "in_progress", "bogus", 3]),
        "entities": st.one_of(st.lists(span, max_size=4), json_value),
        "sections": st.lists(span, max_size=3),
    },
)
plausible_text = st.text(st.sampled_from("Trump met Tokayev. \r\n\t😀שé\ufeff\ud800"), min_size=1, max_size=60)
plausible_record = plausible_text.flatmap(lambda t: st.fixed_dictionaries(
    {"text": st.just(t)},
    optional={
        "entities": st.lists(st.tuples(st.integers(0, len(t)), st.integers(0, len(t)), st.sampled_from(LABELS)), max_size=3),
        "title": st.text(max_size=10), "status": st.sampled_from(["new", "done"]), "meta": st.dictionaries(st.text(max_size=5), json_value, max_size=2),
    },
))
jsonl_bytes = st.builds(
    lambda recs, sep, bom, junk: (b"\xef\xbb\xbf" if bom else b"") + sep.join(
        _utf8(json.dumps(r, ensure_ascii=a) if not isinstance(r, bytes) else r.decode("latin-1"))
        for r, a in recs) + junk,
    st.lists(st.tuples(plausible_record | plausible_record | record | st.binary(max_size=30), st.booleans()), max_size=5),
    st.sampled_from([b"\n", b"\r\n", b"\n\n"]),
    st.booleans(),
    st.sampled_from([b"", b"\n", b"{", b"\xff"]),
)
tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<b>", "</i>", "<script>", "</script>", "<style>", "<br>",
                        "<iframe src='http://127.0.0.1:9/x'>", "<img src='http://127.0.0.1:9/y.png'>", "<!--", "-->",
                        "<![CDATA[", "]]>", "<?xml version='1.0' encoding='latin-1'?>", "<meta charset='utf-16'>",
                        "<!DOCTYPE html>", "&amp;", "&#0;", "&#xD800;", "&nosuch;", "<table><tr><td>", "<pre>", "\x00"])
html_bytes = st.lists(st.one_of(tags, st.text(text_chars, max_size=15)), max_size=25).map(lambda parts: _utf8("".join(parts)))


# -- readers ------------------------------------------------------------------------------------

@FAST
@given(data=st.binary(max_size=400) | raw_text.map(_utf8))
def test_fuzz_read_txt(fuzz_project, data):
    read_and_import(fuzz_project, read_txt, data, ".txt")


@FAST
@given(data=jsonl_bytes | st.binary(max_size=300))
def test_fuzz_read_jsonl(fuzz_project, data):
    read_and_import(fuzz_project, read_jsonl, data, ".jsonl")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=html_bytes | st.binary(max_size=300))
def test_fuzz_read_html(fuzz_project, data):
    read_and_import(fuzz_project, read_html, data, ".html")


@pytest.mark.slow
@SLOW
@given(data=st.binary(max_size=2000) | raw_text.map(_utf8) | jsonl_bytes)
def test_fuzz_read_txt_and_jsonl_long(fuzz_project, data):
    read_and_import(fuzz_project, read_txt, data, ".txt")
    read_and_import(fuzz_project, read_jsonl, data, ".jsonl")


@pytest.mark.slow
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=html_bytes | st.binary(max_size=1000))
def test_fuzz_read_html_long(fuzz_project, data):
    read_and_import(fuzz_project, read_html, data, ".html")


# -- project files ------------------------------------------------------------------------------

def _sound_project() -> bytes:
    path = _dir / "sound.annotator"
    if not path.exists():
        with Project.create(path, Schema.default(LABELS)) as p:
            import_documents(p, list(read_txt(_write(_dir / "a.txt", "Trump met Tokayev on Thursday. " * 40))))
    return path.read_bytes()


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def open_bytes(data: bytes, read_only: bool) -> None:
    path = _dir / "victim.annotator"
    for leftover in _dir.glob("victim.annotator*"):
        leftover.unlink()
    path.write_bytes(data)
    try:
        Project.open(path, read_only=read_only).close()
        event("opened")
    except ProjectError as exc:
        assert str(path) in str(exc)
        event("refused")


flips = st.lists(st.tuples(st.integers(0, 1 << 20), st.integers(0, 255)), min_size=1, max_size=8)


def _mutate(pairs: list[tuple[int, int]], cut: int | None) -> bytes:
    data = bytearray(_sound_project())
    for offset, value in pairs:
        data[offset % len(data)] = value
    return bytes(data[:cut] if cut else data)


# Raw bytes, bytes behind a SQLite header, or a sound project with a few bytes changed and maybe cut.
project_case = (st.tuples(st.just(b""), st.binary(max_size=600))
                | st.tuples(st.just(b"SQLite format 3\x00"), st.binary(max_size=600))
                | st.tuples(flips, st.none() | st.integers(1, 40_000)))


def _bytes(case: tuple) -> bytes:
    first, second = case
    return first + second if isinstance(first, bytes) else _mutate(first, second)


@FAST
@given(case=project_case, read_only=st.booleans())
@example(case=([(100411, 128)], None), read_only=True)  # found by the long run: SQLite's message was not UTF-8
def test_fuzz_open_project_from_random_bytes(case, read_only):
    open_bytes(_bytes(case), read_only)


@pytest.mark.slow
@SLOW
@given(case=project_case, read_only=st.booleans())
def test_fuzz_open_project_from_random_bytes_long(case, read_only):
    open_bytes(_bytes(case), read_only)
