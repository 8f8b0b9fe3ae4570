"""schema.org nodes for condition pages (base/seo.py writes them out)."""

from base.seo import absolute, link


def medical_condition(request, condition, treatment_links):
    url = absolute(request, condition.get_absolute_url())
    data = {
        "@type": "MedicalCondition",
        "@id": url + "#condition",
        "name": condition.name,
        "url": url,
        "description": condition.definition or condition.description,
        "cause": [
            link(request, "MedicalCause", cause, cause.link_url())
            for cause in condition.root_causes.all()
        ],
        "riskFactor": [
            link(request, "MedicalRiskFactor", factor, factor.link_url())
            for factor in condition.risk_factors.all()
        ],
        "signOrSymptom": [
            link(request, "MedicalSignOrSymptom", symptom)
            for symptom in condition.symptoms.all()
        ],
        "associatedAnatomy": [
            link(request, "AnatomicalStructure", area)
            for area in condition.body_areas.all()
        ],
        "possibleTreatment": [
            link(request, "MedicalTherapy", item.treatment) for item in treatment_links
        ],
    }
    if condition.hero_image:
        data["image"] = absolute(request, condition.hero_image.url)
    return {key: value for key, value in data.items() if value not in ([], "")}


def defined_term(request, record, schema_type):
    """A root cause, risk factor, symptom or body area."""
    url = absolute(request, record.get_absolute_url())
    return {
        "@type": schema_type,
        "@id": url + "#about",
        "name": record.name,
        "url": url,
    }
