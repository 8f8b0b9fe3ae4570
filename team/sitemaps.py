from base.sitemaps import ListPagesSitemap

from .models import Clinician, Profession


class TeamSitemap(ListPagesSitemap):
    pages = {"team:list": (Profession, Clinician)}
