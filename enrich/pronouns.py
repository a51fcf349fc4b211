"""Who 'he' or 'she' stands for: the person named last before it whose gender, as the document itself shows
it, does not disagree (one it shows to agree first). A document shows a person's gender by a title written
with the name ('Sir Julian', 'Dame Ruth') or by a possessive in the clause the person is the subject of
('Jane Doe announced her retirement').
Nobody's gender is guessed from a first name. The words are in enrich/data/gender_words.json."""
from collections import Counter
from functools import lru_cache

from .syntax import clause_head
from .vocab import gender_words


@lru_cache
def _words():
    data = gender_words()
    titles = {word: gender for gender, words in data["titles"].items() for word in words}
    pronouns = {word: gender for gender, words in data["pronouns"].items() for word in words}
    return titles, pronouns


def pronoun_gender(token):
    """'m', 'f' or None for a pronoun token."""
    return _words()[1].get(token.lower_)


def document_genders(sentences):
    """Person -> 'm' or 'f', where the document shows it without contradiction. `sentences` is a list of
    lists of (span, EntityRef) of the people each sentence names."""
    titles, pronouns = _words()
    votes = {}
    for people in sentences:
        for span, ref in people:
            before = span.doc[span.start - 1] if span.start > 0 else None
            for word in [t.lower_.rstrip(".") for t in span] + ([before.lower_.rstrip(".")] if before is not None else []):
                if word in titles:
                    votes.setdefault(ref, Counter())[titles[word]] += 1
        for span, ref in people:  # 'Jane Doe announced her retirement': a possessive in her own clause
            for gender in _own_possessives(span, pronouns):
                votes.setdefault(ref, Counter())[gender] += 1
    return {ref: count.most_common(1)[0][0] for ref, count in votes.items() if len(count) == 1}


def _own_possessives(span, pronouns):
    """Genders of the possessive pronouns in the clause whose subject is `span` ('X announced her
    retirement'), not in a clause of its own ('X said he was appointed')."""
    verb = span.root.head
    if span.root.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return []
    found = []
    for token in verb.subtree:
        if token.dep_ == "poss" and token.lower_ in pronouns:
            if clause_head(token.head).i == verb.i:
                found.append(pronouns[token.lower_])
    return found


def antecedent(pronoun, earlier, fallback, genders):
    """The person `pronoun` stands for: of `earlier` (people named before it, in order), the last whose
    known gender does not disagree; else `fallback` (the person named last before the sentence) if it does
    not disagree; else None. 'I' and 'my' take the last named, as before."""
    gender = pronoun_gender(pronoun)
    agrees = lambda ref: gender is None or genders.get(ref) in (None, gender)
    # in the same sentence, one the document shows to agree comes before one whose gender it does not show
    known = [ref for ref in earlier if gender is not None and genders.get(ref) == gender]
    if known:
        return known[-1]
    for ref in reversed(earlier):
        if agrees(ref):
            return ref
    return fallback if fallback is not None and agrees(fallback) else None
