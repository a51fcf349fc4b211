"""Feeds of anything (Atom and JSON Feed), the `follow_url()` template function for pages' Follow links, and
checking the arguments of the event queries so that a bad date or type is a 400, not an unfiltered answer.

    /feeds/events.atom?type=appointment&entity=CQC&q=...&from=2024&to=2025&since=7d&publisher=...
    /feeds/search.atom?q=...                  new documents matching a full-text search
    /feeds/person/<id>.atom  /feeds/organisation/<id>.atom  /feeds/review/<id>.atom  /feeds/ics/<ONS code>.atom
    /feeds/watch/<name>.atom                  a watch in watches.yml
Each also as .json (JSON Feed 1.1). The work is in kb/follow.py (what is selected) and kb/feeds.py (rendering).
"""
import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response

from kb import feeds, follow, watches

PLUGIN = "cqc-follow"


def watches_path(datasette):
    return (datasette.plugin_config(PLUGIN) or {}).get("watches")


async def events_feed(datasette, request):
    fmt = request.url_vars["fmt"]
    try:
        f = feeds.request_filter(request)
    except follow.BadFilter as e:
        return Response.text(f"Bad request: {e}\n", status=400)
    path = follow.follow_url("events", fmt=fmt, type=",".join(f.types), entity=list(f.entities),
                             q=list(f.words), publisher=list(f.publishers), date_from=f.date_from,
                             date_to=f.date_to, since=request.args.get("since", ""))
    return await feeds.respond(datasette, request, lambda conn, site: feeds.events_feed(
        conn, f, path, follow.timeline_url(f), site=site), fmt)


async def search_feed(datasette, request):
    fmt, q = request.url_vars["fmt"], request.args.get("q", "")
    try:
        since = follow.parse_since(request.args.get("since", ""))
    except follow.BadFilter as e:
        return Response.text(f"Bad request: {e}\n", status=400)
    return await feeds.respond(datasette, request, lambda conn, site: feeds.search_feed(
        conn, q, since=since, path=follow.follow_url("search", fmt=fmt, q=q), site=site), fmt)


async def entity_feed(datasette, request):
    kind, key, fmt = (request.url_vars[k] for k in ("kind", "key", "fmt"))
    return await feeds.respond(datasette, request, lambda conn, site: feeds.entity_feed(
        conn, kind, key, follow.follow_url(kind, fmt=fmt, id=key), site=site), fmt)


async def watch_feed(datasette, request):
    name, fmt = request.url_vars["name"], request.url_vars["fmt"]
    try:
        watch = watches.get(name, watches_path(datasette))
    except watches.WatchError as e:
        return Response.text(f"Not found: {e}\n", status=404)
    return await feeds.respond(datasette, request, lambda conn, site: feeds.watch_feed(
        conn, watch, follow.follow_url("watch", fmt=fmt, name=name), site=site), fmt)


async def feeds_page(datasette, request):
    try:
        found = watches.load(watches_path(datasette))
    except watches.WatchError as e:
        return Response.text(f"The watches file is wrong: {e}\n", status=500)
    return Response.html(await datasette.render_template("feeds.html", {
        "watches": [w.__dict__ for w in found.values()]}, request=request))


@hookimpl
def register_routes():
    return [
        (r"^/feeds$", feeds_page),
        (r"^/feeds/events\.(?P<fmt>atom|json)$", events_feed),
        (r"^/feeds/search\.(?P<fmt>atom|json)$", search_feed),
        (r"^/feeds/(?P<kind>person|organisation|ics|review)/(?P<key>[^/]+)\.(?P<fmt>atom|json)$", entity_feed),
        (r"^/feeds/watch/(?P<name>[^/]+)\.(?P<fmt>atom|json)$", watch_feed),
    ]


@hookimpl
def menu_links():
    return [{"href": "/feeds", "label": "Feeds and watches"}]


@hookimpl
def extra_template_vars():
    # Any page can show a Follow link in one line: {{ follow(follow_url("person", id=person.id)) }}
    return {"follow_url": follow.follow_url}


# The event queries and the timeline page take dates and a type as text; checked here, once, for every
# format (HTML, JSON, CSV, Atom). A duration in `since` (1d, 7d) becomes the timestamp the query compares.
CHECKED = re.compile(r"^(/kb/(timeline|new_events)(\.\w+)?|/timeline)$")


def checked_arguments(path, query_string):
    """The query string to use, or raise BadFilter."""
    args = parse_qsl(query_string, keep_blank_values=True)
    for name, value in args:
        if name == "type" and value:
            if "," in value and not path.endswith(".atom"):  # the queries' own SQL and the page take one
                raise follow.BadFilter("one type at a time here; /feeds/events.atom (and .json) take several")
            follow.check_types(follow.split_list([value]))
        elif name in ("from", "to"):
            follow.check_date(value, name)
    if path.startswith("/kb/new_events") and any(name == "since" for name, _ in args):
        args = [(n, follow.parse_since(v) if n == "since" else v) for n, v in args]
        return urlencode(args)
    return query_string


@hookimpl
def asgi_wrapper():
    def wrap(app):
        async def check(scope, receive, send):
            if scope["type"] == "http" and CHECKED.match(scope.get("path", "")):
                query = scope.get("query_string", b"").decode("utf-8", "replace")
                try:
                    checked = checked_arguments(scope["path"], query)
                except follow.BadFilter as e:
                    await Response.text(f"Bad request: {e}\n", status=400).asgi_send(send)
                    return
                if checked != query:
                    scope = dict(scope, query_string=checked.encode("utf-8"))
            await app(scope, receive, send)
        return check
    return wrap
