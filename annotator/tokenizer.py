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

# A period (or ?/!) followed by a capitalised word of 2+ letters, after a lowercase letter, a
# digit, or an all-caps abbreviation (U.S., AP). Never between lowercase and uppercase letters,
# so YouTube and PayPal stay whole.
GLUED_SENTENCE_INFIXES: tuple[str, ...] = (
    r"(?<=[a-z0-9\)\"'”’])[\.!?](?=[A-Z][a-z])",
    r"(?<=[A-Z])\.(?=[A-Z][a-z]{1,})",
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
