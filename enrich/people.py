"""Which person a lone first name or surname stands for. No spaCy here: `kb enrich` asks it on every run,
including runs with nothing to enrich, which load no model."""


def people_named(word, full_names):
    """The full names among `full_names` whose first name or surname is `word`."""
    return {full for full in full_names if word in (full.split()[0], full.split()[-1])}


def the_one_named(word, matches):
    """Of the full names `word` names (people_named), the one it stands for: the only one with that surname,
    else the only one; None when there is none, or several."""
    by_surname = [full for full in matches if full.split()[-1] == word]
    if len(by_surname) == 1:
        return by_surname[0]
    if len(matches) == 1:
        return next(iter(matches))
    return None


def person_for_word(word, full_names):
    """The one full name among `full_names` that `word` stands for, or None (see the_one_named)."""
    return the_one_named(word, people_named(word, full_names))
