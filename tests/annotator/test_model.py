from annotator.model import Span, article_id, normalize_text


def test_model_normalize_folds_crlf_and_maps_offsets():
    raw = "\ufeffA\r\nB\rC\r\n\r\nD"
    norm = normalize_text(raw)
    assert norm.text == "A\nB\nC\n\nD"
    for raw_i, ch in enumerate(raw):
        if ch not in "\ufeff\r" or (ch == "\r" and raw[raw_i + 1 : raw_i + 2] != "\n"):
            if ch == "\r":
                continue
            assert norm.text[norm.offset(raw_i)] == ch
    assert norm.offset(len(raw)) == len(norm.text)


def test_model_normalize_leaves_clean_text_alone():
    assert normalize_text("plain 😀 text\n").text == "plain 😀 text\n"


def test_model_article_id_is_content_hash():
    assert article_id("a") == article_id("a") != article_id("b")
    assert len(article_id("a")) == 16


def test_model_span_overlap():
    assert Span(0, 5, "X").overlaps(Span(4, 6, "Y"))
    assert not Span(0, 5, "X").overlaps(Span(5, 6, "Y"))
