from annotator.editing.commands import AddSpan, Editor, RemoveSpan
from annotator.model import ENTITIES, Origin
from annotator.nlp.prelabel import prelabel
from tests.conftest import SEED, add_text


def test_prelabel_stores_suggestions_and_current_spans(project, ruler_nlp):
    aid = add_text(project, SEED.read_text(encoding="utf-8"))
    result = prelabel(project, ruler_nlp)
    assert result.articles == 1 and result.entities > 5 and result.applied == 1
    text = project.article(aid).text
    spans = project.spans(aid, ENTITIES)
    assert {text[s.start:s.end] for s in spans} >= {"Kazakhstan", "Kassym-Jomart Tokayev", "Trump"}
    assert all(s.origin == Origin.SUGGESTED for s in spans)
    assert [(s.start, s.end, s.label) for s in project.suggestions(aid, ENTITIES)] == [(s.start, s.end, s.label) for s in spans]
    assert project.prelabel_model(aid, ENTITIES) == ("en_ruler_test", "0.0.1")


def test_prelabel_skips_done_articles_unless_forced(project, ruler_nlp):
    add_text(project, "Trump spoke.")
    assert prelabel(project, ruler_nlp).articles == 1
    assert prelabel(project, ruler_nlp).articles == 0
    assert prelabel(project, ruler_nlp, force=True).articles == 1


def test_prelabel_never_overwrites_human_work(project, ruler_nlp):
    edited = add_text(project, "Trump met leaders in Israel.")
    cleared = add_text(project, "Trump visited Kazakhstan.")
    prelabel(project, ruler_nlp)
    editor = Editor(project)
    editor.execute(AddSpan(edited, ENTITIES, 0, 5, "ORG", replace=True))
    for s in project.spans(cleared, ENTITIES):
        editor.execute(RemoveSpan(cleared, ENTITIES, s.id))
    before = {a: project.spans(a, ENTITIES) for a in (edited, cleared)}
    prelabel(project, ruler_nlp, force=True)
    assert {a: project.spans(a, ENTITIES) for a in (edited, cleared)} == before
    assert len(project.suggestions(cleared, ENTITIES)) == 2


def test_prelabel_maps_labels_through_the_schema(tmp_path, ruler_nlp):
    from annotator.schema import Schema
    from annotator.store.project import Project

    schema = Schema.from_json({"entities": {"labels": ["PER", "LOC"], "map": {"PERSON": "PER", "GPE": "LOC"}}})
    with Project.create(tmp_path / "m.annotator", schema) as p:
        aid = add_text(p, "Trump told Axios about Israel on Thursday.")
        prelabel(p, ruler_nlp)
        assert [s.label for s in p.spans(aid, ENTITIES)] == ["PER", "LOC"]  # ORG and DATE dropped


def test_prelabel_progress_and_cancel(project, ruler_nlp):
    for i in range(5):
        add_text(project, f"Trump article {i}.")
    seen = []
    result = prelabel(project, ruler_nlp, progress=lambda d, t: seen.append((d, t)), should_stop=lambda: len(seen) >= 2, write_every=1)
    assert result.cancelled and result.articles == 2 and seen[-1] == (2, 5)
    assert prelabel(project, ruler_nlp).articles == 3


def test_prelabel_sections_and_no_entities_inside_boilerplate(project, ruler_nlp):
    from annotator.model import SECTIONS
    from annotator.nlp.sections.tagger import add_section_pipe

    ruler_nlp.get_pipe("entity_ruler").add_patterns([{"label": "ORG", "pattern": "Similar News"}])
    add_section_pipe(ruler_nlp, project.schema)
    aid = add_text(project, SEED.read_text(encoding="utf-8"))
    result = prelabel(project, ruler_nlp)
    text = project.article(aid).text
    sections = project.spans(aid, SECTIONS)
    assert result.sections == len(sections) > 5
    assert [s.label for s in sections][:3] == ["boilerplate", "headline", "boilerplate"]
    boiler = [(s.start, s.end) for s in sections if s.label == "boilerplate"]
    assert any("Similar News" in text[a:b] for a, b in boiler)
    entities = project.spans(aid, ENTITIES)
    assert entities and not any(a <= e.start and e.end <= b for e in entities for a, b in boiler)
    assert "Similar News" not in {text[e.start:e.end] for e in entities}


def test_prelabel_page_hints_reach_the_section_component(project, ruler_nlp):
    """Title and main-content hints travel with the article, not as Docs made in this process."""
    from spacy.language import Language

    from annotator.io.importing import import_documents
    from annotator.model import Article, Document, article_id
    from annotator.nlp.sections import tagger as sections
    from annotator.nlp.prelabel import SECTION_PIPE

    assert SECTION_PIPE == sections.PIPE_NAME
    seen: list[dict] = []

    @Language.component("hint_recorder_for_test")
    def record(doc):  # stands in for the section component
        seen.append(dict(doc.user_data))
        doc.spans["sections"] = []
        return doc

    ruler_nlp.add_pipe("hint_recorder_for_test", name=SECTION_PIPE)
    text = "Menu\nTrump visits Israel\nThe story."
    import_documents(project, [Document(Article(article_id(text), text, title="Trump visits Israel",
                                                meta={"main_content": [[5, 30]]}))])
    add_text(project, "An untitled article about Kazakhstan.")
    prelabel(project, ruler_nlp)
    assert seen == [{"title": "Trump visits Israel", "main_content": [[5, 30]]}, {"title": None}]
    assert SECTION_PIPE in ruler_nlp.pipe_names and not ruler_nlp.disabled  # restored, not left disabled


def test_prelabel_wire_story_stores_byline_dateline_and_keeps_their_entities(project, ruler_nlp):
    from annotator.model import SECTIONS
    from annotator.nlp.sections.tagger import add_section_pipe

    ruler_nlp.get_pipe("entity_ruler").add_patterns([{"label": "PERSON", "pattern": "Nadia Stone"},
                                                     {"label": "GPE", "pattern": "ASTANA"}])
    add_section_pipe(ruler_nlp, project.schema)
    text = ("KAZAKHSTAN TO JOIN ABRAHAM ACCORDS .\nNadia Stone\nASTANA 2026-11-06\n"
            "Kazakhstan will join the Abraham Accords , officials told reporters on Thursday .\n"
            "Trump is expected to announce the move in Israel .")
    aid = add_text(project, text)
    prelabel(project, ruler_nlp)
    assert [s.label for s in project.spans(aid, SECTIONS)] == ["headline", "byline", "dateline", "lede", "body"]
    found = {text[e.start:e.end] for e in project.spans(aid, ENTITIES)}
    assert {"Nadia Stone", "ASTANA", "Kazakhstan", "Trump", "Israel", "Thursday"} <= found


def test_prelabel_an_article_over_max_length_is_reported_and_the_rest_proceed(project, ruler_nlp):
    long_id = add_text(project, "Trump spoke in Israel. " * 20)  # 460 characters
    short = [add_text(project, f"Kazakhstan joins on Thursday ({i}).") for i in range(3)]
    ruler_nlp.max_length = 200  # as an article of over 1,000,000 characters is to en_core_web_sm
    for n_process in (1, 2, 1):  # the second in-process run shows a rerun reports it again
        seen: list[tuple[int, int]] = []
        result = prelabel(project, ruler_nlp, force=True, n_process=n_process, progress=lambda d, t: seen.append((d, t)))
        assert result.articles == 3 and seen[-1] == (4, 4)
        assert [(a, "over the pipeline's max_length of 200" in why) for a, why in result.skipped] == [(long_id, True)]
    assert all(project.suggestions(a, ENTITIES) for a in short)
    assert project.suggestions(long_id, ENTITIES) == []


def test_prelabel_snaps_suggestions_onto_source_tokens(project, ruler_nlp, tmp_path, schema):
    from exports.formats.conll import write_conll
    from exports.importing import import_paths

    src = tmp_path / "in.conll"
    src.write_text("-DOCSTART- -X- -X- O\n\n" + "".join(f"{w} O\n" for w in "Trump visited Kazakhstan-based firms .".split()))
    import_paths(project, [src])
    prelabel(project, ruler_nlp)
    (aid,) = [d.article.id for d in project.documents()]
    text = project.article(aid).text
    assert [text[s.start:s.end] for s in project.spans(aid, ENTITIES)] == ["Trump", "Kazakhstan-based"]
    out = tmp_path / "out.conll"
    write_conll(project.documents(), out, schema)  # every span on the source tokens: the export succeeds
    assert "Kazakhstan-based -X- _ B-GPE" in out.read_text()
