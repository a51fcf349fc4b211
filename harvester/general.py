"""Article text and publication date from pages of any layout, with trafilatura and htmldate: the
extractor for sites we have no rules for (harvester/article.py decides which one reads a page).

On the public article-extraction benchmark trafilatura, without readers' comments and without its
slower fallback comparisons (`fast`), scored higher than with them and far higher than our own rules
on unknown layouts (README, "Why these libraries"; `make bench`).
"""
import logging

import htmldate
import trafilatura

# Both libraries log every page they find nothing in; for us that is an ordinary outcome, reported by
# the harvester when it matters (an item with no text fails with its URL).
for name in ("trafilatura", "htmldate"):
    logging.getLogger(name).setLevel(logging.CRITICAL)


def body_lines(html):
    """The article body as lines (paragraphs, headings, list items, table rows), or [] when the
    library finds none."""
    text = trafilatura.extract(html, fast=True, include_comments=False, include_tables=True)
    return [line for line in (" ".join(line.split()) for line in (text or "").splitlines()) if line]


def publication_date(html):
    """The page's publication date (YYYY-MM-DD) from its markup and URL-like paths, or None.
    `html` must be bytes: htmldate fetches a str that looks like a URL, which a hostile page could be."""
    if not isinstance(html, bytes):
        raise TypeError("publication_date takes the page as bytes")
    try:
        return htmldate.find_date(html, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except (ValueError, TypeError):  # a page it cannot read is a page without a date
        return None
