from annotator.nlp.tokenizer import blank_pipeline
from annotator.nlp.tokens import TokenBounds

TEXT = "President Kassym-Jomart Tokayev met Trump."


def bounds():
    return TokenBounds.from_doc(blank_pipeline().make_doc(TEXT))


def test_tokens_contract_keeps_whole_tokens_inside():
    b = bounds()
    start = TEXT.index("resident")
    assert b.snap(start, TEXT.index(" met"), "contract") == (TEXT.index("Kassym"), TEXT.index(" met"))


def test_tokens_expand_covers_touched_tokens():
    b = bounds()
    assert b.snap(2, 12, "expand") == (0, TEXT.index("Kassym") + len("Kassym"))


def test_tokens_snap_intent_expands_a_partial_word():
    b = bounds()
    s = TEXT.index("Trump")
    assert b.snap_intent(s + 1, s + 3) == (s, s + 5)
    assert b.snap(s + 1, s + 3, "contract") is None


def test_tokens_alignment_check():
    b = bounds()
    s = TEXT.index("Trump")
    assert b.is_aligned(s, s + 5)
    assert not b.is_aligned(s, s + 4)
