"""Structured logs that never carry a victim's identity.

- `RequestLogMiddleware` gives every request an id (the proxy's `X-Request-ID` when it is a plain
  token, otherwise a new one, echoed in the response) and writes one `gugus_tugas.request` line
  per request: method, path, status, duration. The path is logged without its query string: a
  search box (`?q=`) may hold a victim's name or NIK.
- `ContextFilter` adds to every record of the process: request id, path, user id (the integer key,
  never the email), task force code; in a Celery task, the task's id and name.
- `IdentityRedactionFilter` makes each record safe before any formatter sees it: a message that
  cannot be rendered because it holds a sealed identity (`cases.crypto.Sealed` raises on `str()`)
  is replaced by a notice; NIK-like 16-digit numbers, email addresses and Indonesian mobile
  numbers are masked in the message, the traceback and the extra fields; extra fields named like
  identity fields (`name`, `nik`, `contact`, ...) are dropped.
- `JsonFormatter`: one JSON object per line for production (`LOG_FORMAT=json`).

Sealed values already keep names out of logs (code cannot print them); the patterns are the
second lock for plain text that slipped through (an exception message quoting an imported row).
"""

import json
import logging
import re
import secrets
import time
import traceback
from contextvars import ContextVar
from datetime import UTC, datetime

from django.utils.functional import empty

_context: ContextVar[dict | None] = ContextVar("log_context", default=None)

NIK = re.compile(r"(?<!\d)\d{16}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w+-])(?:\+62|62|0)8\d(?:[\s.-]?\d){6,10}(?!\d)")
# Keys of victims' and cases' identity fields (cases.crypto.EncryptedTextField and the import
# columns), as they could be passed in `extra=`.
IDENTITY_KEYS = frozenset({
    "name", "full_name", "nama", "nik", "contact", "kontak", "phone", "telepon", "email",
    "address", "alamat", "narrative", "kronologi", "notes", "catatan", "birth_date",
    "tanggal_lahir", "identity", "identitas",
})
WITHHELD = "[log message withheld: it held a victim's identity]"
REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

# Attributes every LogRecord has: anything else came from `extra=`.
_STANDARD = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message", "asctime", "request_id", "path", "user_id", "task_force", "task_id", "task"}


def redact(text: str) -> str:
    text = NIK.sub("[NIK]", text)
    text = EMAIL.sub("[email]", text)
    return PHONE.sub("[phone]", text)


def _safe_message(record: logging.LogRecord) -> str:
    from cases.crypto import IdentityLocked  # not at import: logging is configured before apps

    try:
        return record.getMessage()
    except IdentityLocked:  # never lose the line silently: keep the code's own template
        return f"{WITHHELD}: {record.msg!r}" if isinstance(record.msg, str) else WITHHELD
    except Exception as exc:
        return f"[unformattable log message {record.msg!r}: {type(exc).__name__}]"


class IdentityRedactionFilter(logging.Filter):
    def filter(self, record):
        if getattr(record, "_redacted", False):
            return True
        record.msg = redact(_safe_message(record))
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for key in [k for k in vars(record) if k not in _STANDARD and not k.startswith("_")]:
            value = getattr(record, key)
            if key.lower() in IDENTITY_KEYS:
                delattr(record, key)
            elif isinstance(value, str):
                setattr(record, key, redact(value))
            elif not isinstance(value, int | float | bool | type(None)):
                # an object's repr can quote what it holds: Django's `request` extra shows the
                # query string (a search for a name); the path is on the record already
                setattr(record, key, type(value).__name__)
        record._redacted = True
        return True


class ContextFilter(logging.Filter):
    """Request or task context on every record (None outside either)."""

    def filter(self, record):
        context = _context.get() or {}
        request = context.get("request")
        record.request_id = context.get("request_id")
        record.path = getattr(request, "path_info", None)
        record.user_id = _user_id(request)
        task_force = getattr(request, "task_force", None)
        record.task_force = getattr(task_force, "code", None)
        record.task_id = context.get("task_id")
        record.task = context.get("task")
        return True


def _user_id(request):
    user = getattr(request, "__dict__", {}).get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)  # SimpleLazyObject: never load it from a log line
    if wrapped is None or wrapped is empty:
        return None
    return getattr(wrapped, "pk", None)


class JsonFormatter(logging.Formatter):
    FIELDS = ("request_id", "path", "user_id", "task_force", "task_id", "task")

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": _safe_message(record),
        }
        for key in self.FIELDS:
            value = getattr(record, key, None)
            if value is not None:
                entry[key] = value
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = value if isinstance(value, int | float | bool) else str(value)
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return redact(json.dumps(entry, ensure_ascii=False, default=str))


class TextFormatter(logging.Formatter):
    """Development: one readable line, the same context, the same masking."""

    def format(self, record):
        line = super().format(record)
        context = " ".join(f"{key}={getattr(record, key)}" for key in JsonFormatter.FIELDS
                           if getattr(record, key, None) is not None)
        return redact(f"{line} [{context}]" if context else line)


request_log = logging.getLogger("gugus_tugas.request")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        # not a uuid4 hex: 16 decimal digits in a row would be masked as a NIK
        request_id = given if REQUEST_ID.match(given) else secrets.token_urlsafe(12)
        request.request_id = request_id
        token = _context.set({"request": request, "request_id": request_id})
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            request_log.info(
                "%s %s %s", request.method, request.path_info, response.status_code,
                extra={"method": request.method, "status": response.status_code,
                       "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
            return response
        finally:
            _context.reset(token)


def task_started(task_id=None, task=None, **kwargs):
    """Celery `task_prerun`: the task's id and name on its log lines."""
    if task is not None:
        task.request.log_context_token = _context.set(
            {"task_id": task_id, "task": getattr(task, "name", None)})


def task_finished(task=None, **kwargs):
    token = getattr(getattr(task, "request", None), "log_context_token", None)
    if token is not None:
        try:
            _context.reset(token)
        except ValueError:  # set in another context (eager call inside a request)
            _context.set(None)
