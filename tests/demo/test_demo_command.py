import pytest
from django.core.management import CommandError, call_command

from opvangregie.accounts.models import User
from opvangregie.regions.models import Municipality
from opvangregie.targets.models import Target


def run_demo(*args):
    call_command("demo", "--no-serve", *args)


def test_demo_loads_the_scenario_accounts_and_targets(db, capsys):
    run_demo()
    output = capsys.readouterr().out
    roles = dict(User.objects.values_list("username", "role"))
    assert roles == {
        "coordinator": "coordinator",
        "zwolle": "officer",
        "deventer": "officer",
        "dalfsen": "officer",
        "bestuur": "board",
        "beheer": "administrator",
    }
    zwolle_officer = User.objects.get(username="zwolle")
    assert list(zwolle_officer.municipalities.values_list("name", flat=True)) == ["Zwolle"]
    for username in roles:
        assert username in output
    amounts = set(Target.objects.values_list("amount", flat=True))
    assert {450, 13500, 20000, 2000, 2400} <= amounts


def test_printed_passwords_log_in(db, client, capsys):
    run_demo()
    output = capsys.readouterr().out
    line = next(line for line in output.splitlines() if " coordinator " in line)
    password = line.split("│")[2].strip()
    assert client.login(username="coordinator", password=password)


def test_a_second_run_keeps_what_users_changed_and_loads_nothing_twice(db, capsys):
    run_demo()
    zwolle = Municipality.objects.get(code="GM0193")
    zwolle.contact_name = "Door een gebruiker ingevuld"
    zwolle.save()
    targets, users = Target.objects.count(), User.objects.count()
    run_demo()
    assert "was al geladen" in capsys.readouterr().out
    zwolle.refresh_from_db()
    assert zwolle.contact_name == "Door een gebruiker ingevuld"
    assert (Target.objects.count(), User.objects.count()) == (targets, users)


def test_the_password_from_the_environment_is_every_accounts_password(db, client, monkeypatch):
    monkeypatch.setenv("OPVANGREGIE_DEMO_PASSWORD", "gedeeld-demo-wachtwoord")
    run_demo()
    for username in ("coordinator", "zwolle", "deventer", "dalfsen", "bestuur", "beheer"):
        assert client.login(username=username, password="gedeeld-demo-wachtwoord")


def test_reset_without_confirmation_wipes_nothing(db, monkeypatch):
    run_demo()
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match="--yes"):
        run_demo("--reset")
    assert Target.objects.exists()


def test_reset_with_yes_starts_over(transactional_db):
    # Transactional: flushing inside a test transaction is not possible on PostgreSQL.
    run_demo()
    Municipality.objects.filter(code="GM0193").update(contact_name="Wordt gewist")
    run_demo("--reset", "--yes")
    assert Municipality.objects.get(code="GM0193").contact_name == ""
    assert Target.objects.filter(amount=450).count() == 1
