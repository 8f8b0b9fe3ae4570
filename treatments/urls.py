from django.urls import path

from . import views

app_name = "treatments"

urlpatterns = [
    path("", views.TreatmentListView.as_view(), name="list"),
    path("<slug:slug>/", views.TreatmentDetailView.as_view(), name="detail"),
    path(
        "<slug:slug>/conditions/",
        views.TreatmentConditionsView.as_view(),
        name="conditions",
    ),
]
