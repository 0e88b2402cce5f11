"""The import's columns, each declared once: name, aliases, parser, required, length, message.

A parser takes the raw cell (str, int, float, datetime) and returns the stored value or raises
`Bad` with the message shown to the person; guesses it makes are noted in the `Context`."""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from ..countries import resolve_country
from ..models import Case, Exploitation, Service
from ..validation import NAME_MAX, clean_text

EMPTY = {"", "-", "–", "—", "--"}
FORMULA_START = ("=", "+", "@")


class Bad(ValueError):
    """A cell that cannot be read; its message is the one shown."""


@dataclass
class Context:
    regions: set[str]
    month_first: set[str] = field(default_factory=set)  # date columns read month/day/year
    notes: dict[str, str] = field(default_factory=dict)  # one note per kind of guess

    def note(self, key: str, message: str) -> None:
        self.notes.setdefault(key, message)


@dataclass(frozen=True)
class Column:
    name: str
    parse: Callable[[object, Context, str], object]  # (value, context, column) -> value
    aliases: tuple[str, ...] = ()
    required: bool = False  # in the header and in every row
    max_length: int | None = None
    message: str = ""  # when required and empty
    case_level: bool = False  # the same in every row of one case
    help: str = ""  # what the column holds, shown with the list of columns

    def read(self, value, ctx: "Context"):
        """The cell's stored value (None when empty), or Bad with the message to show."""
        if isinstance(value, str):
            value = value.strip()
        if value is None or (isinstance(value, str) and value in EMPTY):
            if self.required:
                raise Bad(str(self.message))
            return None
        parsed = self.parse(value, ctx, self.name)
        if self.max_length and len(parsed) > self.max_length:
            raise Bad(_("Paling panjang %(n)s karakter (tertulis %(len)s).")
                      % {"n": self.max_length, "len": len(parsed)})
        if self.required and parsed in ("", None):
            raise Bad(str(self.message))
        return parsed


def _text(value, ctx, column):
    return clean_text(str(value))


def _parse_date_cell(value, ctx, column):
    try:
        return parse_date(value, month_first=column in ctx.month_first)
    except (ValueError, OverflowError):
        raise Bad(_("Tanggal tidak dikenali. Gunakan 2023-05-17, 17/05/2023 atau "
                    "17 Mei 2023.")) from None


def _region(value, ctx, column):
    if isinstance(value, bool):
        raise Bad(_("Kode wilayah %(code)s tidak dikenal.") % {"code": value})
    if isinstance(value, float) and math.isfinite(value):
        text = str(int(value)) if value.is_integer() else f"{value:.2f}"
    else:
        text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        text = f"{text[:2]}.{text[2:]}"
    padded = text + "0" if re.fullmatch(r"\d{2}\.\d", text) else text
    if padded not in ctx.regions:
        raise Bad(_("Kode wilayah %(code)s tidak dikenal.") % {"code": value})
    if re.fullmatch(r"\d{2}\.\d", str(value).strip()):  # 18.10 typed, 18.1 kept by Excel
        ctx.note(f"region-{column}", _(
            "Kolom %(column)s: kode %(raw)s dibaca sebagai %(code)s (Excel membuang angka 0 di "
            "belakang koma; format kolom sebagai teks).") % {
            "column": column, "raw": value, "code": padded})
    return padded


def _country(value, ctx, column):
    country = resolve_country(str(value))
    if country is None:
        raise Bad(_("Negara %(name)s tidak dikenal.") % {"name": value})
    return country


SEXES = {"l": "L", "lk": "L", "laki": "L", "laki_laki": "L", "lakilaki": "L", "pria": "L",
         "p": "P", "pr": "P", "perempuan": "P", "wanita": "P", "w": "P"}


def _sex(value, ctx, column):
    key = re.sub(r"[^a-z]+", "_", str(value).strip().lower()).strip("_")
    if key not in SEXES:
        raise Bad(_("Jenis kelamin harus L atau P (atau Laki-laki / Perempuan)."))
    return SEXES[key]


def _age(value, ctx, column):
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value) and float(value).is_integer():
            return int(value)
        raise Bad(_("Usia harus bilangan bulat tahun, mis. 25 atau 25 tahun."))
    match = re.fullmatch(r"(\d{1,3})(?:[.,]0+)?\s*(?:tahun|thn|th)?\.?", str(value).strip(), re.I)
    if not match:
        raise Bad(_("Usia harus bilangan bulat tahun, mis. 25 atau 25 tahun."))
    return int(match.group(1))


EXCEL_ROUNDED = _l("Excel membulatkan angka ini: format kolom sebagai teks, lalu ketik ulang NIK.")


def _nik(value, ctx, column):
    """The NIK as typed; a number Excel stored as a float (15 significant digits) is refused."""
    if isinstance(value, bool):
        raise Bad(_("NIK harus 16 digit angka."))
    if isinstance(value, float):
        if not value.is_integer() or value >= 1e16 or int(value) % 10 == 0:
            raise Bad(str(EXCEL_ROUNDED))
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    text = str(value).strip()
    if re.fullmatch(r"\d(?:[.,]\d+)?[eE]\+?\d+", text):
        raise Bad(str(EXCEL_ROUNDED))
    return re.sub(r"^(\d{16})\.0+$", r"\1", text)


def _dates(value, ctx, column):
    """One date, or several separated by `;` (one per service of the row)."""
    if not isinstance(value, str):
        return [_parse_date_cell(value, ctx, column)]
    return [None if part.strip() in EMPTY else _parse_date_cell(part.strip(), ctx, column)
            for part in value.split(";")]


PROVIDER_MAX = Service._meta.get_field("provider_agency").max_length


def _texts(value, ctx, column):
    """One text, or several separated by `;` (one per service of the row)."""
    texts = ["" if part.strip() in EMPTY else clean_text(part) for part in str(value).split(";")]
    for text in texts:
        if len(text) > PROVIDER_MAX:
            raise Bad(_("Paling panjang %(n)s karakter (tertulis %(len)s).")
                      % {"n": PROVIDER_MAX, "len": len(text)})
    return texts


def _rupiah(value, ctx, column):
    """An amount in rupiah, whole and not negative: 25000000, "Rp 25.000.000", "25.000.000,00",
    "Rp 25.000.000,-", "25,000,000" (grouping by dots or commas; cents of zero dropped)."""
    from decimal import Decimal

    if isinstance(value, bool):
        raise Bad(_("Jumlah rupiah tidak dikenali; tulis angka saja, mis. 25000000."))
    if isinstance(value, int | float):
        if not math.isfinite(value) or not float(value).is_integer():
            raise Bad(_("Jumlah rupiah harus bilangan bulat, mis. 25000000."))
        amount = int(value)
    else:
        text = re.sub(r"^rp\.?\s*", "", str(value).strip(), flags=re.I).replace(" ", "")
        text = re.sub(r"[.,]-$", "", text)  # "Rp 25.000.000,-"
        text = re.sub(r"[.,]00?$", "", text) if re.search(r"\d{3}[.,]00?$", text) else text
        negative = text.startswith("-")
        digits = text.lstrip("-")
        if not re.fullmatch(r"\d{1,3}(?:([.,])\d{3})?(?:\1\d{3})*|\d+", digits):
            raise Bad(_("Jumlah rupiah tidak dikenali; tulis angka saja, mis. 25000000."))
        amount = -int(re.sub(r"[.,]", "", digits)) if negative else int(re.sub(r"[.,]", "", digits))
    if amount < 0:
        raise Bad(_("Jumlah restitusi tidak boleh negatif."))
    if amount >= 10 ** 15:
        raise Bad(_("Jumlah rupiah terlalu besar."))
    return Decimal(amount)


def _codes(choices, message):
    def parse(value, ctx, column):
        codes = [c.strip() for c in str(value).split(";") if c.strip()]
        for code in codes:
            if code not in choices:
                raise Bad(message % {"code": code})
        return list(dict.fromkeys(codes))
    return parse


SPECS: dict[str, Column] = {c.name: c for c in [
    Column("no_kasus", _text, ("nomor_kasus", "no_register", "nomor_register"),
           required=True, max_length=Case._meta.get_field("register_number").max_length,
           message=_l("Nomor kasus wajib diisi.")),
    Column("tanggal_lapor", _parse_date_cell, ("tgl_lapor", "tanggal_laporan", "tanggal_pelaporan"),
           required=True, message=_l("Tanggal lapor wajib diisi."), case_level=True),
    Column("tanggal_kejadian", _parse_date_cell, ("tgl_kejadian",), case_level=True),
    Column("kode_wilayah_kejadian", _region, ("wilayah_kejadian",), case_level=True),
    Column("nama_korban", _text, ("nama", "nama_lengkap", "nama_lengkap_korban"), required=True,
           max_length=NAME_MAX, message=_l("Nama korban wajib diisi.")),
    Column("nik_korban", _nik, ("nik",)),
    Column("jenis_kelamin", _sex, ("jk", "l/p", "kelamin", "jenis_kelamin_korban"), required=True,
           message=_l("Jenis kelamin harus L atau P.")),
    Column("tanggal_lahir", _parse_date_cell, ("tgl_lahir",)),
    Column("usia", _age, ("umur", "usia_korban", "umur_korban")),
    Column("kode_wilayah_asal", _region, ("wilayah_asal", "daerah_asal")),
    Column("kode_wilayah_tujuan", _region, ("wilayah_tujuan", "daerah_tujuan")),
    Column("negara_tujuan", _country, ("negara",)),
    Column("bentuk_eksploitasi", _codes(Exploitation.Type.values, _l(
        "Kode eksploitasi tidak dikenal: %(code)s")), ("eksploitasi",)),
    Column("layanan", _codes(Service.Type.values, _l("Kode layanan tidak dikenal: %(code)s")),
           help=_l("Kode layanan yang sudah diberikan, dipisah titik koma.")),
    Column("tanggal_layanan", _dates, ("tgl_layanan",), help=_l(
        "Tanggal layanan diberikan: satu tanggal untuk semua layanan di baris itu, atau satu "
        "per layanan dengan urutan yang sama, dipisah titik koma. Bila kosong, layanan dicatat "
        "tanpa tanggal (bukan tanggal lapor) dan ditandai belum lengkap di halaman kasus.")),
    Column("instansi_layanan", _texts, ("instansi_pemberi_layanan", "pemberi_layanan"), help=_l(
        "Instansi pemberi layanan: satu untuk semua layanan di baris itu, atau satu per layanan "
        "dengan urutan yang sama, dipisah titik koma.")),
    Column("restitusi_dimohonkan", _rupiah, ("restitusi_diminta", "permohonan_restitusi"),
           case_level=True),
    Column("restitusi_diputus", _rupiah, ("restitusi_dikabulkan",), case_level=True),
    Column("restitusi_dibayar", _rupiah, (), case_level=True),
]}
COLUMNS = list(SPECS)
ALIASES = {alias: c.name for c in SPECS.values() for alias in c.aliases}
# what victim_fields() calls each of its fields, in the file's words
VICTIM_COLUMNS = {"name": "nama_korban", "sex": "jenis_kelamin", "nik": "nik_korban",
                  "birth_date": "tanggal_lahir", "age": "usia"}

MONTHS = {name: number for number, names in enumerate([
    ("januari", "january", "jan"), ("februari", "pebruari", "february", "feb", "peb"),
    ("maret", "march", "mar"), ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"),
    ("juli", "july", "jul"), ("agustus", "august", "agu", "agt", "ags", "aug"),
    ("september", "sept", "sep"), ("oktober", "october", "okt", "oct"),
    ("november", "nopember", "nov", "nop"), ("desember", "december", "des", "dec")], start=1)
    for name in names}
NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})")


def parse_date(value, *, month_first: bool = False) -> date | None:
    if value is None or (isinstance(value, str) and value.strip() in EMPTY):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) or (isinstance(value, str) and re.fullmatch(r"\d{5}", value)):
        serial = int(float(value))
        if 20000 < serial < 80000:  # a spreadsheet date serial
            return date(1899, 12, 30) + timedelta(days=serial)
        raise ValueError
    text = str(value).strip()
    if match := re.fullmatch(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})", text):
        year, month, day = map(int, match.groups())
        return date(year, month, day)
    if match := NUMERIC_DATE.fullmatch(text):
        first, second, year = map(int, match.groups())
        return date(year, first, second) if month_first else date(year, second, first)
    if match := re.fullmatch(r"(\d{1,2})[\s\-./]+([a-z]+)\.?[\s\-./]+(\d{4})", text.lower()):
        day, month, year = match.groups()
        if month not in MONTHS:
            raise ValueError
        return date(int(year), MONTHS[month], int(day))
    raise ValueError


def is_formula(value) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip()
    if text in EMPTY:
        return False
    return text.startswith(FORMULA_START) or (text.startswith("-") and not
                                              re.fullmatch(r"-\d+", text))


def looks_rounded(value) -> bool:
    """16 digits ending in 0, as Excel leaves a number of more than 15 significant digits."""
    return bool(re.fullmatch(r"\d{15}0(?:\.0+)?", str(value or "").strip()))


