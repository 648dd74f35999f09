"""The app reads the newest baromètre: the copy geo.sources downloaded beside the store, else the shipped one,
and says which by its date; a new download is seen at once (the loaders' caches follow the file)."""

from __future__ import annotations

import datetime as dt
import math
import os
import shutil
from pathlib import Path

import pytest

from geo import barometer, texts
from geo.barometer import series

SHIPPED = series.barometre_dir()
D29_ROW = "IND-311,D29,{date},DEPT,,{value},,\n"


@pytest.fixture
def saved(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("CARTE_STORE_DIR", str(tmp_path))
    return tmp_path / "barometre"


def download(saved: Path, value: float, day: dt.date, name: str = "ind-311.csv") -> Path:
    """What geo.sources.barometre.save leaves: the file written aside, then put in place in one step."""
    saved.mkdir(exist_ok=True)
    tmp = saved / f"{name}.tmp"
    shutil.copyfile(SHIPPED / name, tmp)
    with tmp.open("a", encoding="utf-8") as out:
        out.write(D29_ROW.format(date="2025-12-01", value=value))
    stamp = dt.datetime.combine(day, dt.time(12)).timestamp()
    os.utime(tmp, (stamp, stamp))
    os.replace(tmp, saved / name)
    return saved / name


def last_d29(ind_id: str = "IND-311") -> tuple[dt.date, float]:
    row = [r for r in series.zone_rows(ind_id, "D29") if not math.isnan(r.value)][-1]  # the last measured row
    return row.date, row.value


def test_without_a_download_the_shipped_copy_and_its_date(saved):
    assert series.current_copy("ind-311.csv") == SHIPPED / "ind-311.csv"
    assert last_d29() == (dt.date(2023, 12, 1), 39.0)
    assert barometer.source_date() == series.SHIPPED_DATE
    assert "extraction du 17/10/2024" in barometer.source_caption()


def test_a_download_is_read_and_dated_and_a_newer_one_seen_at_once(saved):
    assert last_d29() == (dt.date(2023, 12, 1), 39.0)  # cached from the shipped copy first
    download(saved, 45.0, dt.date(2026, 3, 1))
    assert series.current_copy("ind-311.csv") == saved / "ind-311.csv"
    assert last_d29() == (dt.date(2025, 12, 1), 45.0)
    assert series.load_indicator("IND-311")["date"].max() == dt.datetime(2026, 12, 1)  # the target row is kept
    assert barometer.source_date() == dt.date(2026, 3, 1)
    assert barometer.source_caption() == texts.COUV_SOURCE_DATED.format(date="01/03/2026")
    download(saved, 47.0, dt.date(2026, 3, 2))  # the next night's download replaces it
    assert last_d29() == (dt.date(2025, 12, 1), 47.0)
    assert barometer.source_date() == dt.date(2026, 3, 2)


def test_indicators_not_downloaded_still_come_from_the_shipped_copy(saved):
    download(saved, 45.0, dt.date(2026, 3, 1))
    assert series.current_copy("ind-318.csv") == SHIPPED / "ind-318.csv"
    assert series.zone_rows("IND-318", "D29") == series.zone_rows("IND-318", "D29", SHIPPED.parent)


def test_an_explicit_data_folder_is_read_as_given(saved):
    download(saved, 45.0, dt.date(2026, 3, 1))
    data_dir = SHIPPED.parent
    assert series.current_copy("ind-311.csv", data_dir) == SHIPPED / "ind-311.csv"
    assert len(series.load_indicator("IND-311", data_dir)) == len(series.load_indicator("IND-311")) - 1
    assert series.source_date(data_dir) == series.SHIPPED_DATE
