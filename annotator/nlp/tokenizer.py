"""The project's tokenizer: spaCy's English rules plus splits for sentences glued by scraping.

Scraped text often loses the space between sentences (``Axios.Why``, ``AP.Go``, ``2024.The``).
The text is never rewritten; the tokenizer learns to split there instead, so offsets stay valid.
The same tokenizer serves snapping, pre-labeling and the token-level exports.
"""
from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

# Where a sentence ends with no space before the next one. Never between a lowercase and an
# uppercase letter, so YouTube and PayPal stay whole; never before a digit, so 3.5 stays whole.
GLUED_SENTENCE_INFIXES: tuple[str, ...] = (
    # axios.Why, 2024.The, said."This: the period is a token of its own.
    r"(?<=[a-z0-9\)\"'”’])[\.!?](?=[A-Z][a-z])",
    # AP.Go: an all-caps word, not a dotted abbreviation (U.S.The is handled below).
    r"(?<![A-Z]\.[A-Z])(?<![A-Z]\.[A-Z][A-Z])(?<=[A-Z])\.(?=[A-Z][a-z])",
    # U.S.The, U.K.The: split after the abbreviation's last period, keeping "U.S." whole.
    r"(?<=[A-Z]\.[A-Z]\.)(?=[A-Z][a-z])",
    # legitimacy."This: the closing quote is a token, the next sentence starts after it.
    r"(?<=[\.!?][\"”’])(?=[A-Z][a-z])",
)


def customize_tokenizer(nlp: Language) -> Language:
    """Teach ``nlp``'s tokenizer the glued-sentence splits; returns ``nlp``."""
    infixes = list(nlp.Defaults.infixes or ()) + list(GLUED_SENTENCE_INFIXES)
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


@lru_cache(maxsize=4)
def blank_pipeline(lang: str = "en") -> Language:
    """A blank pipeline with the project tokenizer: cheap to build, enough to snap spans."""
    return customize_tokenizer(spacy.blank(lang))
