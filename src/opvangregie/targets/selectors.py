from django.db.models import Q, QuerySet

from opvangregie.regions.selectors import safety_regions_for_user
from opvangregie.targets.models import Distribution, DistributionStatus, Target


def targets_for_user(user, *, region=None) -> QuerySet[Target]:
    """National targets and the targets of the regions the user may see."""
    regions = safety_regions_for_user(user)
    if region is not None:
        regions = regions.filter(pk=region.pk)
    if not user.is_authenticated:
        return Target.objects.none()
    return Target.objects.filter(
        Q(scope=Target.Scope.NATIONAL) | Q(safety_region__in=regions)
    ).select_related("safety_region")


def distributions_for_user(user, *, region=None) -> QuerySet[Distribution]:
    regions = safety_regions_for_user(user)
    if region is not None:
        regions = regions.filter(pk=region.pk)
    return Distribution.objects.filter(safety_region__in=regions).select_related(
        "target", "safety_region"
    )


def adopted_distribution(user, *, target, region) -> Distribution | None:
    return (
        distributions_for_user(user, region=region)
        .filter(target=target, status=DistributionStatus.ADOPTED)
        .prefetch_related("allocations")
        .first()
    )
