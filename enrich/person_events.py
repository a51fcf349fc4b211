"""Appointments and departures: the frame of each trigger word (person_frames.jsonl), the participant
resolver (who moves, who appoints, who is replaced, whom a pronoun stands for) and the post moved to or
from, read from the trigger's own clause."""
import re
from functools import lru_cache

from .assertion import is_hypothetical, is_negated, tense as _tense
from .candidates import EventCandidate, REVIEW_WORDS, TRIGGERS, _date_for, _fallback_date, slug
from .pronouns import antecedent as pronoun_antecedent
from .refs import EntityRef
from .syntax import clause_head
from .review_events import LEAD_VERBS
from .vocab import org_alias_index, person_frames, post_nouns


DEPARTURE_PHRASES = re.compile(r"\b(not seek(?:ing)? re-?appointment|not stand(?:ing)? for re-?election)\b", re.I)


def role_family(role):
    """'Interim CEO' and 'chief executive officer' are one role for consolidation: 'chief-executive'."""
    if not role:
        return ""
    role = re.sub(r"\b(interim|acting|transition(al)?|permanent|new|first)\b", " ", role.lower())
    role = re.sub(r"\bceo\b|\bchief executive officer\b", "chief executive", role)
    role = re.sub(r"\bchair(man|woman|person)\b", "chair", role)
    return slug(role)


def _path_to(token, span):
    """The dependency label under which `span` hangs from `token`, or None if it is not below it."""
    node = span.root
    while node.head.i != node.i:  # spaCy makes new Token objects: compare positions, not identity
        if node.head.i == token.i:
            return node.dep_
        node = node.head
    return None


SPEECH_VERBS = {"say", "add", "tell", "comment", "state", "explain", "note", "write", "announce", "confirm"}


def _speaks(span, token):
    """`span` is the subject of a verb of saying whose words contain `token` ('X said: "... her ..."')."""
    root = span.root
    while root.dep_ in ("compound", "appos") and root.head.i != root.i:
        root = root.head
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_.lower() not in SPEECH_VERBS:
        return False
    quoted = {t.i for c in verb.children if c.dep_ in ("ccomp", "parataxis", "xcomp", "dobj") for t in c.subtree}
    return token.i in quoted or verb.head.i != verb.i and token.i in {t.i for t in verb.head.subtree} and \
        verb.dep_ in ("parataxis", "ccomp")


def _quoted(token, sent):
    """Inside quotation marks: more opening than closing quotes before it in its sentence (straight quotes
    alternate)."""
    before = sent.doc.text[sent.start_char: token.idx]
    straight = before.count('"')
    return before.count("“") > before.count("”") or straight % 2 == 1


def _is_byline(span):
    """'By Beth Gault' on a line of its own: the writer, not a participant."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].text == "By" and (
        span.start == 1 or "\n" in doc[span.start - 2].text_with_ws or doc[span.start - 2].is_space
        or "\n" in doc[span.end - 1].text_with_ws or span.end < len(doc) and doc[span.end].is_space)


UMBRELLA_ORGS = {"NHS", "civil service", "health service"}
ENDING_VERBS = {"end", "expire", "conclude", "finish", "lapse", "run"}
APPOINTER_VERBS = {"appoint", "name", "confirm", "select", "hire", "recruit", "choose"}
SUCCESSION_VERBS = {"replace", "succeed", "fill"}  # 'Y replaced X', 'X was succeeded by Y', 'the post was filled by Y'


def _is_passive(token):
    """'was appointed', and a participle standing alone ('Appointed in 2019, X has led ...'; 'X, named in May')."""
    return any(c.dep_ == "auxpass" for c in token.children) or token.tag_ == "VBN" and not any(
        c.dep_ in ("aux", "auxpass") for c in token.children) and token.dep_ in ("advcl", "acl", "relcl", "amod")


def _predecessor_dep(token):
    """Where a succession verb keeps the predecessor: its object, or its subject when passive."""
    return "nsubjpass" if _is_passive(token) else "dobj"


def _inherited_subject(token):
    """The subject a trigger without its own shares with the clause it completes ('X leaves NHS Providers
    to take over the regulator'; 'he spent eight years there before joining the ICB'), or None."""
    subject = lambda node: next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject(token) is not None:
        return None
    if token.dep_ in ("xcomp", "advcl", "conj"):
        head = token.head
        if subject(head) is None and head.dep_ == "acomp":
            head = head.head  # 'is due to start as chief executive': the subject of 'is'
        return subject(head)
    if token.dep_ == "pcomp" and token.head.dep_ == "prep":  # 'before joining', 'after leaving'
        return subject(token.head.head)
    return None


def _pick_person(token, people):
    """The person the event happens to: the subject or object of the trigger rather than whoever
    appointed them ('X was appointed by Y', 'Y appointed X'), never a byline; else the nearest person."""
    people = [p for p in people if not _is_byline(p[0])]
    if not people:
        return None, None, None
    active_appointer = token.lemma_.lower() in APPOINTER_VERBS and not _is_passive(token)
    inherited = _inherited_subject(token)
    ranked = []
    for span, ref in people:
        root = span.root
        while root.dep_ in ("compound", "appos", "conj") and root.head.i != root.i and root.head.i != token.i:
            root = root.head
        direct = root.dep_ if root.head.i == token.i else None
        if direct == "aux" and span.end <= token.i:
            direct = "nsubj"  # "Ruth May stepped down": a name the parser took for a modal verb
        # "X leaves NHS Providers to take over the regulator": X is the subject of "take over" too
        if direct is None and inherited is not None and root.i == inherited.i:
            direct = root.dep_
        below = _path_to(token, span) is not None
        agent = direct == "agent" or (span.start > 0 and span.doc[span.start - 1].lower_ == "by")
        if active_appointer and direct == "nsubj":
            agent = True  # "the health secretary appointed X": the subject appoints
        if token.lemma_.lower() in SUCCESSION_VERBS:
            # "Y replaced X" / "X was replaced by Y": X is the predecessor, Y the appointee
            agent = direct == _predecessor_dep(token)
        # "X, appointed in 2013"; "former director X who was appointed": the clause modifies the person
        modified = token.dep_ in ("acl", "relcl") and (
            token.head.i == span.root.i or span.root.dep_ == "appos" and span.root.head.i == token.head.i)
        distance = min(abs(span.start - token.i), abs(span.end - 1 - token.i))
        if agent:
            continue
        if modified or direct in ("nsubjpass", "dobj", "nsubj", "attr", "appos", "poss", "oprd"):
            score = 0
        elif below:
            score = 1
        else:
            score = 2 if distance <= 3 else 3  # no syntactic link: the nearest, as a last resort
        ranked.append((score, distance, span, ref))
    if not ranked:
        return None, None, None
    score, _, span, ref = min(ranked, key=lambda r: (r[0], r[1]))
    return span, ref, score


@lru_cache
def _frames():
    frames = {}
    for frame in person_frames():
        for lemma in frame["lemmas"]:
            frames.setdefault((frame["type"], lemma), []).append(frame)
    return frames


def _frame(event_type, token, sent, roles, orgs):
    """The first of the trigger's frames whose conditions the sentence meets ('take over', 'take on the
    role of'), or None."""
    candidates = _frames().get((event_type, token.lemma_.lower()), [])
    return next((frame for frame in candidates if _frame_allows(frame, token, sent, roles, orgs)), None)


def _frame_allows(frame, token, sent, roles, orgs):
    """Whether the sentence has what the trigger's frame needs (person_frames.jsonl)."""
    doc = sent.doc
    if "pos" in frame and token.pos_ not in frame["pos"]:
        return False
    # the particle right after the trigger ('step in as', 'pushed him out'), not a preposition further on
    # ('stepped down as chief nurse in 2024')
    if "particle" in frame and not any(c.lower_ in frame["particle"] and token.i < c.i <= token.i + 3
                                       for c in token.children):
        return False
    if frame.get("post") and not (roles or orgs or any(
            t.lemma_.lower() in post_nouns() and t.dep_ in ("dobj", "pobj", "attr") for t in token.subtree)):
        return False
    # 'named chief executive', 'named Jane Doe as the next chair', 'take on the role of deputy chief executive':
    # a role soon after the trigger or its object, or in its object
    objects = [c for c in token.children if c.dep_ == "dobj"]
    anchors = [token.i] + [c.right_edge.i for c in objects]
    if frame.get("role_after") and not any(a < r.start <= a + 4 for r in roles for a in anchors) and not any(
            o.left_edge.i <= r.start <= o.right_edge.i for r in roles for o in objects):
        return False
    if frame.get("passive_or_as") and not (any(c.dep_ == "auxpass" for c in token.children) or any(
            t.lower_ == "as" for t in doc[token.i + 1: min(token.i + 6, sent.end)])):
        return False
    # 'the role will be filled by X': what the passive trigger is said of
    if "subject" in frame and not any(c.dep_ == "nsubjpass" and c.lemma_.lower() in frame["subject"]
                                      for c in token.children):
        return False
    # 'held the post since 2019', 'a role he has held since 2023' (the noun the clause describes)
    if "object" in frame and not ((any(c.dep_ == "dobj" and c.lemma_.lower() in frame["object"]
                                       for c in token.children)
                                   or token.dep_ == "relcl" and token.head.lemma_.lower() in frame["object"])
                                  and ("context" not in frame
                                       or re.search(rf"\b{frame['context']}\b", sent.text, re.I))):
        return False
    return True


def _person_event(event_type, token, sent, published, people, orgs, roles):
    all_roles = roles
    lemma = token.lemma_.lower()
    text = sent.text
    frame = _frame(event_type, token, sent, roles, orgs)
    if frame is None or token.dep_ in ("amod", "compound"):
        return None  # a trigger describing another noun ('a pre-appointment hearing') tells no event
    if event_type == "appointment" and lemma == "appointment" and token.head.lemma_.lower() in ENDING_VERBS:
        return None  # "once his appointment ends": the end of a term, not an appointment
    if event_type == "appointment" and any(
            c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in LEAD_VERBS
            and any(t.lemma_.lower() in REVIEW_WORDS or t.ent_type_ == "REVIEW" for t in c.subtree)
            for c in token.children):
        return None  # "appointed to lead a review": the review's commissioning, not a post
    if is_negated(token) and not DEPARTURE_PHRASES.search(text) or is_hypothetical(token, sent):
        return None
    # "since I joined CQC", "which he joined in February 2023": the person named last before
    pronoun = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("he", "she", "i")
                    or c.dep_ == "poss" and c.lower_ in ("his", "her", "my")), None)  # 'announced her retirement' 
    inherited = _inherited_subject(token)
    if pronoun is None and inherited is not None and inherited.lower_ in ("he", "she", "i"):
        pronoun = inherited  # 'he worked there before joining the ICB' 
    antecedent = None
    if pronoun is not None:  # the person named last before the pronoun, in this sentence or before it
        speakers = {ref for span, ref in people if _speaks(span, pronoun)}
        earlier = [ref for span, ref in people if span.end <= pronoun.i and not _is_byline(span)]
        antecedent = pronoun_antecedent(pronoun, earlier, sent.doc.user_data.get("last_person"),
                                        sent.doc.user_data.get("genders", {}))
        if antecedent in speakers and pronoun.lower_ not in ("i", "my") and _quoted(pronoun, sent):
            antecedent = None  # 'X said: "we wish her well in her retirement"': her is not X
    predecessor = None
    if lemma in SUCCESSION_VERBS and event_type == "appointment":
        # 'she will be replaced by Y', 'Y succeeded him': the pronoun is who leaves, not who is appointed;
        # it names the person named last before it who is not the successor
        replaced = next((c for c in token.children if c.dep_ == _predecessor_dep(token)
                         and c.lower_ in ("he", "she", "him", "her")), None)
        if replaced is not None:
            successor = {t.i for c in token.children if c.dep_ in ("nsubj", "agent") for t in c.subtree}
            earlier = [ref for span, ref in people if span.end <= replaced.i and not _is_byline(span)
                       and span.root.i not in successor]
            predecessor = pronoun_antecedent(replaced, earlier, sent.doc.user_data.get("last_person"),
                                             sent.doc.user_data.get("genders", {}))
            if pronoun is not None and pronoun.i == replaced.i:
                pronoun = None
    if not people and antecedent is None:
        return None
    orgs = [(span, ref) for span, ref in orgs if _is_real_org(ref)]
    person_span, person, link = _pick_person(token, people) if people else (None, None, None)
    # "a report found it has left one in five services unrated": the trigger's subject is something
    # else, so a person who is not its direct argument takes no part
    subject_of = token
    if token.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        subject_of = token.head  # "an NHS boss ... joins the watchdog and has been appointed": shared subject
    other_subject = next((c for c in subject_of.children if c.dep_ in ("nsubj", "nsubjpass")
                          and c.pos_ != "PROPN" and c.lower_ not in ("he", "she", "i", "who")), None)
    if other_subject is not None and person is not None and link >= 1 and pronoun is None and "subject" not in frame:
        return None
    if pronoun is not None and (person is None or link >= 1):  # the pronoun is the subject
        if antecedent is None:
            return None  # "he" is someone we cannot name; not the unrelated person nearby
        person_span, person, link = sent.doc[pronoun.i: pronoun.i + 1], antecedent, 0
    if person is None:
        return None
    # Words that are only sometimes about jobs ("confirmed the CQC would ...", "due to start on 1 April")
    # count only when the person is their subject or object.
    # A noun ('the appointment comes ahead of Dr Dash's report', 'a pre-appointment hearing') names the person
    # it is about: its own argument, never merely the nearest name.
    if (frame.get("direct") or token.pos_ in ("NOUN", "PROPN")) and link > 1:
        return None
    # a role written next to someone else ("Mike Richards, Chair of CQC, said") or in a clause about
    # someone else ("Kate Terroni became interim chief executive when Mr Trenholm left") is not this person's
    others = [span for span, ref in people if ref != person]
    roles = [r for r in roles if not any(_adjacent(r, span) or _in_clause_of(r, span, token) for span in others)]
    # whoever appoints: 'the prime minister appointed X as ...', 'appointed by the secretary of state as chair'
    appointer = {t.i for c in token.children if c.dep_ == "agent" or c.dep_ == "nsubj" and lemma in APPOINTER_VERBS
                 and not _is_passive(token) for t in c.subtree}
    roles = [r for r in roles if r.root.i not in appointer]
    other_clause = _other_moves(token, sent, roles, orgs, event_type)
    roles = [r for r in roles if r.root.i not in other_clause]
    orgs = [o for o in orgs if o[0].root.i not in other_clause]
    if event_type == "appointment":
        roles, orgs = _new_post(token, sent, roles, orgs, person_span)
    role_span = min(roles, key=lambda r: abs(r.start - token.i)) if roles else None
    role = role_span.text.lower() if role_span is not None else None
    org = _org_of(role_span, orgs, token) or _ours(role_span)
    if event_type == "appointment" and role is None and org is not None and org.name in UMBRELLA_ORGS:
        if lemma in ("join", "start"):
            return None  # "first joined the NHS in 1973": a career, not an appointment to a post
    tense = _tense(token)
    date, date_text = _date_for(sent, token, published, tense)
    date = date or _fallback_date(published, tense)
    make = lambda kind, who: _person_candidate(kind, who, role, org, date, date_text, sent)
    events = [make(event_type, person)]
    # "the departure of director X and director Y": each conjoined person
    for conj in person_span.root.conjuncts:
        other = next((ref for span, ref in people if span.start <= conj.i < span.end and ref != person), None)
        if other:
            events.append(make(event_type, other))
    # 'appointed X as chair and Y as vice chair': a name conjoined to the post of a direct appointee is
    # appointed too, to the post written after it
    if event_type == "appointment" and link == 0:
        own = {t.i for t in token.subtree} - other_clause - appointer
        told = {ref for e in events for ref, role in e.participants if role == "person"}
        for span, ref in people:
            root = span.root
            if ref in told or root.dep_ != "conj" or root.head.i not in own or _is_byline(span):
                continue
            after = [r for r in all_roles if span.end <= r.start <= span.end + 2]
            its_role = max(after, key=len).text.lower() if after else None
            events.append(_person_candidate(event_type, ref, its_role, org, date, date_text, sent))
            told.add(ref)
    if event_type == "appointment" and predecessor is not None and predecessor != person:
        events.append(make("departure", predecessor))
    # "X will take over (as chair) from Y" / "when he replaced Y": Y leaves the role
    if event_type == "appointment":
        for span, ref in people:
            if ref == person:
                continue
            root = span.root
            while root.dep_ in ("appos", "compound") and root.head.i != root.i:  # "from current Chair, Ian Dilks"
                root = root.head
            between = sent.doc[token.i + 1: span.start]
            from_trigger = lemma == "take" and any(c.lower_ == "over" for c in token.children) and (
                root.dep_ == "pobj" and root.head.lower_ == "from" and root.head.head.i == token.i
                or 0 < len(between) <= 8 and between[0].lower_ == "over" and "from" in [t.lower_ for t in between])
            replaced = lemma in SUCCESSION_VERBS and _path_to(token, span) == _predecessor_dep(token)
            # 'succeeding X, who left at the end of June': X's own departure is told, with its own date
            told = any(c.dep_ == "relcl" and c.lemma_.lower() in TRIGGERS["departure"] for c in span.root.children)
            if (from_trigger or replaced) and not told:
                events.append(make("departure", ref))
                break
    return events


def _other_moves(token, sent, roles, orgs, event_type):
    """The words of another appointment or departure told in the sentence, whose posts are not this one's:
    a clause below the trigger ('will leave the trust to become chief executive of X'; 'appointed to replace
    Y, who left to join NHS England') or the rest of a clause the trigger sits in."""
    own = {t.i for t in token.subtree}
    other = set()
    # 'Before joining the ICB in 2021, she was director of nursing': the clause an appointment is subordinate
    # to tells another post (for a departure it tells the post left: 'Chief executive X announced her retirement')
    governor = token
    while governor.dep_ in ("advcl", "pcomp", "prep", "conj") and governor.head.i != governor.i:
        governor = governor.head  # an adverbial or conjoined clause, not a relative one (a role she has held since)
    governors = {governor.i} if event_type == "appointment" and governor.i != token.i and governor.pos_ in (
        "VERB", "AUX") else set()
    for word in sent:
        if word.i not in own and clause_head(word).i in governors:
            other.add(word.i)
    for t in sent:
        # a noun is another move only with its own person ('the departure of Y', "Y's resignation"), not
        # when it is the post this one is to ('chosen as the preferred candidate for chair')
        if t.pos_ == "NOUN" and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ == "of" for c in t.children):
            continue
        if t.i == token.i or t.dep_ in ("amod", "compound") or not any(
                t.lemma_.lower() in TRIGGERS[kind] and _frame(kind, t, sent, roles, orgs)
                for kind in ("appointment", "departure")):
            continue
        clause = {x.i for x in t.subtree}
        if t.i in own:
            other |= clause
        elif token.i in clause:
            other |= clause - own
    return other


PAST_POST = {"current", "currently", "former", "outgoing", "previous", "previously", "ex", "then", "departing"}
LEAVING_LEMMAS = {"leave", "step", "stand", "quit", "resign", "depart", "exit"}


def _new_post(token, sent, roles, orgs, person_span=None):
    """Roles and organisations of the post an appointment is to, leaving out the one the person holds now
    or held before ('X, current chief executive of NHS Providers, has been confirmed as CEO of CQC';
    'X leaves NHS Providers to take over the regulator'; 'X, chief executive of NHS Providers, has been
    appointed to lead the CQC': a post set beside the name, before the trigger, when a post or an
    organisation follows the trigger)."""
    doc = sent.doc
    after = [r.start for r in roles] + [span.start for span, _ in orgs]
    if person_span is not None and any(a > token.i for a in after):
        beside = [r for r in roles if r.end <= token.i and _adjacent(r, person_span)]
        roles = [r for r in roles if r not in beside]
        orgs = [o for o in orgs if not any(_belongs(r, o[0]) for r in beside)]
    # 'joins from the trust, where he was chief executive': a post held where someone was is background;
    # 'moved across from NHS England': where someone comes from is not the new post
    background = [r for r in roles if _past_where_clause(clause_head(r.root), token)]
    came_from = lambda span: span.root.dep_ == "pobj" and span.root.head.lower_ == "from" and \
        span.root.head.head.i in {token.i} | {c.i for c in token.children}  # 'steps up from deputy'
    roles = [r for r in roles if r not in background and not came_from(r)]
    orgs = [o for o in orgs if not came_from(o[0])]
    own = {t.i for t in token.subtree}
    leaving = set()
    for t in sent:
        if t.lemma_.lower() in LEAVING_LEMMAS and t.i != token.i and t.pos_ == "VERB" and token.i in {
                x.i for x in t.subtree}:
            leaving |= {x.i for x in t.subtree} - own
    past = [r for r in roles if any(doc[i].lower_ in PAST_POST for i in range(max(sent.start, r.start - 2), r.start))
            or r.start in leaving]
    if not past and not leaving:
        return roles, orgs
    past_orgs = [(span, ref) for span, ref in orgs if span.start in leaving or any(
        _belongs(r, span) for r in past)]
    past_refs = {ref for _, ref in past_orgs}  # 'NHS Providers (NHSP)': both names go
    return [r for r in roles if r not in past], [o for o in orgs if o[1] not in past_refs]


def _past_where_clause(verb, trigger):
    """`verb` heads a relative clause of place in the past, other than the trigger's ('where he was')."""
    return verb.i != trigger.i and verb.dep_ == "relcl" and _tense(verb) == "past" and any(
        c.lower_ == "where" for c in verb.children)


def _belongs(role_span, org_span):
    """'chief executive of NHS Providers', 'NHS Providers chief executive', 'NHS Providers' chief'."""
    doc = role_span.doc
    gap = doc[role_span.end: org_span.start]
    return 0 < len(gap) <= 2 and gap[0].lower_ in ("of", "at", "for") or org_span.end == role_span.start \
        or org_span.end + 1 == role_span.start and doc[org_span.end].text in ("'s", "’s")


def _in_clause_of(role_span, person_span, trigger):
    """The role is the complement of a verb other than the trigger whose subject is `person_span`."""
    verb = clause_head(role_span.root)
    if verb.i == trigger.i or verb.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(person_span.start <= t.i < person_span.end
                                                        for t in c.subtree) for c in verb.children)


def _adjacent(a, b):
    """Spans side by side, at most a comma or 'the' between them."""
    gap = a.doc[min(a.end, b.end): max(a.start, b.start)]
    return len(gap) <= 2 and all(t.text in (",", "the", "The", "’s", "'s") for t in gap)


def _ours(role_span):
    """'our Chief Inspector of Adult Social Care' in a document a known organisation published: that
    organisation's post. Else None."""
    if role_span is None:
        return None
    doc = role_span.doc
    if any(t.lower_ == "our" for t in doc[max(role_span.sent.start, role_span.start - 2): role_span.start]):
        return doc.user_data.get("publisher")
    return None


def _org_of(role_span, orgs, token):
    """The organisation a role belongs to: 'chief executive of the CQC', 'CQC chief executive', else the
    organisation nearest the trigger."""
    if not orgs:
        return None
    if role_span is not None:
        for span, ref in orgs:
            if _belongs(role_span, span):
                return ref
    return min(orgs, key=lambda o: abs(o[0].start - token.i))[1]


def _person_summary(event_type, name, role, org):
    """'Jane Sample appointed chief executive of CQC', 'Jane Sample joins CQC', 'Jane Sample leaves CQC'."""
    if event_type == "appointment":
        if role:
            return f"{name} appointed {role}" + (f" of {org}" if org else "")
        return f"{name} joins {org}" if org else f"{name} appointed to a new post"
    if role:
        return f"{name} leaves post as {role}" + (f" of {org}" if org else "")
    return f"{name} leaves {org}" if org else f"{name} leaves post"


def _person_candidate(event_type, person, role, org, date, date_text, sent):
    summary = _person_summary(event_type, person.name, role, org.name if org else None)
    key = f"{event_type}:{slug(person.name)}:{role_family(role)}:{slug(org.name) if org else ''}"
    participants = [(person, "person")] + ([(org, "organisation")] if org else []) + \
        ([(EntityRef("ROLE", role), "role")] if role else [])
    return EventCandidate(event_type, date, summary, key, sent.text.strip(), sent.start_char, sent.end_char,
                          date_text, participants)


ORG_WORD = re.compile(r"\b(NHS|Trust|Board|Commission|Council|Committee|Department|Agency|Association|"
                      r"College|Office|Authority|Institute|Foundation|Providers|England|Confederation|ICB|ICS|"
                      r"University|Hospital|Group|Ltd|plc|Service)\b")


def _is_real_org(ref):
    return ref.type == "ICS" or ref.name.lower() in org_alias_index() or bool(ORG_WORD.search(ref.name))
