"""Status sentences of background operations: counts in words, "Already done" when nothing was."""
from __future__ import annotations

from annotator.nlp.prelabel import PrelabelResult
from ui.app.messages import import_message, prelabel_message


def test_messages_prelabel_in_words():
    assert prelabel_message(PrelabelResult(articles=1, entities=1, sections=3)) == "Pre-labeled 1 article: 1 entity, 3 sections suggested"
    slow = PrelabelResult(articles=2, entities=10, sections=4, words=3000, seconds=1.5, cancelled=True)
    assert prelabel_message(slow) == "Pre-labeled 2 articles before it was stopped: 10 entities, 4 sections suggested (2,000 words/s)"
    assert prelabel_message(PrelabelResult()).startswith("Already done")


def test_messages_import_says_what_followed():
    assert import_message(0, "a.txt") == "Already done: every article in a.txt is in the project"
    assert import_message(3, "f", PrelabelResult(articles=3, entities=5, sections=6)) == \
        "Imported 3 new articles from f and pre-labeled them: 5 entities, 6 sections suggested"
