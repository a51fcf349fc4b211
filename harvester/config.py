"""The sources file: which sources to harvest and how politely.

    settings:
      user_agent: "..."
      allow_private_addresses: ["127.0.0.1"]
    sources:
      - name: gov-uk-cqc
        kind: feed
        url: https://www.gov.uk/government/organisations/care-quality-commission.atom
        publisher: Care Quality Commission

`${VAR}` anywhere in the file is replaced by the environment variable VAR (the demo points its
sources at a local server that way); an unset variable is a configuration error.
"""
import os
import re
from dataclasses import dataclass, field

import yaml

KINDS = {"feed", "html", "pdfs", "govuk_search"}
DEFAULT_USER_AGENT = "cqc-monitor/0.1 (+https://github.com/cqc-monitor/cqc-monitor; regulatory news research)"


class ConfigError(Exception):
    """The sources file cannot be used; the message says where and why."""


@dataclass
class Settings:
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_addresses: list = field(default_factory=list)
    delay: float = 1.0            # seconds between requests to one host
    timeout: float = 20.0         # connect / read timeout, seconds
    deadline: float = 60.0        # whole response, seconds
    max_bytes: int = 20_000_000   # largest body we read (after decompression)
    max_retries: int = 3          # on connection errors, 429 and 5xx
    backoff: float = 1.0          # first retry wait, doubled each time
    max_retry_after: float = 60.0 # a longer Retry-After defers the source to the next run
    max_redirects: int = 5        # hops followed per fetch
    source_deadline: float = 900.0  # seconds one source may take per run (a 503 storm, a slow server); the
                                    # rest of its items wait for the next run
    max_items: int = 200          # articles per source per run
    max_pages: int = 5            # listing pages followed per run
    concurrency: int = 4          # hosts harvested in parallel (one request at a time per host)
    respect_robots: bool = True
    archive_dir: str | None = "{db}-archive"  # WARC files of raw responses, beside the database ({db}: its
                                              # name without extension: kb.db -> kb-archive/); null: none


@dataclass
class Source:
    name: str
    kind: str
    url: str
    publisher: str | None = None
    link_pattern: str | None = None
    unverified: bool = False
    options: dict = field(default_factory=dict)


@dataclass
class Config:
    settings: Settings
    sources: list


def _expand(text, variables):
    def replace(match):
        name = match.group(1)
        if name not in variables:
            raise ConfigError(f"${{{name}}} is used in the sources file but not set in the environment")
        return variables[name]
    return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", replace, text)


def load_config(path, variables=None):
    """Read and check a sources file; `${VAR}` comes from `variables` (default: the environment)."""
    try:
        with open(path, encoding="utf-8") as f:
            raw = yaml.safe_load(_expand(f.read(), os.environ if variables is None else variables))
    except FileNotFoundError:
        raise ConfigError(f"sources file not found: {path}") from None
    except yaml.YAMLError as e:
        raise ConfigError(f"{path} is not valid YAML: {e}") from None
    return parse_config(raw, path)


def parse_config(raw, path="sources file"):
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        raise ConfigError(f"{path}: expected a mapping with a 'sources' list")
    raw_settings = raw.get("settings") or {}
    known = set(Settings.__dataclass_fields__)
    unknown = set(raw_settings) - known
    if unknown:
        raise ConfigError(f"{path}: unknown settings {sorted(unknown)}; known: {sorted(known)}")
    settings = Settings(**raw_settings)
    sources, seen = [], set()
    for i, item in enumerate(raw["sources"], start=1):
        where = f"{path}: source #{i}"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: expected a mapping")
        for key in ("name", "kind", "url"):
            if not item.get(key):
                raise ConfigError(f"{where}: '{key}' is required")
        if item["kind"] not in KINDS:
            raise ConfigError(f"{where} ({item['name']}): kind must be one of {sorted(KINDS)}, not {item['kind']!r}")
        if item["name"] in seen:
            raise ConfigError(f"{where}: duplicate source name {item['name']!r}")
        if item.get("link_pattern"):
            try:
                re.compile(item["link_pattern"])
            except re.error as e:
                raise ConfigError(f"{where} ({item['name']}): bad link_pattern: {e}") from None
        seen.add(item["name"])
        fixed = {k: item.get(k) for k in ("name", "kind", "url", "publisher", "link_pattern")}
        options = {k: v for k, v in item.items() if k not in fixed and k != "unverified"}
        sources.append(Source(**fixed, unverified=bool(item.get("unverified")), options=options))
    return Config(settings=settings, sources=sources)
