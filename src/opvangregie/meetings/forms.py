from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.core.forms import PlausibleDatesMixin
from opvangregie.meetings.models import (
    Action,
    Answer,
    Decision,
    DecisionStatus,
    LocationReport,
    Meeting,
    Proposal,
)
from opvangregie.textguard import TextGuardMixin

DATE_FORMAT = "%Y-%m-%d"
MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label, required=required, help_text=help_text, input_formats=[DATE_FORMAT],
        widget=forms.DateInput(attrs={"type": "date"}, format=DATE_FORMAT),
        error_messages={"invalid": _("Vul een datum in als JJJJ-MM-DD.")},
    )


def _moment_field(label, *, help_text=""):
    return forms.DateTimeField(
        label=label, help_text=help_text, input_formats=[MOMENT_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MOMENT_FORMAT),
        error_messages={"invalid": _("Vul datum en tijd in als JJJJ-MM-DD UU:MM.")},
    )


class RegionChoiceMixin:
    def set_regions(self, regions):
        self.fields["regio"].choices = [(r.code, r.name) for r in regions]
        self.regions = {r.code: r for r in regions}
        if len(regions) == 1:
            self.fields["regio"].initial = regions[0].code
            self.fields["regio"].widget = forms.HiddenInput()

    def region(self):
        return self.regions.get(self.cleaned_data.get("regio"))


class MeetingForm(PlausibleDatesMixin, TextGuardMixin, RegionChoiceMixin, forms.ModelForm):
    guarded_fields = ("title", "notes")
    regio = forms.ChoiceField(label=_("Veiligheidsregio"))
    date = _date_field(_("Datum"))

    class Meta:
        model = Meeting
        fields = ["date", "title", "notes"]

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_regions(regions)


class MeetingNarrativeForm(TextGuardMixin, forms.ModelForm):
    """The typed slides of the meeting's deck; every user of the region reads them."""

    guarded_fields = ("safety_picture", "national_text", "findings", "agreements", "principles")
    # The version the page was loaded with; the service refuses it when stale (ADR 7).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Meeting
        fields = ["safety_picture", "national_text", "findings", "agreements", "principles"]
        help_texts = {
            "safety_picture": _("Het veiligheidsbeeld zoals het in het overleg wordt "
                                "gepresenteerd. Eén punt per regel."),
            "national_text": _("Toelichting bij de landelijke cijfers. Eén punt per regel."),
            "findings": _("Bevindingen uit de zoektocht en de gesprekken. Eén punt per regel."),
            "agreements": _("De afspraken van het bestuursakkoord. Eén punt per regel; een "
                            "regel die eindigt op een dubbele punt is een kopje."),
            "principles": _("Het voorstel aan het overleg, zoals de regionale uitgangspunten. "
                            "Eén punt per regel."),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in (
            "safety_picture", "national_text", "findings", "agreements", "principles")}


class AgendaItemForm(TextGuardMixin, forms.Form):
    guarded_fields = ("title", "notes")
    title = forms.CharField(label=_("Agendapunt"), max_length=300)
    notes = forms.CharField(label=_("Toelichting"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))


class _ItemIterator(forms.models.ModelChoiceIterator):
    """The meeting's agenda items read through the meeting: on the meeting's page they are
    prefetched already, where iterating the queryset would ask the database once per form."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.meeting.agenda_items.all():
            yield self.choice(obj)


class _ItemChoice(forms.ModelChoiceField):
    """An agenda item of `meeting` (set by the form); validated against the queryset."""

    iterator = _ItemIterator
    meeting = None

    def label_from_instance(self, obj):
        return f"{obj.position}. {obj.title}"

    def set_meeting(self, meeting):
        self.meeting = meeting
        self.queryset = meeting.agenda_items.all()


class DecisionForm(PlausibleDatesMixin, TextGuardMixin, forms.ModelForm):
    guarded_fields = ("text", "owner")
    due_date = _date_field(_("Uiterlijk"), required=False)
    agenda_item = _ItemChoice(queryset=None, label=_("Agendapunt"), required=False)

    class Meta:
        model = Decision
        fields = ["text", "owner", "horizon", "due_date", "agenda_item"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].set_meeting(meeting)


class DecisionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=DecisionStatus.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)
    # The version the page was loaded with; the service refuses it when stale (ADR 7).
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ActionForm(PlausibleDatesMixin, TextGuardMixin, forms.ModelForm):
    guarded_fields = ("text", "owner")
    due_date = _date_field(_("Uiterlijk"), required=False,
                           help_text=_("Meestal de datum van het volgende overleg."))
    agenda_item = _ItemChoice(queryset=None, label=_("Agendapunt"), required=False)

    class Meta:
        model = Action
        fields = ["text", "owner", "due_date", "agenda_item"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].set_meeting(meeting)


class ProposalForm(PlausibleDatesMixin, TextGuardMixin, RegionChoiceMixin, forms.ModelForm):
    guarded_fields = ("title", "content", "submitted_by")
    regio = forms.ChoiceField(label=_("Veiligheidsregio"))
    submitted_at = _moment_field(
        _("Ingediend op"),
        help_text=_("Het loket antwoordt binnen 72 uur na dit moment met GO of NO GO."),
    )

    class Meta:
        model = Proposal
        fields = ["title", "content", "submitted_at", "submitted_by"]
        widgets = {"content": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_regions(regions)


class ProposalAnswerForm(PlausibleDatesMixin, TextGuardMixin, forms.Form):
    guarded_fields = ("note",)
    answer = forms.ChoiceField(label=_("Antwoord van het loket"), choices=Answer.choices,
                               widget=forms.RadioSelect)
    answered_at = _moment_field(_("Beantwoord op"))
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class LocationReportForm(PlausibleDatesMixin, TextGuardMixin, forms.ModelForm):
    guarded_fields = ("incidents", "sentiment_notes", "care", "partners", "community",
                      "concerns")
    reported_on = _date_field(_("Peildatum rapportage"))

    class Meta:
        model = LocationReport
        fields = [
            "reported_on", "major_incidents", "incidents", "sentiment", "sentiment_notes",
            "staff", "security", "catering", "care", "partners", "community", "concerns",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 2}) for name in (
            "incidents", "sentiment_notes", "care", "partners", "community", "concerns")}


class StatusReportForm(PlausibleDatesMixin, forms.Form):
    regio = forms.ChoiceField(label=_("Veiligheidsregio"), required=False)
    peildatum = _date_field(_("Peildatum"), required=False,
                            help_text=_("De cijfers zoals ze op deze dag bekend waren."))

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].choices = [(r.code, r.name) for r in regions]
