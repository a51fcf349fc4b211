"""Which person a lone first name or surname stands for. No spaCy here: `kb enrich` asks it on every run,
including runs with nothing to enrich, which load no model."""


def person_for_word(word, full_names):
    """The one full name among `full_names` that `word` stands for: the only one with that surname, else
    the only one with that first name or surname; None when there is none, or several."""
    matches = {full for full in full_names if word in (full.split()[0], full.split()[-1])}
    by_surname = {full for full in matches if full.split()[-1] == word}
    if len(by_surname) == 1:
        return by_surname.pop()
    if len(matches) == 1:
        return matches.pop()
    return None
