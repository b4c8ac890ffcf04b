"""Production serving: a request log without names, and a clean `check --deploy`."""

import logging
import os
import subprocess
import sys

from django.urls import reverse

from tests.operations.conftest import location_with_capacity


def test_the_request_log_never_holds_a_search_term_or_a_confidential_name(
        client, coordinator, zwolle, caplog):
    secret = location_with_capacity(zwolle, name="Sporthal Geheimweg", type="azc", places=50,
                                    occupancy=20, confidential=True)
    client.force_login(coordinator)
    caplog.set_level(logging.INFO, logger="opvangregie.requests")
    client.get(reverse("capacity:location_list") + "?q=Sporthal+Geheimweg")
    client.get(reverse("capacity:location_detail", args=[secret.pk]))
    client.get("/locaties/Sporthal-Geheimweg/")
    lines = [r.getMessage() for r in caplog.records if r.name == "opvangregie.requests"]
    assert len(lines) == 3
    assert lines[0] == lines[0].split("?")[0]
    assert lines[0].startswith("GET /locaties/ 200 ")
    assert lines[1].startswith(f"GET /locaties/{secret.pk}/ 200 ")
    assert lines[2].startswith("GET (onbekend pad) 404 ")
    assert all(f"user={coordinator.pk}" in line for line in lines)
    assert not any("Geheimweg" in line or "Sporthal" in line for line in lines)


def test_production_settings_pass_the_deployment_check(tmp_path):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY",
                                                                "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env = {
        **clean, "OPVANGREGIE_DATA_DIR": str(tmp_path), "OPVANGREGIE_PRODUCTION": "1",
        "SECRET_KEY": "k" * 10 + "-a-long-random-secret-for-the-deploy-check-9f8e7d6c5b4a",
        "ALLOWED_HOSTS": "regie.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://regie.example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "opvangregie", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
