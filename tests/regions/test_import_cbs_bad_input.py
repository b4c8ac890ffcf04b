"""import-cbs on impossible figures and years: the line is named, nothing changes."""

import pytest
from django.core.management import CommandError, call_command

from opvangregie.audit.models import AuditEvent
from opvangregie.regions.models import IndicatorValue, NationalValue
from tests.regions.test_import_cbs import write


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ('"2022";"Zwolle";NaN;1184', "'NaN' is geen getal"),
        ('"2022";"Zwolle";131000;Infinity', "'Infinity' is geen getal"),
        ('"2022";"Zwolle";-Infinity;1184', "'-Infinity' is geen getal"),
        ('"2022";"Nederland";sNaN;534', "'sNaN' is geen getal"),
        ('"2022";"Zwolle";1E+400;1184', "1E+400 is te groot"),
        ('"2022";"Zwolle";' + "9" * 5000 + ";1184", "… (5000 tekens) is te groot"),
        ('"0000";"Zwolle";131000;1184', "jaar 0000: Datum moet tussen 1-1-2000 en 31-12-2100"),
        ('"1999JJ00";"Zwolle";131000;1184', "jaar 1999: Datum moet tussen"),
        ('"9999";"Zwolle";131000;1184', "jaar 9999: Datum moet tussen"),
        ('"2022";"Zwolle";999999999999;0.01', "onmogelijke landoppervlakte"),
    ],
)
def test_an_impossible_value_or_year_is_named_and_changes_nothing(tmp_path, zwolle, line, named):
    path = write(tmp_path, '"2023";"Zwolle";131000;1184', line)
    before = (list(IndicatorValue.objects.values_list("pk", "value")),
              NationalValue.objects.count(), AuditEvent.objects.count())
    with pytest.raises(CommandError) as error:
        call_command("import_cbs", str(path))
    message = str(error.value)
    assert "Er is niets ingelezen" in message
    assert "Regel 3" in message and named in message
    after = (list(IndicatorValue.objects.values_list("pk", "value")),
             NationalValue.objects.count(), AuditEvent.objects.count())
    assert after == before
