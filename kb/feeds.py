"""Atom and JSON Feed documents of what kb.follow selects, and the Datasette glue that serves them.

Entry ids never change (`urn:cqc-monitor:event:<key>`, `urn:cqc-monitor:document:<url>`); an event's
`updated` is the latest of when it was first stored and when a document citing it was first stored, so an
event that gains a source is updated in feed readers. Every entry links each document it comes from.
Harvested text is untrusted: it is escaped in the HTML content, and only http(s) addresses become links.
"""
import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlencode

from markupsafe import escape

from . import follow

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_TYPE = "application/feed+json; charset=utf-8"
LIMIT = 200


@dataclass
class Entry:
    id: str
    title: str
    updated: str
    link: str
    published: str = ""
    html: str = ""
    text: str = ""
    sources: list = field(default_factory=list)  # [{"url", "title", "publisher", "published"}]
    tags: list = field(default_factory=list)


@dataclass
class Feed:
    title: str
    path: str        # this feed's own address on the site
    page: str        # the page that shows the same thing
    entries: list


def safe_url(url):
    return url if isinstance(url, str) and url.lower().startswith(("http://", "https://")) else None


def label(event_type):
    return event_type.replace("_", " ").capitalize()


def event_entry(event, site=""):
    sources = [c for c in event["citations"] if safe_url(c["url"])]
    items = "".join(
        f'<li><a href="{escape(c["url"])}">{escape(c["title"] or c["url"])}</a>'
        f'{escape(", " + c["publisher"]) if c["publisher"] else ""}'
        f'{escape(", " + c["published"]) if c["published"] else ""}'
        f'<blockquote>{escape(c["sentence"] or "")}</blockquote></li>' for c in event["citations"])
    html = (f"<p>{escape(label(event['type']))}, {escape(event['date'] or 'date not stated')}"
            f"{escape('. With ' + event['participants']) if event['participants'] else ''}.</p>"
            f"<p>Reported by {len(event['citations'])} document(s):</p><ul>{items}</ul>")
    text = "\n".join(
        [f"{label(event['type'])}, {event['date'] or 'date not stated'}"
         + (f". With {event['participants']}." if event["participants"] else "."),
         f"Reported by {len(event['citations'])} document(s):"]
        + [f"- {c['title'] or c['url']} ({', '.join(x for x in (c['publisher'], c['published']) if x)}) <{c['url']}>"
           f"\n  \"{' '.join((c['sentence'] or '').split())}\"" for c in event["citations"]])
    return Entry(
        id=f"urn:cqc-monitor:event:{event['key']}",
        title=event["summary"] + (f" ({event['date']})" if event["date"] else ""),
        updated=event["updated"] or event["first_seen"], published=event["first_seen"] or "",
        link=sources[0]["url"] if sources else f"{site}/kb/events/{event['id']}",
        html=html, text=text, tags=[event["type"]],
        sources=[{k: c[k] for k in ("url", "title", "publisher", "published")} for c in event["citations"]])


def document_entry(doc, site=""):
    meta = ", ".join(x for x in (doc["publisher"], doc["published"]) if x)
    excerpt = " ".join((doc["excerpt"] or "").split())
    html = f"<p>{escape(meta)}</p><p>{escape(excerpt)}…</p>"
    return Entry(
        id=f"urn:cqc-monitor:document:{doc['url']}", title=doc["title"] or doc["url"],
        updated=doc["first_seen"] or "", published=doc["first_seen"] or "",
        link=safe_url(doc["url"]) or f"{site}/kb/documents/{doc['id']}", html=html,
        text=f"{meta}\n{excerpt}…", tags=["document"],
        sources=[{"url": doc["url"], "title": doc["title"], "publisher": doc["publisher"],
                  "published": doc["published"]}])


def newest_first(entries):
    return sorted(entries, key=lambda e: e.updated or "", reverse=True)[:LIMIT]


# --- building feeds (run with a sqlite3 connection) -------------------------------------------------------

def events_feed(conn, f, path, page="/timeline", title=None, site=""):
    events = follow.find_events(conn, f, limit=LIMIT)
    return Feed(title or follow.describe(f), path, page, [event_entry(e, site) for e in events])


def search_feed(conn, q, since="", path="", site=""):
    """A saved search: documents matching the full-text query `q`, newest stored first."""
    if not q.strip():
        raise follow.BadFilter("q is required: the words to search for (FTS5 syntax)")
    docs = follow.find_documents(conn, follow.Filter(since=since), fts=q, limit=LIMIT)
    return Feed(f"Documents matching {q}", path, "/kb/search?" + urlencode(dict(q=q)),
                [document_entry(d, site) for d in docs])


def entity_feed(conn, kind, key, path, site=""):
    """A person's, organisation's, ICS's or review's events and the documents that mention it."""
    entity = follow.find_entity(conn, kind, key)
    if entity is None:
        raise LookupError(f"no such {kind}: {key}")
    return entities_feed(conn, [entity["id"]], entity["name"], path,
                         f"/{kind}/{entity['ons_code'] or entity['id'] if kind == 'ics' else entity['id']}", site)


def entities_feed(conn, ids, name, path, page, site=""):
    f = follow.Filter(entity_ids=tuple(ids))
    entries = [event_entry(e, site) for e in follow.find_events(conn, f, limit=LIMIT)]
    entries += [document_entry(d, site) for d in follow.find_documents(conn, f, limit=LIMIT)]
    return Feed(f"{name}: events and documents", path, page, newest_first(entries))


def watch_feed(conn, watch, path, site=""):
    f = watch.filter()
    entries = [event_entry(e, site) for e in follow.find_events(conn, f, limit=LIMIT)]
    entries += [document_entry(d, site) for d in follow.find_documents(conn, f, limit=LIMIT)]
    return Feed(watch.title, path, follow.timeline_url(f), newest_first(entries))


# --- rendering -------------------------------------------------------------------------------------------

def _time(value):
    """A stored date or timestamp as an aware datetime (feeds need one)."""
    if not value:
        return datetime(1970, 1, 1, tzinfo=timezone.utc)
    moment = datetime.fromisoformat(value.replace("Z", "+00:00") if "T" in value else value[:10])
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def atom(feed, site=""):
    """An Atom 1.0 document. Built with ElementTree rather than feedgen, whose entry links lose their `rel`
    (every source would look like the entry's own page). Content is plain text, as harvested text is."""
    root = ET.Element("feed", xmlns=ATOM_NS)
    _sub(root, "id", site + feed.path)
    _sub(root, "title", feed.title)
    _sub(root, "updated", max((_time(e.updated) for e in feed.entries),
                              default=datetime.now(timezone.utc).replace(microsecond=0)).isoformat())
    ET.SubElement(_sub(root, "author"), "name").text = "CQC monitor"
    ET.SubElement(root, "link", rel="self", href=site + feed.path, type="application/atom+xml")
    ET.SubElement(root, "link", rel="alternate", href=site + feed.page, type="text/html")
    for e in feed.entries:
        entry = _sub(root, "entry")
        _sub(entry, "id", e.id)
        _sub(entry, "title", e.title)
        _sub(entry, "updated", _time(e.updated).isoformat())
        if e.published:
            _sub(entry, "published", _time(e.published).isoformat())
        ET.SubElement(entry, "link", rel="alternate", href=e.link)
        for s in e.sources:
            if safe_url(s["url"]) and s["url"] != e.link:
                ET.SubElement(entry, "link", rel="related", href=s["url"], title=s["title"] or s["url"])
        for tag in e.tags:
            ET.SubElement(entry, "category", term=tag)
        _sub(entry, "content", e.text).set("type", "text")
    ET.indent(root)
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + ET.tostring(root, encoding="utf-8")


def _sub(parent, tag, text=None):
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = _xml_safe(text)
    return element


def _xml_safe(text):
    """XML 1.0 cannot carry most control characters; harvested text sometimes has them."""
    return XML_INVALID.sub("", str(text))


def json_feed(feed, site=""):
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1), with each entry's sources under `_sources`."""
    return {
        "version": "https://jsonfeed.org/version/1.1", "title": feed.title,
        "home_page_url": site + feed.page, "feed_url": site + feed.path,
        "items": [{"id": e.id, "url": e.link, "title": e.title, "content_html": e.html, "content_text": e.text,
                   "date_published": _time(e.published or e.updated).isoformat(),
                   "date_modified": _time(e.updated).isoformat(), "tags": e.tags, "_sources": e.sources}
                  for e in feed.entries],
    }


# --- serving from Datasette ------------------------------------------------------------------------------

async def respond(datasette, request, build, fmt):
    """Run `build(conn, site)` -> Feed on a read connection and answer in `fmt` ('atom' or 'json'); a filter
    a person got wrong is a 400 saying what to change, an unknown page a 404."""
    from datasette.utils.asgi import Response
    site = datasette.absolute_url(request, "/").rstrip("/")
    try:
        feed = await datasette.get_database("kb").execute_fn(lambda conn: build(conn, site))
    except follow.BadFilter as e:
        return Response.text(f"Bad request: {e}\n", status=400)
    except LookupError as e:
        return Response.text(f"Not found: {e}\n", status=404)
    except sqlite3.OperationalError as e:  # a search in FTS5 syntax that does not parse
        return Response.text(f"Bad request: the search could not be read ({e})\n", status=400)
    if fmt == "json":
        return Response(json.dumps(json_feed(feed, site), ensure_ascii=False, indent=1), content_type=JSON_TYPE)
    return Response(atom(feed, site), content_type=ATOM_TYPE)


def request_filter(request):
    """The events filter a request's arguments describe (raises BadFilter)."""
    return follow.filter_from_args(lambda name: request.args.getlist(name))


PERSON_IDS = ("select id from entities where type = 'PERSON' and ? != '' and "
              "(name like '%' || ? || '%' or id in (select entity_id from aliases where alias = ?))")
ICS_IDS = "select id from entities where type = 'ICS' and ? != '' and (ons_code = ? or name like '%' || ? || '%')"


async def canned_query_feed(datasette, request, query_name):
    """`/kb/<query>.atom` for the queries that are about events or documents: the same feed as /feeds/...
    with the query's own parameters (timeline: type, entity, q, from, to; new_events: since, type, entity,
    q; search: q; person: name; ics: ics)."""
    path = request.path + ("?" + request.query_string if request.query_string else "")
    if query_name in ("timeline", "new_events"):
        try:
            f = request_filter(request)
        except follow.BadFilter as e:
            return await respond(datasette, request, _raise(e), "atom")
        title = follow.describe(f) if not f.is_empty() else (
            "New events" if query_name == "new_events" else "Timeline of events")
        return await respond(datasette, request, lambda conn, site: events_feed(
            conn, f, path, follow.timeline_url(f), title=title, site=site), "atom")
    if query_name == "search":
        return await respond(datasette, request, lambda conn, site: search_feed(
            conn, request.args.get("q", ""), path=path, site=site), "atom")
    sql, arg, kind = {"person": (PERSON_IDS, "name", "People"), "ics": (ICS_IDS, "ics", "ICSs")}[query_name]
    value = request.args.get(arg, "").strip()

    def build(conn, site):
        if not value:
            raise follow.BadFilter(f"{arg} is required")
        ids = [r[0] for r in conn.execute(sql, [value, value, value])]
        return entities_feed(conn, ids, f"{kind} matching {value}", path,
                             f"/kb/{query_name}?" + urlencode({arg: value}), site)
    return await respond(datasette, request, build, "atom")


def _raise(error):
    def build(conn, site):
        raise error
    return build
