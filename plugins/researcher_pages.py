"""The pages a researcher reads every day: / (the front door), /document/<id> (a stored document, its text with
people, organisations and events linked, its earlier versions and its archived copy), /review/<id>,
/organisation/<id> and /people. Each has a JSON twin at the same path with `.json` (the front door's is
/index.json). Harvested text is escaped by the templates' autoescaping; the one page built as markup here
(a document's text) escapes every piece of text it joins, and only http(s) addresses become links."""
import importlib.util
import io
import sys
from datetime import date, timedelta
from pathlib import Path

from markupsafe import Markup, escape

from datasette import hookimpl
from datasette.utils.asgi import Response


def _sibling(name):
    """A plugin file next to this one, as a module. Datasette runs plugin files without making them importable;
    loading the file again gives its helpers (its hooks stay registered once, by Datasette)."""
    key = f"cqc_monitor_plugins.{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, Path(__file__).with_name(f"{name}.py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules[key] = module
    return sys.modules[key]


timeline = _sibling("timeline_pages")
served_database, safe_url, entity_link = timeline.served_database, timeline.safe_url, timeline.entity_link

WINDOW_DAYS = 90        # "recent" on the front door
FRONT_EVENTS = 10       # events in each list of the front door
SEARCH_SHOWN = 50       # search results on the front door (the `search` query gives up to 200)
ENTITY_EVENTS = 30      # events on an organisation's page; the rest are on the timeline, filtered by it
DOCUMENTS_SHOWN = 50    # documents on a review's or an organisation's page
PEOPLE_PAGE = 200       # people a page of /people
ROLES_SHOWN = 50        # current and past roles on an organisation's page, each
COMMON_MENTIONS = 3000  # an entity mentioned more often is looked for down the publication index
STAGES = {"review_commissioned": "Commissioned", "review_published": "Report published"}


async def respond(datasette, request, template, data, **html_only):
    """The page, or with .json its data (`html_only` holds what only the template needs, such as markup)."""
    if request.url_vars.get("format") == ".json":
        return Response.json(data, default=str)
    return Response.html(await datasette.render_template(template, dict(data, **html_only), request=request))


def not_found(what):
    return Response.text(f"No such {what}", status=404)


async def rows(db, sql, params=None):
    return [dict(r) for r in await db.execute(sql, params or [])]


async def one(db, sql, params):
    found = await rows(db, sql, params)
    return found[0] if found else None


# ---- the front door -------------------------------------------------------------------------------------------

async def window(db):
    """The WINDOW_DAYS days up to the newest publication not after today: today for a monitor that harvests daily,
    while a copy that stopped harvesting (the demo's sample) still shows its own recent past."""
    newest = (await db.execute("select max(published) from documents where published <= ?",
                               [date.today().isoformat()])).first()[0]
    end = date.fromisoformat(newest[:10]) if newest and len(newest) >= 10 else date.today()
    return (end - timedelta(days=WINDOW_DAYS)).isoformat(), end.isoformat()


async def search(datasette, db, q):
    """The `search` canned query's own SQL (its ranking and snippets), first SEARCH_SHOWN results."""
    query = (await datasette.get_canned_query(db.name, "search", None)
             or await datasette.get_canned_query(timeline.DATABASE, "search", None))
    try:
        found = await rows(db, f"select * from ({query['sql']}) limit {SEARCH_SHOWN}", {"q": q})
    except Exception as e:  # FTS5 syntax ('"unbalanced') or the time limit: say so on the page
        return [], str(e)
    for r in found:
        r["link"] = safe_url(r["url"])
        r["snippet_html"] = Markup(str(escape(r["snippet"] or "")).replace("⟦", "<mark>").replace("⟧", "</mark>"))
    return found, None


async def source_health(db):
    sources = await rows(db, "select name, last_status, last_success, consecutive_failures from sources "
                             "where name != 'import' order by name")
    failing = [s for s in sources if s["consecutive_failures"]]
    line = f"{len(sources)} source{'s' if len(sources) != 1 else ''}"
    if failing:
        since = min((s["last_success"] or "" for s in failing), default="")
        line += (f", {len(failing)} failing" + (f" since {since[:10]}" if since else " (never succeeded)")
                 + f": {', '.join(s['name'] for s in failing)}")
    elif sources:
        line += ", all fine"
    return {"summary": line, "sources": len(sources), "failing": [s["name"] for s in failing]}


async def front(datasette, request):
    db = served_database(datasette)
    q = request.args.get("q", "").strip()[:200]
    if q:  # a search shows its results alone, as fast as the `search` query itself
        results, error = await search(datasette, db, q)
        return await respond(datasette, request, "front.html", {"q": q, "results": results, "search_error": error},
                             database=db.name)
    start, end = await window(db)
    newest = await timeline.describe_events(db, await rows(
        db, f"select id, date, type, summary, source_count, first_document_id from events where date is not null "
            f"order by date desc, id desc limit {FRONT_EVENTS}"))
    reported = await rows(db, f"""
        select id, date, type, summary, participants, source_count, first_document_id from events
        where date >= :start and date <= :end order by source_count desc, date desc, id desc limit {FRONT_EVENTS}""",
                          {"start": start, "end": end + "~"})
    # Who is most in the news: how many reports of the window's events they took part in (each event's source_count,
    # kept on its row), from the date index. Counting their mentions in the window's documents instead took four
    # times as long at 100,000 documents.
    in_news = await rows(db, f"""
        select id, type, name, ons_code, reports from (
          select en.id, en.type, en.name, en.ons_code, sum(e.source_count) as reports,
            row_number() over (partition by en.type order by sum(e.source_count) desc, en.name) as n
          from events e join event_entities ee on ee.event_id = e.id join entities en on en.id = ee.entity_id
          where e.date >= :start and e.date <= :end and en.type in ('PERSON', 'ORG')
          group by en.id)
        where n <= {FRONT_EVENTS} order by type desc, reports desc, name""", {"start": start, "end": end + "~"})
    for e in in_news:
        e["link"] = entity_link(e)
    # The reviews most recently commissioned or reported, from the latest review events rather than every review.
    reviews = await rows(db, """
        with recent as (
          select id, date from events where type in ('review_commissioned', 'review_published') and date is not null
          order by date desc, id desc limit 200)
        select r.id, r.name, max(recent.date) as latest,
          (select group_concat(p.name, ', ') from entity_links l join entities p on p.id = l.related_id
           where l.entity_id = r.id and l.relation = 'led by') as led_by
        from recent join event_entities ee on ee.event_id = recent.id
          join entities r on r.id = ee.entity_id and r.type = 'REVIEW'
        group by r.id order by latest desc, r.name limit 12""")
    data = {"q": q, "window": {"from": start, "to": end}, "newest_events": newest, "most_reported": reported,
            "people_in_the_news": [e for e in in_news if e["type"] == "PERSON"],
            "organisations_in_the_news": [e for e in in_news if e["type"] == "ORG"],
            "reviews": reviews, "source_health": await source_health(db)}
    return await respond(datasette, request, "front.html", data, event_types=timeline.EVENT_TYPES,
                         database=db.name)


# ---- a document -----------------------------------------------------------------------------------------------

def annotate(text, mentions, sentences):
    """The document's text as markup: each sentence that reports events marked and linked to them (#event-<id>),
    each mention of a person, organisation, ICS or review linked to its page; every piece of text escaped.
    Offsets that no longer fit the text (an edit not yet enriched again) are left out."""
    spans = {}
    for s in sentences:
        if 0 <= s["start"] < s["end"] <= len(text):
            end = s["start"] + len(text[s["start"]:s["end"]].rstrip())  # the event links follow the full stop
            spans.setdefault((s["start"], end), []).append(s["event_id"])
    marks, last_end = [], 0
    for (start, end), events in sorted(spans.items()):
        if start >= last_end:  # sentences do not nest; a second overlapping one is left unmarked
            marks.append((start, end, sorted(set(events))))
            last_end = end
    links, last_end = [], 0
    for m in sorted(mentions, key=lambda m: (m["start"] or 0, -(m["end"] or 0))):
        start, end = m["start"], m["end"]
        if start is None or end is None or start < last_end or text[start:end] != m["text"] or not m["link"]:
            continue
        if any(s < start < e < end or start < s < end <= e for s, e, _ in marks):
            continue  # a mention crossing a sentence's edge
        links.append((start, end, m))
        last_end = end

    def linked(a, b):
        out, at = [], a
        for start, end, m in links:
            if a <= start and end <= b:
                out.append(escape(text[at:start]))
                out.append(Markup('<a class="entity entity-{}" href="{}">{}</a>').format(
                    m["type"].lower(), m["link"], text[start:end]))
                at = end
        out.append(escape(text[at:b]))
        return Markup("").join(out)

    out, at = [], 0
    for start, end, events in marks:
        out.append(linked(at, start))
        out.append(Markup('<mark class="reports" id="sentence-{}">{}').format(start, linked(start, end)))
        out.append(Markup("").join(Markup(' <a class="to-event" href="#event-{0}">[event {0}]</a>').format(e)
                                   for e in events))
        out.append(Markup("</mark>"))
        at = end
    out.append(linked(at, len(text)))
    return Markup("").join(out)


async def document(datasette, request):
    db = served_database(datasette)
    doc = await one(db, "select id, url, source, publisher, kind, title, author, published, updated, text, "
                        "fetched_at, first_seen from documents where id = ?", [int(request.url_vars["id"])])
    if doc is None:
        return not_found("document")
    doc["link"] = safe_url(doc["url"])
    mentions = await rows(db, "select m.start, m.end, m.text, en.id, en.type, en.name, en.ons_code from mentions m "
                              "join entities en on en.id = m.entity_id where m.document_id = ? order by m.start",
                          [doc["id"]])
    for m in mentions:
        m["link"] = entity_link(m)
    sentences = await rows(db, "select event_id, start, end, sentence from event_sources where document_id = ? "
                               "order by start", [doc["id"]])
    events = await timeline.describe_events(db, await rows(
        db, "select id, date, type, summary from events where id in "
            "(select event_id from event_sources where document_id = ?) order by coalesce(date, ''), id", [doc["id"]]))
    versions = await rows(db, "select id, title, published, fetched_at, replaced_at, diff from document_versions "
                              "where document_id = ? order by replaced_at desc, id desc", [doc["id"]])
    archived = await rows(db, "select id, fetched_url, warc_file, content_type, fetched_at from archive_records "
                              "where url = ? order by fetched_at desc, id desc limit 20", [doc["url"]])
    figures = await rows(db, "select amount_gbp, text, measure, period, sentence from figures where document_id = ? "
                             "order by start", [doc["id"]])
    entities = sorted({(m["type"], m["name"], m["link"]) for m in mentions})
    data = {"document": doc, "events": events, "versions": versions, "archived_copies": archived, "figures": figures,
            "entities": [{"type": t, "name": n, "link": link} for t, n, link in entities],
            "mentions": [{k: m[k] for k in ("start", "end", "text", "id", "type", "name")} for m in mentions],
            "event_sentences": sentences}
    return await respond(datasette, request, "document.html", data,
                         body=annotate(doc["text"], mentions, sentences), database=db.name)


# The archived response is served as it was fetched but never runs in this site's origin: the CSP sandbox gives it
# an origin of its own with scripts, forms and plugins off, and nothing is loaded from elsewhere.
ARCHIVE_HEADERS = {"content-security-policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
                   "x-content-type-options": "nosniff", "referrer-policy": "no-referrer"}
SHOWN_TYPES = ("text/html", "text/plain", "application/xhtml+xml", "application/xml", "text/xml",
               "application/rss+xml", "application/atom+xml")


def read_warc_record(path, offset, length):
    """(content type, body) of the response record at `offset` (each record is its own gzip member)."""
    from warcio.archiveiterator import ArchiveIterator
    with open(path, "rb") as f:
        f.seek(offset)
        record = next(ArchiveIterator(io.BytesIO(f.read(length))))
        return record.http_headers.get_header("content-type") or "", record.content_stream().read()


async def archived_copy(datasette, request):
    db = served_database(datasette)
    record = await one(db, "select a.* from archive_records a join documents d on d.url = a.url "
                           "where d.id = ? and a.id = ?", [int(request.url_vars["id"]), int(request.url_vars["record"])])
    if record is None or db.path is None:
        return not_found("archived copy")
    # The WARC files lie beside the database (the harvest's archive_dir), on a replica too (kb publish copies them).
    home = Path(db.path).resolve().parent
    path = (home / record["warc_file"]).resolve()
    if home not in path.parents or not path.is_file():
        return Response.text("The archived copy is not on this server (its WARC file is missing).", status=404)
    content_type, body = read_warc_record(path, record["warc_offset"], record["warc_length"])
    headers = dict(ARCHIVE_HEADERS)
    if content_type.split(";")[0].strip().lower() not in SHOWN_TYPES:
        # PDFs and anything else: downloaded, not opened here
        headers["content-disposition"] = f'attachment; filename="document-{request.url_vars["id"]}-archived"'
    return Response(body, status=200, headers=headers, content_type=content_type or "application/octet-stream")


# ---- reviews, organisations, people ----------------------------------------------------------------------------

# The documents that mention an entity, and with REPORTING those that report an event it took part in (a review is
# often named by words that are not a mention of it: "the interim report").
MENTIONING = "select document_id from mentions where entity_id = :id"
REPORTING = (" union select s.document_id from event_sources s join event_entities ee on ee.event_id = s.event_id "
             "where ee.entity_id = :id")


async def documents_about(db, entity_id, reporting=False, limit=DOCUMENTS_SHOWN):
    """The newest documents about an entity. For one in many documents (CQC is in 43% of them) the publication
    index is read newest first until enough mention it (2 ms at 100,000 documents); the same for a rare entity
    would read the whole index (300 ms), so its few documents are looked up and sorted instead (1.6 s for CQC)."""
    mentions = (await db.execute(f"select count(*) from (select 1 from mentions where entity_id = ? "
                                 f"limit {COMMON_MENTIONS + 1})", [entity_id])).first()[0]
    ids = MENTIONING + (REPORTING if reporting else "")
    where = (f"exists (select 1 from mentions m where m.document_id = d.id and m.entity_id = :id)"
             if mentions > COMMON_MENTIONS and not reporting else f"d.id in ({ids})")
    found = await rows(db, f"""
        select d.id, d.url, d.title, d.publisher, d.published,
          (select count(*) from mentions m2 where m2.document_id = d.id and m2.entity_id = :id) as mentions
        from documents d where {where} order by d.published desc limit {int(limit)}""", {"id": entity_id})
    for d in found:
        d["link"] = safe_url(d["url"])
    return found


async def life_of(db, entity_id, limit=200):
    """The events an entity took part in, oldest first (undated ones last)."""
    return await timeline.describe_events(db, await rows(db, f"""
        select e.id, e.date, e.type, e.summary from events e
        where e.id in (select event_id from event_entities where entity_id = ?)
        order by coalesce(e.date, '9999'), e.id limit {int(limit)}""", [entity_id]))


async def entity(db, entity_id, type_):
    found = await one(db, "select id, type, name, ons_code from entities where id = ? and type = ?",
                      [int(entity_id), type_])
    if found:
        found["aliases"] = [r["alias"] for r in await rows(
            db, "select alias from aliases where entity_id = ? order by alias", [found["id"]])]
    return found


async def review(datasette, request):
    db = served_database(datasette)
    found = await entity(db, request.url_vars["id"], "REVIEW")
    if found is None:
        return not_found("review")
    leads = await rows(db, "select p.id, p.type, p.name from entity_links l join entities p on p.id = l.related_id "
                           "where l.entity_id = ? and l.relation = 'led by' order by p.name", [found["id"]])
    for p in leads:
        p["link"] = entity_link(p)
    life = await life_of(db, found["id"])
    for e in life:
        e["stage"] = stage(e)
    documents = await documents_about(db, found["id"], reporting=True)
    figures = await rows(db, f"""
        select f.amount_gbp, f.text, f.measure, f.period, f.sentence, d.id as document_id, d.title, d.url, d.published
        from figures f join documents d on d.id = f.document_id
        where f.document_id in ({MENTIONING + REPORTING})
        order by d.published desc, f.amount_gbp desc limit 100""", {"id": found["id"]})
    for f in figures:
        f["link"] = safe_url(f["url"])
    return await respond(datasette, request, "review.html", {
        "review": found, "led_by": leads, "life": life, "documents": documents, "figures": figures})


def stage(event):
    """Where an event stands in a review's life: commissioned, interim or final report, or what followed."""
    label = STAGES.get(event["type"])
    summary = (event["summary"] or "").lower()
    if event["type"] == "review_published":
        label = "Interim report" if "interim" in summary else "Final report" if "final" in summary else label
    return label or event["type"].replace("_", " ").capitalize()


async def organisation(datasette, request):
    db = served_database(datasette)
    found = await entity(db, request.url_vars["id"], "ORG")
    if found is None:
        return not_found("organisation")
    roles = {}
    for when, test in (("current", "r.end is null"), ("past", "r.end is not null")):
        roles[when] = await rows(db, f"""
            select r.role, r.start, r.end, p.id, p.type, p.name, r.document_id from person_roles r
            join entities p on p.id = r.person_id where r.organisation_id = ? and {test}
            order by r.start desc, p.name limit {ROLES_SHOWN}""", [found["id"]])
        for r in roles[when]:
            r["link"] = entity_link(r)
    counts = (await db.execute("select count(*) - count(end), count(end) from person_roles where organisation_id = ?",
                               [found["id"]])).first()
    # the timeline's own query: down the date index, so an organisation in most events costs what a rare one does
    months, count = await timeline.load_events(db, {"participant": str(found["id"])}, limit=ENTITY_EVENTS)
    events = [e for month in months for e in month["events"]]
    return await respond(datasette, request, "organisation.html", {
        "organisation": found, "current_roles": roles["current"], "past_roles": roles["past"],
        "roles_counted": {"current": counts[0], "past": counts[1]}, "events": events, "events_shown": ENTITY_EVENTS,
        "documents": await documents_about(db, found["id"])}, months=months, database=db.name)


async def people(datasette, request):
    db = served_database(datasette)
    q = request.args.get("q", "").strip()[:100]
    page = int(request.args["page"]) if request.args.get("page", "").isdigit() else 1
    page = min(max(page, 1), 10_000)
    found = await rows(db, f"""
        with chosen as (
          select id, name from entities
          where type = 'PERSON' and (:q = '' or name like '%' || :q || '%'
                                     or id in (select entity_id from aliases where alias like '%' || :q || '%'))
          order by name, id limit {PEOPLE_PAGE + 1} offset {(page - 1) * PEOPLE_PAGE})
        select c.id, c.name, 'PERSON' as type, r.role, r.start, r.end, o.id as organisation_id,
          o.name as organisation
        from chosen c
        left join person_roles r on r.id = (select r2.id from person_roles r2 where r2.person_id = c.id
                                            order by r2.end is not null, coalesce(r2.start, '') desc, r2.id desc limit 1)
        left join entities o on o.id = r.organisation_id
        order by c.name, c.id""", {"q": q})
    more = len(found) > PEOPLE_PAGE
    found = found[:PEOPLE_PAGE]
    for p in found:
        p["link"] = entity_link(p)
    return await respond(datasette, request, "people.html", {
        "q": q, "page": page, "people": found, "more": more})


@hookimpl
def register_routes():
    return [
        (r"^/(?:index(?P<format>\.json))?$", front),
        (r"^/document/(?P<id>\d{1,18})(?P<format>\.json)?$", document),
        (r"^/document/(?P<id>\d{1,18})/archive/(?P<record>\d{1,18})$", archived_copy),
        (r"^/review/(?P<id>\d{1,18})(?P<format>\.json)?$", review),
        (r"^/organisation/(?P<id>\d{1,18})(?P<format>\.json)?$", organisation),
        (r"^/people(?P<format>\.json)?$", people),
    ]


@hookimpl
def menu_links(datasette):
    return [{"href": "/", "label": "Front page"}, {"href": "/people", "label": "People"},
            {"href": "/kb", "label": "Tables and queries"}]


# Title columns that link to the stored document, and the column holding its id: the documents table's titles and
# the canned queries' citations (search, timeline, person, ics, money).
TITLE_LINKS = {"title": "document_id", "source_title": "document_id", "first_source_title": "first_document_id"}


@hookimpl
def render_cell(row, value, column, table):
    """Titles link to the document's page (/document/<id>), which outlives the original."""
    if column not in TITLE_LINKS or value is None:
        return None
    keys = row.keys() if hasattr(row, "keys") else []
    id_column = "id" if table == "documents" else TITLE_LINKS[column]
    if id_column not in keys or row[id_column] is None:
        return None
    return Markup('<a href="/document/{}">{}</a>').format(int(row[id_column]), value)


# What the documents table page shows unless columns are chosen: not the full text, which made one row taller than
# the screen, nor the hash and fetch times. The JSON and CSV keep every column.
DOCUMENT_COLUMNS = b"&".join(b"_col=" + c for c in (b"url", b"source", b"publisher", b"kind", b"title", b"published"))


@hookimpl
def asgi_wrapper():
    def wrap(app):
        async def documents_table_columns(scope, receive, send):
            if scope["type"] == "http" and scope["path"].count("/") == 2 and scope["path"].endswith("/documents"):
                query = scope.get("query_string", b"")
                if b"_col=" not in query and b"_nocol=" not in query:
                    scope = dict(scope, query_string=DOCUMENT_COLUMNS + (b"&" + query if query else b""))
            await app(scope, receive, send)
        return documents_table_columns
    return wrap
