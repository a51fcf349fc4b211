"""Email-ready digests of what is new: per watch, events grouped by type with their citations, new
documents, the money figures they state, and consultations closing soon; as HTML, Markdown or JSON.

    digest = build(conn, since="2025-03-27T06:00:00+00:00", watches=[watch])
    if not digest.is_empty():
        html, text = render(digest, "html"), render(digest, "markdown")

What was sent to whom is remembered in `digest_sent` (per watch and recipient): `build(..., sent=...)` leaves
out what a recipient already had, and `mark_sent` records a digest once the mail server accepted it.
"""
import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timezone

from jinja2 import Environment

from . import follow
from .consultations import closing_soon
from .db import write_transaction

EVERYTHING = "all"  # the watch name of a digest of everything new
CLOSING_WITHIN_DAYS = 14


@dataclass
class Section:
    watch: str
    title: str
    events: dict = field(default_factory=dict)   # event type -> [event with its citations]
    documents: list = field(default_factory=list)
    figures: list = field(default_factory=list)

    def items(self):
        """What this section sends, as `digest_sent.item` values."""
        return ([f"event:{e['key']}" for events in self.events.values() for e in events]
                + [f"document:{d['url']}" for d in self.documents])


@dataclass
class Digest:
    since: str
    generated: str
    sections: list
    closing_soon: list = field(default_factory=list)

    def is_empty(self):
        """Nothing new: no event and no document (consultations closing soon are a reminder, not news)."""
        return not any(s.items() for s in self.sections)

    def counts(self):
        events = sum(len(v) for s in self.sections for v in s.events.values())
        return events, sum(len(s.documents) for s in self.sections)

    @property
    def title(self):
        names = ", ".join(s.title for s in self.sections)
        return f"CQC monitor: {names}" if names else "CQC monitor"


def already_sent(conn, watch, recipient):
    return {r[0] for r in conn.execute("select item from digest_sent where watch = ? and recipient = ?",
                                       [watch, recipient])}


def _everything_documents(conn, since, exclude, limit=200):
    rows = follow.rows(conn.execute(
        "select d.id, d.url, d.title, d.publisher, d.published, d.first_seen, substr(d.text, 1, 400) as excerpt "
        "from documents d where d.first_seen >= ? and d.url not in (select value from json_each(?)) "
        f"order by d.id desc limit {int(limit)}", [since or "", json.dumps(sorted(exclude))]))
    return rows


def _figures(conn, document_ids):
    if not document_ids:
        return []
    return follow.rows(conn.execute(
        "select f.amount_gbp, f.text, f.measure, f.period, f.sentence, d.url, d.title, d.publisher "
        "from figures f join documents d on d.id = f.document_id where f.document_id in "
        "(select value from json_each(?)) order by f.amount_gbp desc limit 50", [json.dumps(sorted(document_ids))]))


def build_section(conn, since, watch=None, sent=frozenset()):
    """What is new since `since` for `watch` (None: everything), leaving out the items in `sent`."""
    sent_events = {item[6:] for item in sent if item.startswith("event:")}
    sent_documents = {item[9:] for item in sent if item.startswith("document:")}
    f = watch.filter(since=since) if watch else follow.Filter(since=since)
    events = follow.find_events(conn, f, limit=500, exclude_keys=sent_events)
    if watch:
        documents = follow.find_documents(conn, f, limit=200, exclude_urls=sent_documents)
    else:
        documents = _everything_documents(conn, since, sent_documents)
    by_type = {}
    for event_type in follow.EVENT_TYPES:  # in the usual order of types, each newest (by date) first
        chosen = sorted((e for e in events if e["type"] == event_type), key=lambda e: e["date"] or "", reverse=True)
        if chosen:
            by_type[event_type] = chosen
    # money stated in the new documents, and in new documents reporting the new events
    new_ids = {d["id"] for d in documents} | {c["document_id"] for e in events for c in e["citations"]
                                               if c["document_id"] in _first_seen_since(conn, since, e)}
    return Section(watch=watch.name if watch else EVERYTHING, title=watch.title if watch else "Everything new",
                   events=by_type, documents=documents, figures=_figures(conn, new_ids))


def _first_seen_since(conn, since, event):
    ids = [c["document_id"] for c in event["citations"]]
    return {r[0] for r in conn.execute("select id from documents where id in (select value from json_each(?)) "
                                       "and first_seen >= ?", [json.dumps(ids), since or ""])}


def build(conn, since, watches=None, sent=None, today=None, generated=None):
    """A digest of what is new since `since` (a UTC timestamp, see follow.parse_since), one section per
    watch (or one of everything when `watches` is empty). `sent` maps a watch name to the items already sent."""
    sent = sent or {}
    sections = [build_section(conn, since, w, sent.get(w.name, frozenset())) for w in watches] if watches else \
        [build_section(conn, since, None, sent.get(EVERYTHING, frozenset()))]
    soon = closing_soon(conn, today or date.today(), CLOSING_WITHIN_DAYS)
    return Digest(since=since, generated=generated or datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
                  sections=sections, closing_soon=soon)


def mark_sent(db, digest, recipient, at=None):
    """Remember that `recipient` was sent every event and document of `digest` (after the server took it)."""
    at = at or datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    with write_transaction(db):
        db.conn.executemany("insert or ignore into digest_sent (watch, recipient, item, sent_at) values (?, ?, ?, ?)",
                            [(s.watch, recipient, item, at) for s in digest.sections for item in s.items()])


# --- rendering -------------------------------------------------------------------------------------------

def pounds(amount):
    if amount is None:
        return ""
    for size, word in ((1e9, "bn"), (1e6, "m")):
        if amount >= size:
            return f"£{amount / size:,.1f}{word}".replace(".0" + word, word)
    return f"£{amount:,.0f}"


def heading(event_type, n):
    return f"{follow.plural(event_type).capitalize()} ({n})"


def as_json(digest):
    return json.dumps(asdict(digest), ensure_ascii=False, indent=1)


MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|"})


def md(text):
    """Harvested text in Markdown: its own markup characters escaped, on one line."""
    return " ".join(str(text or "").split()).translate(MARKDOWN_SPECIAL)


def as_markdown(digest):
    lines = [f"# {md(digest.title)}", "", f"New since {digest.since} (UTC).", ""]
    for s in digest.sections:
        lines += [f"## {md(s.title)}", ""]
        if not s.items():
            lines += ["Nothing new.", ""]
        for event_type, events in s.events.items():
            lines += [f"### {heading(event_type, len(events))}", ""]
            for e in events:
                lines.append(f"- **{md(e['summary'])}** ({e['date'] or 'date not stated'})")
                for c in e["citations"]:
                    meta = ", ".join(md(x) for x in (c["publisher"], c["published"]) if x)
                    lines.append(f"  - [{md(c['title'] or c['url'])}](<{c['url']}>){', ' + meta if meta else ''}: "
                                 f"\"{md(c['sentence'])}\"")
            lines.append("")
        if s.documents:
            lines += [f"### New documents ({len(s.documents)})", ""]
            for d in s.documents:
                meta = ", ".join(md(x) for x in (d["publisher"], d["published"]) if x)
                lines.append(f"- [{md(d['title'] or d['url'])}](<{d['url']}>){', ' + meta if meta else ''}")
            lines.append("")
        if s.figures:
            lines += ["### Money", ""]
            for f in s.figures:
                what = ", ".join(x for x in (f["measure"], f["period"]) if x)
                lines.append(f"- {pounds(f['amount_gbp'])}{' (' + md(what) + ')' if what else ''}: "
                             f"\"{md(f['sentence'])}\" ([{md(f['title'] or f['url'])}](<{f['url']}>))")
            lines.append("")
    if digest.closing_soon:
        lines += ["## Consultations closing soon", ""]
        for c in digest.closing_soon:
            lines.append(f"- {md(c['title'])}{' (' + md(c['organisation']) + ')' if c['organisation'] else ''}: "
                         f"closes {c['closing_date']}" + (f" ([source](<{c['url']}>))" if c["url"] else ""))
        lines.append("")
    return "\n".join(lines)


HTML = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True).from_string("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ d.title }}</title></head>
<body style="font-family: sans-serif; max-width: 46em; margin: auto; line-height: 1.4">
<h1>{{ d.title }}</h1>
<p style="color: #555">New since {{ d.since }} (UTC).</p>
{% for s in d.sections %}
<h2>{{ s.title }}</h2>
{% if not s.items() %}<p>Nothing new.</p>{% endif %}
{% for type, events in s.events.items() %}
<h3>{{ heading(type, events|length) }}</h3>
<ul>
{% for e in events %}
  <li><strong>{{ e.summary }}</strong> ({{ e.date or "date not stated" }})
    <ul>
    {% for c in e.citations %}
      <li>{{ link(c.url, c.title) }}{% if c.publisher %}, {{ c.publisher }}{% endif %}{% if c.published %}, {{ c.published }}{% endif %}
        <blockquote style="margin: 0.2em 0 0.5em 1em; color: #333">{{ c.sentence }}</blockquote></li>
    {% endfor %}
    </ul></li>
{% endfor %}
</ul>
{% endfor %}
{% if s.documents %}
<h3>New documents ({{ s.documents|length }})</h3>
<ul>
{% for doc in s.documents %}
  <li>{{ link(doc.url, doc.title) }}{% if doc.publisher %}, {{ doc.publisher }}{% endif %}{% if doc.published %}, {{ doc.published }}{% endif %}</li>
{% endfor %}
</ul>
{% endif %}
{% if s.figures %}
<h3>Money</h3>
<ul>
{% for f in s.figures %}
  <li><strong>{{ pounds(f.amount_gbp) }}</strong>{% if f.measure %} ({{ f.measure }}{% if f.period %}, {{ f.period }}{% endif %}){% endif %}:
    “{{ f.sentence }}” ({{ link(f.url, f.title) }})</li>
{% endfor %}
</ul>
{% endif %}
{% endfor %}
{% if d.closing_soon %}
<h2>Consultations closing soon</h2>
<ul>
{% for c in d.closing_soon %}
  <li>{{ link(c.url, c.title) }}{% if c.organisation %} ({{ c.organisation }}){% endif %}: closes {{ c.closing_date }}</li>
{% endfor %}
</ul>
{% endif %}
</body></html>
""")


def _link(url, title):
    """A link for a web address; anything else (a harvested 'javascript:' URL) stays text."""
    from markupsafe import Markup, escape
    if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
        return Markup(f'<a href="{escape(url)}">{escape(title or url)}</a>')
    return escape(title or url or "")


def as_html(digest):
    return HTML.render(d=digest, heading=heading, pounds=pounds, link=_link)


def render(digest, fmt):
    return {"html": as_html, "markdown": as_markdown, "json": as_json}[fmt](digest)
