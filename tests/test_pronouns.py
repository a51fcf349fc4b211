"""enrich/pronouns.py: 'he' and 'she' stand for a person whose gender, as the document shows it, agrees."""
import json

import pytest

from enrich.nlp import load_nlp
from enrich.pronouns import antecedent, document_genders
from enrich.refs import EntityRef
from kb.ingest import ingest_lines
from enrich.run import enrich


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def people_of(doc):
    return [[(e, EntityRef("PERSON", e.text.replace("Dame ", "").replace("Sir ", "").replace("Mr ", "")))
             for e in sent.ents if e.label_ == "PERSON"] for sent in doc.sents]


def test_titles_and_own_possessives_show_a_gender_and_nothing_else_does(nlp):
    doc = nlp("Dame Jane Sample chairs the board. Tom Example announced his retirement. "
              "Kim Lee said he was appointed in 2021.")
    genders = document_genders(people_of(doc))
    assert genders == {EntityRef("PERSON", "Jane Sample"): "f", EntityRef("PERSON", "Tom Example"): "m"}


def test_a_pronoun_takes_the_last_person_who_does_not_disagree(nlp):
    she = nlp("she")[0]
    jane, tom, kim = (EntityRef("PERSON", n) for n in ("Jane Sample", "Tom Example", "Kim Lee"))
    genders = {jane: "f", tom: "m"}
    assert antecedent(she, [jane, tom], None, genders) == jane      # Tom is a man: not 'she'
    assert antecedent(she, [kim, jane], None, genders) == jane      # shown to agree beats not shown
    assert antecedent(she, [tom], kim, genders) == kim              # the person named before the sentence
    assert antecedent(she, [tom], None, genders) is None


def test_she_who_retires_is_the_dame_not_her_successor(tmp_path):
    from kb.db import connect
    db = connect(str(tmp_path / "kb.db"))
    ingest_lines(db, [json.dumps({"url": "https://a.example/dame", "title": "T", "published": "2025-03-27",
                                  "text": "Dame Jane Sample will be succeeded by Tom Example when she retires in "
                                          "May."})])
    enrich(db)
    departures = [r["summary"] for r in db.query("select summary from events where type = 'departure'")]
    assert departures == ["Jane Sample leaves post"]
