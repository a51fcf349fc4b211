"""iCalendar output (`.ics`) for canned queries with `event_uid`, `event_name` and `event_dtstart` columns:
/kb/calendar.ics, the `calendar` query, for calendar clients. Like datasette-ics, but with all-day events
(the knowledge base's dates are days, not times) and written with the icalendar library, which folds and
escapes lines as RFC 5545 requires."""
from datetime import date, datetime, timedelta, timezone

from datasette import hookimpl
from datasette.utils.asgi import Response
from icalendar import Calendar, Event

REQUIRED = {"event_uid", "event_name", "event_dtstart"}


def render_ics(datasette, request, rows, columns, query_name, database):
    if not REQUIRED <= set(columns):
        return {"body": f"Bad request: an .ics needs the columns {', '.join(sorted(REQUIRED))}\n",
                "status_code": 400, "content_type": "text/plain; charset=utf-8"}
    calendar = Calendar()
    calendar.add("prodid", "-//CQC monitor//kb calendar//EN")
    calendar.add("version", "2.0")
    title = (datasette.metadata("queries", database=database) or {}).get(query_name, {}).get("title")
    calendar.add("x-wr-calname", title or query_name or "CQC monitor")
    stamp = datetime.now(timezone.utc).replace(microsecond=0)
    for row in rows:
        try:
            day = date.fromisoformat(str(row["event_dtstart"])[:10])
        except ValueError:
            continue  # a row without a full date has no day to show
        event = Event()
        event.add("uid", str(row["event_uid"]))
        event.add("dtstamp", stamp)
        event.add("summary", row["event_name"] or "")
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        if "event_description" in columns and row["event_description"]:
            event.add("description", row["event_description"])
        if "kind" in columns and row["kind"]:
            event.add("categories", [row["kind"]])
        source = row["source"] if "source" in columns else None
        if isinstance(source, str) and source.lower().startswith(("http://", "https://")):
            event.add("url", source)
        calendar.add_component(event)
    return Response(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


@hookimpl
def register_output_renderer():
    return {"extension": "ics", "render": render_ics, "can_render": lambda columns: REQUIRED <= set(columns)}
