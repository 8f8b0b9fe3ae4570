from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package: settings, root URLs, WSGI and the request-level
    machinery (page cache, middleware, logs, deploy checks). It has no models;
    it is an app only so that its checks and page-cache signals are set up
    once Django is ready."""

    name = "backfit"
    # Not "backfit": that label belongs to `base`, whose tables, migrations,
    # permissions and history were made under it (renaming would move them).
    label = "project"

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the deploy checks)
            pagecache,
            private_files,
        )

        private_files.make_private()

        pagecache.connect_signals()
        from base import registry

        registry.content_version_source = pagecache.settled_content_version
