"""The dataset card (README.md) of a Hugging Face export: YAML header plus a short description.

The header's ``configs`` tell ``datasets.load_dataset`` where each config's splits live, and its
``dataset_info`` lists every column of the ``ner`` and ``sections`` configs (the card wins over
the Parquet metadata, so a missing column would break loading). The default config
(``documents``) has no ``dataset_info``: datasets 3.x applies the default config's features to
whatever ``data_dir`` selects, so ``load_dataset(folder, data_dir="data/ner")`` failed with them;
its types come from the Parquet metadata, which carries the same features. ``language``,
``license``, ``task_categories`` and ``pretty_name`` are what the Hub shows and filters on.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import yaml

from annotator.model import ENTITIES, SECTIONS
from annotator.schema import Schema
from exports.hf.schema import Columns, iob_names, yaml_feature
from exports.hf.splits import SPLITS

CONFIG_TEXT = {
    "documents": "one row per article: the text, final entity and section spans with string labels, "
                 "the model's suggestions with scores, status, annotator and last edit time. "
                 "Every offset is a Python code point index into `text`, end excluded.",
    "ner": "token classification, one row per chunk (a paragraph, cut at sentence boundaries when "
           "long; entities never cross a chunk). `tokens`/`spaces` rebuild the chunk text exactly "
           "(`spacy.tokens.Doc(vocab, words=tokens, spaces=spaces).text`); `ner_tags` are IOB2.",
    "sections": "text classification, one row per section span, `text` is `documents.text[start:end]`.",
}


def render_card(
    columns: Mapping[str, Columns],
    counts: Mapping[str, Mapping[str, int]],
    schema: Schema,
    project_name: str | None = None,
    card: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
) -> str:
    """The README.md text; ``counts[config][split]`` are row counts; ``card`` the project's card
    settings (:mod:`annotator.store.card_settings`: language, license, pretty_name)."""
    # datasets cannot load a split without rows ("corresponds to no data"): the empty files stay
    # on disk so the layout is fixed, but the card only lists splits and configs that have rows.
    present = {c: [s for s in SPLITS if counts[c][s]] for c in columns}
    listed = [c for c in columns if present[c]]
    card = card or {}
    title = card.get("pretty_name") or project_name or "Annotated news articles"
    languages = [code.strip() for code in (card.get("language") or "en").split(",") if code.strip()]
    header = {
        "language": languages,
        "license": card.get("license") or "unknown",
        "pretty_name": title,
        "task_categories": ["token-classification"],
        "task_ids": ["named-entity-recognition"],
        "configs": [
            {
                "config_name": config,
                **({"default": True} if i == 0 else {}),
                "data_files": [{"split": s, "path": f"data/{config}/{s}-*"} for s in present[config]],
            }
            for i, config in enumerate(listed)
        ],
        "dataset_info": [
            {"config_name": config, "features": [yaml_feature(name, kind) for name, kind in columns[config]]}
            for config in listed[1:]  # not the default config: see the module docstring
        ],
    }
    lines = [
        "---",
        yaml.safe_dump(header, sort_keys=False, allow_unicode=True).rstrip(),
        "---",
        "",
        f"# {title}",
        "",
        "News articles annotated with entities and section types, exported by news-annotator. "
        "Articles are split by a hash of their text, so an article keeps its split when the corpus grows "
        "and the same text is never in two splits.",
        "",
        "```python",
        "from datasets import load_dataset",
        "docs = load_dataset(\"path/to/this/folder\")           # documents",
        "ner = load_dataset(\"path/to/this/folder\", \"ner\")           # or data_dir=\"data/ner\"",
        "sections = load_dataset(\"path/to/this/folder\", \"sections\")",
        "```",
        "",
        "## Configs",
        "",
        *[f"- `{config}`: {CONFIG_TEXT.get(config, '')}" for config in columns],
        "",
        "## Labels",
        "",
        f"- Entity labels: {', '.join(f'`{n}`' for n in schema.names(ENTITIES)) or '(none)'}",
        f"- `ner_tags` names (index order): {', '.join(f'`{n}`' for n in iob_names(schema))}",
        f"- Section types (`sections.label` index order): {', '.join(f'`{n}`' for n in schema.names(SECTIONS)) or '(none)'}",
        "",
        "## Rows per split",
        "",
        "| config | " + " | ".join(SPLITS) + " |",
        "|---|" + "---:|" * len(SPLITS),
        *[f"| {config} | " + " | ".join(str(counts[config][s]) for s in SPLITS) + " |" for config in columns],
        "",
        "Every split file exists for every config; a split or config with no rows is left out of "
        "the `configs` above because `datasets` cannot load an empty split.",
        "",
    ]
    if notes:
        lines += ["## Annotators", "", *[line for note in notes for line in (note, "")]]
    return "\n".join(lines)
