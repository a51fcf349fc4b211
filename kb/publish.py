"""`kb publish DIR`: a read-only bundle of the knowledge base that any number of machines serve with Datasette
alone (no kb, enrich or harvester code): a consistent copy of kb.db, the WARC files its documents' archived
copies lie in, metadata.yml, the plugins and templates, pinned requirements, a Dockerfile and serve.sh, the one
`datasette serve -i` line that starts it (immutable mode: no locking, counts cached)."""
import os
import re
import shutil
import sqlite3
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

from .paths import METADATA, PLUGINS, TEMPLATES
from .watches import WATCHES
from .serve import SETTINGS

BUNDLE_DB = "kb.db"  # the file's name is the database's name in URLs: /kb/...
# What the plugins import beyond Datasette itself (atom_feeds: datasette-atom, feedgen; researcher_pages: warcio;
# calendar_ics: icalendar) and what the library modules they import need (kb/db.py, documents.py, watches.py)
SERVING_PACKAGES = ["datasette", "datasette-atom", "feedgen", "warcio", "icalendar", "sqlite-utils",
                    "python-dateutil", "pyyaml"]
# The project's library travels with the plugins that import it (feeds, watches, consultations): its modules use
# only the packages above; the harvester and enrichment (spaCy) stay behind.
LIBRARY = Path(__file__).resolve().parent
NOT_PINNED = {"pip"}  # the image's own


def serve_command(allow_sql=False):
    settings = dict(SETTINGS, default_allow_sql=allow_sql)
    options = " ".join(f"--setting {k} {'on' if v is True else 'off' if v is False else v}" for k, v in settings.items())
    return (f"datasette serve -i {BUNDLE_DB} --metadata metadata.yml --plugins-dir plugins --template-dir templates "
            f"{options} -h \"${{HOST:-127.0.0.1}}\" -p \"${{PORT:-8001}}\"")


def pinned_requirements(roots=SERVING_PACKAGES):
    """Every package the serving side needs, at the version installed here (the closure of `roots`)."""
    pins, todo = {}, list(roots)
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in pins or key in NOT_PINNED:
            continue
        try:
            dist = distribution(name)
        except PackageNotFoundError:
            continue
        pins[key] = dist.version
        for spec in dist.requires or []:
            requirement = Requirement(spec)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return "".join(f"{name}=={version}\n" for name, version in sorted(pins.items()))


def copy_database(db_path, target):
    """A consistent copy made with SQLite's backup API (a harvest may be writing), in rollback-journal mode so
    that immutable readers need no -wal file; written beside `target` and moved into place."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{Path(db_path).resolve()}?mode=ro", uri=True)
    copy = sqlite3.connect(partial)
    try:
        source.backup(copy)
        copy.execute("pragma journal_mode = delete")
        copy.commit()
    finally:
        copy.close()
        source.close()
    os.replace(partial, target)


def archive_files(db_file):
    """The WARC files the copy's archive records name, relative to the database's directory."""
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("select distinct warc_file from archive_records order by 1")]
    except sqlite3.OperationalError:  # a database from before archive_records
        return []
    finally:
        conn.close()


def copy_archive(db_path, bundle, names):
    """Copy each WARC file (inside the database's directory) not already in the bundle; returns how many are there."""
    home, copied = Path(db_path).resolve().parent, 0
    for name in names:
        source = (home / name).resolve()
        target = (bundle / name).resolve()
        if home not in source.parents or bundle not in target.parents or not source.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if not (target.is_file() and target.stat().st_size == source.stat().st_size):  # WARC files only grow
            shutil.copy2(source, target)
        copied += 1
    return copied


DOCKERFILE = """\
# The CQC monitor, read-only: build with `docker build -t cqc-monitor .`, run with `docker run -p 8001:8001 cqc-monitor`.
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV HOST=0.0.0.0 PORT=8001
EXPOSE 8001
CMD ["sh", "serve.sh"]
"""

SERVE_SH = """\
#!/bin/sh
# Serve this bundle read-only with Datasette's immutable mode, from this directory. HOST (127.0.0.1) and PORT (8001)
# from the environment: Cloud Run and Fly set PORT. Needs only `pip install -r requirements.txt`.
cd "$(dirname "$0")"
export PYTHONPATH=".${{PYTHONPATH:+:$PYTHONPATH}}"  # the plugins import the bundle's copy of kb/
exec {command}
"""


def publish(db_path, out_dir, archive=True, allow_sql=False):
    """Write the bundle to `out_dir` (created, or refreshed if it holds an earlier bundle). Returns a summary dict."""
    bundle = Path(out_dir).resolve()
    if bundle.exists() and any(bundle.iterdir()) and not (bundle / "serve.sh").exists():
        raise ValueError(f"{out_dir} is not empty and holds no earlier bundle: choose an empty or new directory")
    bundle.mkdir(parents=True, exist_ok=True)
    copy_database(db_path, bundle / BUNDLE_DB)
    warcs = copy_archive(db_path, bundle, archive_files(bundle / BUNDLE_DB)) if archive else 0
    shutil.copy2(METADATA, bundle / "metadata.yml")
    if WATCHES.is_file():
        shutil.copy2(WATCHES, bundle / "watches.yml")
    for name, source, pattern in (("plugins", PLUGINS, "*.py"), ("templates", TEMPLATES, "*.html"),
                                  ("kb", LIBRARY, "*.py")):
        shutil.rmtree(bundle / name, ignore_errors=True)
        (bundle / name).mkdir()
        for path in sorted(source.glob(pattern)):
            shutil.copy2(path, bundle / name / path.name)
    (bundle / "requirements.txt").write_text(pinned_requirements(), encoding="utf-8")
    (bundle / "Dockerfile").write_text(DOCKERFILE, encoding="utf-8")
    command = serve_command(allow_sql)
    (bundle / "serve.sh").write_text(SERVE_SH.format(command=command), encoding="utf-8")
    (bundle / "serve.sh").chmod(0o755)
    return {"bundle": str(bundle), "command": command, "warc_files": warcs,
            "database_bytes": (bundle / BUNDLE_DB).stat().st_size}
