from base import registry


class TeamConfig(registry.ContentAppConfig):
    name = "team"
    verbose_name = "Team"
    sitemaps = {"team": "team.sitemaps.TeamSitemap"}
    search_documents = "team.search.documents"
    preview_views = {
        "profession": "team.views.TeamView",
        "clinician": "team.views.ClinicianPreviewView",
    }
    home_blocks = [(35, "team/home_block.html", "team.views.home_team")]
