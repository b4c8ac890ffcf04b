"""``opvangregie rota``: the formats and the Dutch errors (exit 2, nothing on stdout)."""

import csv
import io
import json
from collections import Counter

import pytest

from opvangregie.operations.rota_cli import main

ARGS = ["--start", "2022-06-01", "--end", "2022-08-31", "--turn-weeks", "2", "--parallel", "4"]


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_json_has_one_object_with_the_turns(regions_csv, capsys):
    status, out, err = run(capsys, "--participants", regions_csv, *ARGS, "--places", "150",
                           "--format", "json")
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert len(data["turns"]) == 28
    first = data["turns"][0]
    assert set(first) == {"participant", "start", "end", "places"}
    assert first["start"] == "2022-06-01" and first["end"] == "2022-06-14"
    assert first["places"] == 150
    assert data["turns"][-1]["end"] == "2022-08-31"
    counts = Counter(t["participant"] for t in data["turns"])
    assert sum(counts.values()) == 28 and counts["Utrecht"] == 2


def test_csv_lists_one_row_per_turn(regions_csv, capsys):
    status, out, _err = run(capsys, "--participants", regions_csv, *ARGS, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and len(rows) == 28
    assert set(rows[0]) == {"participant", "start", "end", "places"}


def test_table_is_the_default(regions_csv, capsys):
    status, out, _err = run(capsys, "--participants", regions_csv, *ARGS)
    assert status == 0
    assert "IJsselland" in out and "Aantal diensten per deelnemer" in out


def test_ics_is_one_calendar_with_an_event_per_turn(regions_csv, capsys):
    status, out, _err = run(capsys, "--participants", regions_csv, *ARGS, "--format", "ics")
    assert status == 0
    assert out.startswith("BEGIN:VCALENDAR\r\n") and out.endswith("END:VCALENDAR\r\n")
    assert out.count("BEGIN:VCALENDAR") == 1
    assert out.count("BEGIN:VEVENT") == 28


def test_unavailable_column_is_respected(tmp_path, capsys):
    path = tmp_path / "gemeenten.csv"
    path.write_text("name,inwoners,niet\nA,100,2022-06-01..2022-06-14\nB,100,\nC,100,\n",
                    encoding="utf-8")
    status, out, _err = run(capsys, "--participants", path, "--start", "2022-06-01",
                            "--end", "2022-06-28", "--parallel", "2", "--unavailable", "niet",
                            "--format", "json")
    assert status == 0
    turns = json.loads(out)["turns"]
    assert all(t["participant"] != "A" for t in turns if t["start"] == "2022-06-01")


@pytest.mark.parametrize(
    ("content", "extra", "message"),
    [
        ("name,inwoners\nA,100\nB,veel\n", [], "Rij 2 (regel 3 van het bestand), kolom "
         "'inwoners': 'veel' is geen getal."),
        ("name,inwoners\nA,100\nB,-5\n", [], "Rij 2 (regel 3 van het bestand), kolom "
         "'inwoners': -5 is negatief"),
        ("name,inwoners\nA,100\n,5\n", [], "Rij 2 (regel 3 van het bestand), kolom 'name': "
         "de naam ontbreekt."),
        ("name,inwoners,niet\nA,100,2022-02-30\nB,5,\n", ["--unavailable", "niet"],
         "Rij 1 (regel 2 van het bestand), kolom 'niet': '2022-02-30' is geen datum"),
        ("name,inwoners,opp\nA,100,3\nB,5,4\n", [], "meerdere getallenkolommen"),
        ("name,inwoners\nA,100\nB,5\n", ["--weight", "gewicht"], "De kolom 'gewicht' bestaat niet"),
        ("name,inwoners\nA,100\n", ["--parallel", "2"], "maar 1"),
    ],
)
def test_bad_input_exits_2_with_a_dutch_message_and_nothing_on_stdout(
    tmp_path, capsys, content, extra, message
):
    path = tmp_path / "deelnemers.csv"
    path.write_text(content, encoding="utf-8")
    parallel = [] if "--parallel" in extra else ["--parallel", "1"]
    status, out, err = run(capsys, "--participants", path, "--start", "2022-06-01",
                           "--end", "2022-06-30", *parallel, *extra)
    assert status == 2
    assert out == ""
    assert message in err
    assert err.startswith("opvangregie rota: fout:")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--start", "2022-06-01", "--end", "2022-06-30"], "verplichte argumenten ontbreken"),
        (["--participants", "x.csv", "--start", "1 juni", "--end", "2022-06-30"],
         "--start: '1 juni' is geen datum"),
        (["--participants", "x.csv", "--start", "2022-06-01", "--end", "2022-06-30",
          "--turn-weeks", "0"], "--turn-weeks moet een geheel getal van 1 of meer zijn"),
        (["--participants", "x.csv", "--start", "2022-06-01", "--end", "2022-06-30",
          "--format", "pdf"], "onbekend formaat 'pdf'"),
        (["--participants", "bestaat-niet.csv", "--start", "2022-06-01", "--end",
          "2022-06-30"], "bestaat niet"),
    ],
)
def test_usage_errors_exit_2(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == ""
    assert message in err
