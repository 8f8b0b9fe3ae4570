from django.apps import AppConfig


class ProjectConfig(AppConfig):
    """The project package: settings, root URLs, WSGI and the request-level
    machinery (page cache, middleware, logs, deploy checks). It has no models;
    it is an app only so that its checks and page-cache signals are set up
    once Django is ready."""

    name = "backfit"
    label = "project"

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the deploy checks)
            pagecache,
            signin,  # noqa: F401 (connects the lockout notice)
        )

        pagecache.connect_signals()
        from base import registry

        registry.content_version_source = pagecache.settled_content_version
