"""The demo's flex-home projects: the seven municipalities the seeds name (tussenstand
31 August 2022: "gemeenten waar concreet gewerkt wordt aan flex-projecten").

The seeds name the municipalities and the provincial accelerator, not the projects: names,
numbers of homes and delivery months here are illustrative. Stage "plan": concrete work on a
project, no permit yet. No name is released (the seeds release none).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from opvangregie.housing.models import FlexProject, FlexStage
from opvangregie.housing.services import flex_project_create
from opvangregie.regions.models import Municipality

# The seeds: "Provincie en 2 Veiligheidsregio's hebben extra opdracht verstrekt aan Jeroen
# Hatenboer om projecten Flexwoningen te versnellen" (provinciaal aanjaagteam).
ACCELERATOR = "Jeroen Hatenboer (provinciaal aanjaagteam flexwonen)"
# Municipality, homes, expected delivery (illustrative).
FLEX_PROJECTS = (
    ("Olst-Wijhe", 24, date(2023, 6, 1)),
    ("Dalfsen", 30, date(2023, 9, 1)),
    ("Steenwijkerland", 40, date(2023, 7, 1)),
    ("Ommen", 20, date(2023, 5, 1)),
    ("Zwolle", 120, date(2023, 12, 1)),
    ("Deventer", 80, date(2023, 10, 1)),
    ("Staphorst", 16, date(2023, 8, 1)),
)
REGISTERED = datetime(2022, 8, 31, 12, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


def flex_demo_load(region) -> None:
    municipalities = {m.name: m for m in Municipality.objects.filter(safety_region=region,
                                                                       exists_until=None)}
    for name, homes, delivery in FLEX_PROJECTS:
        project = flex_project_create(
            actor=None, municipality=municipalities[name],
            name=f"Flexwoningen {name} (illustratief)", contact=ACCELERATOR,
            stage=FlexStage.PLAN, homes=homes, expected_delivery=delivery,
        )
        # Known from the tussenstand of 31 August 2022 on, so earlier decks do not show it.
        FlexProject.objects.filter(pk=project.pk).update(created_at=REGISTERED)
