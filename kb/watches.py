"""Named watches (watches.yml): what a newsletter editor or a researcher follows, as a feed or a digest.

    watches:
      cqc-leadership:
        title: CQC leadership            # optional; the name otherwise
        entities: [CQC]                  # names (or part of one), aliases or ONS codes: any of them
        types: [appointment, departure]  # event types: any of them
        words: [chief executive]         # in an event's summary or sentence, or a document's text: any
        publishers: [Care Quality Commission]  # who published a citing document: any

Each list narrows what the watch selects; the lists that are given must all hold. Types describe events
only: a watch's new documents are those matching its entities, words and publishers.
"""
import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import follow
from .paths import PROJECT_ROOT

WATCHES = PROJECT_ROOT / "watches.yml"
KEYS = ("title", "entities", "types", "words", "publishers")
NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


class WatchError(ValueError):
    pass


@dataclass(frozen=True)
class Watch:
    name: str
    title: str
    entities: tuple = ()
    types: tuple = ()
    words: tuple = ()
    publishers: tuple = ()

    def filter(self, since=""):
        return follow.Filter(types=self.types, entities=self.entities, words=self.words,
                             publishers=self.publishers, since=since)


def default_path():
    return Path(os.environ.get("KB_WATCHES") or WATCHES)


def _strings(value, where):
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise WatchError(f"{where} must be a list of words")
    return tuple(str(v).strip() for v in value if str(v).strip())


def parse(data, origin="watches.yml"):
    if not isinstance(data, dict) or not isinstance(data.get("watches"), dict):
        raise WatchError(f"{origin}: expected a 'watches:' mapping of names to watches")
    watches = {}
    for name, spec in data["watches"].items():
        name = str(name)
        where = f"{origin}: watch {name!r}"
        if not NAME.fullmatch(name):
            raise WatchError(f"{where}: a name is lower-case letters, digits, '-' and '_'")
        spec = spec or {}
        if not isinstance(spec, dict):
            raise WatchError(f"{where}: expected a mapping of {', '.join(KEYS)}")
        unknown = set(spec) - set(KEYS)
        if unknown:
            raise WatchError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: {', '.join(KEYS)})")
        lists = {key: _strings(spec.get(key), f"{where}: {key}") for key in KEYS[1:]}
        try:
            follow.check_types(lists["types"])
        except follow.BadFilter as e:
            raise WatchError(f"{where}: {e}") from None
        if not any(lists.values()):
            raise WatchError(f"{where}: give at least one of entities, types, words or publishers")
        watches[name] = Watch(name=name, title=str(spec.get("title") or name), **lists)
    return watches


def load(path=None):
    """The watches in `path` (default: watches.yml beside the project, or $KB_WATCHES); {} if it is absent."""
    path = Path(path) if path else default_path()
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as e:
        raise WatchError(f"{path}: not YAML: {e}") from None
    return parse(data, str(path))


def get(name, path=None):
    watches = load(path)
    if name not in watches:
        known = ", ".join(sorted(watches)) or "none"
        raise WatchError(f"no watch named {name!r} in {path or default_path()} (watches: {known})")
    return watches[name]
