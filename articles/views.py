from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from base.views import PublishedDetailView, PublishedListView

from . import structured_data
from .models import Article

HOME_ARTICLES = 3
# "Read more" on a condition or treatment page shows this many; the rest
# are on the page "All articles about ..." (ArticlesAboutView).
READ_MORE = 4
ARTICLES_PER_PAGE = 12


def home_articles(request):
    articles = list(Article.objects.published()[:HOME_ARTICLES])
    return {"articles": articles} if articles else None


def read_more(page):
    """ "Read more" on a condition or treatment page: its first READ_MORE
    published articles, and a link to all of them when there are more (two
    queries at most, however many there are)."""
    articles = list(page.articles.published()[: READ_MORE + 1])
    if not articles:
        return None
    block = {"articles": articles[:READ_MORE], "all_url": None, "about": page.name}
    if len(articles) > READ_MORE:
        block["count"] = page.articles.published().count()
        block["all_url"] = ArticlesAboutView.url_for(page)
    return block


class ArticleListView(PublishedListView):
    section = (_("Health library"), "articles:list")
    title = _("Health library")
    model = Article
    paginate_by = ARTICLES_PER_PAGE

    def get_page_description(self, clinic):
        return gettext(
            "Plain-language articles from %(name)s about back, neck and "
            "joint pain and the treatments we offer."
        ) % {"name": clinic.name}


class ArticlesAboutView(PublishedListView):
    """Every published article about one condition or treatment, in pages:
    where "Read more" on its page leads when it has more than READ_MORE."""

    section = (_("Health library"), "articles:list")
    model = Article
    paginate_by = ARTICLES_PER_PAGE
    template_name = "articles/article_list.html"
    # The relation of Article this page follows: "conditions" or "treatments".
    relation = None

    @classmethod
    def url_for(cls, record):
        return reverse(f"articles:about_{record._meta.model_name}", args=[record.slug])

    def get_queryset(self):
        related = Article._meta.get_field(self.relation).related_model
        self.about = get_object_or_404(
            related.objects.published(), slug=self.kwargs["slug"]
        )
        return super().get_queryset().filter(**{self.relation: self.about})

    def get_page_title(self):
        return gettext("Articles about %(name)s") % {"name": self.about.name}

    def get_page_description(self, clinic):
        return gettext(
            "Articles from the %(clinic)s health library about %(name)s."
        ) % {
            "clinic": clinic.name,
            "name": self.about.name,
        }

    def get_crumbs(self):
        title, url_name = self.section
        return [(title, reverse(url_name)), (self.get_page_title(), None)]

    def get_context_data(self, **kwargs):
        return super().get_context_data(about=self.about, **kwargs)


class ArticleDetailView(PublishedDetailView):
    section = (_("Health library"), "articles:list")
    model = Article

    def get_queryset(self):
        return super().get_queryset().with_published("conditions", "treatments")

    def get_page_description(self, clinic):
        return self.object.summary

    def get_about(self, clinic, context):
        return structured_data.article(self.request, self.object, clinic)
