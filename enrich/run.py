"""`kb enrich`: run the pipeline over new or changed documents, in batches."""
from dataclasses import dataclass

from kb.db import write_transaction
from kb.documents import now_iso
from .links import rebuild_links
from .roles import rebuild_roles
from .store import consolidate, store_analysis
from .version import PIPELINE_VERSION


@dataclass
class EnrichReport:
    enriched: int = 0
    skipped: int = 0

    def summary(self):
        return f"enriched {self.enriched} documents, skipped {self.skipped} unchanged"


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


def enrich(db, redo_all=False, batch_size=32, on_document=None):
    pending = pending_documents(db, redo_all)
    report = EnrichReport(skipped=db["documents"].count - len(pending))
    nlp = None
    if pending:  # nothing changed: neither spaCy (0.5 s to import) nor the model (seconds) is loaded
        from .nlp import load_nlp
        nlp = load_nlp()
    people = set(known_people(db))
    for i in range(0, len(pending), batch_size):
        batch = [db["documents"].get(doc_id) for doc_id in pending[i: i + batch_size]]
        # A memory zone per batch: the strings the batch adds to the model's vocabulary are freed with it,
        # so a long run does not grow without bound. Nothing from the Docs outlives the batch.
        with nlp.memory_zone():
            enrich_batch(db, nlp, batch, batch_size, people, report, on_document)
    # Always, not only when this run enriched something: a run killed after its last document committed
    # but before this point left the folding, links and roles undone, and the next run has nothing
    # pending. On a settled database this changes nothing.
    if db["documents"].count:
        with write_transaction(db):
            consolidate(db)
            rebuild_links(db)
        rebuild_roles(db)
    return report


def enrich_batch(db, nlp, batch, batch_size, people, report, on_document):
    from .extract import analyse
    for document, doc in zip(batch, nlp.pipe([d["text"] for d in batch], batch_size=batch_size)):
        analysis = analyse(doc, document["published"], document["author"], people)
        with write_transaction(db):  # each document's enrichment lands whole or not at all
            store_analysis(db, document, analysis)
            db["enrichments"].upsert({"document_id": document["id"], "content_hash": document["content_hash"],
                                      "pipeline_version": PIPELINE_VERSION, "enriched_at": now_iso()},
                                     pk="document_id")
        # Everyone the document stored as a PERSON entity (its event participants too), as
        # known_people() would read them back: a run killed and resumed, or split over several runs,
        # then resolves surnames exactly as one uninterrupted run does.
        people.update(ref.name for ref in [m.entity for m in analysis.mentions]
                      + [ref for event in analysis.events for ref, _ in event.participants]
                      if ref.type == "PERSON" and " " in ref.name)
        report.enriched += 1
        if on_document:
            on_document(document)
