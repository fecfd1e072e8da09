"""The ACLED-compatible CSV, read as an analyst reads it: with pandas, beside ACLED's columns."""

import io

import pandas as pd

from geo.export import ACLED_COLUMNS, csv_rows, iter_csv, to_csv
from geo.pipeline import extract

#: ACLED's columns as its data export and API give them (ACLED codebook, 2024).
ACLED = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type "
    "actor1 assoc_actor_1 inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting "
    "iso region country admin1 admin2 admin3 location latitude longitude geo_precision "
    "source source_scale notes fatalities tags timestamp"
).split()


def _frame():
    return pd.read_csv(io.StringIO(to_csv(extract(["seeds"]).incidents)))


def test_csv_has_acleds_columns_in_acleds_order_then_the_tools_own():
    frame = _frame()
    assert list(frame.columns[: len(ACLED)]) == ACLED == ACLED_COLUMNS
    for own in ("incident_type", "latitude", "longitude", "admin1", "location", "urls"):
        assert own in frame.columns


def test_csv_types_and_codes_are_acleds():
    frame = _frame()
    for col in ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp"):
        assert pd.api.types.is_integer_dtype(frame[col]), col
    for col in ("latitude", "longitude"):
        assert pd.api.types.is_float_dtype(frame[col]), col
    assert set(frame["iso"]) == {484}
    assert set(frame["country"]) == {"Mexico"}
    assert set(frame["region"]) == {"Central America"}
    assert set(frame["time_precision"]) <= {1, 2, 3}
    assert set(frame["geo_precision"]) <= {1, 2, 3, 4}
    assert (frame["year"] == pd.to_datetime(frame["event_date"]).dt.year).all()
    assert set(frame["disorder_type"]) <= {
        "Political violence",
        "Demonstrations",
        "Political violence; Demonstrations",
        "Strategic developments",
    }
    battles = frame[frame["event_type"] == "Battles"]
    assert set(battles["disorder_type"]) == {"Political violence"}
    assert "Jalisco" in set(frame["admin1"])


def test_one_row_per_clash_with_its_casualties():
    incidents = extract(["seeds"]).incidents
    # The records: a raid in Tapalpa, the same clash's casualties, and the
    # nationwide toll of the wave of violence that followed.
    assert {(i.event_type, i.location) for i in incidents} >= {
        ("raid", "Tapalpa"),
        ("casualties", "Tapalpa"),
        ("casualties", "Mexico"),
    }
    toll = next(i for i in incidents if i.event_type == "casualties" and i.location == "Tapalpa")
    wave = next(i for i in incidents if i.event_type == "casualties" and i.location == "Mexico")
    # --format acled: one row per event, the clash's toll folded into its row.
    frame = pd.read_csv(io.StringIO(to_csv(incidents, one_per_event=True)))
    tapalpa = frame[frame["location"] == "Tapalpa"]
    assert len(tapalpa) == 1
    (row,) = tapalpa.to_dict("records")
    assert row["incident_type"] == "raid" and row["event_type"] == "Battles"
    assert row["fatalities"] == toll.fatalities == 7
    assert row["folded_event_ids"] == toll.event_id
    assert frame["fatalities"].sum() == toll.fatalities + wave.fatalities  # each counted once
    assert len(frame) == len(incidents) - 1
    # --format csv: the toll keeps a row of its own, linked, with its deaths
    # counted on the clash's row only.
    rows = pd.read_csv(io.StringIO(to_csv(incidents)))
    assert len(rows) == len(incidents)
    linked = rows[rows["toll_of"].notna()].to_dict("records")
    assert [(r["incident_type"], r["toll_of"], r["fatalities"]) for r in linked] == [
        ("casualties", row["event_id_cnty"], 0)
    ]
    assert rows["fatalities"].sum() == frame["fatalities"].sum()
    kept = rows[rows["toll_of"].isna()].drop(columns="toll_of").reset_index(drop=True)
    assert kept.equals(frame.drop(columns="toll_of"))


def test_casualties_without_a_clash_stay_a_row_and_streaming_gives_the_same_text():
    incidents = extract(["seeds"]).incidents
    alone = [i for i in incidents if i.event_type != "raid"]
    rows = csv_rows(alone)
    assert [r["incident_type"] for r in rows].count("casualties") == 2  # Tapalpa's, the wave's
    assert "".join(iter_csv(incidents)) == to_csv(incidents)


def test_admin2_is_the_municipality_where_the_place_tells_it():
    rows = {(r["incident_type"], r["location"]): r for r in csv_rows(extract(["seeds"]).incidents)}
    assert rows[("raid", "Tapalpa")]["admin2"] == "Tapalpa"  # the seat of Tapalpa municipality
    assert rows[("blockade", "Jalisco")]["admin2"] == ""  # a state-wide record has none


def test_an_armed_clash_folds_its_toll_whatever_the_order(tmp_path):
    # armed_clash sorts before casualties by name: the toll must still fold.
    (tmp_path / "a.txt").write_text(
        " date 2019-10-14\nCartel gunmen ambushed and killed 14 state police in Aguililla, "
        "Michoacán. The police came under gunfire in a shootout with the gunmen in Aguililla.\n",
        encoding="utf-8",
    )
    incidents = extract([tmp_path]).incidents
    assert {i.event_type for i in incidents} >= {"armed_clash", "casualties"}
    frame = pd.read_csv(io.StringIO(to_csv(incidents, one_per_event=True)))
    (row,) = frame[frame["location"] == "Aguililla"].to_dict("records")
    assert (row["incident_type"], row["fatalities"]) == ("armed_clash", 14)
    assert isinstance(row["folded_event_ids"], str)


def test_a_sentence_the_article_repeats_is_evidence_once(tmp_path):
    (tmp_path / "a.txt").write_text(
        " date 2023-01-05\nBloqueos en Culiacán, Sinaloa, tras la detención de un líder.\n"
        "Un bloqueo en Culiacán. Foto: Archivo\nLos vehículos quedaron en la carretera.\n"
        "Un bloqueo en Culiacán. Foto: Archivo\n",
        encoding="utf-8",
    )
    (blockade,) = [i for i in extract([tmp_path]).incidents if i.event_type == "blockade"]
    texts = [e.text for e in blockade.evidence]
    assert len(texts) == len(set(texts)) == 2
