from django.apps import AppConfig


class BackfitConfig(AppConfig):
    name = "backfit"

    def ready(self):
        from . import (
            checks,  # noqa: F401 (registers the deploy checks)
            pagecache,
        )

        pagecache.connect_signals()
