"""/consultations: every consultation the knowledge base knows of, with its organisation, dates and status
(open ones first, the soonest to close at the top), from the `consultations` table kb/consultations.py
builds. Harvested text is escaped by the template; only http(s) addresses become links."""
from datasette import hookimpl
from datasette.utils.asgi import Response

from kb.consultations import status_sql
from kb.serve import DATABASE_NAME as DATABASE

ORDER = ["open", "not yet open", "closing date not known", "closed", "outcome published"]


def safe_url(url):
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


async def consultations(datasette, request):
    db = datasette.get_database(DATABASE)
    rows = [dict(r) for r in await db.execute(
        f"select c.*, {status_sql()} as status from consultations c order by c.closing_date is null, "
        "c.closing_date, c.title limit 1000")]
    for row in rows:
        row["link"], row["outcome_link"] = safe_url(row["url"]), safe_url(row["outcome_url"])
    groups = [(status, [r for r in rows if r["status"] == status]) for status in ORDER]
    # closed ones most recent first: the ones people still talk about
    groups = [(s, list(reversed(g)) if s in ("closed", "outcome published") else g) for s, g in groups if g]
    return Response.html(await datasette.render_template("consultations.html", {
        "groups": groups, "count": len(rows)}, request=request))


@hookimpl
def register_routes():
    return [(r"^/consultations$", consultations)]


@hookimpl
def menu_links(datasette):
    return [{"href": "/consultations", "label": "Consultations"}]
