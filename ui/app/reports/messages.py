"""Status-bar sentences for what a background operation did: counts in words, never a repr."""
from __future__ import annotations

from typing import Callable

from annotator.nlp.prelabel import PrelabelResult

SHOWN = 5  # skipped articles named in the dialog; the rest are counted


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s" if not word.endswith("y") else f"{n:,} {word[:-1]}ies"


def prelabel_counts(result: PrelabelResult) -> str:
    """``"12 entities, 4 sections"``: what the model suggested."""
    return f"{plural(result.entities, 'entity')}, {plural(result.sections, 'section')}"


def prelabel_message(result: PrelabelResult | None) -> str:
    """What Pre-label All / Current did, or that there was nothing left to do."""
    if result is None or (result.articles == 0 and not result.skipped):
        return "Already done: every article has the model's suggestions"
    if result.articles == 0:
        return f"No article pre-labeled: {skipped_count(result)}"
    speed = f" ({result.words_per_second:,.0f} words/s)" if result.seconds >= 0.5 else ""
    stopped = " before it was stopped" if result.cancelled else ""
    skipped = f"; {skipped_count(result)}" if result.skipped else ""
    return f"Pre-labeled {plural(result.articles, 'article')}{stopped}: {prelabel_counts(result)} suggested{speed}{skipped}"


def skipped_count(result: PrelabelResult) -> str:
    """``"2 articles skipped (too long)"``; the reasons are in :func:`skipped_details`."""
    too_long = all("max_length" in why for _, why in result.skipped)
    return f"{plural(len(result.skipped), 'article')} skipped" + (" (too long)" if too_long else "")


def skipped_details(skipped: list[tuple[str, str]], name: Callable[[str], str]) -> str:
    """The dialog text naming the first few skipped articles and why; ``name(id)`` says which.

    Advice every reason ends with (``"...; split the article to pre-label it"``) is said once.
    """
    advice = {why.rpartition("; ")[2] for _, why in skipped if "; " in why}
    shared = advice.pop() if len(advice) == 1 and all("; " in why for _, why in skipped) else ""
    lines = [f"{plural(len(skipped), 'article')} got no suggestions:"]
    lines += [f"• {name(article_id)}: {why.rpartition('; ')[0] if shared else why}" for article_id, why in skipped[:SHOWN]]
    if len(skipped) > SHOWN:
        lines.append(f"and {len(skipped) - SHOWN:,} more")
    if shared:
        lines.append(f"\n{shared[:1].upper()}{shared[1:]}.")
    return "\n".join(lines)


def import_message(added: int, source: str, result: PrelabelResult | None = None, duplicates: int = 0) -> str:
    """What an import did (with texts it found twice, kept once), and the pre-labeling that followed."""
    twice = f"{plural(duplicates, 'duplicate text')} kept once (same text as another article)"
    if added == 0:
        return f"Nothing new in {source}: {twice}" if duplicates else f"Already done: every article in {source} is in the project"
    text = f"Imported {plural(added, 'new article')} from {source}"
    if result is not None and result.articles:
        text += f" and pre-labeled {'it' if added == 1 else 'them'}: {prelabel_counts(result)} suggested"
    if duplicates:
        text += f"; {twice}"
    if result is not None and result.skipped:
        text += f"; {skipped_count(result)}"
    return text
