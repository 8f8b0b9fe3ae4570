from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.views import PublishedDetailView, PublishedListView

from . import structured_data
from .models import Article

HOME_ARTICLES = 3


def home_articles(request):
    articles = list(Article.objects.published()[:HOME_ARTICLES])
    return {"articles": articles} if articles else None


def read_more(page):
    """ "Read more" on a condition or treatment page: the published articles
    about it (one query, however many there are)."""
    articles = list(page.articles.published())
    return {"articles": articles} if articles else None


class ArticleListView(PublishedListView):
    section = (_("Health library"), "articles:list")
    title = _("Health library")
    model = Article

    def get_page_description(self, clinic):
        return gettext(
            "Plain-language articles from %(name)s about back, neck and "
            "joint pain and the treatments we offer."
        ) % {"name": clinic.name}


class ArticleDetailView(PublishedDetailView):
    section = (_("Health library"), "articles:list")
    model = Article

    def get_queryset(self):
        return super().get_queryset().with_published("conditions", "treatments")

    def get_page_description(self, clinic):
        return self.object.summary

    def get_about(self, clinic, context):
        return structured_data.article(self.request, self.object, clinic)
