"""Pages people read rather than query: /timeline (events by month, with filters), /person/<id> and
/ics/<ONS code or id>. Everything shown comes from harvested text, so it is escaped by the templates'
autoescaping, and only http(s) addresses ever become links.

Plugins import nothing from the project (kb, enrich, harvester): `kb publish` bundles them to run on Datasette
alone."""
from urllib.parse import urlencode

from markupsafe import Markup, escape

from datasette import hookimpl
from datasette.utils.asgi import Response

DATABASE = "kb"  # as `kb serve` names it (kb/serve.py)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
EVENT_TYPES = ["appointment", "departure", "pause", "resume", "review_commissioned", "review_published",
               "abolition", "launch", "consultation"]
LIMIT = 500      # events on a person's or an ICS's page
PAGE_SIZE = 50   # events per page of /timeline: at 100,000 documents 500 events took 170 ms, 50 take 7 ms

# As the `timeline` canned query does (metadata.yml): a page of event ids from the index on events(date, id, type),
# with filters that look entities and words up once, not once per event. Pages after the first start after the
# last event shown (:after_date, :after_id): a cursor, so a deep page costs what the first one does.
EVENTS_SQL = """
with page as (
  select e.id from events e
  where (:type = '' or e.type = :type)
    and (:entity = '' or e.id in (
      select ee.event_id from event_entities ee where ee.entity_id in (
        select en.id from entities en where en.name like '%' || :entity || '%' or en.ons_code = :entity
        union select a.entity_id from aliases a where a.alias = :entity)))
    and (:q = '' or e.id in (
      select m.id from events m where m.summary like '%' || :q || '%'
      union select s.event_id from event_sources s where s.sentence like '%' || :q || '%'))
    and (:date_from = '' or substr(:date_from, 1, length(e.date)) <= e.date)
    and (:date_to = '' or substr(e.date, 1, length(:date_to)) <= :date_to)
    and (:participant = '' or e.id in (select ee.event_id from event_entities ee where ee.entity_id = :participant))
    and (:after_id = '' or coalesce(e.date, '') < :after_date
      or (coalesce(e.date, '') = :after_date and e.id < cast(:after_id as integer)))
  order by e.date desc, e.id desc
  limit {limit}
)
select e.id, e.date, e.type, e.summary from page join events e on e.id = page.id
order by coalesce(e.date, '') desc, e.id desc
"""
PARTICIPANTS_SQL = """
select ee.event_id, en.id, en.type, en.name, en.ons_code, ee.role from event_entities ee
join entities en on en.id = ee.entity_id where ee.event_id in ({ids}) order by en.type, en.name
"""
CITATIONS_SQL = """
select s.event_id, s.sentence, d.id as document_id, d.url, d.title, d.publisher, d.published from event_sources s
join documents d on d.id = s.document_id where s.event_id in ({ids})
order by coalesce(d.published, '9999'), d.url, s.start
"""


def served_database(datasette):
    """The knowledge base: `kb` under `kb serve`, or whatever the file is called under `datasette serve -i copy.db`
    (then the only database served)."""
    if DATABASE in datasette.databases:
        return datasette.get_database(DATABASE)
    return datasette.get_database()


def safe_url(url):
    """Only web addresses become links: a harvested 'javascript:' or 'data:' URL stays text."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def month_label(date):
    if not date:
        return "Date not stated"
    if len(date) == 4:
        return f"{date} (month not stated)"
    return f"{MONTH_NAMES[int(date[5:7]) - 1]} {date[:4]}"


def entity_link(entity):
    if entity["type"] == "PERSON":
        return f"/person/{entity['id']}"
    if entity["type"] == "ICS":
        return f"/ics/{entity['ons_code'] or entity['id']}"
    if entity["type"] == "ORG":
        return f"/organisation/{entity['id']}"
    if entity["type"] == "REVIEW":
        return f"/review/{entity['id']}"
    return None


async def load_events(db, filters, limit=LIMIT):
    """The first `limit` events matching `filters` (after the cursor `after_date`, `after_id` if given), each
    with its participants and citations, grouped by month."""
    params = {key: filters.get(key, "") for key in ("type", "entity", "q", "date_from", "date_to", "participant",
                                                    "after_date", "after_id")}
    rows = await describe_events(db, [dict(r) for r in await db.execute(EVENTS_SQL.format(limit=int(limit)), params)])
    months = []
    for row in rows:
        label = month_label(row["date"])
        if not months or months[-1]["label"] != label:
            months.append({"label": label, "events": []})
        months[-1]["events"].append(row)
    return months, len(rows)


async def describe_events(db, rows):
    """Give each event row (with an `id`) its participants and citations; returns the rows."""
    ids = ",".join(str(int(r["id"])) for r in rows) or "0"
    participants, citations = {}, {}
    for p in await db.execute(PARTICIPANTS_SQL.format(ids=ids)):
        if p["role"] != "role":
            participants.setdefault(p["event_id"], []).append(dict(p, link=entity_link(p)))
    for c in await db.execute(CITATIONS_SQL.format(ids=ids)):
        citations.setdefault(c["event_id"], []).append(dict(c, link=safe_url(c["url"])))
    for row in rows:
        row["participants"] = participants.get(row["id"], [])
        row["citations"] = citations.get(row["id"], [])
        row["roles"] = []
    return rows


def read_filters(request):
    args = request.args
    return {"type": args.get("type", "") if args.get("type", "") in EVENT_TYPES else "",
            "entity": args.get("entity", "").strip()[:200], "q": args.get("q", "").strip()[:200],
            "date_from": args.get("from", "").strip()[:10], "date_to": args.get("to", "").strip()[:10]}


def read_cursor(request):
    """The 'after' argument: the date and id of the last event of the previous page ('2024-03-01,1234'; the
    date is empty for undated events), or ('', '') for the first page."""
    date, _, event_id = request.args.get("after", "").strip().rpartition(",")
    return (date[:10], event_id) if event_id.isdigit() and len(event_id) < 19 else ("", "")


def timeline_link(filters, after=None):
    """The /timeline address with the same filters, starting after the event `after` (the first page if None)."""
    args = {"type": filters["type"], "entity": filters["entity"], "q": filters["q"], "from": filters["date_from"],
            "to": filters["date_to"]}
    args = {k: v for k, v in args.items() if v}
    if after is not None:
        args["after"] = f"{after['date'] or ''},{after['id']}"
    return "/timeline" + ("?" + urlencode(args) if args else "")


async def timeline(datasette, request):
    db = served_database(datasette)
    filters = read_filters(request)
    after_date, after_id = read_cursor(request)
    # one more than a page, to know whether there are older events
    months, count = await load_events(db, dict(filters, after_date=after_date, after_id=after_id),
                                      limit=PAGE_SIZE + 1)
    older = None
    if count > PAGE_SIZE:
        months[-1]["events"].pop()
        if not months[-1]["events"]:
            months.pop()
        count = PAGE_SIZE
        older = timeline_link(filters, after=months[-1]["events"][-1])
    return Response.html(await datasette.render_template("timeline.html", {
        "months": months, "count": count, "limit": PAGE_SIZE, "filters": filters, "event_types": EVENT_TYPES,
        "after": after_date if after_id else None, "older": older,
        "newest": timeline_link(filters) if after_id else None,
    }, request=request))


async def person(datasette, request):
    db = served_database(datasette)
    person_id = request.url_vars["id"]
    row = (await db.execute("select id, name from entities where type = 'PERSON' and id = ?",
                            [person_id])).first() if person_id.isdigit() else None
    if row is None:
        return Response.text("No such person", status=404)
    roles = [dict(r) for r in await db.execute(
        "select r.role, o.name as organisation, r.start, r.end, r.document_id, d.url, d.title from person_roles r "
        "left join entities o on o.id = r.organisation_id left join documents d on d.id = r.document_id "
        "where r.person_id = ? order by coalesce(r.start, ''), r.id", [row["id"]])]
    for r in roles:
        r["link"] = safe_url(r["url"])
    months, count = await load_events(db, {"participant": str(row["id"])})
    documents = await mentioning(db, row["id"])
    aliases = [r["alias"] for r in await db.execute("select alias from aliases where entity_id = ? order by alias",
                                                      [row["id"]])]
    return Response.html(await datasette.render_template("person.html", {
        "person": dict(row), "aliases": aliases, "roles": roles, "months": months, "count": count,
        "documents": documents,
    }, request=request))


async def ics(datasette, request):
    db = served_database(datasette)
    code = request.url_vars["code"]
    row = (await db.execute("select id, name, ons_code from entities where type = 'ICS' and (ons_code = ? or "
                            "cast(id as text) = ?) limit 1", [code, code])).first()
    if row is None:
        return Response.text("No such integrated care system", status=404)
    months, count = await load_events(db, {"participant": str(row["id"])})
    documents = await mentioning(db, row["id"])
    return Response.html(await datasette.render_template("ics.html", {
        "ics": dict(row), "months": months, "count": count, "documents": documents,
    }, request=request))


async def mentioning(db, entity_id):
    rows = [dict(r) for r in await db.execute(
        "select d.id, d.url, d.title, d.publisher, d.published, count(*) as mentions from mentions m "
        "join documents d on d.id = m.document_id where m.entity_id = ? group by d.id "
        "order by coalesce(d.published, '') desc limit 200", [entity_id])]
    for r in rows:
        r["link"] = safe_url(r["url"])
    return rows


@hookimpl
def register_routes():
    return [
        (r"^/timeline$", timeline),
        (r"^/person/(?P<id>[^/]+)$", person),
        (r"^/ics/(?P<code>[^/]+)$", ics),
    ]


@hookimpl
def menu_links(datasette):
    return [{"href": "/timeline", "label": "Timeline"}]


@hookimpl
def render_cell(value, column, table):
    """Search snippets: the matched words, marked by SQLite's snippet(), shown highlighted; the rest of
    the (harvested, untrusted) text escaped."""
    if column == "snippet" and table is None and isinstance(value, str):  # the `search` canned query
        return Markup(str(escape(value)).replace("⟦", "<mark>").replace("⟧", "</mark>"))
    return None
