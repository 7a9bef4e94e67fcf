"""Section types of news text: which lines are headline, byline, dateline, lede, marked sections, body, boilerplate.

``tagger`` is the spaCy component and its schema mapping; ``rules`` ties the line kinds together
(``lines`` for line features, ``story`` for the main text, ``wire`` for news-wire anatomy,
``digest`` for numbered stories, ``markers`` for "Why it matters:"-style phrases); ``learned``
is an optional textcat over lines trained from corrected sections.
"""
