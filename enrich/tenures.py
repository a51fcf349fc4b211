"""Posts told in passing, with their period or as new: 'director of nursing at Lakeside Trust from 2014 to 2016',
'chief executive since 2018', 'Medical Director of the Commission (2020-2024)', 'chair until 2020'.
A stated start is an appointment and a stated end a departure, of the person who held the post; 'the new
chair, X' is X's appointment."""
import re
from functools import lru_cache

from .assertion import is_hypothetical, is_negated
from .dates import find_dates
from .pronouns import antecedent
from .syntax import clause_head
from .vocab import tenure_words

WINDOW = 90  # characters after a post in which its period may be told


@lru_cache
def _patterns():
    words = tenure_words()
    alt = lambda key: "|".join(words[key])
    return {
        "from": re.compile(rf"\b(?:{alt('start')})\s+$", re.I),
        "between": re.compile(rf"^\s*(?:{alt('between')})\s*$", re.I),
        "since": re.compile(rf"\b(?:{alt('since')})\s+$", re.I),
        "until": re.compile(rf"\b(?:{alt('until')})\s+$", re.I),
        "to_date": re.compile(rf"^\s*(?:{alt('between')})\s+(?:{alt('open_end')})\b", re.I),
        "gap": re.compile(r"^[^;:.!?()]{0,60}\(?\s*$"),  # '... for Scotland (2020-2024)'
        "bare": re.compile(r"^\s*[,(]?\s*$"),  # 'chief executive, 2019 to 2023': the range right after the post
    }


def period_after(role, sent, mentions, limit):
    """(start, end) DateMentions (either may be None) of the period told right after the post `role`,
    before character offset `limit` (the next post), or None."""
    p = _patterns()
    base = sent.start_char
    after = role.end_char - base
    ahead = [m for m in mentions if after <= m.start < min(limit - base, after + WINDOW)]
    if not ahead:
        return None
    first = ahead[0]
    before = sent.text[after: first.start]
    between = [t for t in sent if role.end <= t.i and t.idx - base < first.start]
    if not p["gap"].match(before) or any(t.pos_ in ("VERB", "AUX") for t in between):
        return None  # 'chair of X, said spending grew from 2014 to 2016': the period is another clause's
    if first.end_value:  # '(2020-2024)', '2014-16'
        return first, _EndOf(first)
    second = ahead[1] if len(ahead) > 1 else None
    if p["bare"].match(before) and second and p["between"].match(sent.text[first.end: second.start]):
        return first, second
    if p["from"].search(before):
        rest = sent.text[first.end:]
        if second and p["between"].match(sent.text[first.end: second.start]):
            return first, second
        if p["to_date"].match(rest):
            return first, None
        return None  # 'from 2014' alone: when it started is not when the post did
    if p["since"].search(before):
        return first, None
    if p["until"].search(before):
        return None, first
    return None


class _EndOf:
    """The end of a range mention, shaped like a DateMention."""

    def __init__(self, mention):
        self.value, self.text, self.start, self.end = mention.end_value, mention.text, mention.start, mention.end


def holder_of(role, people, last_person):
    """Who held the post: a person written beside it ('Jane Doe, chief executive of X', 'director of
    methods Gary Needle'), else the subject of the clause it completes ('she was previously director of
    nursing', 'X served as chair'), a pronoun standing for the person named last."""
    doc = role.doc
    for span, ref in people:
        gap = doc[min(span.end, role.end): max(span.start, role.start)]
        if len(gap) <= 2 and all(t.text in (",", "as", "the", "(") for t in gap) and (span.end <= role.start
                                                                                       or span.start >= role.end):
            return ref
    for span, ref in people:  # 'the incoming chief executive of NHS England, Jim Mackey': set beside it
        if span.root.dep_ == "appos" and span.root.head.i in {t.i for t in role.root.subtree} or \
                role.root.dep_ == "appos" and span.start <= role.root.head.i < span.end:
            return ref
    verb = clause_head(role.root)
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ != "conj" or verb.head.i == verb.i:
            break
        verb = verb.head  # 'joined in 2010 and was director until 2016': the shared subject
    if subject is None:
        return None
    if verb.lemma_ == "be" and subject.i == role.root.i:
        # 'The ICB's new chair is Jane Doe': the post is the subject, its holder the complement
        subject = next((c for c in verb.children if c.dep_ == "attr"), None)
        if subject is None:
            return None
    if subject.lower_ in ("who", "that") and verb.dep_ == "relcl":  # 'Tom Example, who has been chair since 2016'
        subject = verb.head
    if subject.lower_ in ("he", "she", "i"):
        earlier = [ref for span, ref in people if span.end <= subject.i]
        return antecedent(subject, earlier, last_person, role.doc.user_data.get("genders", {}))
    return next((ref for span, ref in people if span.start <= subject.i < span.end), None)


def is_new_post(role):
    """'the new chair', 'its incoming chief executive', 'newly appointed chief nurse': a post just taken."""
    words = tenure_words()["new_post"]
    doc = role.doc
    before = [t.lower_ for t in doc[max(role.sent.start, role.start - 2): role.start]]
    return any(w in words for w in before + [t.lower_ for t in role[:2]])


def find_new_posts(sent, people, roles, last_person, make):
    """Appointments told by a post called new ('The new prime minister, X'; 'X is the new chair of Y'),
    dated by the sentence or its publication. `make(event_type, person, role_span, None)`."""
    events = []
    for role in roles:
        if is_new_post(role):
            verb = clause_head(role.root)
            if verb.pos_ in ("VERB", "AUX") and (is_negated(verb) or is_hypothetical(verb, sent)):
                continue  # 'she could be the next chair'
            person = holder_of(role, people, last_person)
            if person is not None:
                events.append(make("appointment", person, role, None))
    return events


def verb_posts(sent):
    """Posts told by a verb and its object ('has chaired the network', 'who led the trust'): (span of the verb
    and its object, the post's name) for the verbs in tenure.json `post_verbs`."""
    post_verbs = tenure_words()["post_verbs"]
    posts = []
    for token in sent:
        if token.pos_ != "VERB" or token.lemma_.lower() not in post_verbs:
            continue  # checked before the children are walked: most tokens are no post verb
        obj = next((c for c in token.children if c.dep_ == "dobj"), None)
        if obj is not None:
            posts.append((sent.doc[token.i: obj.right_edge.i + 1], post_verbs[token.lemma_.lower()]))
    return posts


def find_tenures(sent, published, people, roles, last_person, make):
    """Appointments and departures from posts told with their period. `make(event_type, person, role_span,
    date_mention, role_name)` builds a candidate."""
    posts = sorted([(role, None) for role in roles] + verb_posts(sent), key=lambda post: post[0].start)
    if not posts:
        return []
    mentions = find_dates(sent.text, published, "past")
    events = []
    for i, (post, name) in enumerate(posts):
        limit = posts[i + 1][0].start_char if i + 1 < len(posts) else sent.end_char
        period = period_after(post, sent, mentions, limit)
        if period is None:
            continue
        person = holder_of(post, people, last_person)
        if person is None:
            continue
        start, end = period
        if start is not None:
            events.append(make("appointment", person, post, start, name))
        if end is not None and (published is None or end.value <= published.isoformat()):
            events.append(make("departure", person, post, end, name))
    return events
