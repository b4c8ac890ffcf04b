from django import forms
from django.utils.translation import gettext_lazy as _

from opvangregie.core.forms import PlausibleDatesMixin
from opvangregie.reports.columns import SORT_KEYS
from opvangregie.reports.overview import DEFAULT_STALE_AFTER_DAYS

MAX_STALE_DAYS = 366


class OverviewForm(PlausibleDatesMixin, forms.Form):
    """The overview's choices, read from the query string; an invalid value falls back."""

    regio = forms.ChoiceField(label=_("Veiligheidsregio"), required=False)
    peildatum = forms.DateField(
        label=_("Peildatum"),
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De cijfers zoals ze op deze dag bekend waren."),
        error_messages={"invalid": _("Vul een datum in als JJJJ-MM-DD.")},
    )
    dagen = forms.IntegerField(
        label=_("Verouderd na (dagen)"),
        required=False,
        min_value=0,
        max_value=MAX_STALE_DAYS,
        help_text=_(
            "Zonder bijwerking of bevestiging in zoveel dagen heet een gemeente verouderd."
        ),
    )
    sorteer = forms.ChoiceField(
        required=False, choices=[(key, key) for key in SORT_KEYS], widget=forms.HiddenInput
    )
    richting = forms.ChoiceField(
        required=False, choices=[("asc", "asc"), ("desc", "desc")], widget=forms.HiddenInput
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["regio"].choices = [(r.code, r.name) for r in regions]
        self.fields["dagen"].widget.attrs["placeholder"] = str(DEFAULT_STALE_AFTER_DAYS)
