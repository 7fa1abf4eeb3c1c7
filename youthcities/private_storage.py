"""Private files (application documents, report evidence, exports): never public media."""

from django.core.files.storage import Storage, storages


class _PrivateStorage(Storage):
    """Whatever STORAGES["private"] is at the moment of use (S3 in production, files locally).
    Django resolves a field's storage once, at import; this looks it up on every call."""

    def __getattribute__(self, name):
        if name.startswith("__"):
            return object.__getattribute__(self, name)
        return getattr(storages["private"], name)


def private_storage():
    return _PrivateStorage()
