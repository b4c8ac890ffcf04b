"""Reads of flex-home projects, scoped to the user; names only through `opvangregie.access`."""

from opvangregie.access import FlexProjectView, flex_project_views_for_user
from opvangregie.housing.models import FlexProject
from opvangregie.regions.selectors import municipalities_for_user


def flex_projects_for_user(user, *, region=None):
    """The projects of the municipalities the user may see (optionally of one region)."""
    municipalities = municipalities_for_user(user)
    if region is not None:
        municipalities = municipalities.filter(safety_region=region)
    return (FlexProject.objects.filter(municipality__in=municipalities)
            .select_related("municipality").order_by("municipality__name", "pk"))


def flex_project_views(user, *, region=None, now=None) -> list[FlexProjectView]:
    return flex_project_views_for_user(user, flex_projects_for_user(user, region=region),
                                       now=now)
