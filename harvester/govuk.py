"""`govuk_search` sources: the GOV.UK search API for an organisation's latest documents, then the
content API for each body.

    url: https://www.gov.uk/api/search.json?filter_organisations=care-quality-commission&order=-public_timestamp
"""
import json
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


from kb.documents import Document
from .article import html_lines
from .fetch import FetchError
from .items import ItemError, NotModified, SourceError, item_error, with_next

PAGE_SIZE = 50


def _with_params(url, **params):
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update({k: str(v) for k, v in params.items()})
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def _json(response, what):
    try:
        return json.loads(response.content)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise FetchError(f"{what} is not JSON: {e}") from None


def search_results(fetcher, url, limit):
    """Results of the search API, newest first, paging with start/count up to `limit`."""
    start, found = 0, []
    while len(found) < limit:
        count = min(PAGE_SIZE, limit - len(found))
        response = fetcher.get(_with_params(url, start=start, count=count), conditional=False)
        data = _json(response, "search API response")
        results = data.get("results") or []
        found.extend(results)
        start += len(results)
        if not results or start >= int(data.get("total") or 0):
            break
    return found[:limit]


def body_text(html):
    return "\n\n".join(html_lines(html or ""))


def items(source, fetcher, settings):
    parts = urlsplit(source.url)
    site = f"{parts.scheme}://{parts.netloc}"
    try:
        results = search_results(fetcher, source.url, settings.max_items)
    except FetchError as e:
        raise SourceError(str(e)) from e
    # external links (e.g. to nhs.uk) are not GOV.UK content
    results = [result for result in results if (result.get("link") or "").startswith("/")]
    content_urls = [f"{site}/api/content{result['link']}" for result in results]
    for result, (content_url, next_url) in zip(results, with_next(content_urls)):
        page_url = site + result["link"]
        try:
            response = fetcher.get(content_url)
            fetcher.prefetch(next_url)
            if response.not_modified:
                yield NotModified(page_url, content_url)
                continue
            content = _json(response, "content API response")
        except FetchError as e:
            yield item_error(page_url, e)
            continue
        details = content.get("details") or {}
        text = body_text(details.get("body"))
        if content.get("description"):
            text = f"{content['description']}\n\n{text}".strip()
        if not text:
            yield ItemError(page_url, "content API gave no body text")
            continue
        yield Document(url=page_url, text=text, title=content.get("title") or result.get("title"),
                       published=content.get("first_published_at") or result.get("public_timestamp"),
                       updated=content.get("public_updated_at"), source=source.name,
                       publisher=source.publisher, kind=content.get("document_type") or "govuk",
                       extra=consultation_details(content))


# GOV.UK's consultation document types (open_consultation, closed_consultation, consultation_outcome) carry
# their dates in `details`; kb/consultations.py reads them from the stored document's `details`.
CONSULTATION_DETAILS = ("opening_date", "closing_date")


def consultation_details(content):
    details = content.get("details") or {}
    found = {key: details[key] for key in CONSULTATION_DETAILS if isinstance(details.get(key), str)}
    if "consultation" in (content.get("document_type") or ""):
        found["document_type"] = content["document_type"]
        organisations = (content.get("links") or {}).get("organisations") or []
        names = [o.get("title") for o in organisations if isinstance(o, dict) and o.get("title")]
        if names:
            found["organisations"] = names
    return found
