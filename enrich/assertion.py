"""Whether a sentence asserts the event its trigger word names, and in which tense: one checker for every
event type. Not asserted: negated ('did not resign'), hypothetical or modal ('could be delayed', 'must
resign'), hedged, proposed or only considered ('plans to', 'is considering', 'preparing to'), asked ('Will
she resign?') or denied ('denied that she would resign').

The knowledge (modal verbs, hedging phrases, planning verbs) is in enrich/data/assertion.json."""
import re
from functools import lru_cache

from .vocab import assertion_words


def doc_text(doc):
    """The document's text, kept once read: spaCy's Doc.text rebuilds it from every token each time it is
    asked for (0.08 ms for a sample article), and the rules ask once per trigger word."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


@lru_cache
def _hedges():
    return re.compile(r"\b(?:" + "|".join(assertion_words()["hedges"]) + r")\b", re.I)


@lru_cache
def _reported():
    return re.compile(r"\b(?:" + "|".join(assertion_words()["reporting_verbs"]) + r")\b", re.I)


def auxiliaries(token):
    """The trigger's auxiliary verbs, lower-cased; a name the parser took for one ('Ruth May stepped
    down') is not."""
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass") and not c.ent_type_}


def tense(token):
    """'future' ('will step down', 'to be published'), 'past' ('resigned', 'was appointed'), 'present'
    ('has been appointed', 'joins', 'is leaving') or None."""
    aux = auxiliaries(token)
    head = token.head
    if token.tag_ == "VB" and "to" in aux and head.i != token.i and head.pos_ in ("VERB", "AUX") and (
            token.dep_ == "advcl" or token.dep_ == "xcomp" and head.lemma_.lower() in assertion_words()["purpose_heads"]):
        return tense(head)  # 'left in January to join NHS England': she joined when she left
    if aux & {"will", "'ll", "shall"} or token.tag_ == "VB" and "to" in aux:
        return "future"
    if token.tag_ in ("VBD",) or aux & {"was", "were", "had", "did"}:
        return "past"
    if aux & {"has", "have", "'s", "is", "are", "am"} or token.tag_ in ("VBZ", "VBP", "VBG"):
        return "present"
    return "past" if token.tag_ == "VBN" else None


def is_perfect(token):
    """'has been appointed', 'have resigned': done by now (the present perfect reports the past)."""
    return bool(auxiliaries(token) & {"has", "have", "'s", "'ve"})


def is_negated(token):
    """'did not resign', 'not to step down': a negation on the trigger, or on the verb it completes."""
    heads = [token, token.head] if token.dep_ in ("xcomp", "acomp") else [token]
    return any(c.dep_ == "neg" for t in heads for c in t.children)


def is_hypothetical(token, sent):
    """Modal, conditional, hedged, proposed, asked or denied."""
    words = assertion_words()
    aux = auxiliaries(token)
    text = doc_text(sent.doc)
    before = text[sent.start_char: token.idx]
    modal = aux & set(words["modals"])
    if modal and not (modal == {"would"} and _reported().search(before)):
        return True  # "could be delayed"; but "DHSC said the CQC would be facing a review" is reported fact
    if any(c.dep_ == "mark" and c.lower_ in ("if", "whether", "unless") for c in token.children):
        return True
    # the verbs the trigger completes: "is preparing to step down", "has been asked to consider resigning"
    governor = token.head if token.dep_ in ("xcomp", "ccomp", "acomp") and token.head.i != token.i else None
    if governor is not None and governor.lemma_.lower() in words["unasserting_governors"]:
        return True
    if text[sent.start_char: sent.end_char].rstrip().endswith("?"):
        return True  # a question
    return bool(_hedges().search(before[-60:]))


def is_asserted(token, sent):
    """The event the trigger names is stated as having happened, happening, or announced to happen."""
    return not is_negated(token) and not is_hypothetical(token, sent)


def is_planned(token):
    """Still to come: 'will publish', 'is expected to be published', 'due to be released'."""
    if tense(token) == "future":
        return True
    head = token.head
    return token.dep_ in ("xcomp", "acomp") and head.i != token.i and (
        head.lemma_.lower() in assertion_words()["planning_verbs"] or tense(head) == "future")
