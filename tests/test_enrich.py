import json

import pytest

from enrich.run import enrich
from kb.db import connect
from kb.ingest import ingest_lines


def add(db, url, text, published="2025-03-27", title="T"):
    ingest_lines(db, [json.dumps({"url": url, "text": text, "published": published, "title": title})])


def events(db, type_=None):
    sql = "select * from events" + (" where type = ?" if type_ else "") + " order by id"
    return list(db.query(sql, [type_] if type_ else []))


def names(db, type_):
    return sorted(r["name"] for r in db.query("select name from entities where type = ?", [type_]))


def participants(db, event_id, role=None):
    """The names taking part in an event, sorted; only those in `role` ('person', 'organisation') if given."""
    return sorted(r["name"] for r in db.query(
        "select e.name from event_entities ee join entities e on e.id = ee.entity_id where ee.event_id = ?"
        + (" and ee.role = ?" if role else ""), [event_id] + ([role] if role else [])))


def test_people_are_one_entity_whatever_the_title(db):
    add(db, "https://a.example/1", "Sir Alan Example has been appointed chief executive of the Care Quality "
        "Commission. Mr Example said he was delighted. Sir Alan starts in May.")
    add(db, "https://b.example/2", "Alan Example spoke to MPs. Example said the regulator must change.")
    enrich(db)
    assert names(db, "PERSON") == ["Alan Example"]
    per_doc = list(db.query("select document_id, count(distinct entity_id) n from mentions m join entities e "
                            "on e.id = m.entity_id where e.type = 'PERSON' group by document_id"))
    assert [r["n"] for r in per_doc] == [1, 1]


def test_ics_forms_link_to_the_official_icb(db):
    add(db, "https://a.example/ics", "NHS Dorset ICB and South Yorkshire ICS were named. The pilots ran in "
        "Dorset and in Birmingham and Solihull integrated care system.")
    enrich(db)
    rows = {r["name"]: r["ons_code"] for r in db.query("select name, ons_code from entities where type = 'ICS'")}
    assert rows == {"Dorset ICS": "E54000041", "South Yorkshire ICS": "E54000061",
                    "Birmingham and Solihull ICS": "E54000055"}


def test_organisation_aliases_are_one_entity(db):
    add(db, "https://a.example/org", "The Care Quality Commission (CQC) said the CQC would act. "
        "DHSC and the Department of Health and Social Care agreed.")
    enrich(db)
    orgs = names(db, "ORG")
    assert "Care Quality Commission" in orgs and "Department of Health and Social Care" in orgs
    assert "CQC" not in orgs and "DHSC" not in orgs


def test_money_figures_are_stored_in_pounds(db):
    add(db, "https://a.example/money", "The total spend has been £99 million since July 2019. "
        "Savings were £0.3M against a plan of £10m.")
    enrich(db)
    amounts = sorted(r["amount_gbp"] for r in db.query("select amount_gbp from figures"))
    assert amounts == [300_000, 10_000_000, 99_000_000]
    spend = next(db.query("select * from figures where amount_gbp = 99000000"))
    assert spend["measure"] == "spend" and "£99 million" in spend["sentence"]


def test_each_stored_figure_has_the_measure_and_period_of_its_own_amount(db):
    add(db, "https://a.example/money-words", "Despite earlier savings, £4m was spent in 2023 and £4m was saved "
        "in 2024. The trust's budget for 2025/26 is £80m.")
    enrich(db)
    rows = [(r["text"], r["measure"], r["period"]) for r in db.query("select * from figures order by start")]
    assert rows == [("£4m", "spend", "in 2023"), ("£4m", "saving", "in 2024"), ("£80m", "budget", "2025/26")]


@pytest.mark.parametrize("sentence, type_, date, who", [
    ("Sir Alan Example has been appointed chief executive of the Care Quality Commission in October 2024.",
     "appointment", "2024-10", "Alan Example"),
    ("Jane Sample will step down as chair of the Care Quality Commission at the end of June.",
     "departure", "2025-06", "Jane Sample"),
    ("The CQC paused its assessments of integrated care systems in October 2024.", "pause", "2024-10", None),
    ("In May 2024, DHSC commissioned an independent review of the CQC, to be led by Dr Penny Dash.",
     "review_commissioned", "2024-05", "Penny Dash"),
    ("The final report of the Dash review was published on 15 October 2024.", "review_published",
     "2024-10-15", None),
    ("The Care Quality Commission has launched a consultation on how it rates providers.", "consultation",
     "2025-03-27", "Care Quality Commission"),
    ("The Care Quality Commission launched its new provider portal in July 2023.", "launch", "2023-07",
     "Care Quality Commission"),
    ("The government announced on 13 March 2025 that NHS England will be abolished.", "abolition", "2025-03-13",
     "NHS England"),
])
def test_each_event_type(db, sentence, type_, date, who):
    check_one_event(db, sentence, type_, date, who)


@pytest.mark.parametrize("sentence, type_, date, who", [
    ("Tom Example will not seek reappointment when his term ends in May.", "departure", "2025-05", "Tom Example"),
    ("Jane Sample was forced out as chair of the Care Quality Commission in January.", "departure", "2025-01",
     "Jane Sample"),
    ("The chief executive, Tom Example, has handed in his notice.", "departure", "2025-03-27", "Tom Example"),
    ("Jane Sample ended her term as chair of the Care Quality Commission in 2023.", "departure", "2023",
     "Jane Sample"),
    ("Tom Example vacated the role of chair in May 2024.", "departure", "2024-05", "Tom Example"),
    ("The prime minister has appointed Jane Sample as chief executive of the Care Quality Commission.",
     "appointment", "2025-03-27", "chief executive"),
    ("Tom Example will take on the additional role of deputy chief executive from May.", "appointment", "2025-05",
     "deputy chief executive"),
    ("Jane Sample is the trust's medical director, a role she has held since 2023.", "appointment", "2023",
     "medical director"),
])
def test_less_common_ways_of_telling_a_departure_or_appointment(db, sentence, type_, date, who):
    check_one_event(db, sentence, type_, date, who)
    assert "prime minister" not in participants(db, events(db, type_)[0]["id"])


def check_one_event(db, sentence, type_, date, who):
    add(db, "https://a.example/event", sentence)
    enrich(db)
    found = events(db, type_)
    assert len(found) == 1, events(db)
    assert found[0]["date"] == date
    if who:
        assert who in participants(db, found[0]["id"])


@pytest.mark.parametrize("sentence", [
    "ICSs will not be penalised for poorly performing providers.",
    "The CQC has no plans to pause its assessments of integrated care systems.",
    "Assessments of integrated care systems could be delayed if the election is called.",
    "Jane Sample did not resign as chair of the Care Quality Commission.",
    "The regulator could launch a new app next year.",
    "The final report of the Dash review is expected to be published in the autumn.",
    "The Dash review's final report will set out how that can be done.",
])
def test_negated_and_hypothetical_statements_are_not_events(db, sentence):
    add(db, "https://a.example/neg", sentence)
    enrich(db)
    assert events(db) == []


def test_same_event_in_two_documents_is_one_event_with_two_sources(db):
    add(db, "https://a.example/1", "Sir Alan Example has been appointed chief executive of the Care Quality "
        "Commission.", published="2024-10-08")
    add(db, "https://b.example/2", "Alan Example was appointed chief executive of the Care Quality Commission "
        "in October 2024.", published="2024-10-20")
    enrich(db)
    (event,) = events(db, "appointment")
    assert event["date"] == "2024-10"  # what a report states beats the day an undated one was published
    assert event["first_reported"] == "2024-10-08"
    assert db["event_sources"].count_where("event_id = ?", [event["id"]]) == 2


def test_reenrich_skips_unchanged_and_replaces_changed_cleanly(db):
    add(db, "https://a.example/1", "Jane Sample resigned as chair of the Care Quality Commission in May 2024.")
    add(db, "https://b.example/2", "The CQC paused its assessments of integrated care systems in October 2024.")
    first = enrich(db)
    assert (first.enriched, first.skipped) == (2, 0)
    again = enrich(db)
    assert (again.enriched, again.skipped) == (0, 2)
    before = {t: db[t].count for t in ("events", "event_sources", "mentions", "figures")}
    # the first document is edited: its departure is gone, the other document's event stays
    add(db, "https://a.example/1", "Jane Sample spoke at a conference about inspections.")
    third = enrich(db)
    assert (third.enriched, third.skipped) == (1, 1)
    assert [e["type"] for e in events(db)] == ["pause"]
    assert db["event_sources"].count == before["event_sources"] - 1
    orphans = db.execute("select count(*) from event_entities where event_id not in (select id from events)")
    assert orphans.fetchone()[0] == 0
    redo = enrich(db, redo_all=True)
    assert redo.enriched == 2 and db["events"].count == 1


def test_roles_over_time_come_from_appointments_and_departures(db):
    add(db, "https://a.example/1", "Jane Sample was appointed chief executive of the Care Quality Commission "
        "in March 2019.", published="2019-03-02")
    add(db, "https://b.example/2", "Jane Sample resigned as chief executive of the Care Quality Commission in "
        "June 2024.", published="2024-06-20")
    enrich(db)
    (row,) = db.query("select p.name person, r.role, o.name organisation, r.start, r.end from person_roles r "
                      "join entities p on p.id = r.person_id join entities o on o.id = r.organisation_id")
    assert row == {"person": "Jane Sample", "role": "chief executive", "organisation": "Care Quality Commission",
                   "start": "2019-03", "end": "2024-06"}



def roles(db):
    """person_roles by name: (person, role, organisation, start, end), in a stable order."""
    rows = db.query("select p.name person, r.role, o.name organisation, r.start, r.end from person_roles r "
                    "join entities p on p.id = r.person_id left join entities o on o.id = r.organisation_id")
    return sorted(((r["person"], r["role"], r["organisation"], r["start"], r["end"]) for r in rows),
                  key=lambda row: tuple(v or "" for v in row))


def test_a_later_appointment_to_the_same_post_ends_the_previous_holders_tenure(db):
    add(db, "https://a.example/1", "Jane Sample was appointed interim chief executive of the Care Quality "
        "Commission in June 2024.", published="2024-06-10")
    add(db, "https://b.example/2", "Tom Example was appointed chief executive of the Care Quality Commission "
        "in October 2024.", published="2024-10-10")
    enrich(db)
    assert roles(db) == [
        ("Jane Sample", "interim chief executive", "Care Quality Commission", "2024-06", "2024-10"),
        ("Tom Example", "chief executive", "Care Quality Commission", "2024-10", None)]


def test_an_appointment_naming_only_the_role_and_a_departure_naming_the_organisation_are_one_tenure(db):
    add(db, "https://a.example/1", "Jane Sample was appointed chief executive in March 2024.",
        published="2024-03-10")
    add(db, "https://b.example/2", "Jane Sample resigned as chief executive of the Care Quality Commission in "
        "June 2025.", published="2025-06-10")
    enrich(db)
    assert roles(db) == [("Jane Sample", "chief executive", "Care Quality Commission", "2024-03", "2025-06")]


def test_joining_an_organisation_and_leaving_a_named_post_there_are_one_tenure(db):
    add(db, "https://a.example/1", "Jane Sample joined the Care Quality Commission in March 2024.",
        published="2024-03-10")
    add(db, "https://b.example/2", "Jane Sample resigned as chief executive of the Care Quality Commission in "
        "June 2025.", published="2025-06-10")
    enrich(db)
    assert roles(db) == [("Jane Sample", "chief executive", "Care Quality Commission", "2024-03", "2025-06")]


def test_a_departure_naming_only_the_role_ends_the_open_tenure(db):
    add(db, "https://a.example/1", "Jane Sample was appointed chief executive of the Care Quality Commission "
        "in March 2024.", published="2024-03-10")
    add(db, "https://b.example/2", "Jane Sample stepped down as chief executive in June 2025.",
        published="2025-06-10")
    enrich(db)
    assert roles(db) == [("Jane Sample", "chief executive", "Care Quality Commission", "2024-03", "2025-06")]


def test_only_appointments_and_departures_make_tenures(db):
    """Written as event rows, not sentences: whatever the extraction makes of a sentence, an event of
    another type with a person, a role and an organisation among its participants is not a tenure."""
    from enrich.roles import rebuild_roles
    person = db["entities"].insert({"type": "PERSON", "name": "Jane Sample"}).last_pk
    org = db["entities"].insert({"type": "ORG", "name": "Care Quality Commission"}).last_pk
    role = db["entities"].insert({"type": "ROLE", "name": "chief executive"}).last_pk
    for i, type_ in enumerate(["review_commissioned", "review_published", "pause", "launch", "departure"], 1):
        db["events"].insert({"id": i, "type": type_, "date": "2025-0%d" % i,
                             "key": "%s:jane-sample:chief-executive:care-quality-commission" % type_})
        db["event_entities"].insert_all([{"event_id": i, "entity_id": person, "role": "person"},
                                         {"event_id": i, "entity_id": org, "role": "organisation"},
                                         {"event_id": i, "entity_id": role, "role": "role"}])
    assert rebuild_roles(db) == 1
    # the departure alone: held until then, start unknown
    assert roles(db) == [("Jane Sample", "chief executive", "Care Quality Commission", None, "2025-05")]

def test_taking_over_from_someone_records_their_departure(db):
    add(db, "https://a.example/t", "Jane Sample will take over as chair of the Care Quality Commission from "
        "Tom Example in April.")
    enrich(db)
    got = {(e["type"], tuple(participants(db, e["id"]))) for e in events(db)}
    assert ("appointment", ("Care Quality Commission", "Jane Sample", "chair")) in got
    assert any(t == "departure" and "Tom Example" in p for t, p in got)


def test_in_the_passive_the_one_replaced_leaves_and_the_replacement_is_appointed(db):
    add(db, "https://a.example/r", "Tom Example was replaced as chair of the Care Quality Commission by "
        "Jane Sample.")
    enrich(db)
    (appointment,) = events(db, "appointment")
    (departure,) = events(db, "departure")
    assert "Jane Sample" in participants(db, appointment["id"])
    assert "Tom Example" not in participants(db, appointment["id"])
    assert "Tom Example" in participants(db, departure["id"])


def test_what_a_review_found_is_its_publication_only_when_the_sentence_dates_it(db):
    add(db, "https://a.example/f", "The review of maternity care at Lakeside found that staffing was unsafe.\n"
        "In June 2024 the review of ICB running costs found that savings were possible.\n"
        "The health secretary announced a review of hospital food in May 2024.\n"
        "An independent review of stroke care will be led by Jane Sample.", published="2025-03-20")
    enrich(db)
    (published,) = events(db, "review_published")
    assert published["date"] == "2024-06" and "running costs" in published["summary"]
    commissioned = {e["summary"]: e["date"] for e in events(db, "review_commissioned")}
    # the date says when, it is not part of the review's name
    assert commissioned["Review commissioned: a review of hospital food"] == "2024-05"
    assert any("stroke care" in s and "Jane Sample" in s for s in commissioned)


@pytest.mark.parametrize("sentence", [
    "Jane Sample was reappointed for a second term as chair of the Care Quality Commission.",
    "Ministers named Jane Sample as the next chair of the Care Quality Commission.",
    "Jane Sample has been chosen as the preferred candidate for chair of the Care Quality Commission.",
])
def test_appointments_told_with_less_common_verbs(db, sentence):
    add(db, "https://a.example/v", sentence)
    enrich(db)
    (event,) = events(db, "appointment")
    assert "Jane Sample" in participants(db, event["id"]) and "chair" in event["summary"]


def test_a_departure_told_twice_in_one_sentence_is_one_event_with_its_stated_date(db):
    add(db, "https://a.example/d", "The board has appointed Tom Example as chief executive of the Care Quality "
        "Commission, replacing Ann Other, who retired in December.", published="2025-03-20")
    enrich(db)
    (departure,) = events(db, "departure")
    assert "Ann Other" in participants(db, departure["id"]) and departure["date"] == "2024-12"


def test_a_clause_without_a_subject_shares_the_subject_of_the_one_it_completes(db):
    add(db, "https://a.example/s", "Tom Example ran a hospital in Leeds.\nHe spent eight years there before "
        "joining the Care Quality Commission in 2019.")
    enrich(db)
    (event,) = events(db, "appointment")
    assert "Tom Example" in participants(db, event["id"]) and event["date"] == "2019"


def test_a_review_named_after_its_lead_mentions_the_lead(db):
    add(db, "https://a.example/lead", "Dr Jane Sample met ministers in May.\nThe Sample review is due out soon.\n"
        "The Patient Safety review was also discussed.")
    enrich(db)
    mentioned = list(db.query("select e.name, m.text from mentions m join entities e on e.id = m.entity_id "
                              "where e.type = 'PERSON' order by m.start"))
    assert [(r["name"], r["text"]) for r in mentioned] == [("Jane Sample", "Jane Sample"), ("Jane Sample", "Sample")]


@pytest.mark.parametrize("sentence, lead", [
    ("The terms of reference for the review of the Nursing and Midwifery Council were published on 3 June.", None),
    ("Tom Example will chair an independent review of the Professional Standards Authority.", "Tom Example"),
    ("The government has set up an inquiry into the collapse of the care provider.", None),
    ("Sir Robert Francis has been appointed to lead a review of patient safety bodies.", "Robert Francis"),
    ("A national investigation into maternity services was announced in June 2025, led by Baroness Amos.", "Amos"),
])
def test_ways_of_commissioning_a_review(db, sentence, lead):
    add(db, "https://a.example/c", sentence)
    enrich(db)
    assert [e["type"] for e in events(db)] == ["review_commissioned"]  # leading a review is no appointment
    if lead:
        assert lead in participants(db, events(db)[0]["id"])


def test_a_predecessor_whose_own_departure_is_told_leaves_on_that_date_only(db):
    add(db, "https://a.example/p", "Jane Sample will take up the post in December, succeeding Tom Example, who "
        "left the regulator at the end of June.", published="2024-10-07")
    enrich(db)
    assert [(e["date"], participants(db, e["id"])) for e in events(db, "departure")] == [("2024-06", ["Tom Example"])]


def test_a_pause_is_named_by_what_the_trigger_acts_on(db):
    add(db, "https://a.example/pz", "The ICB paused its procurement of community services in May 2024.\n"
        "Recruitment to non-clinical posts has been frozen across the ICB.", published="2025-03-20")
    enrich(db)
    assert sorted(e["summary"] for e in events(db, "pause")) == [
        "Paused: Recruitment to non-clinical posts", "Paused: procurement of community services"]


def test_her_in_a_speakers_quotation_is_not_the_speaker(db):
    add(db, "https://a.example/q", 'Tom Example said: "Jane has been an outstanding leader and we wish her well '
        'in her retirement."')
    add(db, "https://a.example/r", "Tom Example said he would step down as chair of the Care Quality Commission "
        "in May.")
    enrich(db)
    # only his own departure, told in reported speech: "her retirement" in his words is someone else's
    assert [(e["date"], d["url"]) for e in events(db, "departure") for d in db.query(
        "select d.url from event_sources s join documents d on d.id = s.document_id where s.event_id = ?",
        [e["id"]])] == [("2025-05", "https://a.example/r")]


def test_a_surname_that_is_also_a_month_is_a_name_after_a_given_name(db):
    add(db, "https://a.example/m", "Dame Ruth May stepped down as chief nursing officer in 2024.\n"
        "Inspections resumed in May 2024.")
    enrich(db)
    (departure,) = events(db, "departure")
    assert "Ruth May" in participants(db, departure["id"]) and departure["date"] == "2024"
    assert names(db, "PERSON") == ["Ruth May"]


def test_the_appointer_and_the_byline_are_not_the_appointee(db):
    add(db, "https://a.example/a", "Big news\nBy Sam Writer\nThe health secretary, Wes Example, appointed "
        "Jane Sample as chief executive of the Care Quality Commission.")
    enrich(db)
    (event,) = events(db, "appointment")
    assert "Jane Sample" in participants(db, event["id"])
    assert not {"Wes Example", "Sam Writer"} & set(participants(db, event["id"]))


def test_two_pauses_told_in_one_sentence_are_two_events(db):
    add(db, "https://a.example/p", "Assessments of integrated care systems were due to start in April 2024, but "
        "they were paused after talks with ministers, and then again in May because of the election.")
    enrich(db)
    assert sorted(e["date"] for e in events(db, "pause")) == ["2024-04", "2024-05"]


def test_the_report_means_the_review_named_before_it(db):
    add(db, "https://a.example/r", "Dr Penny Dash was asked to lead a review of the regulator in May 2024. "
        "The interim report was published in July 2024.")
    enrich(db)
    (published,) = events(db, "review_published")
    assert published["date"] == "2024-07" and "Dash review" in participants(db, published["id"])


@pytest.mark.parametrize("sentence", [
    "Providers complained about delays in registration and long waits for assessments of integrated care systems.",
    "The Mental Health Act report, published this month, describes conditions on wards.",
])
def test_problems_and_ordinary_reports_are_not_events(db, sentence):
    add(db, "https://a.example/x", sentence)
    enrich(db)
    assert events(db) == []


def test_reported_would_is_fact_and_to_review_names_the_review(db):
    add(db, "https://a.example/w", "Earlier this month, DHSC said the regulator would be facing a review into "
        "its effectiveness, led by Dr Penny Dash.", published="2024-05-28")
    add(db, "https://b.example/r", "The government has brought back Professor Sir Mike Richards to review the "
        "assessment framework in 2024.")
    enrich(db)
    commissioned = {e["date"]: participants(db, e["id"]) for e in events(db, "review_commissioned")}
    assert "Dash review" in commissioned["2024-05"]
    assert "Richards review" in commissioned["2024"]


def test_he_or_she_refers_to_the_person_named_before(db):
    add(db, "https://a.example/h", "Jane Sample spoke to staff on Monday. She joined the Care Quality Commission "
        "as chief executive in February 2023.")
    enrich(db)
    (event,) = events(db, "appointment")
    assert event["date"] == "2023-02" and "Jane Sample" in participants(db, event["id"])


def test_lone_words_are_not_people_and_first_names_find_their_person(db):
    add(db, "https://a.example/n", "Ian Example, the chief executive, is leaving. Ian Example thanked staff. "
        "Ian joined in 2018. Ian Other, the chair, paid tribute. Services in Kent were praised by Background.")
    enrich(db)
    mentioned = [r["name"] for r in db.query(
        "select e.name from mentions m join entities e on e.id = m.entity_id where e.type = 'PERSON'")]
    assert set(mentioned) <= {"Ian Example", "Ian Other"}
    assert mentioned.count("Ian Example") == 3


def test_held_since_and_replaced_give_the_appointment_and_the_predecessors_departure(db):
    add(db, "https://a.example/h2", "Tom Example is the chief inspector of hospitals. He has held the position "
        "since 2017, when he replaced Jane Sample.")
    enrich(db)
    got = {(e["type"], e["date"], tuple(participants(db, e["id"]))) for e in events(db)}
    assert any(t == "appointment" and d == "2017" and "Tom Example" in p for t, d, p in got)
    assert any(t == "departure" and d == "2017" and "Jane Sample" in p for t, d, p in got)
    assert not any(t == "appointment" and "Jane Sample" in p for t, d, p in got)


def test_a_person_is_not_the_participant_when_the_trigger_has_another_subject(db):
    add(db, "https://a.example/s", "The regulator was criticised by Health Secretary Wes Example after a report "
        "found it had left many services without a rating.")
    enrich(db)
    assert events(db, "departure") == []


def test_the_date_in_the_triggers_own_clause_wins(db):
    add(db, "https://a.example/c", "Jane Sample, who joined NHS Providers in February 2023, said she is "
        "leaving NHS Providers in June 2025.", published="2025-03-07")
    enrich(db)
    (departure,) = events(db, "departure")
    assert departure["date"] == "2025-06"


@pytest.mark.parametrize("sentence", [
    "The ongoing issues have delayed the incorporation of new data into assessments.",
    "Tom Example first joined the NHS in 1973, working as a nurse for many years.",
    "Tom Example will take over from the current chair, Jane Sample, once her appointment ends.",
])
def test_consequences_careers_and_ending_terms_are_not_events(db, sentence):
    add(db, "https://a.example/x", sentence)
    enrich(db)
    wrong = [e["summary"] for e in events(db) if e["type"] == "pause" or e["date"] == "1973"
             or e["type"] == "appointment" and "Jane Sample" in participants(db, e["id"])]
    assert wrong == []


def test_the_post_someone_holds_now_or_leaves_is_not_their_new_one(db):
    add(db, "https://a.example/1", "Sir Alan Example, current chief executive of NHS Providers, has been "
        "confirmed as the new chief executive of the Care Quality Commission.")
    add(db, "https://b.example/2", "Alan Example leaves NHS Providers in weeks to take over the Care Quality "
        "Commission.")
    enrich(db)
    (appointment,) = events(db, "appointment")
    assert "Care Quality Commission" in participants(db, appointment["id"])
    assert "NHS Providers" not in participants(db, appointment["id"])


def test_announced_and_started_months_apart_are_one_appointment_but_years_apart_are_two(db):
    add(db, "https://a.example/1", "Jane Sample was appointed chief executive of the Care Quality Commission "
        "in October 2024.", published="2024-10-10")
    add(db, "https://b.example/2", "Jane Sample started as chief executive of the Care Quality Commission in "
        "December 2024.", published="2025-01-10")
    add(db, "https://c.example/3", "Jane Sample was appointed chief executive of the Care Quality Commission "
        "in March 2019.", published="2019-03-10")
    enrich(db)
    assert sorted(e["date"] for e in events(db, "appointment")) == ["2019-03", "2024-10"]


def test_a_later_undated_report_in_a_document_joins_that_documents_own_event(db):
    add(db, "https://a.example/1", "Dr Jane Sample was appointed interim chief executive of the Care Quality "
        "Commission in October 2025.", published="2025-10-23")
    add(db, "https://b.example/2", "Dr Jane Sample has been appointed as Chief Inspector of Mental Health. "
        "Dr Sample will take up her role at the CQC in May.", published=None)
    enrich(db)
    by_role = {e["summary"]: db["event_sources"].count_where("event_id = ?", [e["id"]])
               for e in events(db, "appointment")}
    assert by_role == {"Jane Sample appointed interim chief executive of Care Quality Commission": 1,
                       "Jane Sample appointed chief inspector of mental health": 2}


def test_an_undated_document_is_read_as_written_in_the_last_period_it_names(db):
    add(db, "https://a.example/undated", "The trust was rated good in 2023.\nJane Sample has been appointed chief "
        "executive of the Care Quality Commission.\nTom Example left the Nursing and Midwifery Council in March.",
        published=None)
    enrich(db)
    dates = {e["type"]: e["date"] for e in events(db)}
    # undated statements are dated no more precisely than the document's own dates tell when it was written
    assert dates == {"appointment": "2023", "departure": "2023-03"}


def test_a_report_dated_only_by_a_guess_at_the_year_joins_the_event_stated_elsewhere(db):
    add(db, "https://a.example/stated", "Jane Sample was appointed chief executive of the Care Quality Commission "
        "on 7 October 2024.", published="2024-10-08")
    add(db, "https://b.example/guess", "In 2021 the trust was rated good.\nJane Sample has been appointed chief "
        "executive of the Care Quality Commission.", published=None)
    enrich(db)
    (appointment,) = events(db, "appointment")
    assert appointment["date"] == "2024-10-07"
    assert db["event_sources"].count_where("event_id = ?", [appointment["id"]]) == 2


def test_a_guessed_date_never_outweighs_a_publication_day(db):
    add(db, "https://a.example/guess2", "Jane Sample joined the trust in October 2024.\nJane Sample is stepping "
        "down as chief executive of the Care Quality Commission with immediate effect.", published=None)
    add(db, "https://b.example/dated", "Jane Sample is stepping down as chief executive of the Care Quality "
        "Commission with immediate effect.", published="2025-10-23")
    enrich(db)
    (departure,) = events(db, "departure")
    assert departure["date"] == "2025-10-23"
    assert db["event_sources"].count_where("event_id = ?", [departure["id"]]) == 2


def test_history_told_without_a_date_joins_the_dated_event_whatever_the_order(db):
    add(db, "https://a.example/late", "Kate Sample, the deputy chief executive, became interim chief executive "
        "of the Care Quality Commission when Tom Example left.", published="2024-10-07")
    add(db, "https://b.example/early", "Tom Example left the Care Quality Commission at the end of June 2024, "
        "and Kate Sample became interim chief executive of the Care Quality Commission in July 2024.",
        published="2024-07-02")
    enrich(db)
    (appointment,) = events(db, "appointment")
    assert appointment["date"] == "2024-07"
    assert db["event_sources"].count_where("event_id = ?", [appointment["id"]]) == 2
    (departure,) = events(db, "departure")
    assert departure["date"] == "2024-06" and "interim chief executive" not in participants(db, departure["id"])
    # the undated reports, folded into the dated events, keep what they said (as when they join directly)
    folded = list(db.query("select s.summary, s.date from event_sources s join documents d on d.id = s.document_id "
                           "where d.url = 'https://a.example/late'"))
    assert len(folded) == 2 and all(r["summary"] and r["date"] == "2024-10-07" for r in folded), folded


def test_a_surname_read_before_its_full_name_is_read_again_once_the_full_name_is_known(db):
    add(db, "https://s.example/left", "Mr Hartley left the Care Quality Commission in June 2025.",
        published="2025-06-20")
    enrich(db)
    assert names(db, "PERSON") == ["Hartley"]
    add(db, "https://f.example/joined", "Julian Hartley was appointed chief executive of the Care Quality "
        "Commission in October 2024.", published="2024-10-05")
    report = enrich(db)
    assert (report.enriched, report.reread) == (1, 1) and "read 1 again" in report.summary()
    assert names(db, "PERSON") == ["Julian Hartley"]  # the one-word person, explained, is gone
    (departure,) = events(db, "departure")
    assert "Julian Hartley" in participants(db, departure["id"]) and departure["summary"].startswith("Julian")
    assert (enrich(db).enriched, enrich(db).reread) == (0, 0)  # and nothing is read again after that


def test_a_surname_nobody_explains_stays_and_is_not_read_again(db):
    add(db, "https://s.example/left", "Mr Hartley left the Care Quality Commission in June 2025.",
        published="2025-06-20")
    add(db, "https://t.example/two", "Julian Hartley and Jane Hartley spoke at the Care Quality Commission "
        "board meeting.", published="2025-06-21")
    enrich(db)
    assert {"Hartley", "Julian Hartley", "Jane Hartley"} <= set(names(db, "PERSON"))
    assert enrich(db).reread == 0  # two Hartleys: it could be either


def test_of_two_reviews_named_as_often_the_document_is_about_the_one_it_names_first(db):
    add(db, "https://m.example/chair", "Professor Sir Mike Richards has been named as the preferred candidate to "
        "chair the Care Quality Commission. Last year the regulator asked him to review its assessment framework. "
        "The findings of that review were published in October, alongside Dr Penny Dash's report on the regulator.",
        published="2025-02-27")
    enrich(db)
    (commissioned,) = events(db, "review_commissioned")
    assert "Richards review" in commissioned["summary"], commissioned


def test_dates_in_other_clauses_and_since_dates_do_not_date_the_event(db):
    add(db, "https://a.example/1", "Jane Sample will now be leaving NHS Providers, which she joined in February "
        "2023.", published="2025-03-07")
    add(db, "https://b.example/2", "Tom Example, chief inspector of hospitals since 2017, will retire in March "
        "next year.", published="2021-09-01")
    enrich(db)
    assert sorted(e["date"] for e in events(db, "departure")) == ["2022-03", "2025-03-07"]


def test_a_relative_clause_on_a_named_post_holder_names_the_appointee(db):
    add(db, "https://a.example/1", "Several posts are filled by interim staff, including former director Chris "
        "Example who was recently appointed to cover the role of chief inspector of hospitals for Sean Other, "
        "who was ill.")
    enrich(db)
    (appointment,) = events(db, "appointment")
    assert "Chris Example" in participants(db, appointment["id"])
    assert "Sean Other" not in participants(db, appointment["id"])


def test_a_surname_alone_is_the_person_and_a_review_brings_its_lead(db):
    add(db, "https://a.example/1", "Julian Sample has resigned as chief executive of the Care Quality Commission. "
        "Commenting on his decision, Sample said it had been hard.", published="2025-07-09")
    add(db, "https://b.example/2", "On Monday the government published the patient safety landscape review.",
        published="2025-07-09")
    enrich(db)
    mentioned = [r["name"] for r in db.query("select e.name from mentions m join entities e on e.id = m.entity_id "
                                             "where e.type = 'PERSON' and m.document_id = 1")]
    assert mentioned == ["Julian Sample", "Julian Sample"]
    (review,) = events(db, "review_published")
    assert review["date"] == "2025-07-07"
    assert {"Patient safety landscape review", "Penny Dash"} <= set(participants(db, review["id"]))


def test_a_review_of_a_known_regulator_is_the_documents_review_but_an_inquiry_into_something_else_is_not(db):
    add(db, "https://a.example/1", "Dr Penny Dash was asked to lead a review of the regulator in May 2024. "
        "A government-commissioned review of the Care Quality Commission has concluded that it must be rebuilt. "
        "An inquiry into maternity care at a hospital trust has found serious failings.", published="2024-10-15")
    enrich(db)
    published = {e["summary"]: participants(db, e["id"]) for e in events(db, "review_published")}
    assert any("Dash review" in p for p in published.values())
    assert not any("Dash review" in p for s, p in published.items() if "maternity" in s)


def test_reviews_are_linked_to_the_people_who_lead_them(db):
    add(db, "https://a.example/1", "In May 2024, DHSC commissioned an independent review of the CQC, to be led "
        "by Dr Penny Dash.")
    enrich(db)
    links = list(db.query("select r.name review, p.name lead, l.relation from entity_links l "
                          "join entities r on r.id = l.entity_id join entities p on p.id = l.related_id"))
    assert links == [{"review": "Dash review", "lead": "Penny Dash", "relation": "led by"}]
    add(db, "https://a.example/1", "Nothing happened today.")
    enrich(db)  # the only evidence went, and the link with it
    assert db["entity_links"].count == 0


DOCUMENTS = [
    ("https://a.example/1", "Jane Sample was appointed chief executive of the Care Quality Commission in October "
     "2024. She replaced Tom Example, who left in June.", "2024-10-10"),
    ("https://b.example/2", "Jane Sample started as chief executive of the Care Quality Commission in December "
     "2024. The CQC paused its assessments of integrated care systems in March 2025.", "2025-03-27"),
    ("https://c.example/3", "Kate Terry became interim chief executive of the Care Quality Commission when Tom "
     "Example left. The Dash review, published on 15 October 2024, found failings.", "2024-11-01"),
]


def snapshot(db):
    """Everything enrichment wrote, by name rather than by row id, without timestamps."""
    doc = {r["id"]: r["url"] for r in db.query("select id, url from documents")}
    ent = {r["id"]: (r["type"], r["name"]) for r in db.query("select * from entities")}
    events = {}
    for e in db.query("select * from events"):
        events[e["id"]] = (e["type"], e["date"], e["summary"], e["first_reported"], doc.get(e["first_document_id"]))
    return {
        "events": sorted(events.values()),
        "sources": sorted((events[r["event_id"]], doc[r["document_id"]], r["sentence"], r["date_text"] or "")
                          for r in db.query("select * from event_sources")),
        "participants": sorted((events[r["event_id"]], ent[r["entity_id"]], r["role"])
                               for r in db.query("select * from event_entities")),
        "mentions": sorted((doc[r["document_id"]], ent[r["entity_id"]], r["start"] or -1)
                           for r in db.query("select * from mentions")),
        "roles": sorted((ent[r["person_id"]], r["role"] or "", r["start"] or "", r["end"] or "")
                        for r in db.query("select * from person_roles")),
    }


def test_the_same_input_gives_the_same_database_in_any_order_and_after_redoing_everything(db, tmp_path):
    for url, text, published in DOCUMENTS:
        add(db, url, text, published=published)
    enrich(db)
    first = snapshot(db)
    assert first["events"], "the documents state events"
    enrich(db, redo_all=True)
    assert snapshot(db) == first
    other = connect(str(tmp_path / "other.db"))
    for url, text, published in reversed(DOCUMENTS):
        add(other, url, text, published=published)
    enrich(other)
    assert snapshot(other) == first
    other.conn.close()


@pytest.mark.parametrize("sentence, phase", [
    ("The interim report of the Dash review was published in July 2024.", "interim"),
    ("Dr Penny Dash published her final report in October 2024.", "final"),
    ("In July 2024 Dr Penny Dash published initial findings from her review of the regulator.", "interim"),
    # the phase word belongs to another noun phrase: it does not describe this publication
    ("The Dash review was published in October 2024, months after its interim findings.", ""),
    ("The early findings of the other review came out in October alongside Dr Penny Dash's report, "
     "which was published the same day.", ""),
])
def test_a_report_phase_is_read_from_the_words_that_name_the_report(db, sentence, phase):
    add(db, "https://a.example/phase", sentence)
    enrich(db)
    published = events(db, "review_published")
    assert len(published) == 1 and published[0]["summary"].startswith("Review published: Dash review")
    assert (f", {phase} report" in published[0]["summary"]) if phase else "report" not in published[0]["summary"]


def test_an_undated_document_does_not_relabel_a_dated_publication(db):
    add(db, "https://a.example/dated", "The Dash review was published on 15 October 2024.", published="2024-10-16")
    add(db, "https://b.example/undated", "Dr Penny Dash's interim report was published and shook the regulator.",
        published=None)
    enrich(db)
    published = events(db, "review_published")
    assert [e["date"] for e in published] == ["2024-10-15"] and "interim" not in published[0]["summary"]


def test_interim_and_final_reports_of_one_review_are_two_publications(db):
    add(db, "https://a.example/1", "The interim report of the Dash review was published in July 2024.")
    add(db, "https://b.example/2", "The final report of the Dash review was published in October 2024.")
    add(db, "https://c.example/3", "The Dash review was published in October 2024.")
    enrich(db)
    published = sorted((e["date"], e["summary"]) for e in events(db, "review_published"))
    assert published == [("2024-07", "Review published: Dash review (Penny Dash), interim report"),
                         ("2024-10", "Review published: Dash review (Penny Dash), final report")]


@pytest.mark.parametrize("sentence, type_, date, who", [
    # the plain present tells what happens around the publication (27 March 2025), not last year
    ("Jane Sample takes up the post of chief executive of the Care Quality Commission on 1 April.",
     "appointment", "2025-04-01", "Jane Sample"),
    ("Tom Example replaces Jane Sample as chair of the Care Quality Commission.", "departure", "2025-03-27",
     "Jane Sample"),
    ("Jane Sample has been named chief executive of the National Audit Office.", "appointment", "2025-03-27",
     "Jane Sample"),
    ("Tom Example was made health secretary in the reshuffle of July 2024.", "appointment", "2024-07",
     "Tom Example"),
    ("Jane Sample, previously deputy chief executive, was promoted to chief executive in 2021.", "appointment",
     "2021", "Jane Sample"),
    ("Tom Example left the trust in 2019 after ten years.", "departure", "2019", "Tom Example"),
    ("The board said Jane Sample will retire at the end of the year.", "departure", "2025-12", "Jane Sample"),
])
def test_appointment_and_departure_frames(db, sentence, type_, date, who):
    add(db, "https://a.example/frame", sentence)
    enrich(db)
    found = [e for e in events(db, type_) if who in participants(db, e["id"])]
    assert [e["date"] for e in found] == [date], events(db)


@pytest.mark.parametrize("sentence", [
    "Jane Sample is preparing to step down as chair of the Care Quality Commission.",
    "Will Jane Sample resign as chair of the Care Quality Commission?",
    "Tom Example denied that he would resign as chief executive of the Care Quality Commission.",
    "Tom Example must resign as chair of the Care Quality Commission, the union said.",
    "Jane Sample was elected president of the Royal College of Nursing in 2023.",
    "The minister said it was a cowardly move by the NHS.",
])
def test_questions_denials_demands_plans_and_elections_are_not_events(db, sentence):
    add(db, "https://a.example/no", sentence)
    enrich(db)
    assert [e["summary"] for e in events(db) if e["type"] in ("appointment", "departure")] == []


@pytest.mark.parametrize("sentence, expected", [
    ("Before that Jane Sample was director of nursing at Lakeside Hospitals NHS Trust from 2014 to 2016.",
     {("appointment", "2014"), ("departure", "2016")}),
    ("Tom Example served as chair of the Health Foundation between 2015 and 2020.",
     {("appointment", "2015"), ("departure", "2020")}),
    ("Jane Sample has been chief executive of Lakeside Hospitals NHS Trust since March 2019.",
     {("appointment", "2019-03")}),
    ("Tom Example was medical director of the Mental Welfare Commission for Scotland (2020-2024).",
     {("appointment", "2020"), ("departure", "2024")}),
    # a post told by its verb
    ("Tom Example has chaired the Health Foundation since April 2023.", {("appointment", "2023-04")}),
    ("Jane Sample, who led the Health Foundation for a decade until 2019, spoke at the event.",
     {("departure", "2019")}),
    # a post held with no start stated is no event; a period that is not the post's is not its period
    ("Jane Sample, formerly chief executive of Lakeside Hospitals NHS Trust, spoke at the event.", set()),
    ("Tom Example, chair of the Health Foundation, said spending grew from 2014 to 2016.", set()),
])
def test_posts_told_with_their_period_are_appointments_and_departures(db, sentence, expected):
    add(db, "https://a.example/tenure", sentence)
    enrich(db)
    assert {(e["type"], e["date"]) for e in events(db) if e["type"] in ("appointment", "departure")} == expected


def test_progress_callbacks_get_each_pass_total_first_then_one_call_per_document(db):
    add(db, "https://c.example/quit", "Mr Adeyemi quit the Care Quality Commission in April 2025.",
        published="2025-04-11")
    add(db, "https://c.example/other", "The hospital trust opened a new ward in March 2025.", published="2025-03-01")
    calls = []
    enrich(db, on_start=lambda total, stage: calls.append(("start", total, stage)),
           on_document=lambda document: calls.append(("document", document["url"])))
    assert calls == [("start", 2, "enrich"), ("document", "https://c.example/quit"),
                     ("document", "https://c.example/other")]

    add(db, "https://c.example/hired", "Grace Adeyemi was appointed chief operating officer of the Care "
        "Quality Commission in January 2024.", published="2024-01-15")
    calls.clear()
    report = enrich(db, on_start=lambda total, stage: calls.append(("start", total, stage)),
                    on_document=lambda document: calls.append(("document", document["url"])))
    assert report.reread == 1
    assert calls == [("start", 1, "enrich"), ("document", "https://c.example/hired"),
                     ("start", 1, "reread"), ("document", "https://c.example/quit")]

    calls.clear()
    enrich(db, on_start=lambda total, stage: calls.append(("start", total, stage)))
    assert calls == []  # nothing pending: no pass, no bar


@pytest.mark.parametrize("sentence, type_, lead", [
    ("The health secretary has asked Sir Tom Example to lead an independent review into maternity care.",
     "review_commissioned", "Tom Example"),
    ("The review of the trust's culture, led by Jane Sample, was published on 3 March 2025.", "review_published",
     "Jane Sample"),
    ("Jane Sample published her final report on the trust's culture in October 2024.", "review_published",
     "Jane Sample"),
])
def test_a_review_named_by_no_data_file_is_known_by_its_lead(db, sentence, type_, lead):
    add(db, "https://a.example/lead", sentence)
    enrich(db)
    (event,) = events(db, type_)
    assert lead in participants(db, event["id"])


def test_a_launch_summary_never_starts_with_the_heading_above_it(db):
    add(db, "https://a.example/h", "Background\nregulatory platform was launched by the Care Quality Commission "
        "in 2021.\n\nThe Care Quality Commission launched its new provider portal in July 2023.")
    enrich(db)
    assert not [e["summary"] for e in events(db, "launch") if "Background" in e["summary"]]


def test_the_acting_organisation_and_the_icss_named_take_part_in_pauses_launches_and_reviews(db):
    add(db, "https://a.example/act", "The Care Quality Commission paused its assessment of NHS Dorset ICB in "
        "October 2024. In May 2024 the Department of Health and Social Care commissioned a review of the "
        "regulator, led by Dr Penny Dash.")
    enrich(db)
    (pause,) = events(db, "pause")
    assert {"Care Quality Commission", "Dorset ICS"} <= set(participants(db, pause["id"]))
    (commissioned,) = events(db, "review_commissioned")
    assert "Department of Health and Social Care" in participants(db, commissioned["id"])


def test_a_service_suspended_for_maintenance_is_not_a_pause(db):
    add(db, "https://a.example/m", "We suspended the notifications service in the provider portal on Friday so "
        "that we could carry out urgent maintenance.")
    enrich(db)
    assert events(db, "pause") == []


@pytest.mark.parametrize("sentence", [
    # role words
    "Gary Sample, Chair, said the trust would improve.",
    "The Board will meet again in July to agree the plan.",
    "Stakeholder bulletin. Welcome to this month's note for partners.",
    # sector words
    "Gary Sample, our Chief Inspector of Healthcare, will step down in the spring.",
    "Fiona Sample was named Chief Inspector of Adult Social Care and Integrated Care last week.",
    # conditions
    "Inspections of GP surgeries slowed during the COVID-19 pandemic, the regulator said.",
    "Waiting lists for Mental Health support keep growing.",
])
def test_roles_sectors_and_conditions_are_not_organisations(db, sentence):
    add(db, "https://a.example/w", sentence)
    enrich(db)
    assert names(db, "ORG") == []


def test_a_title_and_a_surname_is_a_person_not_an_organisation(db):
    add(db, "https://a.example/t", "A second report by Dr Example looked at the wider landscape of safety bodies.")
    enrich(db)
    assert names(db, "ORG") == [] and names(db, "PERSON") == ["Example"]


def test_a_lone_given_name_is_not_an_organisation(db):
    add(db, "https://a.example/g", "Dr Arun Sample will act as interim chief executive. The trustees are "
        "confident that Arun will provide steady leadership while we plan for the future.")
    enrich(db)
    assert names(db, "ORG") == [] and names(db, "PERSON") == ["Arun Sample"]


def test_an_act_of_parliament_is_law_not_an_organisation(db):
    add(db, "https://a.example/l", "The new duties were set out in the Health and Care Act 2022 and apply from "
        "April.")
    enrich(db)
    assert names(db, "ORG") == [] and names(db, "LAW") == ["Health and Care Act 2022"]


@pytest.mark.parametrize("sentence, org", [
    ("HSSIB published its findings on Tuesday.", "Health Services Safety Investigations Body"),
    ("Unison said its members were worried about staffing.", "Unison"),
    ("The MHRA said more alerts would follow.", "Medicines and Healthcare products Regulatory Agency"),
    ("Northshire Community Health Trust was rated inadequate after a visit in March.",
     "Northshire Community Health Trust"),
    ("The QNI warned about district nurse numbers.", "QNI"),
    ("Priya Example, the Chair of Northshire Trust, said the Board had agreed.", "Northshire Trust"),
])
def test_known_and_organisation_shaped_names_stay_organisations(db, sentence, org):
    add(db, "https://a.example/o", sentence)
    enrich(db)
    assert names(db, "ORG") == [org]


@pytest.mark.parametrize("text, expected", [
    ("Chair of", None),
    ("Primary and", None),
    ("Board", None),
    ("Trust", None),
    ("Adult Social Services", None),
    ("Secretary of State for Health and Social Care", None),
    ("Single Assessment Framework", None),
    ("Digital", None),
    ("GP", None),
    ("the Mental Health Bill", ("LAW", "Mental Health Bill")),
    ("Care Standards Act 2000", ("LAW", "Care Standards Act 2000")),
    ("Professor Jane Example", ("PERSON", "Jane Example")),
    ("National Quality Board", ("ORG", "National Quality Board")),
    ("University College London", ("ORG", "University College London")),
    ("Board of Northshire Community Health Trust", ("ORG", "Northshire Community Health Trust")),
    ("the Care Quality Commission's", ("ORG", "Care Quality Commission")),
    ("RCEM", ("ORG", "RCEM")),
])
def test_org_label_judges_a_span_by_the_word_lists(text, expected):
    from enrich.nlp import load_nlp, org_label
    doc = load_nlp().make_doc(text)
    judged = org_label(doc, 0, len(doc))
    assert (judged and (judged.label_, judged.text)) == expected


@pytest.mark.parametrize("sentence", [
    "The appointment comes ahead of the final report of Dr Penny Sample's review of the Care Quality Commission.",
    "Professor Sir Tom Example will now appear before the Health and Social Care Committee for a "
    "pre-appointment hearing.",
])
def test_a_person_near_an_appointment_noun_is_not_appointed(db, sentence):
    add(db, "https://a.example/noun", sentence)
    enrich(db)
    assert events(db, "appointment") == []
    assert db["person_roles"].count == 0


def test_a_review_is_commissioned_once_whatever_day_each_report_gives(db):
    add(db, "https://a.example/1", "In December 2024 the Care Quality Commission commissioned the Gill review.",
        published="2024-12-20")
    add(db, "https://b.example/2", "The Gill review was commissioned by the Care Quality Commission on 22 January "
        "2025.", published="2025-01-22")
    add(db, "https://c.example/3", "The Care Quality Commission commissioned the Gill review.",
        published="2025-03-26")
    enrich(db)
    (commissioned,) = events(db, "review_commissioned")
    assert commissioned["date"] == "2024-12"
    assert db["event_sources"].count_where("event_id = ?", [commissioned["id"]]) == 3


# -- sentences end at headings and page furniture; a move's own clause holds its post and its time -------
@pytest.mark.parametrize("text, first_sentence", [
    ("Regulator names new chief\n\nJane Sample has been appointed chief executive.", "Regulator names new chief"),
    ("By Tom Example\nJane Sample has been appointed chief executive.", "By Tom Example"),
    # a hard-wrapped line of a PDF runs on into the next, even before a capital
    ("The reviews by Dr Penny Dash and her colleague were published in October 2024 and set out many\n"
     "Recommendations for the regulator.\nA short heading\nThe next paragraph starts here.",
     "The reviews by Dr Penny Dash and her colleague were published in October 2024 and set out many\n"
     "Recommendations for the regulator."),
])
def test_a_line_break_ends_a_sentence_unless_the_line_is_wrapped(text, first_sentence):
    from enrich.nlp import load_nlp
    sentences = [s.text.strip() for s in load_nlp()(text).sents if s.text.strip()]
    assert sentences[0] == first_sentence


def test_a_headline_above_the_story_lends_it_no_post(db):
    add(db, "https://a.example/headline", "Trust boss leaves NHS Providers\n\nA hospital chief who called for more "
        "inspectors has been appointed as chief executive of the Care Quality Commission.")
    enrich(db)
    assert not events(db, "appointment")  # 'a hospital chief' is nobody we can name


@pytest.mark.parametrize("sentence, expected", [
    ("Tom Example has been appointed to replace Jane Sample, who left in January to join NHS England.",
     {("appointment", "Tom Example", "2025-03-27", None), ("departure", "Jane Sample", "2025-01", None),
      ("appointment", "Jane Sample", "2025-01", "NHS England")}),
    ("Tom Example will leave the trust in the summer to become chief executive of the Care Quality Commission.",
     {("departure", "Tom Example", "2025", None),
      ("appointment", "Tom Example", "2025", "Care Quality Commission")}),
])
def test_a_post_and_a_time_belong_to_the_clause_that_tells_the_move(db, sentence, expected):
    add(db, "https://a.example/moves", sentence)
    enrich(db)
    got = set()
    for e in events(db):
        if e["type"] not in ("appointment", "departure"):
            continue
        (person,), organisation = participants(db, e["id"], "person"), participants(db, e["id"], "organisation")
        got.add((e["type"], person, e["date"], organisation[0] if organisation else None))
    assert got == expected


@pytest.mark.parametrize("sentence, summaries", [
    # where someone comes from, or a post held there, is not the new post
    ("Tom Example joins from the Example trust, where he was chief executive.",
     {"Tom Example appointed to a new post"}),
    ("Tom Example moved across from NHS England in 2023.", {"Tom Example appointed to a new post"}),
    ("Tom Example joins the ICB, where she will be chief executive from May.",
     {"Tom Example appointed chief executive"}),
    # a pronoun the successor replaces is who leaves
    ("Jane Sample is to step down as chair in June; she will be replaced by Tom Example.",
     {"Jane Sample leaves post as chair", "Tom Example appointed to a new post"}),
    ("Jane Sample left in 2023. Tom Example replaced her as chief executive in January 2024.",
     {"Tom Example appointed chief executive", "Jane Sample leaves post as chief executive"}),
])
def test_who_moves_where(db, sentence, summaries):
    add(db, "https://a.example/where", sentence)
    enrich(db)
    assert {e["summary"] for e in events(db) if e["type"] in ("appointment", "departure")} == summaries


@pytest.mark.parametrize("sentence, summary, date", [
    ("Appointed in 2019, Jane Sample has led the organisation through two winters.",
     "Jane Sample appointed to a new post", "2019"),
    ("Jane Sample was installed as interim chair in May 2024.", "Jane Sample appointed interim chair", "2024-05"),
    ("The new chair of the Care Quality Commission is Jane Sample.",
     "Jane Sample appointed chair of Care Quality Commission", "2025-03-27"),
    ("Jane Sample will leave in May, with her deputy Tom Example stepping up as interim chief executive.",
     "Tom Example appointed interim chief executive", "2025-05"),
    ("Health minister Jane Sample was given the role in the July 2024 reshuffle.",
     "Jane Sample appointed health minister", "2024-07"),
    # the post in the clause an appointment is subordinate to was held before it
    ("Before joining the board in 2021, Jane Sample was director of nursing at a hospital trust.",
     "Jane Sample appointed to a new post", "2021"),
])
def test_appointments_told_in_passing(db, sentence, summary, date):
    add(db, "https://a.example/passing", sentence)
    enrich(db)
    assert (summary, date) in {(e["summary"], e["date"]) for e in events(db, "appointment")}
    assert len(events(db, "appointment")) == 1


@pytest.mark.parametrize("sentence, expected", [
    ("Jane Sample is due to start as chief executive in June 2024.",
     {("appointment", "Jane Sample appointed chief executive", "2024-06")}),
    ("The trust announced that Jane Sample would be its next chief executive.",
     {("appointment", "Jane Sample appointed chief executive", "2025-03-27")}),
    ("Jane Sample could be the next chair of the trust.", set()),
    # the appointer's title is not the post; a date in an infinitive clause is read in its own tense
    ("Jane Sample has been appointed by the secretary of state as chair of the Care Quality Commission.",
     {("appointment", "Jane Sample appointed chair of Care Quality Commission", "2025-03-27")}),
    ("Jane Sample has been chosen to lead the merged board from April.",
     {("appointment", "Jane Sample appointed to a new post", "2025-04")}),
    # a post with its period in brackets or after a comma; the period dates the post, not the sentence's move
    ("Jane Sample (chief executive, 2019 to 2023) oversaw the merger.",
     {("appointment", "Jane Sample appointed chief executive", "2019"),
      ("departure", "Jane Sample leaves post as chief executive", "2023")}),
    ("Jane Sample, medical director of the Example Trust (2020-2024), joined the Care Quality Commission.",
     {("appointment", "Jane Sample appointed medical director of Example Trust", "2020"),
      ("departure", "Jane Sample leaves post as medical director of Example Trust", "2024"),
      ("appointment", "Jane Sample joins Care Quality Commission", "2025-03-27")}),
])
def test_posts_and_their_dates_in_less_usual_shapes(db, sentence, expected):
    add(db, "https://a.example/shapes", sentence)
    enrich(db)
    assert {(e["type"], e["summary"], e["date"]) for e in events(db)
            if e["type"] in ("appointment", "departure")} == expected


@pytest.mark.parametrize("sentence, summary, date", [
    ("The vacancy will be filled by Jane Sample from May.", "Jane Sample appointed to a new post", "2025-05"),
    ("The post has been filled on an interim basis by Tom Example.", "Tom Example appointed to a new post",
     "2025-03-27"),
    ("On his first day, the incoming chief executive of the Care Quality Commission, Tom Example, set out "
     "his plans.", "Tom Example appointed incoming chief executive of Care Quality Commission", "2025-03-27"),
])
def test_a_post_filled_or_named_beside_its_new_holder(db, sentence, summary, date):
    add(db, "https://a.example/filled", sentence)
    enrich(db)
    assert [(e["summary"], e["date"]) for e in events(db, "appointment")] == [(summary, date)]


def test_a_post_that_is_not_filled_is_no_appointment(db):
    add(db, "https://a.example/unfilled", "The gap in funding was filled by Tom Example's charity. The role "
        "will not be filled by Jane Sample.")
    enrich(db)
    assert events(db, "appointment") == []


def test_an_infinitive_under_a_past_verb_keeps_a_past_date(db):
    add(db, "https://a.example/due", "Inspections had been due to begin in April, but the regulator put them on "
        "hold after talks with ministers.", published="2024-05-28")
    enrich(db)
    assert [e["date"] for e in events(db, "pause")] == ["2024-04"]


@pytest.mark.parametrize("sentence, summary", [
    ("NHS England has instructed Jane Sample to conduct a rapid review of the board's finances.",
     "Review commissioned: a rapid review of the board's finances (Jane Sample)"),
    ("Jane Sample has been invited to carry out an independent review of maternity services at the trust.",
     "Review commissioned: an independent review of maternity services at the trust (Jane Sample)"),
    ("An independent investigation into the trust's maternity care, led by Jane Sample, began in 2023.",
     "Review commissioned: An independent investigation into the trust's maternity care (Jane Sample)"),
    ("The department commissioned an inquiry into maternity care at the Example trust in 2023.",
     "Review commissioned: an inquiry into maternity care at the Example trust"),
])
def test_reviews_set_going_with_less_common_verbs(db, sentence, summary):
    add(db, "https://a.example/asked", sentence)
    enrich(db)
    assert [e["summary"] for e in events(db, "review_commissioned")] == [summary]


def test_asking_someone_to_do_something_else_commissions_nothing(db):
    add(db, "https://a.example/asked-else", "The minister invited Jane Sample to speak at the conference. NHS "
        "England instructed the trusts to cut their deficits.")
    enrich(db)
    assert events(db, "review_commissioned") == []


@pytest.mark.parametrize("text, name", [
    ("Siobhan Melia has been appointed chief executive of the trust.", "Siobhan Melia"),  # a given name we list
    ("The ICB chair Aled Pryce welcomed the report.", "Aled Pryce"),  # a name right after a job title
])
def test_names_the_small_model_misses_are_people(text, name):
    from enrich.nlp import load_nlp
    assert (name, "PERSON") in [(e.text, e.label_) for e in load_nlp()(text).ents]


def test_capitalised_words_after_a_job_title_are_not_always_a_name():
    from enrich.nlp import load_nlp
    ents = [(e.text, e.label_) for e in load_nlp()("The chief executive Care Quality Commission Board met.").ents]
    assert not any(label == "PERSON" for _, label in ents)


def test_each_person_conjoined_to_an_appointees_post_is_appointed_to_their_own(db):
    add(db, "https://a.example/pair", "The board has appointed Jane Sample as chair and Tom Example as vice chair. "
        "The health secretary thanked Kim Lee and Ann Other for their service.")
    enrich(db)
    assert sorted(e["summary"] for e in events(db, "appointment")) == [
        "Jane Sample appointed chair", "Tom Example appointed vice chair"]


@pytest.mark.parametrize("publisher, organisation", [
    ("Care Quality Commission", "Care Quality Commission"),  # a publisher we know: 'our' post is its own
    ("Example Weekly", None),                                # one we do not: the post has no organisation
])
def test_our_post_belongs_to_the_organisation_that_published_the_text(db, publisher, organisation):
    ingest_lines(db, [json.dumps({"url": "https://a.example/ours", "title": "T", "published": "2025-07-09",
                                  "publisher": publisher,
                                  "text": "Jane Sample has been appointed as our Chief Inspector of Adult Social "
                                          "Care."})])
    enrich(db)
    (event,) = events(db, "appointment")
    assert participants(db, event["id"], "organisation") == ([organisation] if organisation else [])


@pytest.mark.parametrize("text, expected", [
    ("Jane Sample joined the trust as chief executive on 3 March 2024. Tom Example became chair on the same day.",
     {("Jane Sample appointed chief executive", "2024-03-03"), ("Tom Example appointed chair", "2024-03-03")}),
    ("The review was published in May 2023. Jane Sample stepped down later that year.",
     {("Jane Sample leaves post", "2023")}),
    # no date before it: the phrase dates nothing
    ("Tom Example became chair on the same day.", {("Tom Example appointed chair", "2025-03-27")}),
])
def test_a_sentence_dated_by_the_one_before_it(db, text, expected):
    add(db, "https://a.example/same-day", text)
    enrich(db)
    assert {(e["summary"], e["date"]) for e in events(db) if e["type"] in ("appointment", "departure")} == expected
