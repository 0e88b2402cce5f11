"""An iCalendar (RFC 5545) feed of a task force's meetings, written by hand: all-day events."""

from datetime import timedelta

from django.utils import timezone


def _escape(text: str) -> str:
    return (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace(
        "\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets are folded (continuation lines start with a space)."""
    out, raw = [], line.encode("utf-8")
    while len(raw) > 75:
        cut = 75 if not out else 74
        while cut > 0 and (raw[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        out.append(raw[:cut].decode("utf-8"))
        raw = raw[cut:]
    out.append(raw.decode("utf-8"))
    return "\r\n ".join(out)


def meetings_ics(*, task_force, meetings, host: str) -> str:
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//GT PP-TPPO//Rapat//ID",
             "CALSCALE:GREGORIAN", f"X-WR-CALNAME:{_escape('Rapat ' + task_force.name)}",
             f"X-WR-TIMEZONE:{task_force.timezone}"]
    for m in meetings:
        location = ", ".join(p for p in (m.venue, m.city) if p)
        lines += [
            "BEGIN:VEVENT", f"UID:{m.code}@{host.split(':')[0] or 'gugustugas'}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{m.start_date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{m.end_date + timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(m.title)}",
        ]
        if location:
            lines.append(f"LOCATION:{_escape(location)}")
        if m.theme or m.objectives:
            lines.append(f"DESCRIPTION:{_escape(m.theme or m.objectives)}")
        lines.append("STATUS:CANCELLED" if m.status == "cancelled" else "STATUS:CONFIRMED")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
