from django.apps import AppConfig


class BackfitConfig(AppConfig):
    name = "backfit"
