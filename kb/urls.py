"""URL canonicalisation: one document per real page, whatever tracking or spelling the link carried."""
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Only parameters that never select content: a page's own query (`?page=2`, `?layout=x`) stays.
TRACKING_PARAMS = {"wgt_ref", "fbclid", "gclid", "mc_cid", "mc_eid"}


def canonical_url(url):
    """Lower-case scheme and host, no trailing dot or `www.`, no fragment, no tracking parameters,
    no trailing slash on the path (the root path stays `/`)."""
    p = urlsplit(url.strip())
    if p.scheme.lower() not in ("http", "https") or not p.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = p.hostname.rstrip(".").lower()
    if host.startswith("www."):
        host = host[4:]
    netloc = host if p.port in (None, 80, 443) else f"{host}:{p.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(p.query, keep_blank_values=True)
                       if not (k.startswith("utm_") or k in TRACKING_PARAMS)])
    path = p.path.rstrip("/") or "/"
    return urlunsplit((p.scheme.lower(), netloc, path, query, ""))
