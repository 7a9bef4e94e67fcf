"""Pre-labeling in the app says how many articles it skipped (too long) and names them in a dialog."""
from __future__ import annotations

import pytest

from annotator.model import ENTITIES
from tests.conftest import add_text
from tests.ui.conftest import TEXT_C
from ui.app.reports import skipped as skipped_module

TIMEOUT = 20000


@pytest.fixture
def informed(monkeypatch, qtbot):
    """The skipped-articles dialogs shown; the callback blocker fires on the first."""
    shown: list[str] = []
    blocker = qtbot.waitCallback(timeout=TIMEOUT)

    def information(parent, title, text):
        shown.append(text)
        blocker(text)
    monkeypatch.setattr(skipped_module.QMessageBox, "information", information)
    return shown, blocker


def test_skipped_prelabel_all_reports_too_long_articles(qtbot, window, articles, ruler_pipeline, monkeypatch, informed):
    shown, blocker = informed
    monkeypatch.setattr(ruler_pipeline, "max_length", len(TEXT_C))  # the two longer fixture articles are too long
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    with blocker:
        window.ops.prelabel(current_only=False)
    assert any(m.startswith("Pre-labeled 1 article:") and m.endswith("; 2 articles skipped (too long)") for m in messages)
    assert len(shown) == 1
    text = shown[0]
    assert text.startswith("2 articles got no suggestions:")
    assert "“First”" in text and "“Second”" in text and "max_length" in text and "more" not in text
    long_a, long_b, short = articles
    assert window.project.spans(long_a, ENTITIES) == [] and window.project.spans(long_b, ENTITIES) == []
    assert [s.label for s in window.project.spans(short, ENTITIES)] == ["GPE"]


def test_skipped_import_names_first_few_and_counts_the_rest(qtbot, window, ruler_pipeline, monkeypatch, informed, tmp_path):
    shown, blocker = informed
    monkeypatch.setattr(ruler_pipeline, "max_length", 20)
    folder = tmp_path / "long"
    folder.mkdir()
    for i in range(7):
        (folder / f"a{i}.txt").write_text(f"Article number {i} is longer than twenty characters.", encoding="utf-8")
    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    with blocker:
        window.ops.import_path(folder)
    assert any(m == "Imported 7 new articles from long; 7 articles skipped (too long)" for m in messages), messages
    lines = shown[0].splitlines()
    assert lines[0] == "7 articles got no suggestions:" and lines[6] == "and 2 more" and len(lines) == 9
    assert lines[-1] == "Split the article to pre-label it."
    assert all(line.startswith("• “Article number") for line in lines[1:6])


def test_skipped_article_name_falls_back_to_opening_words(project):
    untitled = add_text(project, "  An untitled article\nwhose opening words name it " + "x" * 100)
    name = skipped_module.article_name(project, untitled)
    assert name.startswith("“An untitled article whose opening words name it") and name.endswith("…”")
    assert len(name) == skipped_module.NAME_LENGTH + 2
    assert skipped_module.article_name(project, "no-such-id") == "no-such-id"


def test_skipped_new_project_shows_skipped_after_opening(qtbot, window, ruler_pipeline, monkeypatch, informed, tmp_path):
    import ui.app.main_window as app_module

    shown, blocker = informed
    monkeypatch.setattr(ruler_pipeline, "max_length", 20)
    source = tmp_path / "long.txt"
    text = "An article longer than twenty characters."
    source.write_text(text, encoding="utf-8")
    with blocker:
        window.ops.create_project([source], tmp_path / "fresh.annotator")
    opened = app_module._windows[-1]
    try:
        assert opened.project.path == tmp_path / "fresh.annotator" and opened.project.count() == 1
        assert shown == [f"1 article got no suggestions:\n• “{text}”: {len(text)} characters, over the pipeline's max_length of 20\n\n"
                         "Split the article to pre-label it."]
    finally:
        opened.close()
