"""The `kb` command: thin click commands over the importable library."""
import os
import sys
import time

import click

from . import __version__
from .db import DatabaseError, default_path, open_or_fail
from .paths import SOURCES

EXIT_SOURCES_FAILED = 1
EXIT_BAD_CONFIG = 2
EXIT_LOCKED = 75  # EX_TEMPFAIL: another harvest is running; cron will try again next time
EXIT_NOT_SENT = 1  # kb digest: a recipient's digest was not accepted (nothing is marked sent for them)


def db_option(command):
    return click.option("--db", "db_path", default=default_path,
                        show_default="kb.db or $KB_DB", type=click.Path(dir_okay=False),
                        help="The knowledge base file.")(command)


def open_db(db_path):
    try:
        return open_or_fail(db_path)
    except DatabaseError as e:
        raise click.ClickException(str(e)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kb")
def cli():
    """Regulatory news monitor for UK health and social care: harvest sources, extract people, events
    and money, and publish a searchable knowledge base.

    \b
    Example, the whole pipeline (`;`: enrich and serve what was stored even when a source failed):
        kb harvest; kb enrich; kb serve
    """


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@db_option
def ingest(file, db_path):
    """Import documents from a JSONL FILE (one JSON object per line; '-' for stdin).

    Each line needs "url" and "text"; "title", "published", "source", "publisher" and "author" are
    used if present. Re-ingesting a URL updates it. Bad lines are reported and skipped.

    \b
    Example:
        kb ingest ../shared/eval/dev.jsonl --db kb.db
    """
    from .ingest import ingest_lines
    db = open_db(db_path)
    report = ingest_lines(db, file)
    for number, reason in report.errors:
        click.echo(f"{file.name}:{number}: skipped: {reason}", err=True)
    click.echo(report.summary())


@cli.command()
@click.option("--sources", "sources_path", type=click.Path(dir_okay=False), default=str(SOURCES),
              show_default="sources.yml", help="The sources file.")
@click.option("--only", multiple=True, help="Harvest only this source (repeatable).")
@db_option
def harvest(sources_path, only, db_path):
    """Harvest the configured sources into the knowledge base.

    Exit codes: 0 all sources fine; 1 some sources failed or were deferred (the others are
    still stored); 2 bad configuration; 75 another harvest of this database is running.

    \b
    Example (cron, every morning at 6; `;`, not `&&`: a failed source exits 1, and
    what the other sources stored must still be enriched):
        0 6 * * *  cd /srv/cqc-monitor && .venv/bin/kb harvest --db kb.db; .venv/bin/kb enrich --db kb.db
    """
    from harvester.config import ConfigError, load_config
    from harvester.run import harvest as run_harvest
    try:
        config = load_config(sources_path)
    except ConfigError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    unknown = set(only) - {s.name for s in config.sources}
    if unknown:
        click.echo(f"Error: no such source: {', '.join(sorted(unknown))}", err=True)
        sys.exit(EXIT_BAD_CONFIG)
    from harvester.lock import Locked, harvest_lock
    try:
        with harvest_lock(db_path):
            db = open_db(db_path)
            results = _run_with_progress(run_harvest, db, config, set(only) or None)
    except Locked as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(EXIT_LOCKED)
    _report_harvest(results)
    if any(r.status in ("failed", "deferred") for r in results):
        sys.exit(EXIT_SOURCES_FAILED)


def _run_with_progress(run_harvest, db, config, only):
    """A progress line on a terminal; nothing under cron (stderr not a TTY)."""
    if not sys.stderr.isatty():
        return run_harvest(db, config, only=only)
    done = {"items": 0}

    def on_item(source_name):
        done["items"] += 1
        click.echo(f"\r{done['items']} items harvested (last from {source_name})\033[K", err=True, nl=False)

    try:
        return run_harvest(db, config, only=only, on_item=on_item)
    finally:
        click.echo("", err=True)


def _report_harvest(results):
    for r in results:
        if r.error:
            click.echo(f"{r.name}: {r.status}: {r.error}", err=True)
    totals = {k: sum(getattr(r, k) for r in results) for k in ("new", "updated", "unchanged", "failed")}
    failed_sources = sum(1 for r in results if r.status in ("failed", "deferred"))
    click.echo(f"harvested {len(results)} sources ({failed_sources} failed): {totals['new']} new, "
               f"{totals['updated']} updated, {totals['unchanged']} unchanged, {totals['failed']} items failed")


@cli.command()
@click.option("--all", "redo_all", is_flag=True, help="Re-enrich every document, changed or not.")
@click.option("--progress/--no-progress", default=None,
              help="Draw a progress bar on stderr: documents done/total, documents per second, time left. "
                   "[default: only when stderr is a terminal, so cron sees just the summary line]")
@db_option
def enrich(redo_all, progress, db_path):
    """Extract people, organisations, ICSs, reviews, money and events from new or changed documents.

    On a terminal a progress bar shows documents done/total, the rate and the time left (and a second,
    short bar when documents naming someone by surname alone are read again); under cron only the
    summary line is printed.

    \b
    Example:
        kb enrich            # only what changed since the last run
        kb enrich --all      # everything, e.g. after upgrading the rules
    """
    from enrich.run import enrich as run_enrich

    from .consultations import refresh as refresh_consultations
    db = open_db(db_path)
    if progress is None:
        progress = sys.stderr.isatty()
    if not progress:
        report = run_enrich(db, redo_all=redo_all)
    else:
        with EnrichProgress(sys.stderr) as bars:
            report = run_enrich(db, redo_all=redo_all, on_start=bars.start, on_document=bars.advance)
    refresh_consultations(db)  # consultations and dates ahead follow the events and documents
    click.echo(report.summary())


class EnrichProgress:
    """click progress bars on stderr for enrich()'s on_start and on_document: one bar per pass."""

    LABELS = {"enrich": "enriching", "reread": "reading again"}
    clock = staticmethod(time.monotonic)

    def __init__(self, stream):
        # Asked for with --progress, the bar is drawn even when stderr is a pipe or a file: click draws
        # one only on what it takes for a terminal, and prints just the label otherwise.
        self.stream = stream if stream.isatty() else _AsTerminal(stream)
        self.bar = None
        self.started = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()  # also on an error or Ctrl-C: ends the line and shows the cursor again

    def start(self, total, stage):
        self.close()
        self.started = self.clock()
        self.bar = click.progressbar(length=total, label=self.LABELS.get(stage, stage), file=self.stream,
                                     show_pos=True, show_percent=True, show_eta=False,
                                     item_show_func=self._rate, width=0)
        self.bar.__enter__()

    def advance(self, document):
        self.bar.update(1)

    def close(self):
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None

    def _rate(self, _item):
        """'12.5 docs/s  0:03:10 left', from the documents done since the bar started."""
        done, elapsed = self.bar.pos, self.clock() - self.started
        if not done or elapsed <= 0:
            return None
        rate = done / elapsed
        left = round((self.bar.length - done) / rate)
        return f"{rate:.1f} docs/s" + (f"  {left // 3600}:{left // 60 % 60:02}:{left % 60:02} left" if left else "")


class _AsTerminal:
    """A stream that says it is a terminal, writing through to the real one."""

    def __init__(self, stream):
        self._stream = stream

    def isatty(self):
        return True

    def __getattr__(self, name):
        return getattr(self._stream, name)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("-p", "--port", default=8001, show_default=True, type=int)
@click.option("--no-sql", is_flag=True, help="Refuse arbitrary SQL: only tables, search and the canned "
                                               "queries (for a public instance).")
@click.option("--watches", "watches_path", type=click.Path(dir_okay=False), default=None,
              help="The watches file whose feeds /feeds/watch/NAME.atom serves. [default: watches.yml or $KB_WATCHES]")
@db_option
def serve(host, port, no_sql, watches_path, db_path):
    """Serve the knowledge base with Datasette (search, timeline, JSON API).

    \b
    Example:
        kb serve --port 8001
        curl 'http://127.0.0.1:8001/kb/events.json?_shape=array'
        kb serve --no-sql --host 0.0.0.0   # a public instance: canned queries only
    """
    from .serve import serve as run_serve
    if not os.path.exists(db_path):
        raise click.ClickException(f"{db_path} does not exist: run `kb harvest` and `kb enrich` (or `make demo-db`)")
    open_db(db_path).conn.close()  # creates or migrates the schema before Datasette opens it
    run_serve(db_path, host, port, allow_sql=not no_sql, watches=watches_path)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--archive/--no-archive", default=True, show_default=True,
              help="Copy the WARC files that hold the documents' archived copies.")
@click.option("--allow-sql", is_flag=True, help="Let visitors run their own SQL (off: only tables, search and "
                                                  "the canned queries, for a public replica).")
@db_option
def publish(directory, archive, allow_sql, db_path):
    """Write a read-only bundle to DIRECTORY that any machine serves with Datasette alone: a consistent copy of
    the database (SQLite's backup API, safe while a harvest writes), its archived pages, metadata.yml, plugins,
    templates, pinned requirements.txt, a Dockerfile and serve.sh (the `datasette serve -i` line).

    \b
    Example (after each harvest; then copy the directory to the replicas, or build the image):
        kb publish /srv/cqc-bundle && /srv/cqc-bundle/serve.sh
    """
    from .publish import publish as write_bundle
    if not os.path.exists(db_path):
        raise click.ClickException(f"{db_path} does not exist: run `kb harvest` and `kb enrich` (or `make demo-db`)")
    open_db(db_path).conn.close()  # creates or migrates the schema (and its indexes) before the copy
    try:
        summary = write_bundle(db_path, directory, archive=archive, allow_sql=allow_sql)
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    click.echo(f"wrote {summary['bundle']}: kb.db ({summary['database_bytes'] / 1e6:.1f} MB), "
               f"{summary['warc_files']} WARC files; start it with:\n  cd {summary['bundle']} && {summary['command']}")


@cli.command()
@db_option
def status(db_path):
    """Counts of what is stored, and each source's last harvest and health.

    \b
    Example:
        kb status --db kb.db
    """
    from .status import counts, events_by_type, source_health
    db = open_db(db_path)
    click.echo("  ".join(f"{table}: {n}" for table, n in counts(db).items()))
    by_type = events_by_type(db)
    if by_type:
        click.echo("events by type: " + ", ".join(f"{t} {n}" for t, n in by_type.items()))
    rows = source_health(db)
    if rows:
        click.echo(f"{'source':<28} {'status':<8} {'docs':>5} {'failures':>8}  last harvest / last success")
    for r in rows:
        click.echo(f"{r['name']:<28} {r['last_status'] or '-':<8} {r['documents']:>5} "
                   f"{r['consecutive_failures'] or 0:>8}  {r['last_harvest'] or 'never'} / {r['last_success'] or 'never'}")
        if r["last_error"]:
            click.echo(f"    {r['last_error']}")


@cli.command()
@db_option
def demo(db_path):
    """Build the knowledge base from the bundled offline sample: serves sample/site on 127.0.0.1,
    harvests it with the real harvester (sample/sources.yml), then enriches.

    \b
    Example:
        kb demo --db kb.db && kb serve --db kb.db
    """
    from .demo import build_demo
    from .sample_site import SampleServerError
    db = open_db(db_path)
    try:
        results, report = build_demo(db)
    except SampleServerError as e:
        raise click.ClickException(str(e)) from None
    _report_harvest(results)
    click.echo(report.summary())
    if any(r.status != "ok" for r in results):
        sys.exit(EXIT_SOURCES_FAILED)


@cli.command()
@click.option("--since", "since_text", default="1d", show_default=True,
              help="What counts as new: first stored since 1d, 7d, 12h, 2w ago, or a date or ISO timestamp.")
@click.option("--watch", "watch_names", multiple=True, metavar="NAME",
              help="A watch in the watches file (repeatable): one section each. [default: everything new]")
@click.option("--watches", "watches_path", type=click.Path(dir_okay=False), default=None,
              help="The watches file. [default: watches.yml or $KB_WATCHES]")
@click.option("--format", "fmt", type=click.Choice(["html", "markdown", "json"]), default="markdown",
              show_default=True, help="Of the digest written to --out or stdout (an email has HTML and text).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False), help="Write the digest here, not to stdout.")
@click.option("--smtp", metavar="HOST:PORT", help="Send it by email through this server (STARTTLS and login from "
                                                  "KB_SMTP_STARTTLS, KB_SMTP_USER, KB_SMTP_PASSWORD).")
@click.option("--from", "sender", metavar="ADDR", help="The sender's address (with --smtp).")
@click.option("--to", "recipients", multiple=True, metavar="ADDR", help="A recipient (repeatable; with --smtp).")
@click.option("--always", is_flag=True, help="Write or send a digest even when nothing is new.")
@db_option
def digest(since_text, watch_names, watches_path, fmt, out_path, smtp, sender, recipients, always, db_path):
    """An email-ready digest of what is new: events by type with their citations, new documents, money
    figures, consultations closing soon. With --smtp, each recipient is sent what they have not had yet for
    these watches (remembered in kb.db), and nothing when nothing is new (unless --always).

    Exit codes: 0 written or sent, or nothing new; 1 some recipient's digest was not sent (the error says why;
    nothing is marked sent for them, so the next run tries again); 2 a bad option or watches file.

    \b
    Example (cron, every morning at 07:00, after the harvest):
        0 7 * * *  cd /srv/monitor && .venv/bin/kb digest --since 1d --watch cqc-leadership \\
                     --smtp smtp.example.org:587 --from monitor@example.org --to editor@example.org
        kb digest --since 7d --format html --out week.html
    """
    from .digest import already_sent, build, mark_sent, render
    from .follow import BadFilter, parse_since
    from .mail import SendError, message, parse_server, send
    from .watches import WatchError, load
    try:
        since = parse_since(since_text)
    except BadFilter as e:
        raise click.BadParameter(str(e), param_hint="--since") from None
    try:
        watches = load(watches_path) if watch_names else {}
    except WatchError as e:
        raise click.UsageError(str(e)) from None
    unknown = [n for n in watch_names if n not in watches]
    if unknown:
        raise click.UsageError(f"no watch named {unknown[0]!r} (watches: {', '.join(sorted(watches)) or 'none'})")
    chosen = [watches[n] for n in dict.fromkeys(watch_names)]
    if smtp:
        if not sender or not recipients:
            raise click.UsageError("--smtp needs --from and at least one --to")
        try:
            parse_server(smtp)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--smtp") from None
    db = open_db(db_path)
    if not smtp:
        result = build(db.conn, since, chosen)
        if result.is_empty() and not always:
            click.echo(f"nothing new since {since}", err=True)
            return
        _write(render(result, fmt), out_path)
        return
    failed = 0
    for recipient in dict.fromkeys(recipients):
        sections = [w.name for w in chosen] or ["all"]
        result = build(db.conn, since, chosen, sent={name: already_sent(db.conn, name, recipient) for name in sections})
        if result.is_empty() and not always:
            click.echo(f"{recipient}: nothing new since {since}, nothing sent")
            continue
        events, documents = result.counts()
        subject = f"{result.title}: {events} new event{'s' * (events != 1)}, {documents} new document{'s' * (documents != 1)}"
        try:
            send(smtp, message(subject, sender, recipient, render(result, "markdown"), render(result, "html")),
                 os.environ)
        except SendError as e:
            click.echo(f"Error: {recipient}: not sent: {e}", err=True)
            failed += 1
            continue
        mark_sent(db, result, recipient)
        click.echo(f"{recipient}: sent {events} events and {documents} documents")
        if out_path:
            _write(render(result, fmt), out_path)
    if failed:
        sys.exit(EXIT_NOT_SENT)


def _write(text, out_path):
    if out_path:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        click.echo(text)

