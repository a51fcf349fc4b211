"""`feed` sources: RSS or Atom, then each item's article page for the full text."""
import time

import feedparser

from kb.documents import Document
from .article import parse_article
from .fetch import FetchError
from .items import ItemError, SourceError, fetch_article


def _entry_date(entry, *keys):
    for key in keys:
        parsed = dict.get(entry, f"{key}_parsed")  # plain lookup: no feedparser fallback between keys
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def parse_feed(content):
    """feedparser on bytes we fetched ourselves (it never fetches); a feed it cannot read is an error."""
    feed = feedparser.parse(content)
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
    for entry in feed.entries[: settings.max_items]:
        link = entry.get("link")
        if not link:
            continue
        known = {
            "title": entry.get("title"),
            "published": _entry_date(entry, "published", "updated"),
            "updated": _entry_date(entry, "updated"),
            "author": entry.get("author"),
        }
        try:
            yield fetch_article(fetcher, source, link, **known)
        except FetchError as e:
            # The feed's own full content (WordPress content:encoded) is better than nothing.
            content = " ".join(c.get("value", "") for c in entry.get("content", []))
            if len(content) > 500:
                yield Document(url=link, text=parse_article(content).text, source=source.name,
                               publisher=source.publisher, kind="article", **known)
            else:
                yield ItemError(link, str(e))
