from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from opvangregie.notices import selectors, services
from opvangregie.notices.forms import PreferencesForm


@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None,
                           initial={"kinds": sorted(selectors.enabled_kinds(request.user))})
    if request.method == "POST" and form.is_valid():
        services.mail_preferences_set(user=request.user, enabled=set(form.cleaned_data["kinds"]))
        messages.success(request, _("Uw keuze voor e-mailberichten is opgeslagen."))
        return redirect("notices:preferences")
    return render(request, "notices/preferences.html", {"form": form})
