from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from opvangregie.core.forms import PlausibleDatesMixin
from opvangregie.operations.members import Key
from opvangregie.operations.models import Destination, ParticipantKind, TargetGroup
from opvangregie.operations.rota import parse_periods
from opvangregie.textguard import TextGuardMixin


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RotaForm(PlausibleDatesMixin, TextGuardMixin, forms.Form):
    guarded_fields = ("notes",)
    name = forms.CharField(label=_("Naam van het rooster"), max_length=200)
    participant_kind = forms.ChoiceField(label=_("Deelnemers"), choices=ParticipantKind.choices)
    safety_region = forms.ModelChoiceField(
        label=_("Veiligheidsregio"), queryset=None, required=False,
        help_text=_("Niet nodig bij een landelijk rooster van de veiligheidsregio's."),
    )
    key = forms.ChoiceField(label=_("Verdeelsleutel"), choices=Key.CHOICES,
                            initial=Key.POPULATION)
    reference_date = forms.DateField(label=_("Peildatum inwoners"), widget=DateInput(),
                                     initial=date(2022, 1, 1), required=False)
    start = forms.DateField(label=_("Eerste dag"), widget=DateInput())
    end = forms.DateField(label=_("Laatste dag (tot en met)"), widget=DateInput())
    turn_weeks = forms.IntegerField(label=_("Lengte van een dienst (weken)"), initial=2,
                                    min_value=1, max_value=52)
    parallel = forms.IntegerField(label=_("Aantal tegelijk op dienst"), initial=4, min_value=1,
                                  max_value=100)
    places_per_turn = forms.IntegerField(label=_("Plekken per dienst"), initial=150,
                                         min_value=0, max_value=100000)
    unavailable = forms.CharField(
        label=_("Niet beschikbaar"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén regel per deelnemer: naam, dubbele punt, periodes. Bijvoorbeeld "
                    "'Raalte: 2022-07-01..2022-07-31; 2022-08-15'."),
    )
    notes = forms.CharField(label=_("Toelichting"), required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, regions, allow_national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["safety_region"].queryset = regions
        if not allow_national:
            self.fields["participant_kind"].choices = [
                c for c in ParticipantKind.choices if c[0] != ParticipantKind.REGION
            ]
        for name in ("name", "start", "end"):
            self.fields[name].widget.attrs["autocomplete"] = "off"

    def clean(self):
        data = super().clean()
        kind, key = data.get("participant_kind"), data.get("key")
        if kind and kind != ParticipantKind.REGION and not data.get("safety_region"):
            self.add_error("safety_region", _("Kies de regio van het rooster."))
        if key == Key.PLACES and kind != ParticipantKind.LOCATION:
            self.add_error("key", _("Op plekken verdelen kan alleen bij locaties."))
        if key == Key.POPULATION and kind == ParticipantKind.LOCATION:
            self.add_error("key", _("Locaties hebben geen inwoners; kies gelijk of plekken."))
        if key == Key.POPULATION and not data.get("reference_date"):
            self.add_error("reference_date", _("Geef de peildatum van de inwonertallen."))
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("De laatste dag ligt voor de eerste dag."))
        return data

    def unavailable_by_name(self) -> dict[str, tuple]:
        """{lower-case name: periods}; errors name the line."""
        found = {}
        text = self.cleaned_data.get("unavailable") or ""
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            if ":" not in line:
                raise ValidationError(_("Regel %(n)s: schrijf 'naam: periodes'.") % {"n": number})
            name, periods = line.split(":", 1)
            try:
                found[name.strip().lower()] = parse_periods(periods)
            except ValueError as error:
                raise ValidationError(
                    _("Regel %(n)s: %(e)s.") % {"n": number, "e": error}
                ) from error
        return found


class AdoptForm(forms.Form):
    decision_reference = forms.CharField(
        label=_("Besluit"), max_length=300,
        help_text=_("Bijvoorbeeld 'BAO 25-05-2022, agendapunt 3'."),
    )


class TurnChangeForm(TextGuardMixin, forms.Form):
    guarded_fields = ("reason",)
    ACTIONS = (("replace", _("Dienst overdragen aan een andere deelnemer")),
               ("swap", _("Ruilen met een dienst van een andere deelnemer")))
    action = forms.ChoiceField(label=_("Wijziging"), choices=ACTIONS,
                               widget=forms.RadioSelect, initial="replace")
    participant = forms.TypedChoiceField(label=_("Nieuwe deelnemer (bij overdragen)"),
                                         coerce=int, required=False)
    other_turn = forms.TypedChoiceField(label=_("Ruilen met (bij ruilen)"), coerce=int,
                                        required=False)
    reason = forms.CharField(label=_("Reden"), max_length=300)

    def __init__(self, *args, participants, other_turns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].choices = [("", "—"), *participants]
        self.fields["other_turn"].choices = [("", "—"), *other_turns]

    def clean(self):
        data = super().clean()
        if data.get("action") == "replace" and not data.get("participant"):
            self.add_error("participant", _("Kies aan wie de dienst wordt overgedragen."))
        if data.get("action") == "swap" and not data.get("other_turn"):
            self.add_error("other_turn", _("Kies met welke dienst wordt geruild."))
        return data


class DayForm(PlausibleDatesMixin, forms.Form):
    op = forms.DateField(label=_("Peildatum"), widget=DateInput(), required=False)


class MovementForm(PlausibleDatesMixin, forms.Form):
    day = forms.DateField(label=_("Dag"), widget=DateInput())
    arrivals = forms.IntegerField(label=_("Aangekomen (aantal)"), min_value=0, initial=0)
    departures = forms.IntegerField(label=_("Vertrokken (aantal)"), min_value=0, initial=0)
    destination = forms.ChoiceField(label=_("Bestemming van wie vertrok"), required=False,
                                    choices=[("", "—"), *Destination.choices])


class StayForm(PlausibleDatesMixin, forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk"), max_length=20,
        help_text=_("Pseudoniem kenmerk, zoals CNO-0042. Geen naam, geboortedatum of ander "
                    "persoonsgegeven."),
    )
    arrived_on = forms.DateField(label=_("Aangekomen op"), widget=DateInput())


class DepartForm(PlausibleDatesMixin, forms.Form):
    departed_on = forms.DateField(label=_("Vertrokken op"), widget=DateInput())
    destination = forms.ChoiceField(label=_("Bestemming"), choices=Destination.choices)


class EmergencyForm(TextGuardMixin, forms.Form):
    guarded_fields = ("note",)
    safety_region = forms.ModelChoiceField(label=_("Veiligheidsregio"), queryset=None)
    places_needed = forms.IntegerField(label=_("Aantal plekken nodig"), min_value=1,
                                       max_value=10000)
    target_group = forms.ChoiceField(label=_("Doelgroep"), choices=TargetGroup.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False,
                           help_text=_("Geen namen of andere persoonsgegevens."))

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["safety_region"].queryset = regions
        if regions.count() == 1:
            self.fields["safety_region"].initial = regions.first()


class AcceptForm(TextGuardMixin, forms.Form):
    guarded_fields = ("note",)
    location = forms.TypedChoiceField(label=_("Locatie"), coerce=int)
    places = forms.IntegerField(label=_("Aantal plekken"), min_value=1)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].choices = locations


class DeclineForm(TextGuardMixin, forms.Form):
    guarded_fields = ("note",)
    municipality = forms.TypedChoiceField(label=_("Gemeente"), coerce=int)
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = municipalities


class CloseForm(forms.Form):
    placed = forms.IntegerField(label=_("Aantal mensen geplaatst"), min_value=0)
