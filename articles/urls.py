from django.urls import path

from . import views

app_name = "articles"

urlpatterns = [
    path("", views.ArticleListView.as_view(), name="list"),
    path(
        "conditions/<slug:slug>/",
        views.ArticlesAboutView.as_view(relation="conditions"),
        name="about_condition",
    ),
    path(
        "treatments/<slug:slug>/",
        views.ArticlesAboutView.as_view(relation="treatments"),
        name="about_treatment",
    ),
    path("<slug:slug>/", views.ArticleDetailView.as_view(), name="detail"),
]
