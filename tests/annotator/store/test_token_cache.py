"""The token cache: what pre-labeling stores, and that it matches tokenizing again."""
import numpy as np
import spacy
from spacy.pipeline.sentencizer import Sentencizer

from annotator.nlp.prelabel import prelabel
from annotator.nlp.sections.tagger import add_section_pipe
from annotator.nlp.tokenizer import blank_pipeline
from annotator.store import token_cache
from annotator.store.token_cache import NEWLINE, PUNCT, SENTENCE_END, SPACE, TRAILING_SPACE, Tokens, decode, encode
from tests.conftest import SEED, add_text

TEXTS = [
    "Trump met leaders in Israel.Why it matters: U.S.The talks\n\nresume on Thursday!",
    "Axios: 'Who?' — ¿Qué? 3.5 percent.\r\n  \t\nEnd。",
    "",
    "   ",
]


def reference(doc) -> Tokens:
    """Tokens read one spaCy token at a time."""
    flags = [
        (TRAILING_SPACE if t.whitespace_ else 0) | (SPACE if t.is_space else 0) | (PUNCT if t.is_punct else 0)
        | (SENTENCE_END if t.text in Sentencizer.default_punct_chars else 0)
        | (NEWLINE if t.is_space and "\n" in t.text else 0)
        for t in doc
    ]
    return Tokens(np.array([t.idx for t in doc], dtype=np.int64), np.array([t.idx + len(t) for t in doc], dtype=np.int64),
                  np.array(flags, dtype=np.uint8))


def same(a: Tokens, b: Tokens) -> bool:
    return all(np.array_equal(x, y) and x.dtype == y.dtype for x, y in ((a.starts, b.starts), (a.ends, b.ends), (a.flags, b.flags)))


def cached(project) -> dict[int, Tokens]:
    return {seq: decode(data) for seq, data in project.conn.execute("SELECT seq, data FROM tokens")}


def test_tokens_from_doc_match_the_tokens_one_by_one():
    nlp = blank_pipeline()
    for text in [*TEXTS, SEED.read_text(encoding="utf-8")]:
        doc = nlp.make_doc(text)
        tokens = Tokens.from_doc(doc)
        assert same(tokens, reference(doc)), text
        assert same(decode(encode(tokens)), tokens)


def test_prelabel_caches_the_tokens_of_every_article(project, ruler_nlp):
    add_section_pipe(ruler_nlp, project.schema)
    ids = [add_text(project, t) for t in [*TEXTS, SEED.read_text(encoding="utf-8")] if t.strip()]
    prelabel(project, ruler_nlp)
    assert token_cache.held_by(project.conn) == token_cache.fingerprint(ruler_nlp) == token_cache.fingerprint(blank_pipeline())
    tokens = cached(project)
    assert sorted(tokens) == sorted(project.seq(a) for a in ids)
    for aid in ids:
        doc = blank_pipeline().make_doc(project.article(aid).text)
        assert same(tokens[project.seq(aid)], Tokens.from_doc(doc))


def test_forced_prelabel_stores_the_tokens_again(project, ruler_nlp):
    aid = add_text(project, TEXTS[0])
    prelabel(project, ruler_nlp)
    with project.transaction() as conn:
        conn.execute("DELETE FROM tokens")
    assert prelabel(project, ruler_nlp).articles == 0 and cached(project) == {}
    assert prelabel(project, ruler_nlp, force=True).articles == 1
    assert list(cached(project)) == [project.seq(aid)]


def test_tokens_of_another_tokenizer_replace_the_cache(project, ruler_nlp):
    first = add_text(project, TEXTS[0])
    second = add_text(project, TEXTS[1])
    prelabel(project, ruler_nlp)
    assert len(cached(project)) == 2
    other = spacy.blank("en")  # without the project's glued-sentence splits: another fingerprint
    assert token_cache.fingerprint(other) != token_cache.fingerprint(ruler_nlp)
    prelabel(project, other, article_ids=[second], force=True)
    assert token_cache.held_by(project.conn) == token_cache.fingerprint(other)
    assert list(cached(project)) == [project.seq(second)]
    assert same(cached(project)[project.seq(second)], Tokens.from_doc(other.make_doc(TEXTS[1])))
    prelabel(project, ruler_nlp, article_ids=[first], force=True)
    assert list(cached(project)) == [project.seq(first)]
