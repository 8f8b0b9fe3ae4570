"""schema.org nodes for articles (base/seo.py writes them out)."""

from base.seo import absolute, in_language, link, organization


def article(request, article, clinic):
    url = absolute(request, article.get_absolute_url())
    publisher = {"@id": organization(request, clinic)["@id"]}
    data = {
        "@type": "Article",
        "@id": url + "#article",
        "headline": article.name,
        "description": article.summary,
        "url": url,
        "mainEntityOfPage": url,
        "inLanguage": in_language(article.name, article.summary),
        "datePublished": article.published_date.isoformat(),
        "dateModified": article.updated.isoformat(),
        "author": publisher,
        "publisher": publisher,
        "about": [
            *(link(request, "MedicalCondition", c) for c in article.conditions.all()),
            *(link(request, "MedicalTherapy", t) for t in article.treatments.all()),
        ],
    }
    if article.last_reviewed:
        data["lastReviewed"] = article.last_reviewed.isoformat()
    return data
