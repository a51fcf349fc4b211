"""People and their roles over time, derived from appointment and departure events: who held which
role at which organisation, from when to when, and the document that says so.

`rebuild_roles` reads the events with one query and hands them to `build_tenures`, which is pure (event
rows in, tenure rows out) so the rules can be tested without spaCy or a database."""
from kb.db import write_transaction
from .candidates import slug
from .person_events import role_family

TENURE_EVENTS = ("appointment", "departure")

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
"""


def _organisation(event):
    """The event's organisation: the one its key names (its reports agreed on it), when several reports
    named different ones."""
    orgs = [part.split("=", 1) for part in (event["organisations"] or "").split("\x1f") if part]
    if not orgs:
        return None
    parts = (event["key"] or "").split("@")[0].split(":")
    named = parts[3] if len(parts) > 3 else ""
    chosen = next((int(i) for i, name in orgs if slug(name) == named), None)
    return chosen if chosen is not None else min(int(i) for i, _ in orgs)


def later(date, than):
    """True only when `date` is certainly after `than`: both known and later at the precision they share
    ('2024-10' is later than '2024-06'; '2024' is not later than '2024-06', nor is '2024-06' than '2024')."""
    if not date or not than:
        return False
    n = min(len(date), len(than))
    return date[:n] > than[:n]


def _fill_blanks(events):
    """An event that names the role but not the organisation takes the organisation when the person's other
    events for that role family name exactly one; one that names the organisation but no role takes the role
    family when the person's other events at that organisation name exactly one."""
    orgs, families = {}, {}
    for e in events:
        if e["family"] and e["organisation_id"]:
            orgs.setdefault((e["person_id"], e["family"]), set()).add(e["organisation_id"])
            families.setdefault((e["person_id"], e["organisation_id"]), set()).add(e["family"])
    for e in events:
        if e["family"] and not e["organisation_id"]:
            found = orgs.get((e["person_id"], e["family"]), ())
            if len(found) == 1:
                e["organisation_id"] = next(iter(found))
        elif e["organisation_id"] and not e["family"]:
            found = families.get((e["person_id"], e["organisation_id"]), ())
            if len(found) == 1:
                e["family"] = next(iter(found))


def _succeed(tenures):
    """An appointment to a post ends whoever else held it: a still-open tenure of another person in the same
    role family at the same organisation ends on the date of a certainly later appointment (never when either
    date is unknown)."""
    posts = {}
    for t in tenures:
        if t["family"] and t["organisation_id"] and t["start_event_id"] is not None and t["start"]:
            posts.setdefault((t["family"], t["organisation_id"]), []).append(t)
    for holders in posts.values():
        holders.sort(key=lambda t: (t["start"], t["start_event_id"]))
        still_open = []  # the post's open tenures that started before the one looked at
        for successor in holders:
            keep = []
            for earlier in still_open:
                if earlier["person_id"] != successor["person_id"] and later(successor["start"], earlier["start"]):
                    earlier.update(end=successor["start"], end_event_id=successor["start_event_id"])
                else:
                    keep.append(earlier)
            still_open = keep
            if successor["end_event_id"] is None:
                still_open.append(successor)


def build_tenures(events):
    """Tenures from event rows (dicts with id, type, date, key, person_id, organisation_id, role and
    first_document_id). Only appointments start a tenure; a departure ends the open one it matches or, if it
    matches none, records a tenure with only an end. Events of other types are ignored."""
    families = {}  # few distinct role titles: work each family out once
    events = [dict(e) for e in events if e.get("type") in TENURE_EVENTS and e.get("person_id")]
    for e in events:
        role = e.get("role")
        if role not in families:
            families[role] = role_family(role)
        e["family"] = families[role]
    _fill_blanks(events)
    # chronological, appointments before departures of the same date, then the key: not the row id, so the
    # result does not depend on the order documents were enriched in
    events.sort(key=lambda e: (e["date"] or "9999", e["type"] != "appointment", e.get("key") or "", e["id"]))
    tenures, current = [], {}  # current: (person, family, organisation) -> that post's latest tenure
    of_person = {}  # person -> their current tenures, by (family, organisation)

    def new(key, event):
        tenure = {"person_id": event["person_id"], "role": event["role"], "family": key[1],
                  "organisation_id": key[2], "start": None, "end": None, "start_event_id": None,
                  "end_event_id": None, "document_id": event["first_document_id"]}
        tenures.append(tenure)
        current[key] = of_person.setdefault(key[0], {})[key[1:]] = tenure
        return tenure

    for event in events:
        key = (event["person_id"], event["family"], event["organisation_id"])
        tenure = current.get(key)
        if event["type"] == "appointment":
            if tenure is None or tenure["end_event_id"] is not None and later(event["date"], tenure["end"]):
                tenure = new(key, event)  # a first appointment, or a return after leaving
            if tenure["start_event_id"] is None:
                tenure.update(start=event["date"], start_event_id=event["id"])
        else:
            if tenure is None or tenure["end_event_id"] is not None:
                # a departure that names less (no role, or no organisation) ends the one open tenure it fits
                fits = [t for (family, organisation), t in of_person.get(event["person_id"], {}).items()
                        if t["end_event_id"] is None and (not event["family"] or family == event["family"])
                        and (not event["organisation_id"] or organisation == event["organisation_id"])]
                if len(fits) == 1:
                    tenure = fits[0]
                elif tenure is None:
                    tenure = new(key, event)  # held until then, start unknown
                else:
                    continue  # that tenure has ended already: another report of its end
            tenure.update(end=event["date"], end_event_id=event["id"])
        tenure["role"] = tenure["role"] or event["role"]
    _succeed(tenures)
    return [{k: v for k, v in t.items() if k != "family"} for t in tenures]


def rebuild_roles(db):
    """Recompute person_roles from the events (cheap, and never out of step with them)."""
    events = []
    for row in db.query(QUERY):
        row["organisation_id"] = _organisation(row)
        events.append(row)
    tenures = build_tenures(events)
    with write_transaction(db):
        db.execute("delete from person_roles")
        db["person_roles"].insert_all(tenures, pk="id")
    return len(tenures)
