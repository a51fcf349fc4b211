import json

from kb.ingest import ingest_lines


def line(**fields):
    return json.dumps(fields)


def test_ingest_loads_documents_and_normalises_dates(db):
    report = ingest_lines(db, [
        line(url="https://example.org/one", text="First text.", title="One", published="27 March 2025"),
        line(url="https://example.org/two", text="Second text.", publisher="CQC", extra="ignored"),
    ])
    assert (report.new, report.updated, report.errors) == (2, 0, [])
    one = next(db.query("select * from documents where url = 'https://example.org/one'"))
    assert one["published"] == "2025-03-27"
    assert one["source"] == "import"
    assert db["documents"].count == 2


def test_bad_lines_are_reported_with_line_numbers_and_skipped(db):
    lines = [
        line(url="https://example.org/ok", text="Good."),
        "{not json",
        line(text="no url here"),
        line(url="https://example.org/empty", text="   "),
        "[1, 2]",
        line(url="ftp://example.org/x", text="wrong scheme"),
        line(url="https://example.org/ok2", text="Also good."),
    ]
    report = ingest_lines(db, lines)
    assert report.new == 2
    assert [n for n, _ in report.errors] == [2, 3, 4, 5, 6]
    reasons = dict(report.errors)
    assert "not valid JSON" in reasons[2]
    assert reasons[3] == "no url" and reasons[4] == "no text"
    assert "http" in reasons[6]


def test_reingest_updates_instead_of_duplicating(db):
    ingest_lines(db, [line(url="https://www.example.org/a/?utm_source=x", text="Old text.", title="A")])
    first_id = next(db.query("select id from documents"))["id"]
    report = ingest_lines(db, [line(url="https://example.org/a", text="New text.", title="A")])
    assert (report.new, report.updated) == (0, 1)
    rows = list(db.query("select id, text from documents"))
    assert rows == [{"id": first_id, "text": "New text."}]
    again = ingest_lines(db, [line(url="https://example.org/a", text="New text.", title="A")])
    assert again.unchanged == 1


def test_a_bad_line_loses_nothing_already_stored(db):
    ingest_lines(db, [line(url="https://example.org/keep", text="Kept.", published="2024-05-01")])
    ingest_lines(db, ["garbage", line(url="https://example.org/keep", text="Kept, edited.")])
    row = next(db.query("select text, published from documents"))
    # the edit lands, and the date the new line did not carry is kept
    assert row == {"text": "Kept, edited.", "published": "2024-05-01"}


def test_a_changed_document_keeps_its_previous_version(db):
    ingest_lines(db, [line(url="https://example.org/v", title="Old title", text="Line one.\nLine two.")])
    ingest_lines(db, [line(url="https://example.org/v", title="Old title", text="Line one.\nLine 2, edited.")])
    ingest_lines(db, [line(url="https://example.org/v", title="Old title", text="Line one.\nLine 2, edited.")])
    (version,) = db["document_versions"].rows
    assert version["text"] == "Line one.\nLine two."
    assert "-Line two." in version["diff"] and "+Line 2, edited." in version["diff"]
    assert db["documents"].count == 1
