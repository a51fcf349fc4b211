"""Storing documents: one row per canonical URL, whoever brought it (harvester or `kb ingest`)."""
import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from dateutil import parser as dateparser

from .db import insert_statement
from .urls import canonical_url

IMPORT_SOURCE = "import"


@dataclass
class Document:
    url: str
    text: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    author: str | None = None
    source: str | None = None
    publisher: str | None = None
    kind: str | None = None
    extra: dict = field(default_factory=dict)


def now_iso():
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
MONTH_NUMBERS = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
DAY_MONTH_YEAR = re.compile(rf"(\d{{1,2}})\s+({'|'.join(MONTH_NAMES)}|{'|'.join(MONTH_NUMBERS)})\s+([12]\d{{3}})",
                            re.I)


def iso_date(value):
    """'27 March 2025', '2025-03-27T10:00:00Z', a date or datetime -> '2025-03-27'; None if not a date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", text):
        return text if _real_date(text) else None  # already ISO, at whatever precision it has
    if m := re.match(r"(\d{4}-\d{2}-\d{2})[T ]", text):
        return m.group(1) if _real_date(m.group(1)) else None  # an ISO timestamp: never read day-first
    if m := DAY_MONTH_YEAR.fullmatch(text):  # '27 March 2025', as most pages print it: no dateutil needed
        iso = f"{int(m.group(3)):04d}-{MONTH_NUMBERS[m.group(2)[:3].lower()]:02d}-{int(m.group(1)):02d}"
        return iso if _real_date(iso) else None
    # dateutil fills what the text leaves out from today's date ('October 2024' became 2024-10-<today>,
    # 'Monday' this week's): parse against two different defaults, and what differs was not written.
    try:
        a, b = (dateparser.parse(text, dayfirst=True, fuzzy=False, default=datetime(*default))
                for default in ((2000, 1, 1), (2001, 2, 2)))
    except (ValueError, OverflowError, TypeError):
        return None
    if a.year != b.year:
        return None
    if a.month != b.month:
        return f"{a.year:04d}"
    if a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    return a.date().isoformat()


def _real_date(iso):
    """'2024', '2024-10' or '2024-10-15' naming a real month and day ('2024-13-45' does not)."""
    try:
        date.fromisoformat((iso + "-01-01"[len(iso) - 4:]) if len(iso) < 10 else iso)
        return True
    except ValueError:
        return False


SPACES = re.compile(r"[ \t\u00a0]+")
DOCUMENT_COLUMNS = ("url", "source", "publisher", "kind", "title", "author", "published", "updated", "text",
                    "content_hash", "fetched_at", "first_seen", "details")
INSERT_DOCUMENT = insert_statement("documents", DOCUMENT_COLUMNS)


# Anything normalise_text would change: a carriage return, a tab or no-break space, two spaces, three
# newlines, other whitespace at either end of a line or of the text.
NEEDS_NORMALISING = re.compile(r"\r|[\t\u00a0]| {2}|\n{3}|[^\S\n]\n|\n[^\S\n]|^\s|\s$")


def normalise_text(text):
    """Collapse runs of spaces and blank lines so that cosmetic re-renders do not look like edits."""
    if not NEEDS_NORMALISING.search(text):
        return text  # the harvester's article text usually is already: one search instead of a rebuild
    lines = [line.strip() for line in SPACES.sub(" ", text.replace("\r", "")).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def content_hash(title, text):
    return hashlib.sha256(f"{title or ''}\n{text}".encode("utf-8")).hexdigest()


def ensure_source(db, name, **fields):
    """Make sure `sources` has a row for `name` (documents reference it), updating the given fields."""
    row = {"name": name, **{k: v for k, v in fields.items() if v is not None}}
    db["sources"].upsert(row, pk="name")


def upsert_document(db, doc):
    """Insert or update `doc` by canonical URL. Returns (document id, 'new' | 'updated' | 'unchanged').

    A re-fetch that finds the same text changes nothing but `fetched_at`; changed text keeps the row's id
    (so its citations survive) and replaces the content. Call it inside `write_transaction`, which commits.
    """
    url = canonical_url(doc.url)
    text = normalise_text(doc.text)
    if not text:
        raise ValueError("document has no text")
    title = (doc.title or "").strip() or None
    # The hash covers the title as stored: a copy whose title differs only in surrounding spaces is the same
    # document, not an edit (and re-ingesting copies in either order leaves the same hash).
    digest = content_hash(title, text)
    source = doc.source or IMPORT_SOURCE
    # Plain SQL on this path, run once per harvested page (see insert_statement): the schema look-ups of
    # sqlite-utils' table helpers (five queries a call) were half the cost of storing a document.
    if db.conn.execute("select 1 from sources where name = ?", [source]).fetchone() is None:
        ensure_source(db, source, kind="import" if source == IMPORT_SOURCE else None, publisher=doc.publisher)
    row = {
        "url": url, "source": source, "publisher": doc.publisher, "kind": doc.kind,
        "title": title, "author": doc.author,
        "published": iso_date(doc.published), "updated": iso_date(doc.updated),
        "text": text, "content_hash": digest, "fetched_at": now_iso(),
        # what the source says beyond the text (GOV.UK's consultation dates): JSON, or None
        "details": json.dumps(doc.extra, sort_keys=True, default=str) if doc.extra else None,
    }
    existing = db.conn.execute("select id, content_hash from documents where url = ?", [url]).fetchone()
    if existing is None:
        row["first_seen"] = row["fetched_at"]
        return db.conn.execute(INSERT_DOCUMENT, [row[c] for c in DOCUMENT_COLUMNS]).lastrowid, "new"
    document_id, stored_hash = existing
    if stored_hash == digest:
        # the text is the same, but a consultation's closing date may have moved
        db.conn.execute("update documents set fetched_at = ?, details = coalesce(?, details) where id = ?",
                        [row["fetched_at"], row["details"], document_id])
        return document_id, "unchanged"
    # Keep what we knew if the new copy lacks it (a feed re-import without a date must not erase one).
    old = db["documents"].get(document_id)
    for key in ("publisher", "kind", "title", "author", "published", "updated", "details"):
        if row[key] is None:
            row[key] = old[key]
    # Silent edits matter to researchers: the previous text is kept, with what changed.
    db["document_versions"].insert({
        "document_id": old["id"], "content_hash": old["content_hash"], "title": old["title"],
        "text": old["text"], "published": old["published"], "updated": old["updated"],
        "fetched_at": old["fetched_at"], "replaced_at": row["fetched_at"],
        "diff": text_diff(old["title"], old["text"], row["title"], text),
    })
    db["documents"].update(document_id, row)
    return document_id, "updated"


def text_diff(old_title, old_text, new_title, new_text, limit=20_000):
    """A unified diff of the document's title and lines, as a researcher would read a silent edit."""
    old_lines = [f"# {old_title or ''}"] + old_text.split("\n")
    new_lines = [f"# {new_title or ''}"] + new_text.split("\n")
    diff = "\n".join(difflib.unified_diff(old_lines, new_lines, "before", "after", lineterm="", n=1))
    return diff[:limit]
