from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package: settings, root URLs, WSGI and the request-level
    machinery (page cache, middleware, logs, deploy checks). It has no models;
    it is an app only so that its deploy checks are registered once Django is
    ready."""

    name = "backfit"
    # Not "backfit": that label belongs to `base`, whose tables, migrations,
    # permissions and history were made under it (renaming would move them).
    label = "project"

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the deploy checks)
            private_files,
            signin,  # noqa: F401 (connects the lockout notice)
        )

        private_files.make_private()
