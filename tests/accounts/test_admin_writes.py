"""`/beheer/` is no side door: every registered model is read-only there or audited."""

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.contrib import admin
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from opvangregie.api.services import api_token_create
from opvangregie.audit.models import AuditEvent
from opvangregie.capacity.services import figures_confirm
from opvangregie.demo.scenario import scenario_load

pytestmark = pytest.mark.django_db

# A valid add for every model the admin may add to; a new writable admin needs an entry here.
VALID_ADD = {
    "accounts.user": lambda region: {
        "username": "nieuw", "usable_password": "true",
        "password1": "een-lang-wachtwoord-7", "password2": "een-lang-wachtwoord-7",
        "role": "board", "safety_region": str(region.pk),
    },
    "auth.group": lambda region: {"name": "Lezers"},
    "capacity.location": lambda region: {
        "name": "Sporthal", "municipality": str(region.municipalities.first().pk),
        "type": "cno", "operator": "municipality", "status": "open",
        "capacity_records-TOTAL_FORMS": "0", "capacity_records-INITIAL_FORMS": "0",
    },
    "targets.target": lambda region: {
        "name": "Landelijke opgave", "kind": "cno", "scope": "national", "amount": "1000",
        "unit": "places", "period_start": "2023-01-01", "period_end": "2023-06-30",
        "source": "Brief van de staatssecretaris",
    },
}


def change_form_data(response) -> dict:
    """What the browser sends back when the change page is saved as shown."""
    data = {}
    shown = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[formset.management_form.add_prefix(name)] = value
        shown.extend(formset.forms)
    for form in shown:
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form[name].value()
            if value is None or value is False:
                continue
            if isinstance(field.widget, forms.MultiWidget):
                widgets = field.widget.widgets
                for index, (widget, part) in enumerate(
                        zip(widgets, field.widget.decompress(value), strict=True)):
                    data[f"{form.add_prefix(name)}_{index}"] = widget.format_value(part)
            elif isinstance(value, list | tuple):
                data[form.add_prefix(name)] = [str(v) for v in value]
            else:
                data[form.add_prefix(name)] = "on" if value is True else str(value)
    return data


def audit_count() -> int:
    return AuditEvent.objects.exclude(action="view").count()


def registered_models():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)


@pytest.fixture
def everything(db, zwolle, zwolle_officer):
    """The demo scenario and what it lacks: at least one record of every model."""
    scenario_load()
    figures_confirm(actor=zwolle_officer, municipality=zwolle)
    TOTPDevice.objects.create(user=zwolle_officer, name="telefoon", confirmed=True)
    StaticDevice.objects.create(user=zwolle_officer, name="herstelcodes", confirmed=True)
    api_token_create(actor=zwolle_officer, user=zwolle_officer, name="COA-koppeling")
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        fields = {"username": "zwolle", "ip_address": "127.0.0.1", "user_agent": "test"}
        if model is AccessAttempt:
            fields |= {"failures_since_start": 10, "get_data": "", "post_data": ""}
        model.objects.create(**fields)


def test_every_admin_add_is_refused_or_audited(client, administrator, everything, ijsselland):
    client.force_login(administrator)
    for model, _model_admin in registered_models():
        label = model._meta.label_lower
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        before = audit_count()
        if label in VALID_ADD:
            response = client.post(url, VALID_ADD[label](ijsselland))
            assert response.status_code == 302, (label, response.context and
                                                 response.context["adminform"].form.errors)
            assert audit_count() > before, f"{label}: added in the admin without audit"
        else:
            response = client.post(url, {})
            assert response.status_code == 403, f"{label}: the admin accepts an add"
            assert audit_count() == before


def test_every_admin_change_is_refused_or_audited(client, administrator, everything):
    client.force_login(administrator)
    for model, model_admin in registered_models():
        label = model._meta.label_lower
        instance = model._default_manager.order_by("pk").first()
        if instance is None:
            if label == "auth.group":
                continue  # the demo has no groups; the add test covers their audit
            pytest.fail(f"the demo has no {label} to open in the admin")
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
                      args=[instance.pk])
        page = client.get(url)
        assert page.status_code == 200, label
        before = audit_count()
        writable = model_admin.has_change_permission(page.wsgi_request, instance)
        response = client.post(url, change_form_data(page) if writable else {})
        if writable:
            assert response.status_code == 302, (label, response.context["adminform"].form.errors)
            assert audit_count() > before, f"{label}: changed in the admin without audit"
        else:
            assert response.status_code == 403, f"{label}: the admin accepts a change"
            assert audit_count() == before


@pytest.mark.parametrize("model", [TOTPDevice, StaticDevice, AccessAttempt])
def test_deleting_a_second_factor_or_a_lockout_in_the_admin_is_audited(
    client, administrator, everything, model
):
    """A lost phone or a locked account: the administrator deletes the record, on record."""
    client.force_login(administrator)
    instance = model.objects.get()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_delete",
                  args=[instance.pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not model.objects.exists()
    event = AuditEvent.objects.get(action="delete", object_type=model._meta.label_lower)
    assert event.actor == administrator and event.object_id == str(instance.pk)


def test_the_admin_never_shows_a_second_factor_secret(client, administrator, everything):
    client.force_login(administrator)
    device = TOTPDevice.objects.get()
    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert device.key not in page.text and "qrcode" not in page.text


def test_a_decision_status_cannot_be_changed_in_the_admin(client, administrator, everything):
    from opvangregie.meetings.models import Decision

    decision = Decision.objects.order_by("pk").first()
    client.force_login(administrator)
    response = client.post(reverse("admin:meetings_decision_change", args=[decision.pk]),
                           {"status": "done"})
    assert response.status_code == 403
    assert Decision.objects.get(pk=decision.pk).status == decision.status


def test_a_role_changed_in_the_admin_is_in_the_audit_log(client, administrator, zwolle_officer):
    client.force_login(administrator)
    url = reverse("admin:accounts_user_change", args=[zwolle_officer.pk])
    data = change_form_data(client.get(url))
    data["role"] = "coordinator"

    assert client.post(url, data).status_code == 302

    event = AuditEvent.objects.get(object_type="accounts.user", object_id=str(zwolle_officer.pk),
                                   action="update")
    assert (event.actor, event.before["role"], event.after["role"]) == (
        administrator, "officer", "coordinator")
    assert "password" not in (event.after or {}) or event.after["password"] == "gewijzigd"


def test_a_user_deleted_in_the_admin_is_in_the_audit_log(client, administrator, board_member):
    client.force_login(administrator)
    url = reverse("admin:accounts_user_delete", args=[board_member.pk])

    assert client.post(url, {"post": "yes"}).status_code == 302

    event = AuditEvent.objects.get(object_type="accounts.user", action="delete")
    assert (event.actor, event.before["username"]) == (administrator, board_member.username)
