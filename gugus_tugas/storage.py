from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    """Files outside any served folder; they have no URL and are downloaded via scoped views."""

    def url(self, name):
        raise ValueError("private files have no public URL; serve them through a scoped view")
