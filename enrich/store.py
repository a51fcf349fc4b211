"""Writing one document's analysis into kb.db: entities shared across documents, events consolidated
by key so that five reports of one event are one event with five sources."""
from datetime import date as Date

from kb.db import insert_statement
from kb.documents import now_iso
from .vocab import known_aliases

# Events that happen once to the thing their key names: every report of them is one event.
ONCE_ONLY = {"review_commissioned"}
# Appointments and departures are often announced weeks before they take effect ("appointed in
# October, joined in December"): reports of one person's move this close together are one event.
PERSON_EVENT_WINDOW_DAYS = 92


# The writes of one document's analysis are plain SQL on the connection, inside the caller's transaction
# (store_analysis runs in kb.db.write_transaction): sqlite-utils' table methods read the table's schema
# again on every insert and wrap every query in a savepoint, which cost as much as the rules themselves.
def _rows(db, sql, params=()):
    """The rows of a query as dicts (what db.query gives), read at once."""
    cursor = db.execute(sql, params)
    keys = [d[0] for d in cursor.description]
    return [dict(zip(keys, row)) for row in cursor.fetchall()]


def _exists(db, sql, params=()):
    return db.execute(sql, params).fetchone() is not None


def _insert(db, table, record, ignore=False):
    """Insert one row; returns its rowid."""
    return db.execute(insert_statement(table, record, ignore), list(record.values())).lastrowid


def _insert_all(db, table, records, ignore=False):
    """Insert rows that all have the same keys, in order."""
    if not records:
        return
    sql, rows = insert_statement(table, records[0], ignore), [list(r.values()) for r in records]
    if db.conn.in_transaction:
        db.conn.executemany(sql, rows)
    else:  # outside a transaction, sqlite-utils' execute commits each write; executemany would leave it open
        for row in rows:
            db.execute(sql, row)


def _update(db, table, row_id, values):
    assignments = ", ".join(f'"{c}" = ?' for c in values)
    db.execute(f'update "{table}" set {assignments} where id = ?', [*values.values(), row_id])


def entity_id(db, ref, alias=None):
    """The id of the canonical entity for `ref`, created on first sight."""
    row = db.execute("select id from entities where type = ? and name = ?", [ref.type, ref.name]).fetchone()
    if row is None:
        new_id = _insert(db, "entities", {"type": ref.type, "name": ref.name, "ons_code": ref.ons_code})
        _insert_all(db, "aliases", [{"entity_id": new_id, "alias": a} for a in known_aliases().get(
            (ref.type, ref.name), ())], ignore=True)
    else:
        new_id = row[0]
    if alias and alias != ref.name:
        _insert(db, "aliases", {"entity_id": new_id, "alias": alias}, ignore=True)
    return new_id


def clear_document(db, document_id):
    """Remove what a previous enrichment of the document wrote; events left with no source go too."""
    db.execute("delete from mentions where document_id = ?", [document_id])
    db.execute("delete from figures where document_id = ?", [document_id])
    affected = [r[0] for r in db.execute("select distinct event_id from event_sources where document_id = ?",
                                         [document_id]).fetchall()]
    db.execute("delete from event_sources where document_id = ?", [document_id])
    for event_id in affected:
        if not db.execute("select 1 from event_sources where event_id = ? limit 1", [event_id]).fetchone():
            _delete_event(db, event_id)
        else:
            settle(db, event_id)


def settle(db, event_id):
    """An event's date, summary and first report, from all its reports and the same whatever order they
    arrived in. First reported: the earliest report by publication day (then address). Date: the earliest
    date stated to the month or better, refined by more precise compatible ones; a date that is only the
    report's own publication day (a dateline, or none stated) counts only when no report states one, and
    a date guessed for an undated document only when no report has either.
    Summary: the most informative (longest) one, from dated documents when any report it."""
    reports = _rows(
        db, "select s.date, s.summary, s.date_text, s.sentence, d.id, d.published from event_sources s "
        "join documents d on d.id = s.document_id where s.event_id = ? "
        "order by coalesce(d.published, '9999'), d.url, s.start", [event_id])
    if not reports:
        return
    stated = [r for r in reports if r["date"] and r["date_text"] and not _is_dateline(r)]
    # else the reports' publication days; a date guessed for an undated document only when nothing better
    published = [r for r in reports if r["date"] and r["published"]]
    dates = [r["date"] for r in stated or published or [r for r in reports if r["date"]]]
    # the earliest date stated to the month or day ('appointed in October', 'joined in December'), made
    # more precise by the reports that agree with it ('on 14 October')
    monthly = [d for d in dates if len(d) >= 7]
    date = min(monthly or dates, default=None)
    for other in sorted(dates):
        date = _better_date(date, other)
    update = {"first_document_id": reports[0]["id"], "first_reported": reports[0]["published"], "date": date,
              "year": date[:4] if date else None}
    # a summary from an undated document's guess only when no dated document reports the event
    summaries = [r["summary"] for r in [r for r in reports if r["published"]] or reports if r["summary"]]
    if summaries:
        update["summary"] = max(summaries, key=lambda s: (len(s), s))
    _update(db, "events", event_id, update)


def _is_dateline(report):
    """The report's date is its own publication day written at the head of a line ('July 16, 2024' above
    the story), not a date the text gives the event."""
    if report["date"] != (report["published"] or "")[:10]:
        return False
    at = (report["sentence"] or "").find(report["date_text"])
    return at == 0 or at > 0 and report["sentence"][at - 1] == "\n"


def compatible(a, b):
    """Two dates can describe one event when either is unknown or one refines the other."""
    return not a or not b or a.startswith(b) or b.startswith(a)


def keys_agree(a, b):
    """Keys name the same event when every part agrees, is blank in one of them, or one refines the
    other: a report that does not name the role ('appointment:jane-sample::') joins one that does, and
    'interim chief inspector' joins 'interim chief inspector of healthcare'."""
    a, b = a.split("@")[0].split(":"), b.split("@")[0].split(":")
    return len(a) == len(b) and all(not x or not y or x.startswith(y) or y.startswith(x) for x, y in zip(a, b))


def _first_day(value):
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return Date(parts[0], parts[1], parts[2])


def near(a, b, days=PERSON_EVENT_WINDOW_DAYS):
    """Dates at most `days` apart (each read as its first day: '2024-10' is 1 October)."""
    try:
        return abs((_first_day(a) - _first_day(b)).days) <= days
    except (ValueError, TypeError):
        return False


def find_event(db, key, date, undated_report=False, document_id=None):
    """The stored event for the same real-world event: keys agree and dates are compatible.
    Events this document already reports come first ('he will take up the role in May' is the
    appointment the same bulletin announced). A report that gives no date of its own (its date is its
    publication day) joins the latest agreeing event that happened by then. A person's appointment or
    departure joins one dated within a few months. Otherwise reports that agree on who and what but not
    on when stay separate events (key@date)."""
    kind, _, rest = key.partition(":")
    subject = rest.split(":")[0]
    prefix = f"{kind}:{subject}".replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = [row for row in _rows(
        db, "select id, date, key, exists(select 1 from event_sources s where s.event_id = events.id "
        "and s.document_id = ?) as same_document from events where key like ? escape '\\' order by id",
        [document_id, prefix + "%"]) if keys_agree(row["key"], key)]
    rows.sort(key=lambda row: not row["same_document"])
    if undated_report and date:
        # a coarse date is only a guess at when an undated document was written: any agreeing event will do
        earlier = [row for row in rows if row["date"] and (len(date) < 10 or _by(row["date"], date))]
        if earlier:  # one that already says all the report says ('interim') before one it would refine
            return max(earlier, key=lambda row: (refined_key(row["key"], key) == row["key"], row["same_document"],
                                                 row["date"]))
    match = next((row for row in rows if compatible(row["date"], date)), None)
    if match is None and kind in ("appointment", "departure") and date:
        match = next((row for row in rows if row["date"] and near(row["date"], date)), None)
    if match is None and kind in ONCE_ONLY and rows:
        match = rows[0]  # a review is commissioned once, whatever day each report gives
    return match


def _by(date, end):
    """`date` is no later than the period `end` names ('2024-10' is by '2024', which runs to December)."""
    return date[:len(end)] <= end


def refined_key(stored, new):
    """The key of an event that a report joined: each part as precisely as either says it ('...:dash-review:'
    joined by an interim report becomes '...:dash-review:interim', so a final report no longer joins it)."""
    head, _, tail = stored.partition("@")
    a, b = head.split(":"), new.split("@")[0].split(":")
    merged = ":".join(max(x, y, key=len) for x, y in zip(a, b))
    return merged + (f"@{tail}" if tail else "")


def _better_date(old, new):
    """Keep the more precise of two compatible dates; otherwise keep what the first report said."""
    if not old:
        return new
    if new and len(new) > len(old) and new.startswith(old):
        return new
    return old


def store_analysis(db, document, analysis):
    """Replace the enrichment of `document` (a documents row) with `analysis`."""
    doc_id = document["id"]
    clear_document(db, doc_id)
    _insert_all(db, "mentions",
                [{"document_id": doc_id, "entity_id": entity_id(db, m.entity, m.text), "text": m.text,
                  "start": m.start, "end": m.end} for m in analysis.mentions])
    _insert_all(db, "figures",
                [{"document_id": doc_id, "amount_gbp": f.amount_gbp, "text": f.text, "sentence": f.sentence,
                  "measure": f.measure, "period": f.period, "start": f.start, "end": f.end}
                 for f in analysis.figures])
    for event in analysis.events:
        undated_report = event.date_text is None
        guessed = undated_report and not document["published"]
        row = find_event(db, event.key, event.date, undated_report, doc_id)
        if row is None:
            key, n = event.key, 1
            while _exists(db, "select 1 from events where key = ?", [key]):  # same who/what, another when
                n += 1
                key = f"{event.key}@{event.date or ''}#{n}"
            event_id = _insert(db, "events", {
                "type": event.type, "date": event.date, "year": (event.date or "")[:4] or None,
                "summary": event.summary, "key": key,
                "first_reported": document["published"], "first_document_id": doc_id, "first_seen": now_iso(),
            })
        else:
            event_id = row["id"]
            # a report from an undated document may join an event but not redefine it: its date is a guess,
            # so which of two publications it means ('interim', 'final') or which post is not its to settle
            key = row["key"] if guessed else refined_key(row["key"], event.key)
            if key != row["key"] and not _exists(db, "select 1 from events where key = ?", [key]):
                _update(db, "events", event_id, {"key": key})
        _insert(db, "event_sources", {"event_id": event_id, "document_id": doc_id, "sentence": event.sentence,
                                      "start": event.start, "end": event.end, "date_text": event.date_text,
                                      "date": event.date, "summary": event.summary}, ignore=True)
        for ref, role in event.participants:
            _insert(db, "event_entities", {"event_id": event_id, "entity_id": entity_id(db, ref), "role": role},
                    ignore=True)
        if row is not None:
            settle(db, event_id)


def consolidate(db):
    """Fold events known only from reports that state no date of their own into the agreeing event that
    happened before them, whatever order the documents were enriched in: 'became interim chief executive
    when Mr Trenholm left', read in October, is the June departure. Pauses recur (paused again in May,
    again in October), so an undated pause stays the news of its day. Returns how many events were folded."""
    undated = [row for row in db.query(
        "select id, date, key from events e where type not in ('pause', 'resume') and not exists ("
        "select 1 from event_sources s where s.event_id = e.id and s.date_text is not null) order by id")]
    folded = 0
    for event in undated:
        kind, _, rest = event["key"].partition(":")
        prefix = f"{kind}:{rest.split(':')[0]}".replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        others = [row for row in db.query(
            "select id, date, key from events where key like ? escape '\\' and id != ? and date is not null",
            [prefix + "%", event["id"]]) if keys_agree(row["key"], event["key"])]
        earlier = [row for row in others if not event["date"] or len(event["date"]) < 10
                   or _by(row["date"], event["date"])]
        if not earlier:
            continue
        target = max(earlier, key=lambda row: (row["date"], -row["id"]))
        _move_event(db, event["id"], target["id"])
        folded += 1
    return folded


def _move_event(db, from_id, to_id):
    """Give event `from_id`'s sources and participants to `to_id`, then delete it."""
    db.execute("insert or ignore into event_sources (event_id, document_id, sentence, start, \"end\", date_text, "
               "date, summary) select ?, document_id, sentence, start, \"end\", date_text, date, summary "
               "from event_sources where event_id = ?", [to_id, from_id])
    db.execute("insert or ignore into event_entities (event_id, entity_id, role) "
               "select ?, entity_id, role from event_entities where event_id = ?", [to_id, from_id])
    db.execute("delete from event_sources where event_id = ?", [from_id])
    _delete_event(db, from_id)
    settle(db, to_id)


def _delete_event(db, event_id):
    """Delete an event that has no citation left. person_roles and entity_links are rebuilt after the run;
    their rows citing this event go now."""
    db.execute("delete from person_roles where start_event_id = ? or end_event_id = ?", [event_id, event_id])
    db.execute("delete from entity_links where event_id = ?", [event_id])
    db.execute("delete from event_entities where event_id = ?", [event_id])
    db.execute("delete from events where id = ?", [event_id])
