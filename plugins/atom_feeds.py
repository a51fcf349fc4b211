"""Atom feeds for newsletters, rendered by datasette-atom, with one gap filled: a query with no rows
(no new events since last week) is a valid, empty feed rather than an error."""
from datetime import datetime, timezone

import datasette_atom
from datasette import hookimpl
from datasette.utils.asgi import Response
from feedgen.feed import FeedGenerator


def render_atom(datasette, request, sql, columns, rows, database, table, query_name, view_name, data):
    if rows:
        return datasette_atom.render_atom(datasette, request, sql, columns, rows, database, table, query_name,
                                          view_name, data)
    feed = FeedGenerator()
    feed.id(request.url)
    feed.link(href=request.url, rel="self")
    feed.title(query_name or table or "Datasette query")
    feed.updated(datetime.now(timezone.utc))
    return Response(feed.atom_str(pretty=True), content_type="application/xml; charset=utf-8", status=200)


@hookimpl(trylast=True)  # called after datasette-atom's own hook, so this "atom" renderer is the one used
def register_output_renderer(datasette):
    return {"extension": "atom", "render": render_atom, "can_render": datasette_atom.can_render_atom}
