from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.agreements.models import RegionalAgreement
from opvangregie.capacity.models import Location, LocationType
from opvangregie.core.forms import PlausibleDatesMixin
from opvangregie.meetings.models import Decision
from opvangregie.regions.models import Municipality
from opvangregie.textguard import TextGuardMixin

PART_SLOTS = 5


class AgreementForm(PlausibleDatesMixin, TextGuardMixin, forms.Form):
    guarded_fields = ("reason", "decision_reference")
    kind = forms.ChoiceField(label=_("Soort afspraak"), choices=RegionalAgreement.Kind.choices)
    giver = forms.ModelChoiceField(Municipality.objects.none(), required=False,
                                   label=_("Gemeente die afstaat"))
    taker = forms.ModelChoiceField(Municipality.objects.none(), required=False,
                                   label=_("Gemeente die overneemt"))
    places = forms.IntegerField(label=_("CNO-plekken"), min_value=0, initial=0)
    permit_holders = forms.IntegerField(label=_("Vergunninghouders"), min_value=0, initial=0)
    location = forms.ModelChoiceField(Location.objects.none(), required=False,
                                      label=_("Gezamenlijke locatie"))
    valid_from = forms.DateField(label=_("Geldt vanaf"), widget=forms.DateInput(
        attrs={"type": "date"}))
    valid_until = forms.DateField(label=_("Geldt tot en met"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    reason = forms.CharField(label=_("Reden"), max_length=300)
    decision = forms.ModelChoiceField(Decision.objects.none(), required=False,
                                      label=_("Besluit in het overleg"))
    decision_reference = forms.CharField(label=_("Besluit (verwijzing)"), max_length=300,
                                         required=False)

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        municipalities = Municipality.objects.filter(safety_region=region, exists_until=None)
        self.fields["giver"].queryset = municipalities
        self.fields["taker"].queryset = municipalities
        # Confidential locations are left out: their name may not appear on a region page.
        self.fields["location"].queryset = Location.objects.filter(
            municipality__safety_region=region, type=LocationType.CNO, is_confidential=False)
        self.fields["decision"].queryset = Decision.objects.filter(
            meeting__safety_region=region).order_by("-decided_on")
        for slot in range(1, PART_SLOTS + 1):
            self.fields[f"part_municipality_{slot}"] = forms.ModelChoiceField(
                municipalities, required=False, label=_("Deel %(n)s: gemeente") % {"n": slot})
            self.fields[f"part_places_{slot}"] = forms.IntegerField(
                required=False, min_value=0, label=_("Deel %(n)s: plekken") % {"n": slot})

    def parts(self) -> list:
        return [
            (self.cleaned_data[f"part_municipality_{slot}"],
             self.cleaned_data[f"part_places_{slot}"] or 0)
            for slot in range(1, PART_SLOTS + 1)
            if self.cleaned_data.get(f"part_municipality_{slot}")
        ]

    @property
    def part_rows(self):
        return [(self[f"part_municipality_{slot}"], self[f"part_places_{slot}"])
                for slot in range(1, PART_SLOTS + 1)]
