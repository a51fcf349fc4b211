"""`kb status`: what is in the knowledge base, and the health of each source."""

COUNTED = ["documents", "entities", "mentions", "events", "event_sources", "figures"]


def counts(db):
    return {table: db[table].count for table in COUNTED}


def source_health(db):
    return list(db.query(
        "select s.name, s.kind, s.last_harvest, s.last_status, s.last_success, s.consecutive_failures, "
        "s.last_error, (select count(*) from documents d where d.source = s.name) as documents "
        "from sources s order by s.name"))


def events_by_type(db):
    return {r["type"]: r["n"] for r in db.query("select type, count(*) as n from events group by type order by type")}
