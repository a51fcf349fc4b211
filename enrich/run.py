"""`kb enrich`: run the pipeline over new or changed documents, in batches."""
from dataclasses import dataclass

from sqlite_utils.db import NotFoundError

from kb.db import write_transaction
from kb.documents import now_iso
from .links import rebuild_links
from .people import person_for_word
from .roles import rebuild_roles
from .store import consolidate, store_analysis
from .version import PIPELINE_VERSION


@dataclass
class EnrichReport:
    enriched: int = 0
    skipped: int = 0
    reread: int = 0  # enriched again because a full name now explains a surname they gave alone

    def summary(self):
        again = f"; read {self.reread} again, as a full name now explains a surname" if self.reread else ""
        return f"enriched {self.enriched} documents, skipped {self.skipped} unchanged{again}"


def pending_documents(db, redo_all=False):
    """Ids of documents whose text or the pipeline changed since they were last enriched."""
    if redo_all:
        return [r["id"] for r in db.query("select id from documents order by id")]
    return [r["id"] for r in db.query(
        "select d.id from documents d left join enrichments e on e.document_id = d.id "
        "where e.document_id is null or e.content_hash != d.content_hash or e.pipeline_version != ? "
        "order by d.id", [PIPELINE_VERSION])]


def known_people(db):
    return [r["name"] for r in db.query("select name from entities where type = 'PERSON' and name like '% %'")]


def enrich(db, redo_all=False, batch_size=32, on_document=None, on_start=None):
    """Enrich the pending documents; an EnrichReport says how many.

    For progress (the CLI draws a bar from these; nothing here writes to a terminal): each pass that
    reads documents first calls on_start(total, stage), once the model is loaded and just before its first
    document, then on_document(document) after each one it stored. stage is "enrich" for the new or
    changed documents, then "reread" for a second, usually short, pass over documents that named by
    surname alone someone whose full name is now known. A pass with nothing to read calls neither.
    """
    pending = pending_documents(db, redo_all)
    report = EnrichReport(skipped=db["documents"].count - len(pending))
    people = set(known_people(db))
    run_batches(db, pending, batch_size, people, report, on_document, on_start, "enrich")
    # A surname read before anyone's full name ('Mr Hartley left', enriched before 'Julian Hartley was
    # appointed') became a person of its own. Once the full name is known, those documents are read again,
    # so the result does not depend on the order documents arrived in. Checked every run: a run killed
    # before this point leaves it to the next.
    stale, surnames = surname_documents(db, people)
    if stale:
        again = EnrichReport()
        run_batches(db, stale, batch_size, people, again, on_document, on_start, "reread")
        report.reread = again.enriched
    # Always, not only when this run enriched something: a run killed after its last document committed
    # but before this point left the folding, links and roles undone, and the next run has nothing
    # pending. On a settled database this changes nothing.
    if db["documents"].count:
        with write_transaction(db):
            consolidate(db)
            rebuild_links(db)
        rebuild_roles(db)
    if stale:  # after roles and links are rebuilt, which may still have named the one-word people
        with write_transaction(db):
            drop_unused_people(db, surnames)
    return report


def run_batches(db, document_ids, batch_size, people, report, on_document, on_start=None, stage="enrich"):
    if not document_ids:  # nothing to read: neither spaCy (0.5 s to import) nor the model (seconds) is loaded
        return
    from .nlp import load_nlp  # cached: loaded once per process
    nlp = load_nlp()
    if on_start:  # after the model is loaded, so a progress bar's rate and time left count reading alone
        on_start(len(document_ids), stage)
    for i in range(0, len(document_ids), batch_size):
        batch = [_document(db, doc_id) for doc_id in document_ids[i: i + batch_size]]
        # A memory zone per batch: the strings the batch adds to the model's vocabulary are freed with it,
        # so a long run does not grow without bound. Nothing from the Docs outlives the batch.
        with nlp.memory_zone():
            enrich_batch(db, nlp, batch, batch_size, people, report, on_document)


def _document(db, doc_id):
    """The documents row as a dict (sqlite-utils' table.get() reads the table's schema first, every call)."""
    cursor = db.execute("select * from documents where id = ?", [doc_id])
    row = cursor.fetchone()
    if row is None:
        raise NotFoundError(f"no document {doc_id}")
    return dict(zip([d[0] for d in cursor.description], row))


def surname_documents(db, people):
    """(ids of the documents that name a one-word person whom a known full name now explains, as the
    extraction would resolve it; those one-word entities' ids)."""
    singles = [row for row in db.query(
        "select id, name from entities where type = 'PERSON' and name not like '% %' and (exists "
        "(select 1 from mentions m where m.entity_id = entities.id) or exists "
        "(select 1 from event_entities ee where ee.entity_id = entities.id))")]
    explained = [row["id"] for row in singles if person_for_word(row["name"], people)]
    if not explained:
        return [], []
    marks = ", ".join("?" for _ in explained)
    documents = [r[0] for r in db.execute(
        f"select document_id from mentions where entity_id in ({marks}) union "
        f"select s.document_id from event_sources s join event_entities ee on ee.event_id = s.event_id "
        f"where ee.entity_id in ({marks}) order by 1", explained + explained).fetchall()]
    return documents, explained


def drop_unused_people(db, entity_ids):
    """Delete the one-word people that re-reading left with nothing pointing at them."""
    for entity_id in entity_ids:
        if any(db.execute(f"select 1 from {table} where {column} = ? limit 1", [entity_id]).fetchone()
               for table, column in (("mentions", "entity_id"), ("event_entities", "entity_id"),
                                     ("person_roles", "person_id"), ("entity_links", "entity_id"),
                                     ("entity_links", "related_id"))):
            continue
        db.execute("delete from aliases where entity_id = ?", [entity_id])
        db.execute("delete from entities where id = ?", [entity_id])


def enrich_batch(db, nlp, batch, batch_size, people, report, on_document):
    from .extract import analyse
    for document, doc in zip(batch, nlp.pipe([d["text"] for d in batch], batch_size=batch_size)):
        analysis = analyse(doc, document["published"], document["author"], people, document.get("publisher"))
        with write_transaction(db):  # each document's enrichment lands whole or not at all
            store_analysis(db, document, analysis)
            db.execute("insert into enrichments (document_id, content_hash, pipeline_version, enriched_at) "
                       "values (?, ?, ?, ?) on conflict (document_id) do update set "
                       "content_hash = excluded.content_hash, pipeline_version = excluded.pipeline_version, "
                       "enriched_at = excluded.enriched_at",
                       [document["id"], document["content_hash"], PIPELINE_VERSION, now_iso()])
        # Everyone the document stored as a PERSON entity (its event participants too), as
        # known_people() would read them back: a run killed and resumed, or split over several runs,
        # then resolves surnames exactly as one uninterrupted run does.
        people.update(ref.name for ref in [m.entity for m in analysis.mentions]
                      + [ref for event in analysis.events for ref, _ in event.participants]
                      if ref.type == "PERSON" and " " in ref.name)
        report.enriched += 1
        if on_document:
            on_document(document)
