"""Export a trained model version as a spaCy pipeline folder with a model card.

The folder is the version's pipeline as spaCy saved it (``spacy.load(folder)`` loads it, nothing
of this tool needed), with the held-out scores in ``meta.json``'s standard ``performance`` block
and a ``README.md`` card; written through :func:`exports.atomic.atomic_dir`, so a failure leaves
no half folder and an earlier export is replaced only when complete.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from annotator.nlp.learning.model_versions import ModelVersion
from exports.atomic import atomic_dir


def export_model(version: ModelVersion, out: Path, project_name: str) -> Path:
    """Write ``version`` to ``out`` (replacing an earlier model export there); returns ``out``."""
    with atomic_dir(Path(out), _is_model_export, "a model export") as tmp:
        shutil.copytree(version.pipeline_path, tmp, dirs_exist_ok=True)
        meta_path = tmp / "meta.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        s = version.scores
        meta["performance"] = {"ents_p": s.precision, "ents_r": s.recall, "ents_f": s.f1,
                               "ents_per_type": {l: dict(v) for l, v in s.per_label.items()}}
        meta["labels"] = {"ner": list(version.labels)}
        meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
        (tmp / "README.md").write_text(model_card(version, project_name), encoding="utf-8")
    return Path(out)


def _is_model_export(folder: Path) -> bool:
    return (folder / "meta.json").is_file() and (folder / "config.cfg").is_file()


def model_card(version: ModelVersion, project_name: str) -> str:
    """A short Markdown card: what the model is, what it learned from, how it scored."""
    s = version.scores
    rows = "\n".join(f"| {label} | {v['p']:.3f} | {v['r']:.3f} | {v['f']:.3f} | {version.label_counts.get(label, 0)} |"
                     for label, v in s.per_label.items())
    return f"""# {project_name} entity model {version.name}

spaCy pipeline fine-tuned from `{version.base}`'s NER on the annotations of the project
`{project_name}`, trained {version.created_at} on {version.train_articles} done articles
({version.steps} steps, {version.seconds:.0f} s).

```python
import spacy
nlp = spacy.load("path/to/this/folder")
```

Labels: {", ".join(version.labels)}

## Held-out scores

{version.held_out_articles} done articles held out by a hash of their id, never trained on
(exact-match entity spans, spaCy's Scorer):

| label | precision | recall | F1 | training spans |
|---|---|---|---|---|
{rows}
| **all** | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | |

The model suggesting before it (`{version.compared_with}`) scored F1 {version.baseline.f1:.3f} on the
same articles; this version was {"accepted" if version.accepted else "not accepted"} as the project's suggester.
"""
