"""Hostile and broken inputs: each imports correctly or fails naming the file, never changing the project."""
from __future__ import annotations

import http.server
import socket
import threading

import pytest

from annotator.errors import AnnotatorError
from annotator.io.importing import import_documents
from annotator.io.readers import read_path
from annotator.model import ENTITIES
from tests.conftest import add_text
from tests.reliability.corpus import DEEP_HTML, HTML_CASES, TEXT_CASES
from tests.reliability.dump import dump_project


@pytest.fixture
def seeded(project):
    from annotator.editing.commands import AddSpan, Editor

    aid = add_text(project, "Kazakhstan and Israel. Trump spoke on Thursday.")
    Editor(project).execute(AddSpan(aid, ENTITIES, 0, 10, "GPE"))
    return project


def import_or_fail(project, path, expected):
    """Import ``path``; on failure the error names the file and the project is byte-for-byte as before."""
    before = dump_project(project.path)
    try:
        result = import_documents(project, read_path(path))
    except AnnotatorError as exc:
        assert not isinstance(expected, list), f"{path.name} should have imported: {exc}"
        assert str(path) in str(exc)
        assert dump_project(project.path) == before
        return None
    assert expected != "error", f"{path.name} imported but should have been refused"
    texts = [project.article(a).text for a in result.added]
    if isinstance(expected, list):
        assert texts == expected
    return texts


@pytest.mark.parametrize("name", sorted(TEXT_CASES))
def test_bad_input_text_and_jsonl(seeded, tmp_path, name):
    data, expected = TEXT_CASES[name]
    path = tmp_path / "in" / name
    path.parent.mkdir()
    path.write_bytes(data)
    import_or_fail(seeded, path, expected)


def test_bad_input_jsonl_with_spans_on_crlf_text_maps_offsets(seeded, tmp_path):
    path = tmp_path / "bom_crlf.jsonl"
    path.write_bytes(TEXT_CASES["bom_crlf.jsonl"][0])
    (aid,) = import_documents(seeded, read_path(path)).added
    assert [(s.start, s.end, s.label) for s in seeded.spans(aid, ENTITIES)] == [(3, 8, "PERSON")]
    assert seeded.article(aid).text[3:8] == "Trump"


def test_bad_input_one_bad_file_in_a_folder_refuses_the_whole_folder(seeded, tmp_path):
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a.txt").write_text("A good article.")
    (folder / "b.jsonl").write_text('{"text": "Another good one."}\n')
    (folder / "c.txt").write_bytes(b"\xff\xfe broken")
    before = dump_project(seeded.path)
    with pytest.raises(AnnotatorError, match="c.txt"):
        import_documents(seeded, read_path(folder))
    assert dump_project(seeded.path) == before


def test_bad_input_fifty_megabyte_single_line_is_refused_naming_the_limit(seeded, tmp_path):
    path = tmp_path / "huge.txt"
    word = "Kazakhstan joins the accords, officials said; "
    path.write_text(word * (50_000_000 // len(word)), encoding="utf-8")
    before = dump_project(seeded.path)
    with pytest.raises(AnnotatorError) as exc:
        import_documents(seeded, read_path(path))
    assert str(exc.value).startswith(f"{path}: the article is 49,999,") and "over the limit of 1,000,000" in str(exc.value)
    assert dump_project(seeded.path) == before


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"REMOTELEAK")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def trap_server():
    """A local HTTP server the hostile pages point at: any fetch, from Python or from C, is recorded."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name", sorted(HTML_CASES))
def test_bad_input_html_never_fetches_and_never_runs(seeded, tmp_path, monkeypatch, trap_server, name):
    data, expected = HTML_CASES[name]
    path = tmp_path / name
    path.write_bytes(data.replace(b"http://example.com", trap_server.encode()))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access while reading {name}: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    texts = import_or_fail(seeded, path, expected)
    assert _Recorder.hits == []
    for text in texts or []:
        for leak in ("SCRIPTLEAK", "IFRAMELEAK", "ALTLEAK", "OBJECTLEAK", "REMOTELEAK", "fetch("):
            assert leak not in text
    if name == "scripts.html":
        assert texts == ["Kazakhstan joins the accords.\nSecond paragraph."]
    if name == "broken_nesting.html":
        assert texts and all(w in texts[0] for w in ("Hello", "bold", "both", "tail", "Next", "cell"))


@pytest.mark.parametrize("name", sorted(DEEP_HTML))
def test_bad_input_deep_and_huge_html_keeps_every_word_or_names_the_page(seeded, tmp_path, name):
    make, expected = DEEP_HTML[name]
    path = tmp_path / name
    path.write_bytes(make())
    texts = import_or_fail(seeded, path, expected if expected != "all words" else "any")
    if expected == "all words":
        assert texts is not None and texts[0].split() == [f"w{i}" for i in range(400)] * 4  # every level's text
