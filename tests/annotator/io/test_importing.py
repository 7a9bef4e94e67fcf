import json

import pytest

from annotator.errors import InputError
from annotator.io.importing import import_documents
from annotator.io.readers import read_path
from annotator.model import ENTITIES, Origin


def dump(project):
    """Everything the project holds, to prove a failed import changed nothing."""
    return {t: project.conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
            for t in ("articles", "texts", "spans", "suggestions", "journal")}


def write_jsonl(path, records):
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records), encoding="utf-8")
    return path


def test_importing_txt_folder_recursively_and_is_idempotent(project, tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_bytes(b"\xef\xbb\xbfFirst\r\narticle.\r\n")
    (tmp_path / "in" / "sub" / "b.txt").write_text("Second article.")
    (tmp_path / "in" / "ignored.csv").write_text("x,y")
    result = import_documents(project, read_path(tmp_path / "in"))
    assert len(result.added) == 2
    texts = {project.article(i).text for i in result.added}
    assert texts == {"First\narticle.\n", "Second article."}
    again = import_documents(project, read_path(tmp_path / "in"))
    assert again.added == [] and again.unchanged == 2
    assert project.count() == 2


def test_importing_jsonl_with_annotations_maps_crlf_offsets(project, tmp_path):
    text = "Line one.\r\nBarack Obama visited Paris."
    start = text.index("Barack")
    path = write_jsonl(tmp_path / "a.jsonl", [{"text": text, "id": "doc-1", "title": "T", "url": "http://x",
                                               "meta": {"k": 1}, "entities": [{"start": start, "end": start + 12, "label": "PERSON"}]}])
    import_documents(project, read_path(path))
    art = project.article("doc-1")
    (span,) = project.spans("doc-1", ENTITIES)
    assert art.text[span.start:span.end] == "Barack Obama"
    assert span.origin == Origin.IMPORTED
    assert (art.title, art.url, art.meta) == ("T", "http://x", {"k": 1})


@pytest.mark.parametrize("records, problem, line", [
    (['{"text": "ok"}', "{not json"], "not valid JSON", 2),
    ([{"text": "ok"}, {"title": "no text"}], "no 'text'", 2),
    ([{"text": "short", "entities": [{"start": 0, "end": 50, "label": "PERSON"}]}], "outside the text", 1),
    ([{"text": "Some text", "entities": [{"start": 0, "end": 4, "label": "ALIEN"}]}], "unknown entities label 'ALIEN'", 1),
    ([{"text": "Some text", "entities": [{"start": 0, "end": 4, "label": "ORG"}, {"start": 2, "end": 9, "label": "ORG"}]}], "overlap", 1),
    ([{"text": "ok", "id": "same"}, {"text": "different", "id": "same"}], "different text", 2),
])
def test_importing_bad_jsonl_names_file_and_line_and_changes_nothing(project, tmp_path, records, problem, line):
    import_documents(project, [next(read_path(write_jsonl(tmp_path / "good.jsonl", [{"text": "Already here."}])))])
    before = dump(project)
    path = write_jsonl(tmp_path / "bad.jsonl", records)
    with pytest.raises(InputError, match=problem) as info:
        import_documents(project, read_path(path))
    assert info.value.path.endswith("bad.jsonl") and info.value.line == line
    assert dump(project) == before


def test_importing_non_utf8_and_unknown_type_are_refused(project, tmp_path):
    before = dump(project)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="latin.txt.*not UTF-8"):
        import_documents(project, read_path(latin))
    other = tmp_path / "data.xyz"
    other.write_text("x")
    with pytest.raises(InputError, match="unsupported file type"):
        import_documents(project, read_path(other))
    assert dump(project) == before


def test_importing_failure_midway_in_a_folder_keeps_nothing(project, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Good article.")
    (tmp_path / "in" / "b.txt").write_bytes(b"\xff\xfe\x00bad")
    before = dump(project)
    with pytest.raises(InputError, match="b.txt"):
        import_documents(project, read_path(tmp_path / "in"))
    assert dump(project) == before


def test_importing_the_same_text_under_two_ids_keeps_it_once_and_links_the_ids(project, tmp_path):
    path = write_jsonl(tmp_path / "dup.jsonl", [{"id": "a", "text": "Same story."}, {"id": "b", "text": "Same story."},
                                                {"id": "c", "text": "Other story."}])
    result = import_documents(project, read_path(path))
    assert result.added == ["a", "c"] and result.duplicates == [("b", "a")]
    assert project.count() == 2 and project.article("a").meta["duplicate_ids"] == ["b"]
    again = import_documents(project, read_path(write_jsonl(tmp_path / "more.jsonl", [{"id": "d", "text": "Other story."}])))
    assert again.added == [] and again.duplicates == [("d", "c")] and project.count() == 2


def test_importing_keys_texts_of_articles_from_before_the_keys(project, tmp_path):
    import_documents(project, read_path(write_jsonl(tmp_path / "one.jsonl", [{"id": "old", "text": "Kept story."}])))
    with project.transaction() as conn:  # a project from before the key table: no keys yet
        conn.execute("DELETE FROM text_keys")
    result = import_documents(project, read_path(write_jsonl(tmp_path / "two.jsonl", [{"id": "new", "text": "Kept story."}])))
    assert result.duplicates == [("new", "old")] and project.count() == 1
