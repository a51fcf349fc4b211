"""People and their roles over time, derived from appointment and departure events: who held which
role at which organisation, from when to when, and the document that says so."""
from kb.db import write_transaction
from .events import slug, role_family

QUERY = """
select e.id, e.type, e.date, e.key, e.first_document_id,
  max(case when ee.role = 'person' then ee.entity_id end) as person_id,
  group_concat(case when ee.role = 'organisation' then ee.entity_id || '=' || r.name end, char(31))
    as organisations,
  max(case when ee.role = 'role' then r.name end) as role
from events e
join event_entities ee on ee.event_id = e.id
left join entities r on r.id = ee.entity_id
where e.type in ('appointment', 'departure')
group by e.id
order by coalesce(e.date, '9999'), e.id
"""


def _organisation(event):
    """The event's organisation: the one its key names (its reports agreed on it), when several reports
    named different ones."""
    orgs = [part.split("=", 1) for part in (event["organisations"] or "").split("\x1f") if part]
    if not orgs:
        return None
    parts = event["key"].split("@")[0].split(":")
    named = parts[3] if len(parts) > 3 else ""
    chosen = next((int(i) for i, name in orgs if slug(name) == named), None)
    return chosen if chosen is not None else min(int(i) for i, _ in orgs)


def rebuild_roles(db):
    """Recompute person_roles from the events (cheap, and never out of step with them)."""
    tenures = {}
    for event in db.query(QUERY):
        if not event["person_id"]:
            continue
        event["organisation_id"] = _organisation(event)
        family = role_family(event["role"])
        key = (event["person_id"], family, event["organisation_id"])
        # a departure that names no role or organisation closes the person's only open tenure
        if event["type"] == "departure" and key not in tenures:
            candidates = [k for k, t in tenures.items() if k[0] == event["person_id"] and not t["end"]
                          and (not family or k[1] == family)
                          and (not event["organisation_id"] or k[2] == event["organisation_id"])]
            if len(candidates) == 1:
                key = candidates[0]
        tenure = tenures.setdefault(key, {
            "person_id": event["person_id"], "role": event["role"], "organisation_id": event["organisation_id"],
            "start": None, "end": None, "start_event_id": None, "end_event_id": None,
            "document_id": event["first_document_id"]})
        tenure["role"] = tenure["role"] or event["role"]
        if event["type"] == "appointment" and tenure["start_event_id"] is None:
            tenure.update(start=event["date"], start_event_id=event["id"])
        elif event["type"] == "departure" and tenure["end_event_id"] is None:
            tenure.update(end=event["date"], end_event_id=event["id"])
    with write_transaction(db):
        db.execute("delete from person_roles")
        db["person_roles"].insert_all(tenures.values(), pk="id")
    return len(tenures)
