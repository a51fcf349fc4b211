"""Pages people read rather than query: /timeline (events by month, with filters), /person/<id> and
/ics/<ONS code or id>. Everything shown comes from harvested text, so it is escaped by the templates'
autoescaping, and only http(s) addresses ever become links."""
from markupsafe import Markup, escape

from datasette import hookimpl
from datasette.utils.asgi import Response

DATABASE = "kb"
EVENT_TYPES = ["appointment", "departure", "pause", "resume", "review_commissioned", "review_published",
               "abolition", "launch", "consultation"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
LIMIT = 500

EVENTS_SQL = """
select e.id, e.date, e.type, e.summary from events e
where (:type = '' or e.type = :type)
  and (:entity = '' or exists (
    select 1 from event_entities ee join entities en on en.id = ee.entity_id
    where ee.event_id = e.id and (en.name like '%' || :entity || '%' or en.ons_code = :entity
      or en.id in (select entity_id from aliases where alias = :entity))))
  and (:q = '' or e.summary like '%' || :q || '%' or exists (
    select 1 from event_sources s where s.event_id = e.id and s.sentence like '%' || :q || '%'))
  and (:date_from = '' or substr(:date_from, 1, length(e.date)) <= e.date)
  and (:date_to = '' or substr(e.date, 1, length(:date_to)) <= :date_to)
  and (:participant = '' or exists (select 1 from event_entities ee where ee.event_id = e.id and ee.entity_id = :participant))
order by coalesce(e.date, '') desc, e.id desc
limit {limit}
"""
PARTICIPANTS_SQL = """
select ee.event_id, en.id, en.type, en.name, en.ons_code, ee.role from event_entities ee
join entities en on en.id = ee.entity_id where ee.event_id in ({ids}) order by en.type, en.name
"""
CITATIONS_SQL = """
select s.event_id, s.sentence, d.url, d.title, d.publisher, d.published from event_sources s
join documents d on d.id = s.document_id where s.event_id in ({ids})
order by coalesce(d.published, '9999'), d.url, s.start
"""


def safe_url(url):
    """Only web addresses become links: a harvested 'javascript:' or 'data:' URL stays text."""
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def month_label(date):
    if not date:
        return "Date not stated"
    if len(date) == 4:
        return f"{date} (month not stated)"
    return f"{MONTHS[int(date[5:7]) - 1]} {date[:4]}"


def entity_link(entity):
    if entity["type"] == "PERSON":
        return f"/person/{entity['id']}"
    if entity["type"] == "ICS":
        return f"/ics/{entity['ons_code'] or entity['id']}"
    return None


async def load_events(db, filters):
    """Events matching `filters`, each with its participants and citations, grouped by month."""
    params = {key: filters.get(key, "") for key in ("type", "entity", "q", "date_from", "date_to", "participant")}
    rows = [dict(r) for r in await db.execute(EVENTS_SQL.format(limit=LIMIT), params)]
    ids = ",".join(str(r["id"]) for r in rows) or "0"
    participants, citations = {}, {}
    for p in await db.execute(PARTICIPANTS_SQL.format(ids=ids)):
        if p["role"] != "role":
            participants.setdefault(p["event_id"], []).append(dict(p, link=entity_link(p)))
    for c in await db.execute(CITATIONS_SQL.format(ids=ids)):
        citations.setdefault(c["event_id"], []).append(dict(c, link=safe_url(c["url"])))
    months = []
    for row in rows:
        row["participants"] = participants.get(row["id"], [])
        row["citations"] = citations.get(row["id"], [])
        row["roles"] = []
        label = month_label(row["date"])
        if not months or months[-1]["label"] != label:
            months.append({"label": label, "events": []})
        months[-1]["events"].append(row)
    return months, len(rows)


def read_filters(request):
    args = request.args
    return {"type": args.get("type", "") if args.get("type", "") in EVENT_TYPES else "",
            "entity": args.get("entity", "").strip()[:200], "q": args.get("q", "").strip()[:200],
            "date_from": args.get("from", "").strip()[:10], "date_to": args.get("to", "").strip()[:10]}


async def timeline(datasette, request):
    db = datasette.get_database(DATABASE)
    filters = read_filters(request)
    months, count = await load_events(db, filters)
    return Response.html(await datasette.render_template("timeline.html", {
        "months": months, "count": count, "limit": LIMIT, "filters": filters, "event_types": EVENT_TYPES,
    }, request=request))


async def person(datasette, request):
    db = datasette.get_database(DATABASE)
    person_id = request.url_vars["id"]
    row = (await db.execute("select id, name from entities where type = 'PERSON' and id = ?",
                            [person_id])).first() if person_id.isdigit() else None
    if row is None:
        return Response.text("No such person", status=404)
    roles = [dict(r) for r in await db.execute(
        "select r.role, o.name as organisation, r.start, r.end, d.url, d.title from person_roles r "
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
    db = datasette.get_database(DATABASE)
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
        "select d.url, d.title, d.publisher, d.published, count(*) as mentions from mentions m "
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
