"""The consultation tracker (GOV.UK consultation pages harvested from a fixture site on 127.0.0.1, and
closing dates told in text), /consultations and its canned query, and /kb/calendar.ics read back with the
icalendar parser a calendar client would use."""
import asyncio
import json
from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from harvester.run import harvest
from kb.consultations import BOARD_MEETING, CLOSES, closing_soon, dates_in, refresh
from kb.serve import make_datasette
from tests import fake_server
from tests.fake_server import Site, serve
from tests.follow_fixture import build
from tests.test_harvest import config


def get(ds, url):
    return asyncio.run(ds.client.get(url))


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    path = tmp_path_factory.mktemp("calendar") / "kb.db"
    db = build(path)
    refresh(db)
    yield db, make_datasette(path)
    db.conn.close()


def test_calendar_is_valid_icalendar_with_events_and_dates_ahead(kb):
    db, ds = kb
    response = get(ds, "/kb/calendar.ics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert str(calendar["X-WR-CALNAME"]) == "Calendar of events and dates ahead"
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert len({str(e["UID"]) for e in events.values()}) == len(events)  # unique ids
    for e in events.values():
        assert isinstance(e.decoded("DTSTART"), date) and e["DTSTAMP"]  # all-day events with a stamp
    # when an appointment takes effect ("will take up the post on 1 April 2025")
    appointment = events["Alan Example appointed chief executive of Care Quality Commission"]
    assert appointment.decoded("DTSTART") == date(2025, 4, 1)
    assert appointment.decoded("DTEND") == date(2025, 4, 2)
    assert str(appointment["URL"]) == "https://news.example/cqc-chief"
    closes = events["Consultation on changes to how it rates providers closes"]
    assert closes.decoded("DTSTART") == date(2025, 3, 12)
    assert "closes on 12 March 2025" in str(closes["DESCRIPTION"])
    meeting = events["Board meeting (Care Quality Commission)"]
    assert meeting.decoded("DTSTART") == date(2025, 2, 20)
    # an event known only to the month has no day in a calendar
    assert "Paused: ICS assessments" not in events


def test_consultation_from_an_event_and_its_closing_date_in_the_text(kb):
    db, ds = kb
    (row,) = db.query("select * from consultations")
    assert (row["title"], row["organisation"], row["opening_date"], row["closing_date"]) == (
        "Consultation on changes to how it rates providers", "Care Quality Commission", "2025-01-15", "2025-03-12")
    assert row["url"] == "https://cqc.example/consultation" and row["event_id"]
    assert closing_soon(db.conn, date(2025, 3, 1))[0]["status"] == "open"
    assert closing_soon(db.conn, date(2025, 3, 13)) == []
    page = BeautifulSoup(get(ds, "/consultations").text, "html.parser")
    (closed,) = page.select("section[data-status='closed'] tr.consultation")  # 12 March 2025 has passed
    assert "rates providers" in closed.get_text() and "2025-03-12" in closed.get_text()
    assert page.select_one("p.follow a")["href"] == "/feeds/events.atom?type=consultation"


@pytest.mark.parametrize("sentence, published, expected", [
    ("The consultation closes on 12 March.", "2025-01-15", "2025-03-12"),
    ("The consultation closes on 12 January.", "2025-11-20", "2026-01-12"),  # the next 12 January
    ("Responses should be received by 5pm on Friday 4 April 2025.", "2025-01-15", "2025-04-04"),
    ("It runs until 30 June 2024 and asks providers for views.", "2024-05-01", "2024-06-30"),
    ("The closing date for responses is 1 May 2025.", "2025-03-01", "2025-05-01"),
    ("The consultation is open until March 3, 2025.", "2025-01-15", "2025-03-03"),
])
def test_closing_dates_told_in_text(sentence, published, expected):
    assert [d for d, _ in dates_in(sentence, CLOSES, published)] == [expected]


@pytest.mark.parametrize("text, expected", [
    ("Board meeting: 26 March 2025\nAgenda item 3", ["2025-03-26"]),
    ("The next public board meeting will be held on Wednesday 21 May 2025 in Newcastle.", ["2025-05-21"]),
    ("The board meets on 9 July.", ["2025-07-09"]),
    ("The review was published at the board meeting.", []),
])
def test_board_meetings_announced(text, expected):
    assert [d for d, _ in dates_in(text, BOARD_MEETING, "2025-03-01")] == expected


def test_a_sentence_without_a_closing_date_gives_none():
    assert dates_in("The consultation launched on 12 March 2025 was well received.", CLOSES, "2025-03-12") == []
    assert dates_in("The consultation closes on 31 February.", CLOSES, "2025-01-01") == []


def govuk_site(site, consultations):
    def search(request):
        results = [{"title": c["title"], "link": link, "public_timestamp": "2025-01-10T10:00:00Z"}
                   for link, c in consultations.items()]
        fake_server.send(request, 200, json.dumps({"total": len(results), "results": results}), "application/json")
    site.route("/api/search.json", search)
    for link, content in consultations.items():
        site.page("/api/content" + link, json.dumps(content), "application/json")


def consultation(title, document_type, opening, closing):
    return {"title": title, "description": f"{title}: a summary written for this test.",
            "first_published_at": opening, "document_type": document_type,
            "links": {"organisations": [{"title": "Department of Health and Social Care"}]},
            "details": {"body": "<p>We would like your views on the proposals set out here.</p>",
                        "opening_date": opening, "closing_date": closing}}


def test_govuk_consultations_keep_their_dates_and_status(db, tmp_path):
    today = date.today()
    soon, later = (today + timedelta(days=3)).isoformat(), (today + timedelta(days=40)).isoformat()
    with serve(Site()) as site:
        site.page("/robots.txt", "User-agent: *\n", "text/plain")
        govuk_site(site, {
            "/government/consultations/soon": consultation("Fees for registration", "open_consultation",
                                                           "2025-01-10T09:00:00Z", soon + "T23:59:00.000+00:00"),
            "/government/consultations/later": consultation("Staffing guidance", "open_consultation",
                                                            "2025-01-10T09:00:00Z", later + "T23:59:00+00:00"),
            "/government/consultations/done": consultation("Inspection frequency", "consultation_outcome",
                                                           "2024-01-10T09:00:00Z", "2024-03-01T23:59:00+00:00"),
        })
        results = harvest(db, config(site, {"name": "govuk", "kind": "govuk_search",
                                            "url": "{BASE}/api/search.json?filter_organisations=x"}, max_items=10))
    assert results[0].status == "ok"
    refresh(db)
    rows = {r["title"]: r for r in db.query("select * from consultations")}
    assert (rows["Fees for registration"]["opening_date"], rows["Fees for registration"]["closing_date"]) == (
        "2025-01-10", soon)
    assert rows["Fees for registration"]["organisation"] == "Department of Health and Social Care"
    assert rows["Inspection frequency"]["outcome_url"].endswith("/government/consultations/done")
    db.conn.close()
    ds = make_datasette(tmp_path / "kb.db")
    open_now = get(ds, "/kb/open_consultations.json?_shape=array").json()
    assert [r["title"] for r in open_now] == ["Fees for registration", "Staffing guidance"]  # soonest first
    assert open_now[0]["days_left"] == 3
    page = BeautifulSoup(get(ds, "/consultations").text, "html.parser")
    status = {tr.select_one("td").get_text(strip=True): tr.find_parent("section")["data-status"]
              for tr in page.select("tr.consultation")}
    assert status == {"Fees for registration": "open", "Staffing guidance": "open",
                      "Inspection frequency": "outcome published"}
    dates = Calendar.from_ical(get(ds, "/kb/calendar.ics").content).walk("VEVENT")
    assert date.fromisoformat(soon) in {e.decoded("DTSTART") for e in dates}


def test_kb_enrich_rebuilds_the_consultations(tmp_path):
    from click.testing import CliRunner

    from kb.cli import cli
    from kb.db import connect
    from tests.follow_fixture import DOCUMENTS
    lines = tmp_path / "docs.jsonl"
    lines.write_text("\n".join(json.dumps(d) for d in DOCUMENTS if "consultation" in d["url"]))
    db_path = str(tmp_path / "kb.db")
    for command in (["ingest", str(lines)], ["enrich", "--no-progress"]):
        result = CliRunner().invoke(cli, [*command, "--db", db_path])
        assert result.exit_code == 0, result.output
    db = connect(db_path)
    assert [r["closing_date"] for r in db.query("select * from consultations")] == ["2025-03-12"]
    assert {r["kind"] for r in db.query("select * from key_dates")} == {
        "consultation opens", "consultation closes", "board meeting"}
    db.conn.close()
