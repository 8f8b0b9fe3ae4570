from django.urls import path

from . import views

app_name = "conditions"

urlpatterns = [
    path("conditions/", views.ConditionListView.as_view(), name="list"),
    path("conditions/<slug:slug>/", views.ConditionDetailView.as_view(), name="detail"),
    path("root-causes/<slug:slug>/", views.RootCauseView.as_view(), name="root_cause"),
    path(
        "risk-factors/<slug:slug>/", views.RiskFactorView.as_view(), name="risk_factor"
    ),
    path("symptoms/<slug:slug>/", views.SymptomView.as_view(), name="symptom"),
    path("where-it-hurts/", views.BodyAreaListView.as_view(), name="body_areas"),
    path("where-it-hurts/<slug:slug>/", views.BodyAreaView.as_view(), name="body_area"),
    path("urgent-help/", views.UrgentHelpView.as_view(), name="urgent_help"),
]
