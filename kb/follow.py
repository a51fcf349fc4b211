"""Following the knowledge base: which events and documents a feed, a watch or a digest selects.

Plain SQL over a sqlite3 connection, so the same selection serves Datasette's feeds (run through
`db.execute_fn`) and `kb digest` (run on the command's own connection). Filters are checked before any SQL
runs: a bad date or an unknown event type is an error, never a silently unfiltered selection.
"""
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urlencode

from .documents import _real_date

EVENT_TYPES = ("appointment", "departure", "pause", "resume", "review_commissioned", "review_published",
               "abolition", "launch", "consultation")
ENTITY_KINDS = {"person": "PERSON", "organisation": "ORG", "ics": "ICS", "review": "REVIEW"}
DURATION = re.compile(r"(\d{1,4})([hdw])")


class BadFilter(ValueError):
    """A filter a person can correct: the message says which and how."""


@dataclass(frozen=True)
class Filter:
    """What to follow. Each list is 'any of'; the lists and the dates must all hold."""
    types: tuple = ()
    entities: tuple = ()      # names (part of one), aliases or ONS codes, as the timeline takes them
    words: tuple = ()         # in the summary or a cited sentence (events); full-text (documents)
    publishers: tuple = ()    # a citing document's publisher
    date_from: str = ""       # YYYY, YYYY-MM or YYYY-MM-DD, at the event date's own precision
    date_to: str = ""
    since: str = ""           # first stored at or after this UTC timestamp
    entity_ids: tuple = ()    # taking part (events) or mentioned (documents): a person's, an ICS's ... own feed

    def is_empty(self):
        return not (self.types or self.entities or self.words or self.publishers or self.date_from
                    or self.date_to or self.since or self.entity_ids)


def split_list(values):
    """['a,b', 'c'] -> ('a', 'b', 'c'): repeated arguments and comma-separated lists are the same."""
    out = []
    for value in values:
        out += [v.strip() for v in (value or "").split(",") if v.strip()]
    return tuple(dict.fromkeys(out))


def check_types(types):
    unknown = [t for t in types if t not in EVENT_TYPES]
    if unknown:
        raise BadFilter(f"unknown event type {unknown[0]!r}: use one of {', '.join(EVENT_TYPES)}")
    return tuple(types)


def check_date(value, name):
    value = (value or "").strip()
    if value and not (re.fullmatch(r"\d{4}(-\d{2}){0,2}", value) and _real_date(value)):
        raise BadFilter(f"{name}={value!r} is not a date: use YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def parse_since(value, now=None):
    """'1d', '12h', '2w' (that long before `now`), an ISO date or an ISO timestamp -> a UTC timestamp in the
    form the knowledge base stores ('2025-03-28T06:00:00+00:00'), or '' for none."""
    value = (value or "").strip()
    if not value:
        return ""
    now = now or datetime.now(timezone.utc)
    if m := DURATION.fullmatch(value):
        hours = int(m.group(1)) * {"h": 1, "d": 24, "w": 24 * 7}[m.group(2)]
        moment = now - timedelta(hours=hours)
    else:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise BadFilter(f"since={value!r} is not a time: use 1d, 7d, 12h, 2w, YYYY-MM-DD or an ISO "
                            f"timestamp") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def filter_from_args(getlist):
    """A Filter from request arguments (`getlist(name)` gives every value of one): type, entity, q,
    publisher (each repeatable or comma-separated; q is one phrase per value), from, to, since."""
    first = lambda name: (getlist(name) or [""])[0]  # noqa: E731
    return Filter(
        types=check_types(split_list(getlist("type"))),
        entities=tuple(e.strip()[:200] for e in getlist("entity") if e.strip()),
        words=tuple(q.strip()[:200] for q in getlist("q") if q.strip()),
        publishers=split_list(getlist("publisher")),
        date_from=check_date(first("from"), "from"), date_to=check_date(first("to"), "to"),
        since=parse_since(first("since")),
    )


# --- what a filter selects --------------------------------------------------------------------------------

ENTITY_IDS = ("select en.id from entities en where en.name like '%' || ? || '%' or en.ons_code = ? "
              "union select a.entity_id from aliases a where a.alias = ?")


def resolve_entities(conn, names):
    """The entity ids a name, alias or ONS code stands for, as the timeline's entity filter reads it."""
    ids = []
    for name in names:
        ids += [r[0] for r in conn.execute(ENTITY_IDS, [name, name, name])]
    return tuple(dict.fromkeys(ids))


def _in(values):
    return "(" + ", ".join("?" for _ in values) + ")"


def events_where(f):
    """SQL conditions on `events e` for `f`, and their parameters."""
    where, params = [], []
    if f.types:
        where.append(f"e.type in {_in(f.types)}")
        params += f.types
    if f.entities:
        ids = " union ".join([ENTITY_IDS] * len(f.entities))
        where.append(f"e.id in (select ee.event_id from event_entities ee where ee.entity_id in ({ids}))")
        params += [p for name in f.entities for p in (name, name, name)]
    if f.entity_ids:
        where.append("e.id in (select ee.event_id from event_entities ee where ee.entity_id in "
                     "(select value from json_each(?)))")
        params.append(_json_list(f.entity_ids))
    if f.words:
        alternatives = " or ".join("e.summary like '%' || ? || '%' or exists (select 1 from event_sources s "
                                   "where s.event_id = e.id and s.sentence like '%' || ? || '%')" for _ in f.words)
        where.append(f"({alternatives})")
        params += [w for word in f.words for w in (word, word)]
    if f.publishers:
        where.append("exists (select 1 from event_sources s join documents d on d.id = s.document_id "
                     f"where s.event_id = e.id and lower(d.publisher) in {_in(f.publishers)})")
        params += [p.lower() for p in f.publishers]
    if f.date_from:
        where.append("substr(?, 1, length(e.date)) <= e.date")
        params.append(f.date_from)
    if f.date_to:
        where.append("substr(e.date, 1, length(?)) <= ?")
        params += [f.date_to, f.date_to]
    if f.since:
        where.append("e.first_seen >= ?")
        params.append(f.since)
    return " and ".join(where) or "1", params


def _json_list(values):
    return json.dumps([int(v) for v in values])


# An event changes when a document first seen later cites it: that is when it "gained a source".
EVENT_UPDATED = ("max(coalesce(e.first_seen, ''), coalesce((select max(d.first_seen) from event_sources s "
                 "join documents d on d.id = s.document_id where s.event_id = e.id), ''))")


def rows(cursor):
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, r)) for r in cursor]


def find_events(conn, f, limit=200, exclude_keys=()):
    """Events matching `f`, most recently changed first, each with its `citations` (every document and
    sentence that reports it, earliest first) and `participants`."""
    where, params = events_where(f)
    if exclude_keys:
        where += " and e.key not in (select value from json_each(?))"
        params.append(json.dumps(list(exclude_keys)))
    # Only events changed since the limit-th newest stored can be among the limit most recently changed (an
    # event's `updated` is never before its `first_seen`): bound the candidates before computing `updated`
    # for each (an unfiltered feed of 30,000 events went from 0.5 s to a few ms).
    bound = conn.execute(f"select e.first_seen from events e where {where} order by e.first_seen desc "
                         f"limit 1 offset {int(limit) - 1}", params).fetchone()
    if bound and bound[0]:
        where += (" and (e.first_seen >= ? or e.id in (select s.event_id from event_sources s join documents d "
                  "on d.id = s.document_id where d.first_seen >= ?))")
        params += [bound[0], bound[0]]
    found = rows(conn.execute(
        f"select e.id, e.key, e.type, e.date, e.summary, e.first_seen, e.participants, e.source_count, "
        f"{EVENT_UPDATED} as updated from events e where {where} "
        f"order by updated desc, coalesce(e.date, '') desc, e.id desc limit {int(limit)}", params))
    by_id = {e["id"]: dict(e, citations=[]) for e in found}
    if by_id:
        ids = _in(by_id)
        for c in rows(conn.execute(
                "select s.event_id, s.sentence, d.id as document_id, d.url, d.title, d.publisher, d.published "
                f"from event_sources s join documents d on d.id = s.document_id where s.event_id in {ids} "
                "order by coalesce(d.published, '9999'), d.url, s.start", list(by_id))):
            citations = by_id[c.pop("event_id")]["citations"]
            if not any(x["url"] == c["url"] for x in citations):  # one citation per document
                citations.append(c)
    return list(by_id.values())


def fts_query(words):
    """Watch words as an FTS5 query: each a quoted phrase, any of them."""
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)


def find_documents(conn, f, fts=None, limit=100, exclude_urls=()):
    """Documents first stored since `f.since`, newest first: those matching the FTS5 query `fts` (a saved
    search: its own syntax), mentioning `f.entity_ids` or `f.entities`, from `f.publishers`, and containing
    any of `f.words`. A filter with none of these selects nothing (types alone do not describe documents)."""
    where, params = [], []
    if fts is None and f.words:
        fts = fts_query(f.words)
    if not (fts or f.entities or f.entity_ids or f.publishers):
        return []
    if fts:
        where.append("d.rowid in (select rowid from documents_fts where documents_fts match ?)")
        params.append(fts)
    ids = tuple(f.entity_ids) + resolve_entities(conn, f.entities)
    if f.entities or f.entity_ids:
        where.append("d.id in (select m.document_id from mentions m where m.entity_id in "
                     "(select value from json_each(?)))")
        params.append(_json_list(ids))
    if f.publishers:
        where.append(f"lower(d.publisher) in {_in(f.publishers)}")
        params += [p.lower() for p in f.publishers]
    if f.since:
        where.append("d.first_seen >= ?")
        params.append(f.since)
    if exclude_urls:
        where.append("d.url not in (select value from json_each(?))")
        params.append(json.dumps(list(exclude_urls)))
    # newest stored first by rowid (documents are only ever added), which needs no sort of every match
    return rows(conn.execute(
        f"select d.id, d.url, d.title, d.publisher, d.published, d.first_seen, substr(d.text, 1, 400) as excerpt "
        f"from documents d where {' and '.join(where)} order by d.id desc limit {int(limit)}", params))


def find_entity(conn, kind, key):
    """The entity a /person/<id>, /organisation/<id>, /review/<id> or /ics/<ONS code or id> page shows."""
    sql = "select id, type, name, ons_code from entities where type = ? and "
    sql += "(ons_code = ? or cast(id as text) = ?)" if kind == "ics" else "cast(id as text) = ?"
    found = rows(conn.execute(sql + " limit 1", [ENTITY_KINDS[kind], key] + ([key] if kind == "ics" else [])))
    return found[0] if found else None


# --- describing and linking ------------------------------------------------------------------------------

def plural(event_type):
    words = event_type.replace("_", " ")
    return {"review commissioned": "reviews commissioned", "review published": "reviews published",
            "launch": "launches", "pause": "pauses"}.get(words, words + "s")


def describe(f):
    """A title people can read: 'Appointments and departures involving CQC, 2024 to 2025'."""
    if f.types:
        names = [plural(t) for t in f.types]
        what = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        what = what[0].upper() + what[1:]
    else:
        what = "Events"
    parts = [what]
    if f.entities:
        parts.append("involving " + " or ".join(f.entities))
    if f.words:
        parts.append("mentioning " + " or ".join(f'"{w}"' for w in f.words))
    if f.publishers:
        parts.append("reported by " + " or ".join(f.publishers))
    title = " ".join(parts)
    if f.date_from or f.date_to:
        title += f", {f.date_from or 'the start'} to {f.date_to or 'now'}"
    if f.since:
        title += f", first seen since {f.since[:10]}"
    return title


def follow_url(kind="events", fmt="atom", **params):
    """The address of the feed of exactly what a page shows, for its Follow link:

        follow_url("events", type="appointment", entity="CQC", date_from="2024")
        follow_url("person", id=12)   # also "organisation", "review" (id) and "ics" (code or id)
        follow_url("search", q="ICS assessments")
        follow_url("watch", name="cqc-leadership", fmt="json")
    """
    if kind in ENTITY_KINDS:
        key = params.get("code") or params.get("id")
        return f"/feeds/{kind}/{key}.{fmt}"
    if kind == "watch":
        return f"/feeds/watch/{params['name']}.{fmt}"
    if kind == "search":
        return f"/feeds/search.{fmt}?" + urlencode({"q": params.get("q") or ""})
    if kind != "events":
        raise ValueError(f"no feed of {kind!r}")
    names = {"type": "type", "entity": "entity", "q": "q", "publisher": "publisher", "date_from": "from",
             "date_to": "to", "since": "since"}
    return f"/feeds/events.{fmt}" + _arguments(params, names)


def _arguments(params, names):
    args = [(names[k], value) for k, v in params.items() if k in names and v
            for value in (v if isinstance(v, (list, tuple)) else [v]) if value]
    return "?" + urlencode(args) if args else ""


def timeline_url(f):
    """The /timeline page showing the events `f` selects (what an events feed is the feed of)."""
    # the page shows one type at a time: for several, it shows them all (and the feed the ones asked for)
    return "/timeline" + _arguments({"type": f.types[0] if len(f.types) == 1 else "", "entity": list(f.entities), "q": list(f.words),
                                     "from": f.date_from, "to": f.date_to},
                                    {"type": "type", "entity": "entity", "q": "q", "from": "from", "to": "to"})

