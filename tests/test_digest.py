"""`kb digest`: the formats, and sending through a real SMTP server (aiosmtpd) started on 127.0.0.1 here:
multipart mail, nothing sent twice to one recipient for one watch, and the failures (a recipient refused,
a server that is down, a login that would go in clear) leave nothing marked sent."""
import email
import email.policy
import json
import socket
from datetime import date, timedelta

import pytest
from aiosmtpd.controller import Controller
from bs4 import BeautifulSoup
from click.testing import CliRunner

from kb.cli import cli
from kb.db import connect
from tests.follow_fixture import LATER_REPORT, WATCHES, add, build


@pytest.fixture
def kb(tmp_path):
    db = build(tmp_path / "kb.db")
    (tmp_path / "watches.yml").write_text(WATCHES)
    yield db, tmp_path
    db.conn.close()


def run(tmp_path, *args, env=None):
    result = CliRunner().invoke(cli, ["digest", "--db", str(tmp_path / "kb.db"), "--watches",
                                      str(tmp_path / "watches.yml"), *args], env=env or {})
    return result


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler keeping every message; it refuses the addresses in `refuse` at RCPT."""

    def __init__(self, refuse=()):
        self.messages, self.refuse = [], set(refuse)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos[:], email.message_from_bytes(envelope.content,
                                                                             policy=email.policy.default)))
        return "250 Message accepted"


@pytest.fixture
def smtp():
    """A real SMTP server on 127.0.0.1 (no STARTTLS), its inbox, and its HOST:PORT."""
    inbox = Inbox(refuse={"nobody@example.org"})
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield inbox, f"127.0.0.1:{controller.port}"
    controller.stop()


def sent_rows(db):
    return {(r["watch"], r["recipient"], r["item"]) for r in db.query("select * from digest_sent")}


def test_markdown_digest_groups_events_by_type_with_citations(kb):
    db, tmp_path = kb
    result = run(tmp_path, "--since", "7d")
    assert result.exit_code == 0, result.output
    text = result.output
    assert "### Appointments (1)" in text and "### Departures (1)" in text and "### Pauses (1)" in text
    assert text.index("### Appointments") < text.index("### Departures") < text.index("### Pauses")
    assert "[CQC names its new chief executive](<https://news.example/cqc-chief>)" in text
    assert "### New documents (5)" in text
    assert "£99m (spend)" in text  # the money a new document states


def test_a_watch_selects_its_types_entities_and_documents(kb):
    db, tmp_path = kb
    text = run(tmp_path, "--since", "7d", "--watch", "cqc-leadership").output
    assert "## CQC leadership" in text
    assert "Appointments (1)" in text and "Departures (1)" in text and "Pauses" not in text
    trade = run(tmp_path, "--since", "7d", "--watch", "trade").output
    assert "[Chief executive leaves CQC](<https://trade.example/leaves>)" in trade
    assert "cqc-chief" not in trade.split("### New documents")[1]


def test_html_and_json_formats_and_consultations_closing_soon(kb):
    db, tmp_path = kb
    closes = (date.today() + timedelta(days=5)).isoformat()
    db["consultations"].insert({"key": "test:soon", "title": "Consultation on <fees>", "organisation": "Example Body",
                                "opening_date": "2025-01-01", "closing_date": closes,
                                "url": "https://cqc.example/consultation"})
    result = run(tmp_path, "--since", "7d", "--format", "html", "--out", str(tmp_path / "digest.html"))
    assert result.exit_code == 0 and result.output == ""
    page = BeautifulSoup((tmp_path / "digest.html").read_text(), "html.parser")
    assert [h.get_text() for h in page.select("h3")][:2] == ["Appointments (1)", "Departures (1)"]
    assert "https://news.example/cqc-chief" in {a["href"] for a in page.select("a")}
    soon = page.find("h2", string="Consultations closing soon").find_next("li").get_text()
    assert "Consultation on <fees>" in soon and closes in soon  # harvested text escaped, shown as text
    data = json.loads(run(tmp_path, "--since", "7d", "--format", "json").output)
    (section,) = data["sections"]
    assert set(section["events"]) == {"appointment", "departure", "pause", "review_commissioned", "consultation"}
    assert section["events"]["departure"][0]["citations"][0]["url"] == "https://trade.example/leaves"
    assert [c["closing_date"] for c in data["closing_soon"]] == [closes]


def test_nothing_new_writes_nothing_unless_always(kb):
    db, tmp_path = kb
    out = tmp_path / "quiet.md"
    result = run(tmp_path, "--since", "2999-01-01", "--out", str(out))
    assert result.exit_code == 0 and not out.exists()
    assert "nothing new" in result.stderr
    assert run(tmp_path, "--since", "2999-01-01", "--out", str(out), "--always").exit_code == 0
    assert "Nothing new." in out.read_text()


def test_bad_options_are_usage_errors(kb):
    _, tmp_path = kb
    assert run(tmp_path, "--since", "yesterday").exit_code == 2
    assert "no watch named 'nope'" in run(tmp_path, "--watch", "nope").output
    assert run(tmp_path, "--smtp", "127.0.0.1:25").exit_code == 2  # no --from or --to
    assert run(tmp_path, "--smtp", "localhost", "--from", "a@example.org", "--to", "b@example.org").exit_code == 2


def test_sends_multipart_mail_once_per_recipient_and_watch(kb, smtp):
    db, tmp_path = kb
    inbox, server = smtp
    args = ["--since", "7d", "--watch", "cqc-leadership", "--smtp", server, "--from", "monitor@example.org",
            "--to", "editor@example.org"]
    first = run(tmp_path, *args)
    assert first.exit_code == 0, first.output
    ((to, msg),) = inbox.messages
    assert to == ["editor@example.org"] and msg["To"] == "editor@example.org"
    assert msg["Subject"] == "CQC monitor: CQC leadership: 2 new events, 5 new documents"
    assert msg.get_content_type() == "multipart/alternative"
    plain, html = msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()
    assert "Ian Sample leaves post" in plain and "Ian Sample leaves post" in html
    assert "https://trade.example/leaves" in plain and 'href="https://trade.example/leaves"' in html
    assert ("cqc-leadership", "editor@example.org", "event:" + next(db.query(
        "select key from events where type = 'departure'"))["key"]) in sent_rows(db)

    again = run(tmp_path, *args)  # the next cron run: nothing new, nothing sent
    assert again.exit_code == 0 and len(inbox.messages) == 1
    assert "nothing new" in again.output

    add(db, [LATER_REPORT])  # a new report of the departure: a new document, not a new event
    third = run(tmp_path, *args)
    assert third.exit_code == 0 and len(inbox.messages) == 2
    plain = inbox.messages[1][1].get_body(("plain",)).get_content()
    assert "https://trade.example/departure-again" in plain
    assert "### Departures" not in plain  # that event was sent already

    other = run(tmp_path, *args[:-1], "someone@example.org")  # another recipient has had nothing yet
    assert other.exit_code == 0 and len(inbox.messages) == 3
    assert "### Departures (1)" in inbox.messages[2][1].get_body(("plain",)).get_content()


def test_a_refused_recipient_is_an_error_and_is_not_marked_sent(kb, smtp):
    db, tmp_path = kb
    inbox, server = smtp
    result = run(tmp_path, "--since", "7d", "--smtp", server, "--from", "monitor@example.org",
                 "--to", "nobody@example.org", "--to", "editor@example.org")
    assert result.exit_code == 1
    assert "nobody@example.org" in result.stderr and "550" in result.stderr
    assert [to for to, _ in inbox.messages] == [["editor@example.org"]]
    recipients = {r[1] for r in sent_rows(db)}
    assert recipients == {"editor@example.org"}


def test_a_server_that_is_down_is_an_error_and_nothing_is_marked_sent(kb):
    db, tmp_path = kb
    port = free_port()  # nothing listens there
    result = run(tmp_path, "--since", "7d", "--smtp", f"127.0.0.1:{port}", "--from", "monitor@example.org",
                 "--to", "editor@example.org")
    assert result.exit_code == 1
    assert f"cannot send through 127.0.0.1:{port}" in result.stderr
    assert sent_rows(connect(str(tmp_path / "kb.db"))) == set()


def test_no_password_over_a_connection_without_starttls(kb, smtp):
    db, tmp_path = kb
    inbox, server = smtp
    env = {"KB_SMTP_USER": "monitor", "KB_SMTP_PASSWORD": "secret"}
    result = run(tmp_path, "--since", "7d", "--smtp", server, "--from", "monitor@example.org",
                 "--to", "editor@example.org", env=env)
    assert result.exit_code == 1 and "without STARTTLS" in result.stderr
    assert inbox.messages == [] and sent_rows(db) == set()
    required = run(tmp_path, "--since", "7d", "--smtp", server, "--from", "monitor@example.org",
                   "--to", "editor@example.org", env={"KB_SMTP_STARTTLS": "required"})
    assert required.exit_code == 1 and "does not offer STARTTLS" in required.stderr


@pytest.fixture
def tls_smtp(tmp_path):
    """A real SMTP server on 127.0.0.1 that requires STARTTLS (a certificate made here with openssl) and a
    login over it; its inbox, HOST:PORT, and the certificate to trust."""
    import shutil
    import ssl
    import subprocess

    from aiosmtpd.smtp import AuthResult
    if not shutil.which("openssl"):
        pytest.skip("openssl is needed to make the test server's certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out",
                    str(cert)], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def check_login(server, session, envelope, mechanism, auth_data):
        given = [x.decode() if isinstance(x, bytes) else x for x in (auth_data.login, auth_data.password)]
        return AuthResult(success=given == ["monitor", "secret"], handled=False)
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), tls_context=context,
                            require_starttls=True, authenticator=check_login, auth_require_tls=True)
    controller.start()
    yield inbox, f"127.0.0.1:{controller.port}", str(cert)
    controller.stop()


def test_starttls_and_login_from_the_environment(kb, tls_smtp):
    db, tmp_path = kb
    inbox, server, cert = tls_smtp
    args = ["--since", "7d", "--smtp", server, "--from", "monitor@example.org", "--to", "editor@example.org"]
    wrong = run(tmp_path, *args, env={"KB_SMTP_USER": "monitor", "KB_SMTP_PASSWORD": "guess",
                                      "KB_SMTP_CAFILE": cert})
    assert wrong.exit_code == 1 and "535" in wrong.stderr and sent_rows(db) == set()
    untrusted = run(tmp_path, *args, env={"KB_SMTP_USER": "monitor", "KB_SMTP_PASSWORD": "secret"})
    assert untrusted.exit_code == 1 and "certificate" in untrusted.stderr.lower()
    good = run(tmp_path, *args, env={"KB_SMTP_USER": "monitor", "KB_SMTP_PASSWORD": "secret",
                                     "KB_SMTP_CAFILE": cert})
    assert good.exit_code == 0, good.output
    assert len(inbox.messages) == 1 and {r[1] for r in sent_rows(db)} == {"editor@example.org"}
