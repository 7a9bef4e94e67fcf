"""The project tokenizer splits sentences glued by scraping and leaves everything else alone."""
from __future__ import annotations

import pytest
import spacy

from annotator.nlp.tokenizer import blank_pipeline, customize_tokenizer


@pytest.fixture(scope="module")
def nlp():
    return customize_tokenizer(spacy.blank("en"))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("AP.Go", ["AP", ".", "Go"]),
        ("2024.The", ["2024", ".", "The"]),
        ("U.S.The", ["U.S.", "The"]),
        ("U.K.The", ["U.K.", "The"]),
        ("Axios.Why", ["Axios", ".", "Why"]),
        ("NATO.The", ["NATO", ".", "The"]),
        ("iPhone.The", ["iPhone", ".", "The"]),
        ("said!Then", ["said", "!", "Then"]),
        ('legitimacy."This', ["legitimacy", ".", '"', "This"]),
        ("e.g.The", ["e.g.", "The"]),
        ("Mr.Smith", ["Mr.", "Smith"]),
    ],
)
def test_tokenizer_splits_glued_sentences(nlp, text, tokens):
    doc = nlp(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("YouTube", ["YouTube"]),
        ("PayPal", ["PayPal"]),
        ("U.S. is", ["U.S.", "is"]),
        ("the U.S.", ["the", "U.S."]),
        ("e.g. this", ["e.g.", "this"]),
        ("3.5", ["3.5"]),
        ("U.S.-led", ["U.S.-led"]),
        ("www.Example.com", ["www.Example.com"]),
    ],
)
def test_tokenizer_keeps_words_whole(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


def test_tokenizer_differs_from_default_only_where_glued():
    plain = spacy.blank("en")
    text = "Officials tell Axios. Why it matters: The U.S. and AP say 3.5% on PayPal."
    assert [t.text for t in blank_pipeline()(text)] == [t.text for t in plain(text)]
    assert [t.text for t in plain("2024.The")] != [t.text for t in blank_pipeline()("2024.The")]
