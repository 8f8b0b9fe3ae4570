from django.apps import AppConfig


class BackfitConfig(AppConfig):
    name = "backfit"

    def ready(self):
        from . import pagecache

        pagecache.connect_signals()
