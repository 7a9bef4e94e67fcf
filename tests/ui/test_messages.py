"""Status sentences of background operations: counts in words, "Already done" when nothing was."""
from __future__ import annotations

from annotator.nlp.prelabel import PrelabelResult
from ui.app.reports.messages import import_message, prelabel_message, skipped_details


def test_messages_prelabel_in_words():
    assert prelabel_message(PrelabelResult(articles=1, entities=1, sections=3)) == "Pre-labeled 1 article: 1 entity, 3 sections suggested"
    slow = PrelabelResult(articles=2, entities=10, sections=4, words=3000, seconds=1.5, cancelled=True)
    assert prelabel_message(slow) == "Pre-labeled 2 articles before it was stopped: 10 entities, 4 sections suggested (2,000 words/s)"
    assert prelabel_message(PrelabelResult()).startswith("Already done")


def test_messages_import_says_what_followed():
    assert import_message(0, "a.txt") == "Already done: every article in a.txt is in the project"
    assert import_message(3, "f", PrelabelResult(articles=3, entities=5, sections=6)) == \
        "Imported 3 new articles from f and pre-labeled them: 5 entities, 6 sections suggested"


def test_messages_prelabel_counts_skipped_articles():
    too_long = "12,000 characters, over the pipeline's max_length of 10,000; split the article to pre-label it"
    some = PrelabelResult(articles=2, entities=3, sections=2, skipped=[("a", too_long)])
    assert prelabel_message(some) == "Pre-labeled 2 articles: 3 entities, 2 sections suggested; 1 article skipped (too long)"
    none = PrelabelResult(skipped=[("a", too_long), ("b", too_long)])
    assert prelabel_message(none) == "No article pre-labeled: 2 articles skipped (too long)"
    other = PrelabelResult(articles=1, skipped=[("a", "the model failed on it")])
    assert prelabel_message(other).endswith("; 1 article skipped")
    assert import_message(2, "f", some).endswith("; 1 article skipped (too long)")


def test_messages_skipped_details_names_first_five():
    skipped = [(f"id{i}", "too long") for i in range(8)]
    text = skipped_details(skipped, lambda article_id: article_id.upper())
    assert text.splitlines() == ["8 articles got no suggestions:"] + [f"• ID{i}: too long" for i in range(5)] + ["and 3 more"]


def test_messages_import_counts_duplicate_texts():
    assert import_message(0, "f", duplicates=2) == "Nothing new in f: 2 duplicate texts kept once (same text as another article)"
    assert import_message(1, "f", duplicates=1) == "Imported 1 new article from f; 1 duplicate text kept once (same text as another article)"


def test_messages_skipped_details_says_shared_advice_once():
    skipped = [("a", "12 characters, over 10; split it"), ("b", "15 characters, over 10; split it")]
    text = skipped_details(skipped, str)
    assert text.splitlines() == ["2 articles got no suggestions:", "• a: 12 characters, over 10", "• b: 15 characters, over 10", "",
                                 "Split it."]
