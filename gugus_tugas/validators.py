from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

SK_SCAN = _l("pindaian SK")
REGULATION_SCAN = _l("pindaian peraturan")
PROGRESS_EVIDENCE = _l("bukti kemajuan")
AGREEMENT_SCAN = _l("pindaian kesepakatan")


def validate_pdf_upload(upload, *, what=SK_SCAN) -> None:
    """A real PDF (checked by content, not by name) no larger than MAX_UPLOAD_BYTES; `what` names
    the document in the message ("Unggah pindaian SK ...")."""
    if upload.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Batasnya %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(settings.MAX_UPLOAD_BYTES)}
        )
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(0)
    if b"%PDF-" not in head[:1024]:
        raise ValidationError(_("Berkas bukan PDF. Unggah %(what)s dalam format PDF.")
                              % {"what": what})
    from pypdf import PdfReader

    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ValidationError(_("Berkas PDF dilindungi kata sandi. Unggah pindaian tanpa "
                                    "kata sandi."))
        reader.pages[0]  # noqa: B018 (parse the first page)
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 (pypdf raises many kinds: OverflowError, NotImplementedError, RecursionError...)
        raise ValidationError(_("Berkas PDF rusak atau tidak dapat dibaca.")) from None
    finally:
        upload.seek(0)


MAX_LOGO_BYTES = 2 * 1024 * 1024


def validate_image_upload(upload) -> None:
    """A PNG or JPEG image (checked by decoding it) of at most 2 MB, for report covers."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Batasnya %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(MAX_LOGO_BYTES)}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as img:
            img.verify()
            kind = img.format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Berkas bukan gambar PNG atau JPEG yang dapat dibaca.")) from None
    finally:
        upload.seek(0)
    if kind not in ("PNG", "JPEG"):
        raise ValidationError(_("Logo harus berformat PNG atau JPEG."))


# What an uploaded file is, by its first bytes (never by its name): kind → (content type, suffix).
OOXML = {".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
                   "ppt/"),
         ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   "word/"),
         ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/")}


def sniff_upload(upload, *, allowed: set[str], max_bytes: int | None = None) -> tuple[str, str]:
    """(content type, suffix) of an upload checked by content and size, or ValidationError.

    `allowed`: any of "pdf", "png", "jpeg", "office" (.pptx/.docx/.xlsx, checked inside the zip).
    """
    limit = max_bytes or settings.MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s). Batasnya %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if "pdf" in allowed and head.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if "png" in allowed and head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png", ".png"
    if "jpeg" in allowed and head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg", ".jpg"
    if "office" in allowed and head.startswith(b"PK\x03\x04"):
        import zipfile

        suffix = "." + upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix in OOXML:
            content_type, folder = OOXML[suffix]
            try:
                with zipfile.ZipFile(upload) as z:
                    names = z.namelist()
            except (zipfile.BadZipFile, OSError, ValueError):
                names = []
            finally:
                upload.seek(0)
            if "[Content_Types].xml" in names and any(n.startswith(folder) for n in names):
                return content_type, suffix
    labels = {"pdf": "PDF", "png": "PNG", "jpeg": "JPG", "office": "PPTX/DOCX/XLSX"}
    raise ValidationError(
        _("Jenis berkas tidak diizinkan. Yang diterima: %(kinds)s.")
        % {"kinds": ", ".join(labels[k] for k in ("pdf", "jpeg", "png", "office") if k in allowed)}
    )
