"""The tenure rules of enrich/roles.py on event rows, without spaCy or a database."""
import random

from enrich.roles import build_tenures, later

CQC, NHSE = 10, 11
JANE, TOM, ANN = 1, 2, 3


def event(id_, type_, person, date, role=None, organisation=None):
    return {"id": id_, "type": type_, "date": date, "key": "%s:%d:%d" % (type_, person, id_),
            "person_id": person, "role": role, "organisation_id": organisation, "first_document_id": 100 + id_}


def tenures(events):
    rows = [(t["person_id"], t["role"], t["organisation_id"], t["start"], t["end"]) for t in build_tenures(events)]
    return sorted(rows, key=lambda row: tuple("" if v is None else str(v) for v in row))


def test_later_is_certain_at_the_shared_precision():
    assert later("2024-10", "2024-06") and later("2025", "2024-06") and later("2024-06-02", "2024-06-01")
    assert not later("2024", "2024-06") and not later("2024-06", "2024") and not later("2024-06", "2024-06")
    assert not later(None, "2024") and not later("2024", None) and not later("2023", "2024")


def test_a_later_appointment_to_the_same_post_ends_the_open_tenure_of_each_predecessor_in_turn():
    got = build_tenures([
        event(1, "appointment", JANE, "2019-03", "chief executive", CQC),
        event(2, "appointment", TOM, "2024-06", "interim chief executive", CQC),
        event(3, "appointment", ANN, "2024-10-07", "chief executive officer", CQC),
    ])
    by_person = {t["person_id"]: (t["start"], t["end"], t["end_event_id"]) for t in got}
    assert by_person == {JANE: ("2019-03", "2024-06", 2), TOM: ("2024-06", "2024-10-07", 3),
                         ANN: ("2024-10-07", None, None)}


def test_succession_keeps_a_departure_that_was_reported():
    assert tenures([
        event(1, "appointment", JANE, "2019-03", "chief executive", CQC),
        event(2, "departure", JANE, "2024-08", "chief executive", CQC),
        event(3, "appointment", TOM, "2024-06", "chief executive", CQC),
    ]) == [(JANE, "chief executive", CQC, "2019-03", "2024-08"), (TOM, "chief executive", CQC, "2024-06", None)]


def test_no_succession_without_certainly_later_dates_or_another_post():
    cases = [
        ("2024-06", None),  # the new appointment's date is unknown
        (None, "2024-10"),  # the holder's start is unknown
        ("2024-06", "2024"),  # not certainly later
        ("2024-06", "2024-06"),  # the same date
    ]
    for first, second in cases:
        got = build_tenures([event(1, "appointment", JANE, first, "chief executive", CQC),
                             event(2, "appointment", TOM, second, "chief executive", CQC)])
        assert [t["end"] for t in got] == [None, None], (first, second)
    for role, organisation in [("chief executive", NHSE), ("chair", CQC), ("chief executive", None)]:
        got = build_tenures([event(1, "appointment", JANE, "2024-06", "chief executive", CQC),
                             event(2, "appointment", TOM, "2024-10", role, organisation)])
        assert [t["end"] for t in got] == [None, None], (role, organisation)


def test_an_earlier_appointment_does_not_end_a_later_one():
    got = tenures([event(1, "appointment", JANE, "2024-10", "chief executive", CQC),
                   event(2, "appointment", TOM, "2019-01", "chief executive", CQC)])
    assert got == [(JANE, "chief executive", CQC, "2024-10", None), (TOM, "chief executive", CQC, "2019-01", "2024-10")]


def test_a_role_without_organisation_takes_the_one_the_persons_other_events_name():
    assert tenures([
        event(1, "appointment", JANE, "2024-03", "interim chief executive"),
        event(2, "departure", JANE, "2025-06", "chief executive", CQC),
    ]) == [(JANE, "interim chief executive", CQC, "2024-03", "2025-06")]
    # and it is then succeeded like any tenure at that organisation
    got = tenures([
        event(1, "appointment", JANE, "2024-03", "interim chief executive"),
        event(2, "appointment", TOM, "2024-10", "chief executive", CQC),
        event(3, "appointment", JANE, "2024-03", "interim chief executive", CQC),
    ])
    assert got == [(JANE, "interim chief executive", CQC, "2024-03", "2024-10"),
                   (TOM, "chief executive", CQC, "2024-10", None)]


def test_an_organisation_without_role_takes_the_role_the_persons_other_events_name_there():
    assert tenures([
        event(1, "appointment", JANE, "2024-03", None, CQC),
        event(2, "departure", JANE, "2025-06", "chief executive", CQC),
    ]) == [(JANE, "chief executive", CQC, "2024-03", "2025-06")]


def test_blanks_are_not_filled_when_the_persons_events_disagree():
    got = tenures([
        event(1, "appointment", JANE, "2020-01", "chief executive", CQC),
        event(2, "appointment", JANE, "2023-01", "chief executive", NHSE),
        event(3, "appointment", JANE, "2024-01", "chief executive"),
    ])
    assert (JANE, "chief executive", None, "2024-01", None) in got and len(got) == 3


def test_a_departure_naming_less_ends_the_one_open_tenure_it_fits():
    assert tenures([
        event(1, "appointment", JANE, "2020-01", "chair", NHSE),
        event(2, "appointment", JANE, "2021-01", "chief executive", CQC),
        event(3, "departure", JANE, "2022-01", None, NHSE),
        event(4, "departure", JANE, "2023-01"),
    ]) == [(JANE, "chair", NHSE, "2020-01", "2022-01"), (JANE, "chief executive", CQC, "2021-01", "2023-01")]


def test_a_departure_that_fits_several_open_tenures_ends_none_of_them():
    got = tenures([
        event(1, "appointment", JANE, "2020-01", "chair", CQC),
        event(2, "appointment", JANE, "2021-01", "chief executive", NHSE),
        event(3, "departure", JANE, "2022-01"),
    ])
    assert got == [(JANE, None, None, None, "2022-01"), (JANE, "chair", CQC, "2020-01", None),
                   (JANE, "chief executive", NHSE, "2021-01", None)]


def test_a_departure_without_appointment_records_the_end_only():
    (tenure,) = build_tenures([event(1, "departure", JANE, "2025-06", "chief executive", CQC)])
    assert (tenure["start"], tenure["start_event_id"], tenure["end"], tenure["end_event_id"]) == (None, None,
                                                                                                "2025-06", 1)


def test_returning_after_leaving_is_a_second_tenure():
    assert tenures([
        event(1, "appointment", JANE, "2018-01", "chair", CQC),
        event(2, "departure", JANE, "2020-01", "chair", CQC),
        event(3, "appointment", JANE, "2024-01", "chair", CQC),
    ]) == [(JANE, "chair", CQC, "2018-01", "2020-01"), (JANE, "chair", CQC, "2024-01", None)]


def test_only_appointments_and_departures_make_tenures():
    others = ["review_commissioned", "review_published", "pause", "resume", "launch", "abolition", "consultation"]
    assert build_tenures([event(i, t, JANE, "2025-01", "chief executive", CQC) for i, t in enumerate(others)]) == []


def test_the_tenures_do_not_depend_on_the_event_ids():
    rows = [event(1, "appointment", JANE, "2024-06", "interim chief executive", CQC),
            event(2, "appointment", TOM, "2024-10", "chief executive", CQC),
            event(3, "departure", TOM, "2025-10", None, CQC),
            event(4, "appointment", ANN, "2025-10", None, CQC),
            event(5, "departure", ANN, "2025-10")]
    expected = tenures(rows)
    for seed in range(5):
        ids = list(range(1, len(rows) + 1))
        random.Random(seed).shuffle(ids)
        shuffled = [dict(r, id=i) for r, i in zip(rows, ids)]
        assert tenures(shuffled) == expected
