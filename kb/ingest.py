"""`kb ingest`: load documents a researcher already has, one JSON object per line."""
import json
from dataclasses import dataclass, field

from .db import write_transaction
from .documents import Document, upsert_document


@dataclass
class IngestReport:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (line number, reason)

    def summary(self):
        return (f"ingested {self.new + self.updated + self.unchanged} documents: {self.new} new, "
                f"{self.updated} updated, {self.unchanged} unchanged, {len(self.errors)} bad lines skipped")


def parse_line(line):
    """One JSONL line -> Document, or ValueError saying what is wrong with it."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"not valid JSON ({e.msg})") from None
    if not isinstance(obj, dict):
        raise ValueError("not a JSON object")
    url, text = obj.get("url"), obj.get("text")
    if not isinstance(url, str) or not url.strip():
        raise ValueError("no url")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no text")

    def optional(key):
        value = obj.get(key)
        return str(value) if value not in (None, "") else None

    return Document(url=url, text=text, title=optional("title"), published=optional("published"),
                    source=optional("source"), publisher=optional("publisher"), author=optional("author"),
                    kind=optional("kind") or "import")


def ingest_lines(db, lines):
    """Ingest an iterable of JSONL lines; each good line is committed on its own so a bad one loses nothing."""
    report = IngestReport()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            doc = parse_line(line)
            with write_transaction(db):
                _, outcome = upsert_document(db, doc)
        except ValueError as e:
            report.errors.append((number, str(e)))
            continue
        setattr(report, outcome, getattr(report, outcome) + 1)
    return report
