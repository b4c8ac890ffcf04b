from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from opvangregie.audit.services import acting_user, audit_record
from opvangregie.core.versioning import (
    Difference,
    EditConflict,
    differences,
    locked,
    user_label,
)
from opvangregie.targets.distribution import (
    AgreementInput,
    DistributionInput,
    distribution_compute,
)
from opvangregie.targets.models import (
    Agreement,
    Allocation,
    Distribution,
    DistributionStatus,
    PlannedEffortCredit,
    Target,
)
from opvangregie.targets.selectors import target_lineage

# What a correction may change; scope and region say which target it is.
TARGET_FIELDS = (
    "name", "kind", "amount", "unit", "period_start", "period_end", "source", "is_informal",
    "is_illustrative",
)


def _target_snapshot(target: Target) -> dict:
    return {
        name: (value.isoformat() if hasattr(value, "isoformat") else value)
        for name in TARGET_FIELDS
        for value in [getattr(target, name)]
    }


@transaction.atomic
def target_create(
    *, actor=None, registered_at: datetime | None = None, **fields
) -> Target:
    """Record a target. `registered_at` only when loading history (the demo, old records)."""
    target = Target(
        **fields, registered_by=acting_user(actor), registered_at=registered_at or timezone.now()
    )
    target.full_clean()
    target.save()
    audit_record(
        actor=actor,
        action="create",
        instance=target,
        summary=target.name,
        after={"amount": target.amount, "kind": target.kind},
    )
    return target


@transaction.atomic
def target_correct(
    *, target: Target, actor, reason: str = "", registered_at: datetime | None = None,
    **fields,
) -> Target:
    """Change a target by a new row that corrects it; the old row is kept as it was.

    Returns the new row, or `target` itself when nothing changes (nothing is written).
    """
    target = Target.objects.select_for_update().get(pk=target.pk)
    unknown = set(fields) - set(TARGET_FIELDS)
    if unknown:
        raise ValueError(f"unknown target fields {sorted(unknown)}")
    if Target.objects.filter(corrects=target).exists():
        # A form loaded before someone else's correction: the row is a version of a record,
        # so a newer row in its lineage is what a version number is for other records.
        newest = Target.objects.select_related("registered_by").get(
            pk=max(target_lineage(target))
        )
        found = differences(newest, fields)
        if found:
            raise EditConflict(differences=found, changed_by=user_label(newest.registered_by),
                               changed_at=newest.registered_at, current_version=newest.pk)
        return newest  # the same values were stored meanwhile: nothing is lost
    if all(getattr(target, name) == value for name, value in fields.items()):
        return target
    values = {name: getattr(target, name) for name in TARGET_FIELDS} | fields
    correction = Target(
        **values, scope=target.scope, safety_region=target.safety_region, corrects=target,
        reason=reason.strip(), registered_by=acting_user(actor),
        registered_at=registered_at or timezone.now(),
    )
    correction.full_clean()
    correction.save()
    audit_record(
        actor=actor,
        action="update",
        instance=correction,
        summary=_("Opgave gewijzigd: %(name)s") % {"name": correction.name},
        before={"record": target.pk, **_target_snapshot(target)},
        after=_target_snapshot(correction),
    )
    return correction


def _decimal(value) -> Decimal:
    value = Fraction(value)
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def _fraction_text(value) -> str:
    return f"{value.numerator}/{value.denominator}" if value.denominator != 1 else str(
        value.numerator
    )


@transaction.atomic
def distribution_save(*, actor, computed, notes: str = "") -> Distribution:
    """Save a computed distribution as the next concept version, with its inputs."""
    inputs = computed.inputs
    previous = (
        Distribution.objects.select_for_update()
        .filter(target__in=target_lineage(inputs.target), safety_region=inputs.region)
        .order_by("-version")
        .first()
    )
    distribution = Distribution(
        target=inputs.target,
        safety_region=inputs.region,
        version=(previous.version + 1) if previous else 1,
        method=inputs.method,
        key={code: _fraction_text(weight) for code, weight in inputs.key.items()},
        reference_date=inputs.reference_date or inputs.target.period_start,
        credit_from=inputs.credit_from,
        credit_until=inputs.credit_until,
        credit_location_type=inputs.credit_location_type,
        credit_as_of=inputs.credit_as_of,
        window_weeks=inputs.window_weeks,
        notes=notes,
        created_by=acting_user(actor),
    )
    distribution.full_clean()
    distribution.save()
    for agreement in inputs.agreements:
        Agreement.objects.create(
            distribution=distribution,
            kind=agreement.kind,
            municipality=agreement.municipality,
            to_municipality=agreement.to_municipality,
            amount=agreement.amount,
            reason=agreement.reason,
        )
    Allocation.objects.bulk_create(
        Allocation(
            distribution=distribution,
            municipality=municipality,
            share=_fraction_text(unit.share),
            credit=_decimal(unit.credit),
            quota=_fraction_text(unit.quota),
            amount=unit.allocation,
            explanation=unit.to_dict(),
        )
        for municipality, unit in zip(computed.municipalities, computed.result.units, strict=True)
    )
    PlannedEffortCredit.objects.bulk_create(
        PlannedEffortCredit(
            distribution=distribution, location_id=effort.location_id,
            municipality_id=effort.municipality_id, place_weeks=_decimal(effort.place_weeks),
            planned_place_weeks=_decimal(effort.planned_place_weeks),
            planned_registered_at=effort.registered_at,
        )
        for effort in computed.window_effort
    )
    audit_record(
        actor=actor,
        action="create",
        instance=distribution,
        summary=f"{inputs.target.name}, versie {distribution.version}",
        after={"method": distribution.method, "key": distribution.key},
    )
    return distribution


def _adopted_label(distribution: Distribution) -> str:
    label = _("versie %(n)s") % {"n": distribution.version}
    if distribution.decision_reference:
        label += f" ({distribution.decision_reference})"
    return label


@transaction.atomic
def distribution_adopt(*, actor, distribution, decision_reference: str,
                       expected_version: int | None = None) -> Distribution:
    """Adopt a version, citing the board decision; an earlier adopted one is superseded.

    `expected_version` is the target's version when the page was loaded: if someone else
    adopted another version of this target for the region since, nothing changes and the
    EditConflict names their version.
    """
    if not decision_reference.strip():
        raise ValidationError(
            {"decision_reference": _("Noem het besluit waarmee deze verdeling is vastgesteld.")}
        )
    target = locked(distribution.target)
    if expected_version is not None and target.version != expected_version:
        adopted = (
            Distribution.objects.filter(target=target, safety_region=distribution.safety_region,
                                        status=DistributionStatus.ADOPTED)
            .exclude(pk=distribution.pk).select_related("adopted_by").first()
        )
        if adopted is not None:
            raise EditConflict(
                differences=[Difference(_("Vastgestelde verdeling"), _adopted_label(adopted),
                                        _adopted_label(distribution))],
                changed_by=user_label(adopted.adopted_by), changed_at=adopted.adopted_at,
                current_version=target.version,
            )
    target.version += 1
    target.save(update_fields=["version"])
    Distribution.objects.filter(
        target__in=target_lineage(distribution.target),
        safety_region=distribution.safety_region,
        status=DistributionStatus.ADOPTED,
    ).update(status=DistributionStatus.SUPERSEDED)
    distribution.status = DistributionStatus.ADOPTED
    distribution.decision_reference = decision_reference.strip()
    distribution.adopted_at = timezone.now()
    distribution.adopted_by = acting_user(actor)
    distribution.save()
    audit_record(
        actor=actor,
        action="update",
        instance=distribution,
        summary=f"Vastgesteld: {decision_reference}",
        after={"status": distribution.status},
    )
    return distribution


@transaction.atomic
def distribution_recompute(*, actor, distribution: Distribution, as_of) -> Distribution:
    """A new concept version of `distribution` with the same key, method, credit window,
    agreements and named planned effort, but the effort as known at the end of `as_of`:
    when planned effort fell through, the municipality's share is computed again.

    Adopting it stays a separate step (`distribution_adopt`), citing the board's decision.
    Raises fairshare.FairShareError (Dutch message) when the inputs no longer compute.
    """
    distribution = Distribution.objects.select_related("target", "safety_region").get(
        pk=distribution.pk
    )
    inputs = DistributionInput(
        target=distribution.target,
        region=distribution.safety_region,
        method=distribution.method,
        key={code: Fraction(weight) for code, weight in distribution.key.items()},
        reference_date=distribution.reference_date,
        credit_from=distribution.credit_from,
        credit_until=distribution.credit_until,
        credit_location_type=distribution.credit_location_type,
        credit_as_of=as_of,
        agreements=tuple(
            AgreementInput(a.kind, a.municipality, a.amount, a.reason, a.to_municipality)
            for a in distribution.agreements.select_related("municipality", "to_municipality")
        ),
        planned_locations=tuple(
            distribution.planned_credits.values_list("location_id", flat=True)
        ),
    )
    notes = _(
        "Herberekend op basis van versie %(version)s met de inzet zoals bekend op %(day)s "
        "(geplande inzet gewijzigd of vervallen)."
    ) % {"version": distribution.version, "day": as_of.strftime("%d-%m-%Y")}
    return distribution_save(actor=actor, computed=distribution_compute(inputs), notes=notes)
