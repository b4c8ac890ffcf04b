"""The deck opens in LibreOffice: converted to PDF, one page per slide, every title on its page.

Needs Debian's `libreoffice-impress` (and `poppler-utils` for `pdftotext`). Skipped with a
reason where LibreOffice is missing, except in CI (env CI set), where that is a failure.
"""

import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from pptx import Presentation

from opvangregie.demo.scenario import scenario_load
from opvangregie.meetings.demo import meetings_demo_load
from opvangregie.regions.models import SafetyRegion
from opvangregie.reports.deck import slide_titles

CONVERSION_TIMEOUT = 120
PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def libreoffice() -> str:
    found = shutil.which("libreoffice") or shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (libreoffice of soffice) ontbreekt in CI: "
                        "apt-get install -y libreoffice-impress poppler-utils")
        pytest.skip("LibreOffice is niet geïnstalleerd (apt-get install -y libreoffice-impress)")
    return found


def to_pdf(program: str, deck: Path, out: Path) -> Path:
    profile = out / "lo-profile"
    result = subprocess.run(  # noqa: S603 (a fixed program and our own file)
        [program, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out), str(deck)],
        capture_output=True, timeout=CONVERSION_TIMEOUT, check=False,
    )
    pdf = out / (deck.stem + ".pdf")
    assert pdf.exists(), result.stderr.decode(errors="replace")
    return pdf


def normalised(text: str) -> str:
    return " ".join(text.split())


def pages_text(pdf: Path) -> list[str] | None:
    """The text of each page (pdftotext), or None without poppler-utils."""
    program = shutil.which("pdftotext")
    if program is None:
        return None
    result = subprocess.run(  # noqa: S603
        [program, "-layout", str(pdf), "-"], capture_output=True, timeout=60, check=True
    )
    pages = result.stdout.decode("utf-8", errors="replace").split("\f")
    return [normalised(page) for page in pages if page.strip()]


@pytest.mark.django_db
def test_the_ijsselland_deck_of_31_august_2022_opens_in_libreoffice(tmp_path):
    program = libreoffice()
    scenario_load()
    meetings_demo_load(SafetyRegion.objects.get(code="VR04"))
    deck = tmp_path / "tussenstand.pptx"
    call_command("deck", "--region", "IJsselland", "--as-of", date(2022, 8, 31).isoformat(),
                 "-o", str(deck))
    titles = slide_titles(Presentation(str(deck)))
    assert len(titles) >= 10

    pdf = to_pdf(program, deck, tmp_path)
    assert len(PAGE.findall(pdf.read_bytes())) == len(titles)
    pages = pages_text(pdf)
    if pages is not None:
        assert len(pages) == len(titles)
        for title, page in zip(titles, pages, strict=True):
            assert normalised(title) in page, title
        assert all("31-8-2022" in page for page in pages)
