"""Sending a digest by email over SMTP: one multipart message (plain text and HTML) per recipient.

The server is HOST:PORT. STARTTLS is used whenever the server offers it; the environment says the rest:
    KB_SMTP_STARTTLS   'required' (fail unless the server offers it), 'never', or 'auto' (the default)
    KB_SMTP_USER, KB_SMTP_PASSWORD   log in with these (only over STARTTLS: a password is never sent in clear)
    KB_SMTP_CAFILE     certificates to trust besides the system's (a private mail server's own CA)
"""
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

TIMEOUT = 30


class SendError(Exception):
    """The message was not accepted; the text says why, for the person reading cron's mail."""


def parse_server(value):
    host, sep, port = (value or "").rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{value!r} is not HOST:PORT (for example smtp.example.org:587)")
    return host.strip("[]"), int(port)


def message(subject, sender, recipient, text, html):
    msg = EmailMessage()
    msg["Subject"], msg["From"], msg["To"] = subject, sender, recipient
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    return msg


def send(server, msg, env):
    """Hand `msg` to the SMTP server `server` ('host:port'); raise SendError unless every recipient is taken."""
    host, port = parse_server(server)
    starttls = (env.get("KB_SMTP_STARTTLS") or "auto").lower()
    user, password = env.get("KB_SMTP_USER"), env.get("KB_SMTP_PASSWORD")
    try:
        with smtplib.SMTP(host, port, timeout=TIMEOUT) as smtp:
            smtp.ehlo()
            secure = False
            if starttls != "never" and smtp.has_extn("starttls"):
                smtp.starttls(context=ssl.create_default_context(cafile=env.get("KB_SMTP_CAFILE") or None))
                smtp.ehlo()
                secure = True
            elif starttls == "required":
                raise SendError(f"{host}:{port} does not offer STARTTLS (KB_SMTP_STARTTLS=required)")
            if user:
                if not secure:
                    raise SendError(f"not logging in to {host}:{port} without STARTTLS: the password would be sent "
                                    "in clear")
                smtp.login(user, password or "")
            refused = smtp.send_message(msg)
    except SendError:
        raise
    except smtplib.SMTPRecipientsRefused as e:
        raise SendError("recipient refused: " + "; ".join(f"{who}: {code} {_text(reply)}"
                                                         for who, (code, reply) in e.recipients.items())) from None
    except smtplib.SMTPResponseException as e:
        raise SendError(f"{host}:{port} answered {e.smtp_code} {_text(e.smtp_error)}") from None
    except (smtplib.SMTPException, OSError) as e:
        raise SendError(f"cannot send through {host}:{port}: {e or type(e).__name__}") from None
    if refused:
        raise SendError("recipient refused: " + "; ".join(f"{who}: {code} {_text(reply)}"
                                                         for who, (code, reply) in refused.items()))


def _text(reply):
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
