from base.sitemaps import ContentSitemap, ListPagesSitemap

from .models import Article


class ArticleSitemap(ContentSitemap):
    model = Article


class ArticleListSitemap(ListPagesSitemap):
    pages = {"articles:list": (Article,)}
