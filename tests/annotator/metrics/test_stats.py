from annotator.editing.commands import AddSpan, Editor, RelabelSpan, RemoveSpan, ResizeSpan
from annotator.metrics.stats import project_stats
from annotator.model import ENTITIES
from annotator.nlp.prelabel import prelabel
from tests.conftest import add_text

TEXT = "Trump told Axios on Thursday that Israel and Kazakhstan agreed."


def test_stats_counts_how_suggestions_fared_and_scores_them(project, ruler_nlp):
    aid = add_text(project, TEXT)
    prelabel(project, ruler_nlp)  # Trump PERSON, Axios ORG, Thursday DATE, Israel GPE, Kazakhstan GPE
    editor = Editor(project)
    spans = {TEXT[s.start:s.end]: s for s in project.spans(aid, ENTITIES)}
    editor.execute(RelabelSpan(aid, ENTITIES, spans["Axios"].id, "PERSON"))
    editor.execute(ResizeSpan(aid, ENTITIES, spans["Thursday"].id, TEXT.index("on Thursday"), spans["Thursday"].end))
    editor.execute(RemoveSpan(aid, ENTITIES, spans["Israel"].id))
    editor.execute(AddSpan(aid, ENTITIES, TEXT.index("agreed"), len(TEXT) - 1, "ORG"))
    layer = project_stats(project)["layers"]["entities"]
    fared = layer["suggestions"]
    assert fared["PERSON"]["accepted"] == 1
    assert fared["ORG"]["relabeled"] == 1
    assert fared["DATE"]["boundary_fixed"] == 1
    assert fared["GPE"] == {"accepted": 1, "relabeled": 0, "boundary_fixed": 0, "deleted": 1, "added": 0}
    assert fared["ORG"]["added"] == 1
    overall = layer["scores"]["overall"]
    assert (overall["tp"], overall["fp"], overall["fn"]) == (2, 3, 3)
    assert overall["precision"] == 0.4
    assert project_stats(project)["status"]["in_progress"] == 1
