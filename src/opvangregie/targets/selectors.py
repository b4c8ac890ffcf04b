from datetime import datetime

from django.db.models import Q, QuerySet

from opvangregie.core.dated import current_as_known
from opvangregie.regions.selectors import safety_regions_for_user
from opvangregie.targets.models import Distribution, DistributionStatus, Target


def targets_for_user(
    user, *, region=None, known_on: datetime | None = None
) -> QuerySet[Target]:
    """National targets and the targets of the regions the user may see.

    As known at `known_on` (None: now): registered by then, and not corrected by then.
    """
    regions = safety_regions_for_user(user)
    if region is not None:
        regions = regions.filter(pk=region.pk)
    if not user.is_authenticated:
        return Target.objects.none()
    return current_as_known(
        Target.objects.filter(Q(scope=Target.Scope.NATIONAL) | Q(safety_region__in=regions)),
        known_on=known_on,
    ).select_related("safety_region")


def target_lineage(target: Target) -> list[int]:
    """The pks of every row of the same target: the ones it corrects and the ones correcting it.

    Distributions point at the row they were made for; a corrected target keeps them.
    """
    pks = [target.pk]
    earlier = target.corrects_id
    while earlier is not None:
        pks.append(earlier)
        earlier = Target.objects.filter(pk=earlier).values_list("corrects_id", flat=True).first()
    later = target.pk
    while True:
        later = Target.objects.filter(corrects_id=later).values_list("pk", flat=True).first()
        if later is None:
            return pks
        pks.append(later)


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
        .filter(target__in=target_lineage(target), status=DistributionStatus.ADOPTED)
        .prefetch_related("allocations")
        .first()
    )
