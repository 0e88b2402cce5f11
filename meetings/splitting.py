"""Split a pasted numbered list of recommendations into items, or say why it cannot be done.

Accepted markers at the start of a line: ``1.``, ``1)``, ``(1)``, ``a.``, ``a)``, and bullets
(``-``, ``~``, ``•``, ``*``) as in the seeds. The first marker sets the style of the list; lines
with another style (``a.`` under ``1.``) and lines without a marker continue the current item, so
multi-line items and sub-points stay whole. A marker alone on its line (seed 000: "-" then the
text) takes the next lines as its text. Numbers and letters must run in order (1, 2, 3...) or the
list is refused with the line to correct: a half-split list is never returned.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

MARKER = re.compile(
    r"^\s*(?:\((?P<pnum>\d{1,3})\)|(?P<num>\d{1,3})[.)]|(?P<let>[a-zA-Z])[.)]|(?P<bul>[-~•*–]))"
    r"(?:\s+|$)(?P<rest>.*)$"
)
INLINE_NUM = re.compile(r"(?:(?<=\s)|(?<=^)|(?<=;)|(?<=,))(\d{1,2})\)\s*")


class ListSplitError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass
class _Marker:
    style: str  # "num", "let", "bul"
    value: int | None  # 1-based position for numbers and letters


def _marker(line: str):
    m = MARKER.match(line)
    if not m:
        return None, line
    if m.group("pnum") or m.group("num"):
        return _Marker("num", int(m.group("pnum") or m.group("num"))), m.group("rest")
    if m.group("let"):
        letter = m.group("let")
        # "a." starts a lettered item; a capital letter with a dot is more likely an initial
        # ("T. Hidayati"), so only lower-case letters count as markers
        if not letter.islower():
            return None, line
        return _Marker("let", ord(letter) - ord("a") + 1), m.group("rest")
    return _Marker("bul", None), m.group("rest")


def _collapse(text: str) -> str:
    return re.sub(r"[ \t]+", " ", text).strip()


def split_recommendations(text: str) -> list[str]:
    """The items of a pasted list, in order; ListSplitError (with the line) if it is not clean."""
    lines = (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(line.strip() for line in lines):
        raise ListSplitError(_("Daftar rekomendasi kosong."))
    style = None
    items: list[list[str]] = []
    starts: list[int] = []
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        marker, rest = _marker(line)
        if marker is not None and style is None:
            style = marker.style
        if marker is not None and marker.style == style:
            expected = len(items) + 1
            if marker.value is not None and marker.value != expected:
                if not items and marker.value != 1:
                    raise ListSplitError(
                        _("Baris %(line)d: daftar harus mulai dari nomor 1 atau huruf a.")
                        % {"line": lineno}, lineno)
                raise ListSplitError(
                    _("Baris %(line)d: nomor %(found)s tidak berurutan (seharusnya %(expected)s).")
                    % {"line": lineno, "found": _label(style, marker.value),
                       "expected": _label(style, expected)}, lineno)
            items.append([rest.strip()] if rest.strip() else [])
            starts.append(lineno)
        elif not items:
            if style is None and marker is None:
                continue  # text before any marker: decided below
            items.append([line.strip()])
            starts.append(lineno)
        else:
            items[-1].append(line.strip())
    if style is None:
        return _without_markers(lines)
    preamble = [i for i, line in enumerate(lines, start=1)
                if line.strip() and i < starts[0]]
    if preamble:
        raise ListSplitError(
            _("Baris %(line)d: ada teks sebelum nomor pertama. Hapus atau beri nomor.")
            % {"line": preamble[0]}, preamble[0])
    if style == "num" and len(items) == 1:
        inline = _inline(_collapse(" ".join(line.strip() for line in lines if line.strip())))
        if inline:
            return inline
    out = []
    for parts, lineno in zip(items, starts, strict=True):
        joined = _join(parts)
        if not joined:
            raise ListSplitError(_("Baris %(line)d: nomor tanpa isi rekomendasi.")
                                 % {"line": lineno}, lineno)
        out.append(joined)
    return out


def _join(parts: list[str]) -> str:
    """Continuation lines join with a space; a sub-point (another marker) keeps its own line."""
    text = ""
    for part in parts:
        if not part:
            continue
        if text and _marker(part)[0] is not None:
            text += "\n" + _collapse(part)
        else:
            text = f"{text} {_collapse(part)}" if text else _collapse(part)
    return text.strip()


def _without_markers(lines: list[str]) -> list[str]:
    """No marker at the start of any line: one paragraph is one recommendation; an inline list
    "1) ...; 2) ..." is split if its numbers run in order; anything else is refused."""
    body = _collapse(" ".join(line.strip() for line in lines if line.strip()))
    inline = _inline(body)
    if inline:
        return inline
    if sum(1 for line in lines if line.strip()) > 1:
        raise ListSplitError(
            _("Rekomendasi tidak bernomor. Awali setiap rekomendasi dengan nomor (1. 2. 3.), "
              "huruf (a. b.) atau tanda “-”."), 1)
    return [body]


def _inline(body: str) -> list[str] | None:
    """An inline list "1) ...; 2) ...; dan 3) ..." whose numbers run 1, 2, 3 from the start."""
    found = list(INLINE_NUM.finditer(body))
    numbers = [int(m.group(1)) for m in found]
    if len(found) < 2 or numbers != list(range(1, len(found) + 1)) or found[0].start() != 0:
        return None
    pieces = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(body)
        piece = body[m.end():end].strip().rstrip(";,").strip()
        piece = re.sub(r"[;,]?\s*dan$", "", piece).strip()
        if not piece:
            raise ListSplitError(_("Nomor %(n)d tanpa isi rekomendasi.") % {"n": numbers[i]})
        pieces.append(piece)
    return pieces


def _label(style: str, value: int) -> str:
    return chr(ord("a") + value - 1) if style == "let" else str(value)


def numbered(items: list[str]) -> str:
    """Items back as a numbered list (what the correction box shows)."""
    return "\n".join(f"{i}. {item}" for i, item in enumerate(items, start=1))
