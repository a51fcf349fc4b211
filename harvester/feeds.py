"""`feed` sources: RSS or Atom, then each item's article page for the full text."""
import re
import time

import feedparser
from feedparser.encodings import convert_to_utf8

from kb.documents import Document
from .article import parse_article
from .fetch import FetchError
from .items import SourceError, fetch_article, item_error, with_next


def _entry_date(entry, *keys):
    for key in keys:
        parsed = dict.get(entry, f"{key}_parsed")  # plain lookup: no feedparser fallback between keys
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


# A DTD internal subset is where XML entities are declared: nested ones (billion laughs), one huge one
# used many times (quadratic blow-up), SYSTEM ones naming a file or URL (XXE). Expat caps the blow-up,
# but feedparser then retries with its loose parser, which expands "safe" entities itself (100 KB x 1,000
# references = a 100 MB title), so we refuse them before either parser runs. No real feed needs them.
ENTITY_DECLARATIONS = re.compile(rb"<!ENTITY|<!DOCTYPE[^>\[]*\[", re.I)
# A DOCTYPE without a subset only names an external DTD: drop it, so nothing can ever fetch it.
EXTERNAL_DOCTYPE = re.compile(rb"<!DOCTYPE[^>\[]*>", re.I)


def parse_feed(content):
    """feedparser on bytes we fetched ourselves (it never fetches); a feed it cannot read is an error."""
    # Checked on feedparser's own UTF-8 view, so UTF-16, UTF-32 or EBCDIC cannot hide a declaration.
    content = convert_to_utf8({}, content, {})
    if ENTITY_DECLARATIONS.search(content):
        raise SourceError("not a readable RSS/Atom feed: it declares XML entities (<!DOCTYPE [...]> or "
                          "<!ENTITY>), which we refuse")
    feed = feedparser.parse(EXTERNAL_DOCTYPE.sub(b"", content))
    if feed.bozo and not any(entry.get("link") for entry in feed.entries):
        raise SourceError(f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}")
    return feed


def items(source, fetcher, settings):
    try:
        response = fetcher.get(source.url)
    except FetchError as e:
        raise SourceError(str(e)) from e
    if response.not_modified:
        return  # the feed is as it was: nothing new
    feed = parse_feed(response.content)
    entries = [entry for entry in feed.entries[: settings.max_items] if entry.get("link")]
    for entry, next_entry in with_next(entries):
        link = entry["link"]
        next_link = next_entry["link"] if next_entry else None
        known = {
            "title": entry.get("title"),
            "published": _entry_date(entry, "published", "updated"),
            "updated": _entry_date(entry, "updated"),
            "author": entry.get("author"),
        }
        try:
            yield fetch_article(fetcher, source, link, next_link, **known)
        except FetchError as e:
            # The feed's own full content (WordPress content:encoded) is better than nothing.
            content = " ".join(c.get("value", "") for c in entry.get("content", []))
            if len(content) > 500:
                yield Document(url=link, text=parse_article(content).text, source=source.name,
                               publisher=source.publisher, kind="article", **known)
            else:
                yield item_error(link, e)
