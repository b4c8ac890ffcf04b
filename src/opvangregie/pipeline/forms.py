from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.core.forms import ListedModelChoiceField, PlausibleDatesMixin
from opvangregie.pipeline.models import (
    CallAddressee,
    CandidateLocation,
    CandidateStatus,
    Criterion,
    ResponseStatus,
)
from opvangregie.textguard import Reader, TextGuardMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CandidateForm(PlausibleDatesMixin, TextGuardMixin, forms.ModelForm):
    """Used without an instance: the service, not the form, changes the candidate."""

    # The version the form was loaded with; the service refuses it when stale (ADR 7).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The candidate's own name is no secret to its notes' readers; another candidate's may be.
    guarded_fields = ("notes",)

    class Meta:
        model = CandidateLocation
        fields = [
            "municipality", "name", "address", "kind", "owner", "for_long_term", "for_cno",
            "for_permit_holders", "for_ukrainians", "possible_places", "earliest_opening",
            "estimated_costs", "is_new", "submitted_by_broker", "call", "scan_reference",
            "notes",
        ]
        widgets = {"earliest_opening": DATE, "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, municipalities, brokers, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["submitted_by_broker"].queryset = brokers
        self.fields["call"].queryset = calls
        self.guard_text(_notes_readers)


def _notes_readers(data):
    """Notes, documents and status reasons: the municipality's officers and coordinators."""
    municipality = data.get("municipality")
    return Reader.of_municipality(municipality.pk) if municipality else None


class StatusForm(TextGuardMixin, forms.Form):
    guarded_fields = ("reason",)
    to_status = forms.ChoiceField(label=_("Nieuwe status"), choices=CandidateStatus.choices)
    reason = forms.CharField(label=_("Waarom"), max_length=500)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ScoreForm(TextGuardMixin, forms.Form):
    guarded_fields = ("note",)
    criterion = ListedModelChoiceField(label=_("Criterium"), queryset=Criterion.objects.none())
    score = forms.IntegerField(label=_("Score"), min_value=0)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria


class ReleaseForm(PlausibleDatesMixin, forms.Form):
    embargo_until = forms.DateTimeField(
        label=_("Embargo tot (datum en tijd)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Bijvoorbeeld direct na het BAO, zodat alle gemeenten tegelijk "
                    "communiceren."),
    )
    reason = forms.CharField(label=_("Besluit"), max_length=300)
    release_name = forms.BooleanField(label=_("Naam vrijgeven"), required=False, initial=True)
    release_address = forms.BooleanField(label=_("Adres vrijgeven"), required=False,
                                         initial=True)
    release_owner = forms.BooleanField(label=_("Eigenaar vrijgeven"), required=False)


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Document"), help_text=_(
        "PDF, PNG, JPEG, Word (.docx) of Excel (.xlsx), hoogstens 10 MB."))


class CallForm(PlausibleDatesMixin, TextGuardMixin, forms.Form):
    guarded_fields = ("text",)
    sent_on = forms.DateField(label=_("Verstuurd op"), widget=DATE)
    text = forms.CharField(label=_("Tekst van de uitvraag"), widget=forms.Textarea)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Gemeenten"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    brokers = forms.ModelMultipleChoiceField(
        label=_("Makelaars"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, municipalities, brokers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].queryset = municipalities
        self.fields["brokers"].queryset = brokers


class AddresseeForm(TextGuardMixin, forms.Form):
    guarded_fields = ("note",)
    addressee = forms.ModelChoiceField(queryset=CallAddressee.objects.none(),
                                       widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Reactie"), choices=ResponseStatus.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    weight = forms.IntegerField(label=_("Gewicht"), min_value=0, initial=1)
    scale_max = forms.IntegerField(label=_("Schaal (hoogste score)"), min_value=1, initial=5)


class SpeedBandForm(PlausibleDatesMixin, forms.Form):
    label = forms.CharField(label=_("Naam"), max_length=100,
                            help_text=_("Bijvoorbeeld: vóór 1 november"))
    opens_before = forms.DateField(label=_("Opening vóór"), widget=DATE)
