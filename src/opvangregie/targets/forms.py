from datetime import date, timedelta
from fractions import Fraction

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from opvangregie.capacity.models import LocationType
from opvangregie.core.forms import PlausibleDatesMixin
from opvangregie.core.html import text
from opvangregie.fairshare import METHODS
from opvangregie.regions.models import Indicator
from opvangregie.targets.distribution import AgreementInput, DistributionInput
from opvangregie.targets.models import Agreement, Target

METHOD_LABELS = {
    "hamilton": _lazy("Grootste overschot (Hamilton)"),
    "dhondt": _lazy("D'Hondt (Jefferson)"),
    "sainte-lague": _lazy("Sainte-Laguë (Webster)"),
    "huntington-hill": _lazy("Huntington-Hill"),
    "adams": _lazy("Adams"),
    "ceiling": _lazy("Elk quotum naar boven afronden"),
}
# Earlier effort that counts for a kind of target: CNO effort for a CNO target.
CREDITED_LOCATION_TYPE = {Target.Kind.CNO: LocationType.CNO}
# The seeds credit CNO effort "since 1 June".
DEFAULT_CREDIT_START = (6, 1)


class WhatIfForm(PlausibleDatesMixin, forms.Form):
    """Choices for a distribution; read from the query string (what-if) or a POST (save)."""

    # About a hundred inputs (agreements per municipality, planned locations): written
    # directly rather than through the widget templates.

    doel = forms.TypedChoiceField(label=_lazy("Opgave"), coerce=int)
    methode = forms.ChoiceField(
        label=_lazy("Afrondingsmethode"), choices=[(m, METHOD_LABELS[m]) for m in METHODS],
        initial="hamilton", required=False,
    )
    verrekenen = forms.BooleanField(
        label=_lazy("Eerdere inzet verrekenen"), required=False,
        help_text=_lazy("Plekweken die een gemeente al leverde of gepland heeft, tellen mee."),
    )
    inzet_vanaf = forms.DateField(
        label=_lazy("Inzet meetellen vanaf"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_lazy("Tot de start van de opgave; standaard 1 juni van dat jaar."),
    )

    # Effort registered for the target's own window that counts as earlier effort
    # (targets.credit), e.g. the seeds' boat after 1 October; choices per chosen target.
    gepland = forms.TypedMultipleChoiceField(
        label=_lazy("Geplande inzet in de periode van de opgave verrekenen"), coerce=int,
        required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_lazy("Alleen wat het bestuur als eerdere inzet telt; andere plannen in de "
                        "periode zijn de levering van het aandeel zelf."),
    )
    # Present when the page showed the choice: without it, the adopted version's choice holds.
    gepland_gekozen = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, targets, municipalities, planned_choices=(), planned_default=(),
                 **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound and "gepland_gekozen" not in self.data and planned_default:
            # The page did not show the choice yet: tick what the adopted version credited.
            data = self.data.copy()
            if hasattr(data, "setlist"):
                data.setlist("gepland", [str(pk) for pk in planned_default])
            else:
                data["gepland"] = [str(pk) for pk in planned_default]
            self.data = data
        self.fields["gepland"].choices = list(planned_choices)
        self.planned_default = tuple(planned_default)
        self.fields["gepland_gekozen"].initial = True
        self.targets = {t.pk: t for t in targets}
        self.municipalities = list(municipalities)
        self.fields["doel"].choices = [
            (t.pk, f"{t.name} ({t.amount} {t.get_unit_display()})") for t in targets
        ]
        names = [("", "—")] + [(m.code, m.name) for m in self.municipalities]
        for m in self.municipalities:
            for kind, label in (
                ("vast", _("vast aantal")), ("min", _("ondergrens")), ("max", _("bovengrens")),
            ):
                self.fields[f"{kind}_{m.code}"] = forms.IntegerField(
                    label=f"{m.name}: {label}", min_value=0, required=False
                )
            self.fields[f"reden_{m.code}"] = forms.CharField(
                label=_("%(name)s: reden van de afspraak") % {"name": m.name},
                max_length=300, required=False,
            )
        self.fields["overname_van"] = forms.ChoiceField(
            label=_("Overname: deel van"), choices=names, required=False
        )
        self.fields["overname_door"] = forms.ChoiceField(
            label=_("overgenomen door"), choices=names, required=False
        )
        self.fields["overname_aantal"] = forms.IntegerField(
            label=_("aantal"), min_value=1, required=False
        )
        self.fields["overname_reden"] = forms.CharField(
            label=_("reden van de overname"), max_length=300, required=False
        )

    def agreement_rows(self):
        """(municipality, fixed, minimum, maximum, reason) bound fields."""
        return [
            (m, self[f"vast_{m.code}"], self[f"min_{m.code}"], self[f"max_{m.code}"],
             self[f"reden_{m.code}"])
            for m in self.municipalities
        ]

    def agreement_rows_html(self) -> str:
        """The rows of the agreements' table (four inputs per municipality) as the dashboard
        shows them: written here once, not cell by cell through the template engine (about
        fifty inputs); each widget through the form renderer, each text escaped by `text`.
        `tests/targets/test_whatif_html.py` compares it with the template's rows."""
        def cell(field, errors=""):
            return (f'\n        <td><label class="or-visually-hidden" '
                    f'for="{text(field.id_for_label)}">{text(field.label)}</label>'
                    f"{text(field)}{errors}</td>")

        rows = []
        for municipality, fixed, minimum, maximum, reason in self.agreement_rows():
            errors = reason.errors
            rows.append(
                f'\n      <tr>\n        <th scope="row">{text(municipality.name)}</th>'
                f"{cell(fixed)}{cell(minimum)}{cell(maximum)}"
                + cell(reason, '<span class="or-form-field__error">'
                               f'{" ".join(text(error) for error in errors)}</span>'
                       if errors else "")
                + "\n      </tr>\n      "
            )
        return mark_safe("".join(rows))  # noqa: S308 (every value above is escaped)

    def planned_html(self) -> str:
        """The check boxes of the planned locations, as the dashboard's template wrote them
        (`{{ checkbox.tag }} <label ...>` per choice); texts escaped by `text`."""
        return mark_safe("".join(  # noqa: S308 (every value in it is escaped)
            f'<div class="or-form-field--checkbox">{text(checkbox.tag())} '
            f'<label for="{text(checkbox.id_for_label)}">{text(checkbox.choice_label)}</label>'
            "</div>"
            for checkbox in self["gepland"]
        ))

    def clean(self):
        data = super().clean()
        transfer = [data.get("overname_van"), data.get("overname_door"),
                    data.get("overname_aantal")]
        if any(transfer) and not all(transfer):
            self.add_error("overname_aantal", _(
                "Vul voor een overname de gemeente die afstaat, de gemeente die overneemt en "
                "het aantal in."
            ))
        elif all(transfer) and transfer[0] == transfer[1]:
            self.add_error("overname_door", _("Een gemeente kan niet van zichzelf overnemen."))
        return data

    def target(self) -> Target:
        return self.targets[self.cleaned_data["doel"]]

    def agreements(self, *, require_reasons: bool) -> tuple[AgreementInput, ...]:
        data = self.cleaned_data
        by_code = {m.code: m for m in self.municipalities}
        agreements = []
        for m in self.municipalities:
            reason = data.get(f"reden_{m.code}", "")
            for field, kind in (("vast", Agreement.Kind.FIXED), ("min", Agreement.Kind.MINIMUM),
                                ("max", Agreement.Kind.MAXIMUM)):
                amount = data.get(f"{field}_{m.code}")
                if amount is None:
                    continue
                if require_reasons and not reason:
                    self.add_error(f"reden_{m.code}", _("Geef de reden van deze afspraak."))
                agreements.append(AgreementInput(kind, m, amount, reason))
        if data.get("overname_aantal"):
            if require_reasons and not data.get("overname_reden"):
                self.add_error("overname_reden", _("Geef de reden van de overname."))
            agreements.append(AgreementInput(
                Agreement.Kind.TRANSFER, by_code[data["overname_van"]], data["overname_aantal"],
                data.get("overname_reden", ""), to_municipality=by_code[data["overname_door"]],
            ))
        return tuple(agreements)

    def distribution_input(
        self, *, region, reference_date: date, population_weight: Fraction,
        require_reasons: bool = False, credit_as_of: date | None = None,
    ) -> DistributionInput:
        target = self.target()
        credit = {}
        location_type = CREDITED_LOCATION_TYPE.get(target.kind)
        if self.cleaned_data.get("verrekenen") and location_type:
            start = self.cleaned_data.get("inzet_vanaf") or date(
                target.period_start.year, *DEFAULT_CREDIT_START
            )
            chosen = (self.cleaned_data.get("gepland") or []
                      if self.cleaned_data.get("gepland_gekozen") else self.planned_default)
            credit = dict(
                credit_from=start,
                credit_until=target.period_start - timedelta(days=1),
                credit_location_type=location_type,
                credit_as_of=credit_as_of or date.today(),
                planned_locations=tuple(chosen),
            )
        return DistributionInput(
            target=target,
            region=region,
            method=self.cleaned_data.get("methode") or "hamilton",
            key={Indicator.POPULATION: population_weight,
                 Indicator.LAND_AREA: 1 - population_weight},
            reference_date=reference_date,
            agreements=self.agreements(require_reasons=require_reasons),
            **credit,
        )


class AdoptForm(forms.Form):
    besluit = forms.CharField(
        label=_lazy("Besluit"), max_length=300,
        help_text=_lazy("Bijvoorbeeld: BAO 28-09-2022, agendapunt 4."),
    )
    # The target's version when the page was loaded (ADR 7).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TargetForm(PlausibleDatesMixin, forms.Form):
    """A regional target; national ones are kept by the administrator."""

    name = forms.CharField(label=_lazy("Omschrijving"), max_length=200)
    kind = forms.ChoiceField(label=_lazy("Soort"), choices=Target.Kind.choices)
    amount = forms.IntegerField(label=_lazy("Aantal"), min_value=1)
    unit = forms.ChoiceField(label=_lazy("Eenheid"), choices=Target.Unit.choices)
    period_start = forms.DateField(
        label=_lazy("Periode vanaf"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_lazy("Periode tot en met"), widget=forms.DateInput(attrs={"type": "date"})
    )
    source = forms.CharField(
        label=_lazy("Bron"), max_length=300,
        help_text=_lazy("Het akkoord, de brief of het besluit waar de opgave uit komt."),
    )
    is_illustrative = forms.BooleanField(label=_lazy("Illustratief cijfer"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("De einddatum ligt vóór de begindatum."))
        return data


class TargetCorrectForm(TargetForm):
    """A change to a target: saved as a new version, the old one kept for earlier dates."""

    reason = forms.CharField(
        label=_lazy("Toelichting bij de wijziging"), max_length=300,
        help_text=_lazy("Waarom verandert de opgave, bijvoorbeeld een nieuwe brief van het Rijk."),
    )


class ProgressForm(PlausibleDatesMixin, forms.Form):
    """The progress page's reference date, read from the query string."""

    peildatum = forms.DateField(
        label=_lazy("Peildatum"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_lazy("De cijfers zoals ze op deze dag bekend waren."),
        error_messages={"invalid": _lazy("Vul een datum in als JJJJ-MM-DD.")},
    )


def chosen_target(data, targets) -> Target | None:
    """The target a what-if form's raw data names (before validation), or None."""
    try:
        pk = int(data.get("doel", ""))
    except (TypeError, ValueError):
        return None
    return next((t for t in targets if t.pk == pk), None)


NATIONAL_AGREEMENT_ROWS = 5


def _plain(number: int | None) -> str | None:
    return None if number is None else str(number)


class NationalWhatIfForm(forms.Form):
    """The national what-if's choices, read from the query string.

    The same choices as the regional what-if, at national scale: the number (a national
    target or a number typed in), the key, the method and agreements (a fixed amount, a lower
    or an upper bound) for up to five units, named by name or CBS code. Crediting earlier
    effort stays regional (the regional what-if).
    """

    niveau = forms.ChoiceField(
        label=_lazy("Verdelen over"),
        choices=[("gemeenten", _lazy("alle gemeenten")),
                 ("regios", _lazy("de 25 veiligheidsregio's"))],
        initial="gemeenten", required=False,
    )
    doel = forms.TypedChoiceField(label=_lazy("Landelijke opgave"), coerce=int, required=False,
                                  empty_value=None)
    aantal = forms.IntegerField(
        label=_lazy("Of een eigen aantal plekken"), min_value=1, max_value=10_000_000,
        required=False, help_text=_lazy("Gaat voor de gekozen opgave, als u het invult."),
    )
    peildatum = forms.TypedChoiceField(label=_lazy("Peildatum CBS-cijfers"), required=False)
    gewicht_inwoners = forms.IntegerField(
        label=_lazy("Gewicht inwoners (%)"), min_value=0, max_value=100, required=False,
        help_text=_lazy("De rest van het gewicht gaat naar landoppervlakte."),
    )
    methode = forms.ChoiceField(
        label=_lazy("Afrondingsmethode"), choices=[(m, METHOD_LABELS[m]) for m in METHODS],
        initial="hamilton", required=False,
    )

    def __init__(self, *args, targets, dates, units_for, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {t.pk: t for t in targets}
        self.dates = list(dates)
        self.units_for = units_for
        self.fields["doel"].choices = [("", _("— geen, eigen aantal —"))] + [
            (t.pk, f"{t.name} ({t.amount} {t.get_unit_display()})") for t in targets
        ]
        self.fields["peildatum"].choices = [
            (day.isoformat(), f"{day.day}-{day.month}-{day.year}") for day in self.dates
        ]
        for row in range(1, NATIONAL_AGREEMENT_ROWS + 1):
            self.fields[f"eenheid_{row}"] = forms.CharField(
                label=_("Afspraak %(n)s: gemeente of regio") % {"n": row}, max_length=100,
                required=False,
                widget=forms.TextInput(attrs={"list": "eenheden", "autocomplete": "off"}),
            )
            self.fields[f"soort_{row}"] = forms.ChoiceField(
                label=_("Afspraak %(n)s: soort") % {"n": row}, required=False,
                choices=[("", "—"), ("vast", _("vast aantal")), ("min", _("ondergrens")),
                         ("max", _("bovengrens"))],
            )
            self.fields[f"plekken_{row}"] = forms.IntegerField(
                label=_("Afspraak %(n)s: aantal") % {"n": row}, min_value=0, required=False,
            )

    def main_fields(self) -> list[dict]:
        """Per main field: name, label, help text, errors, the typed value and, for a choice,
        its options as (value, label, selected). The template writes the inputs itself (see
        ``agreement_rows``)."""
        found = []
        data = self.data if self.is_bound else {}
        for name in ("niveau", "doel", "aantal", "peildatum", "gewicht_inwoners", "methode"):
            field = self.fields[name]
            value = str(data.get(name, "") if data.get(name) is not None else "")
            entry = {
                "name": name, "label": field.label, "help": field.help_text,
                "errors": " ".join(self.errors.get(name, ())), "value": value,
                "number": isinstance(field, forms.IntegerField),
                # As text: the template would write 10000000 as "10.000.000".
                "min": _plain(getattr(field, "min_value", None)),
                "max": _plain(getattr(field, "max_value", None)),
            }
            if hasattr(field, "choices"):
                entry["options"] = [
                    (str(key), label, str(key) == value) for key, label in field.choices
                ]
            found.append(entry)
        return found

    def agreement_rows(self) -> list[dict]:
        """Per agreement row: names, labels, the typed values and errors. The template writes
        the inputs itself: fifteen widget renders cost more than the rest of the page."""
        rows = []
        data = self.data if self.is_bound else {}
        for row in range(1, NATIONAL_AGREEMENT_ROWS + 1):
            found = {}
            for part, name in (("unit", f"eenheid_{row}"), ("kind", f"soort_{row}"),
                               ("amount", f"plekken_{row}")):
                found[f"{part}_name"] = name
                found[f"{part}_label"] = self.fields[name].label
                found[part] = data.get(name, "")
                found[f"{part}_error"] = " ".join(self.errors.get(name, ()))
            found["kinds"] = self.fields[f"soort_{row}"].choices
            rows.append(found)
        return rows

    def clean(self):
        data = super().clean()
        data["niveau"] = data.get("niveau") or "gemeenten"
        data["methode"] = data.get("methode") or "hamilton"
        weight = data.get("gewicht_inwoners")
        data["gewicht_inwoners"] = 50 if weight is None else weight
        day = data.get("peildatum")
        data["reference_date"] = date.fromisoformat(day) if day else (
            self.dates[0] if self.dates else None
        )
        if data["reference_date"] is None:
            raise forms.ValidationError(_("Er zijn nog geen CBS-cijfers geladen."))
        target = self.targets.get(data.get("doel"))
        data["target"] = target
        data["total"] = data.get("aantal") or (target.amount if target else None)
        if not data["total"]:
            self.add_error("aantal", _("Kies een landelijke opgave of vul een aantal in."))
        found = self.units_for(data["niveau"], data["reference_date"])
        units = found[0]
        by_name = {}
        for unit in units:
            by_name[unit.code.casefold()] = unit.code
            by_name[unit.name.casefold()] = unit.code
        agreements = []
        for row in range(1, NATIONAL_AGREEMENT_ROWS + 1):
            typed = (data.get(f"eenheid_{row}") or "").strip()
            kind = data.get(f"soort_{row}")
            amount = data.get(f"plekken_{row}")
            if not (typed or kind or amount is not None):
                continue
            code = by_name.get(typed.casefold())
            if code is None:
                self.add_error(f"eenheid_{row}", _(
                    "Onbekende gemeente of regio: vul een naam of CBS-code uit de lijst in."
                ))
            elif not kind or amount is None:
                self.add_error(f"plekken_{row}", _(
                    "Vul bij een afspraak de soort en het aantal in."
                ))
            else:
                agreements.append((code, kind, amount))
        data["agreements"] = agreements
        data["units"] = found
        return data
