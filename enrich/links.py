"""Links between entities that events establish: a review and the person who leads it."""

LINKS = """
insert or ignore into entity_links (entity_id, related_id, relation, event_id)
select review.entity_id, lead.entity_id, 'led by', min(review.event_id)
from event_entities review
join event_entities lead on lead.event_id = review.event_id and lead.role = 'lead'
where review.role = 'review'
group by review.entity_id, lead.entity_id
"""


def rebuild_links(db):
    """Derived from the events, like person_roles: rebuilt whole so no link outlives its evidence."""
    db.execute("delete from entity_links")
    db.execute(LINKS)
