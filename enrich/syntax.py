"""Small readings of the dependency parse that several rule modules share."""


def clause_head(token):
    """The verb whose clause a word is in ('chief executive' in 'where he was chief executive': 'was'); the
    sentence's root when no verb governs the word."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token
