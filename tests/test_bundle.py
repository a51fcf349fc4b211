"""`kb publish DIR`: the bundle is served from itself alone (its serve.sh, with the project's own packages made
unimportable and the original database gone) on 127.0.0.1, and answers /, /timeline and /document/<id>."""
import os
import shutil
import subprocess
import sys
import time

import httpx
import pytest
from click.testing import CliRunner

from kb.cli import cli
from tests.live_server import free_port
from tests.test_researcher_pages import ARCHIVED_BODY, build

# `datasette` for serve.sh: the venv's Datasette, without the project's editable install (kb comes from the bundle's
# own copy) and with enrich and harvester refused at import.
DATASETTE_SHIM = """#!/bin/sh
exec {python} -c 'import sys
sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in getattr(f, "__module__", "")]
for name in ("enrich", "harvester", "tests"):
    sys.modules[name] = None
import kb
assert kb.__file__.startswith("'"$PWD"'"), kb.__file__
from datasette.cli import cli
cli()' "$@"
"""


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    source = tmp_path_factory.mktemp("source")
    db = build(source / "monitor.db")
    ids = {url: db.execute("select id from documents where url = ?", [url]).fetchone()[0]
           for url in ("https://news.example/cqc-chief", "https://press.example/ics-pause")}
    db.conn.close()
    out = tmp_path_factory.mktemp("bundle") / "site"
    result = CliRunner().invoke(cli, ["publish", str(out), "--db", str(source / "monitor.db")])
    assert result.exit_code == 0, result.output
    shutil.rmtree(source)  # the bundle must not need the original
    return out, ids, result.output


def test_the_bundle_holds_everything_a_replica_needs(bundle):
    out, _, output = bundle
    names = {p.name for p in out.iterdir()}
    assert {"kb.db", "metadata.yml", "plugins", "templates", "requirements.txt", "Dockerfile", "serve.sh",
            "archive"} <= names
    assert {p.name for p in (out / "plugins").iterdir()} >= {"timeline_pages.py", "researcher_pages.py"}
    requirements = (out / "requirements.txt").read_text().splitlines()
    assert all("==" in line for line in requirements)
    assert {line.split("==")[0] for line in requirements} >= {"datasette", "datasette-atom", "warcio"}
    serve = (out / "serve.sh").read_text()
    assert "datasette serve -i kb.db --metadata metadata.yml --plugins-dir plugins --template-dir templates" in serve
    assert "datasette serve -i kb.db" in output
    assert 'CMD ["sh", "serve.sh"]' in (out / "Dockerfile").read_text()
    assert (out / "archive" / "run.warc.gz").is_file()


def test_publishing_again_refreshes_the_bundle_and_refuses_other_directories(bundle, tmp_path):
    out, _, _ = bundle
    db = build(tmp_path / "kb.db")
    db.conn.close()
    again = CliRunner().invoke(cli, ["publish", str(out), "--db", str(tmp_path / "kb.db"), "--no-archive"])
    assert again.exit_code == 0, again.output
    other = tmp_path / "not-a-bundle"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    refused = CliRunner().invoke(cli, ["publish", str(other), "--db", str(tmp_path / "kb.db")])
    assert refused.exit_code != 0 and "not empty" in refused.output
    assert (other / "notes.txt").read_text() == "mine"


def test_the_bundle_serves_from_itself_alone(bundle, tmp_path):
    out, ids, _ = bundle
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "datasette").write_text(DATASETTE_SHIM.format(python=sys.executable))
    (shim / "datasette").chmod(0o755)
    port = free_port()
    env = dict(os.environ, PATH=f"{shim}:{os.environ['PATH']}", HOST="127.0.0.1", PORT=str(port))
    log = open(tmp_path / "serve.log", "wb")
    server = subprocess.Popen(["sh", str(out / "serve.sh")], cwd=tmp_path, env=env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            assert server.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
            try:
                if httpx.get(base + "/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.time() < deadline, "the bundle's server did not start"
            time.sleep(0.2)
        front = httpx.get(base + "/")
        assert front.status_code == 200 and "CQC monitor" in front.text and "Dash review" in front.text
        timeline = httpx.get(base + "/timeline")
        assert timeline.status_code == 200 and "Alan Example appointed chief executive" in timeline.text
        document = httpx.get(f"{base}/document/{ids['https://news.example/cqc-chief']}")
        assert document.status_code == 200 and "CQC names its new chief executive" in document.text
        pause = httpx.get(f"{base}/document/{ids['https://press.example/ics-pause']}.json").json()
        (record,) = pause["archived_copies"]
        archived = httpx.get(f"{base}/document/{ids['https://press.example/ics-pause']}/archive/{record['id']}")
        assert archived.status_code == 200 and archived.content == ARCHIVED_BODY
        # read-only: immutable, and no arbitrary SQL on a public replica
        (database,) = [d for d in httpx.get(base + "/-/databases.json").json() if d["name"] == "kb"]
        assert database["is_mutable"] is False
        assert httpx.get(base + "/kb.json?sql=select+1").status_code == 403
        assert httpx.get(base + "/kb/timeline.json?_shape=array").status_code == 200
        # the feeds, watches and calendar run on the bundle's copy of the library
        assert "<entry>" in httpx.get(base + "/feeds/events.atom").text
        assert httpx.get(base + "/feeds").status_code == 200
        assert httpx.get(base + "/kb/calendar.ics").text.startswith("BEGIN:VCALENDAR")
    finally:
        os.killpg(server.pid, 15)
        server.wait(10)
        log.close()
