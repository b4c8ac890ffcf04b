from datetime import date, datetime

from django.db.models import Q, QuerySet

from opvangregie.accounts.models import Role
from opvangregie.capacity.selectors import end_of_day
from opvangregie.core.dated import current_as_known
from opvangregie.regions.selectors import safety_regions_for_user
from opvangregie.targets.models import Distribution, DistributionStatus, Target


def targets_for_user(
    user, *, region=None, known_on: datetime | None = None
) -> QuerySet[Target]:
    """National targets and the targets of the regions the user may see.

    As known at `known_on` (None: now): registered by then, and not corrected by then.
    """
    return current_as_known(target_versions_for_user(user, region=region), known_on=known_on)


def target_versions_for_user(user, *, region=None) -> QuerySet[Target]:
    """Every version, corrected ones included, of the targets the user may see: a form
    opened on a version someone corrected meanwhile still finds it (and its conflict)."""
    if not user.is_authenticated:
        return Target.objects.none()
    regions = safety_regions_for_user(user)
    if region is not None:
        regions = regions.filter(pk=region.pk)
    return Target.objects.filter(
        Q(scope=Target.Scope.NATIONAL) | Q(safety_region__in=regions)
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


def targets_overlapping(
    user, *, region, start: date, end: date, kinds, known_on: datetime | None = None
) -> list[Target]:
    """The targets of `kinds` the user may see whose period overlaps [start, end], as known
    at `known_on`, oldest first (one query). Reports read them once and pick with
    `target_in_force`."""
    return list(
        targets_for_user(user, region=region, known_on=known_on)
        .filter(kind__in=kinds, period_end__gte=start, period_start__lte=end)
        .order_by("period_start", "pk")
    )


def target_in_force(
    targets: list[Target], *, kind: str, on: date, national: bool, informal: bool = False
) -> Target | None:
    """Of `targets`, the one of a kind whose period covers `on`; the most recently started
    one wins (then the latest registered)."""
    scope = Target.Scope.NATIONAL if national else Target.Scope.REGIONAL
    found = [
        t
        for t in targets
        if t.kind == kind
        and t.scope == scope
        and t.is_informal == informal
        and t.period_start <= on <= t.period_end
    ]
    return max(found, key=lambda t: (t.period_start, t.pk)) if found else None


def regional_target_starting(
    targets: list[Target], *, kind: str, year: int, month: int
) -> Target | None:
    """Of `targets`, the regional one of a kind that starts in the given month (the latest
    registered if several), e.g. the CNO target for October–January."""
    found = [
        t
        for t in targets
        if t.kind == kind
        and t.scope == Target.Scope.REGIONAL
        and (t.period_start.year, t.period_start.month) == (year, month)
    ]
    return max(found, key=lambda t: t.pk) if found else None


def distribution_in_force(user, *, target: Target, region, on: date) -> Distribution | None:
    """The distribution of `target` in force at the end of `on` (two queries).

    Normally the adopted version (`adopted_distribution`); when that was adopted after `on`,
    the version it superseded was in force then. None when none was adopted by then.
    """
    return (
        distributions_for_user(user, region=region)
        .filter(
            target__in=target_lineage(target),
            status__in=[DistributionStatus.ADOPTED, DistributionStatus.SUPERSEDED],
            adopted_at__lte=end_of_day(on),
        )
        .order_by("-adopted_at", "-version")
        .prefetch_related("allocations")
        .first()
    )


def may_distribute_nationally(user) -> bool:
    """The national what-if: an administrator, or someone with the permission
    `targets.distribute_nationally` (the group "Landelijk coördinator"). It shows reference
    data only, but a regional role has no business distributing the national number."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role == Role.ADMINISTRATOR or user.has_perm("targets.distribute_nationally")


def national_targets_for_user(user, *, known_on: datetime | None = None) -> QuerySet[Target]:
    """The national targets, as known at `known_on` (None: now), for someone who may
    distribute them nationally; none for anyone else."""
    if not may_distribute_nationally(user):
        return Target.objects.none()
    return current_as_known(
        Target.objects.filter(scope=Target.Scope.NATIONAL), known_on=known_on
    ).order_by("period_start", "pk")
