"""The files that hold the secret key (.env) and patients' appointment requests
(the SQLite database) are readable by the site's own user only.

Done once at start-up (backfit.apps), not when settings are read: importing
settings changes no file.
"""

import os
from pathlib import Path

from django.conf import settings


def _private(path, create=False):
    if not path.exists():
        if create and path.parent.is_dir():
            # Made before SQLite opens it, so it is never readable by others.
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        return
    if path.stat().st_mode & 0o077 and os.access(path, os.W_OK):
        path.chmod(0o600)


def make_private():
    _private(Path(settings.DOTENV_FILE))
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        name = str(database["NAME"])
        if name and name != ":memory:" and not name.startswith("file:"):
            # SQLite gives its -wal and -shm files the database's mode.
            _private(Path(name), create=True)
