"""Atom feeds for newsletters. The queries about events or documents (timeline, new_events, search, person,
ics) are answered by kb/feeds.py with their own parameters, the same feeds as /feeds/...; any other query
with atom_* columns is rendered by datasette-atom, and one with no rows is a valid, empty feed."""
from datetime import datetime, timezone

import datasette_atom
from datasette import hookimpl
from datasette.utils.asgi import Response
from feedgen.feed import FeedGenerator

from kb.feeds import canned_query_feed

FOLLOWED_QUERIES = {"timeline", "new_events", "search", "person", "ics"}


async def render_atom(datasette, request, sql, columns, rows, database, table, query_name, view_name, data):
    if query_name in FOLLOWED_QUERIES and database == "kb":
        response = await canned_query_feed(datasette, request, query_name)
        # as a dict: Datasette keeps a dict's status (a Response's it sets to the query's own, 200)
        return {"body": response.body, "status_code": response.status, "content_type": response.content_type}
    if rows:
        return datasette_atom.render_atom(datasette, request, sql, columns, rows, database, table, query_name,
                                          view_name, data)
    feed = FeedGenerator()
    feed.id(request.url)
    feed.link(href=request.url, rel="self")
    feed.title(query_name or table or "Datasette query")
    feed.updated(datetime.now(timezone.utc))
    return Response(feed.atom_str(pretty=True), content_type="application/xml; charset=utf-8", status=200)


def can_render(columns, query_name=None):
    return query_name in FOLLOWED_QUERIES or datasette_atom.can_render_atom(columns)


@hookimpl(trylast=True)  # called after datasette-atom's own hook, so this "atom" renderer is the one used
def register_output_renderer(datasette):
    return {"extension": "atom", "render": render_atom, "can_render": can_render}
