from django.core.files.storage import FileSystemStorage
from django.http import FileResponse, Http404


class PrivateStorage(FileSystemStorage):
    """Files outside any served folder; they have no URL and are downloaded via scoped views."""

    def url(self, name):
        raise ValueError("private files have no public URL; serve them through a scoped view")


def private_download(field, *, filename: str, content_type: str = "application/pdf",
                     as_attachment: bool = True) -> FileResponse:
    """The one way a scoped view serves a stored private file: 404 when there is none (the row
    was reached through its access helper already)."""
    if not field:
        raise Http404
    return FileResponse(field.open("rb"), as_attachment=as_attachment, filename=filename,
                        content_type=content_type)
