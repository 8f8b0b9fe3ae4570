from base import registry


class ArticlesConfig(registry.ContentAppConfig):
    """The health library. Everything it adds to the site is declared here:
    its sitemap, search documents, preview, a home-page block, and "Read
    more" on the condition and treatment pages its articles are about."""

    name = "articles"
    verbose_name = "Health library"
    sitemaps = {
        "articles": "articles.sitemaps.ArticleListSitemap",
        "article": "articles.sitemaps.ArticleSitemap",
    }
    search_documents = "articles.search.documents"
    preview_views = {"article": "articles.views.ArticleDetailView"}
    home_blocks = [(40, "articles/home_block.html", "articles.views.home_articles")]
    page_extras = {
        "conditions.condition": ("articles/read_more.html", "articles.views.read_more"),
        "treatments.treatment": ("articles/read_more.html", "articles.views.read_more"),
    }
