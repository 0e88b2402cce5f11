"""Numbers the Indonesian way: "Rp 1.250.000" (dots group thousands), "12,5" (comma decimals).

Forms, the .xlsx import and the services all read amounts through `parse_amount`, so a figure
typed on the page and one in a spreadsheet are understood alike.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

_RP = re.compile(r"^\s*(rp\.?)?\s*", re.I)


class AmountError(ValueError):
    pass


def parse_amount(value, *, rupiah: bool = False) -> Decimal:
    """A non-negative number from a Decimal, an int/float or text; AmountError with an Indonesian
    message otherwise. `rupiah`: whole rupiah, dots are thousands separators."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise AmountError(_("Wajib diisi."))
    if isinstance(value, bool):
        raise AmountError(_("Bukan angka."))
    if isinstance(value, Decimal | int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(str(value))
    else:
        text = _RP.sub("", str(value)).replace(" ", "").replace("\u00a0", "")
        if rupiah:
            text = text.replace(".", "")
            if re.fullmatch(r"-?\d+,0+", text):
                text = text.split(",")[0]
        elif "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif re.fullmatch(r"-?\d{1,3}(\.\d{3}){2,}", text) or re.fullmatch(r"-?\d{1,3}\.\d{3}",
                                                                             text):
            text = text.replace(".", "")  # 1.250 is one thousand two hundred and fifty
        if not re.fullmatch(r"-?\d+(\.\d+)?", text):
            raise AmountError(_("“%(value)s” bukan angka.") % {"value": value})
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise AmountError(_("“%(value)s” bukan angka.") % {"value": value}) from None
    if not number.is_finite():
        raise AmountError(_("Bukan angka."))
    if number < 0:
        raise AmountError(_("Tidak boleh negatif."))
    if rupiah and number != number.to_integral_value():
        raise AmountError(_("Rupiah ditulis tanpa sen."))
    if number >= Decimal(10) ** 13:
        raise AmountError(_("Angka terlalu besar."))
    return number.quantize(Decimal(1)) if rupiah else number


def rupiah(value) -> str:
    """'Rp 1.250.000'; '—' for None."""
    if value is None or value == "":
        return "—"
    n = int(Decimal(value).to_integral_value())
    sign = "-" if n < 0 else ""
    return f"Rp {sign}{abs(n):,}".replace(",", ".")


def number_id(value) -> str:
    """12.5 → '12,5', 1250 → '1.250'."""
    if value is None or value == "":
        return "—"
    d = Decimal(value)
    if d == d.to_integral_value():
        return f"{int(d):,}".replace(",", ".")
    whole, _sep, frac = f"{d.normalize():f}".partition(".")
    return f"{int(whole):,}".replace(",", ".") + "," + frac
