"""Tables of the Couverture page that are not charts: the ranking, and computed vs official.

Each comes raw (for the CSV export) and, where the screen wants it, French-formatted.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from geo import barometer, indicators, texts, zones
from geo.barometer import Indicator

# --- Ranking ----------------------------------------------------------------------


def _reached_text(row: Any) -> str:
    if not pd.isna(row.last_value) and not pd.isna(row.target_value) and row.last_value >= row.target_value:
        return texts.COUV_RANK_DONE
    if pd.isna(row.reached_year):
        return texts.COUV_RANK_NOT_REACHED.format(year=indicators.HORIZON_YEAR)
    return str(int(row.reached_year))


def ranking_table(frame: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    """The ranking with raw numbers (for the CSV export)."""
    cols = texts.COUV_RANK_COLUMNS
    return pd.DataFrame({
        cols["rank"]: frame["rank"],
        cols["code"]: zones.departement_codes(frame["zone"]),
        cols["name"]: frame["name"],
        cols["region"]: frame["region"],
        cols["last_value"]: frame["last_value"],
        cols["last_date"]: frame["last_date"],
        cols["target_value"]: frame["target_value"],
        cols["target_date"]: frame["target_date"],
        cols["rate"]: frame["rate"],
        cols["share_of_target"]: frame["share_of_target"].round(1),
        cols["reached_year"]: [_reached_text(r) for r in frame.itertuples()],
    })


def ranking_display(frame: pd.DataFrame, ind: Indicator) -> pd.DataFrame:
    """The ranking for the screen: French-formatted ('66,7 %': a progress column would print '66.7'),
    short labels and fewer columns so it fits the page (the dates go under it: ranking_dates_text).

    Rows keep the ranking's order, indexed from 0 (the page highlights a row by position).
    """
    cols = texts.COUV_RANK_SCREEN_COLUMNS
    return pd.DataFrame({
        cols["rank"]: frame["rank"].to_numpy(),
        cols["name"]: [f"{name} ({zones.departement_code(zone)})" for name, zone in zip(frame["name"], frame["zone"], strict=True)],
        cols["region"]: frame["region"].to_numpy(),
        cols["last_value"]: frame["last_value"].map(ind.fmt).to_numpy(),
        cols["target_value"]: frame["target_value"].map(ind.fmt).to_numpy(),
        cols["rate"]: frame["rate"].map(texts.fmt_pct).to_numpy(),
        cols["share_of_target"]: frame["share_of_target"].map(texts.fmt_pct).to_numpy(),
        cols["reached_year"]: [_reached_text(r) for r in frame.itertuples()],
    })


def _months(dates: pd.Series) -> str:
    """'déc. 2023', or 'mai 2024 ou juin 2024' when the départements' dates differ."""
    return " ou ".join(texts.fmt_month(d) for d in sorted(set(dates.dropna())))


def ranking_dates_text(frame: pd.DataFrame) -> str:
    """The dates left out of the screen table, for the line under it."""
    return texts.COUV_RANK_DATES.format(last=_months(frame["last_date"]) or "–", target=_months(frame["target_date"]) or "–")


# --- Computed vs official -----------------------------------------------------------


def check_table(check: barometer.LayerCheck) -> pd.DataFrame:
    """Computed from the layers | official, one row per figure."""
    c = texts.COUV_CHECK_COLUMNS

    def coverage(cov: indicators.Coverage) -> str:
        return texts.COUV_CHECK_COVERAGE.format(
            pct=texts.fmt_pct(cov.pct), population=texts.fmt_int(cov.population_covered),
            communes=texts.fmt_int(cov.communes_covered), total=texts.fmt_int(cov.communes_total))

    def official(s: barometer.Standing) -> str:
        return texts.COUV_CHECK_ROW_SOURCE.format(date=texts.fmt_month(s.last_date), source=texts.COUV_CHECK_SOURCE_BAROMETER.format(indicator=s.indicator))

    cpts, msp, cds = check.cpts_official, check.msp_official, check.cds_official
    declared = check.cpts_declared_row
    rows = [
        (texts.COUV_CHECK_CPTS_STRICT, coverage(check.strict), texts.fmt_pct(cpts.last_value), official(cpts)),
        (texts.COUV_CHECK_CPTS_BROAD, coverage(check.broad), texts.fmt_pct(cpts.last_value), official(cpts)),
        (texts.COUV_CHECK_CPTS_COUNT, texts.fmt_int(check.cpts_mapped), texts.fmt_int(check.cpts_declared),
         texts.COUV_CHECK_ROW_SOURCE.format(date=texts.fmt_date(declared["as_of"]), source=texts.COUV_CHECK_SOURCE_ARS)
         if declared is not None else "–"),
        (texts.COUV_CHECK_MSP, texts.COUV_CHECK_MSP_VALUE.format(msp=check.msp_mapped, sites=check.msp_sites),
         texts.fmt_int(msp.last_value), official(msp)),
        (texts.COUV_CHECK_CDS, texts.fmt_int(check.cds_mapped), texts.fmt_int(cds.last_value), official(cds)),
    ]
    return pd.DataFrame(rows, columns=c)


def check_export(check: barometer.LayerCheck) -> pd.DataFrame:
    """Computed vs official with raw numbers (for the CSV export: Excel gets numbers, not formatted text)."""
    c = texts.COUV_CHECK_CSV_COLUMNS
    cpts, msp, cds, declared = check.cpts_official, check.msp_official, check.cds_official, check.cpts_declared_row

    def row(label: str, computed: Any, official: Any, unit: str, date: Any, source: str,
            cov: indicators.Coverage | None = None) -> dict[str, Any]:
        return {c["indicator"]: label, c["computed"]: computed, c["official"]: official, c["unit"]: unit,
                c["population"]: cov.population_covered if cov else None, c["communes"]: cov.communes_covered if cov else None,
                c["communes_total"]: cov.communes_total if cov else None, c["date"]: date, c["source"]: source}

    frame = pd.DataFrame([
        row(texts.COUV_CHECK_CPTS_STRICT, round(check.strict.pct, 2), cpts.last_value, "%", cpts.last_date,
            texts.COUV_CHECK_SOURCE_BAROMETER.format(indicator=cpts.indicator), check.strict),
        row(texts.COUV_CHECK_CPTS_BROAD, round(check.broad.pct, 2), cpts.last_value, "%", cpts.last_date,
            texts.COUV_CHECK_SOURCE_BAROMETER.format(indicator=cpts.indicator), check.broad),
        row(texts.COUV_CHECK_CPTS_COUNT, check.cpts_mapped, check.cpts_declared, texts.COUV_CHECK_UNITS["cpts"],
            texts.parse_date(declared["as_of"]) if declared is not None else None,
            texts.COUV_CHECK_SOURCE_ARS if declared is not None else ""),
        row(texts.COUV_CHECK_MSP, check.msp_mapped, msp.last_value, texts.COUV_CHECK_UNITS["msp"], msp.last_date,
            texts.COUV_CHECK_SOURCE_BAROMETER.format(indicator=msp.indicator)),
        row(texts.COUV_CHECK_CDS, check.cds_mapped, cds.last_value, texts.COUV_CHECK_UNITS["cds"], cds.last_date,
            texts.COUV_CHECK_SOURCE_BAROMETER.format(indicator=cds.indicator)),
    ])
    # percentages and counts share a column: each cell keeps its own form in the CSV ('7,88', '4')
    frame[[c["computed"], c["official"]]] = frame[[c["computed"], c["official"]]].astype(object)
    return frame


def check_gap_text(check: barometer.LayerCheck) -> str:
    """One sentence: why the computed figures fall short of the official ones."""
    return texts.COUV_CHECK_GAP.format(
        strict=texts.fmt_pct(check.strict.pct), official=texts.fmt_pct(check.cpts_official.last_value),
        date=texts.fmt_month(check.cpts_official.last_date),
        cpts_mapped=texts.fmt_int(check.cpts_mapped), cpts_declared=texts.fmt_int(check.cpts_declared),
        msp_mapped=texts.fmt_int(check.msp_mapped), msp_declared=texts.fmt_int(check.msp_official.last_value),
    )


def comparison_display(table: pd.DataFrame) -> pd.DataFrame:
    """French-formatted copy of the comparison table (charts.comparison_table) for the screen."""
    out = table.copy()
    cols = texts.COUV_BULLET_COLUMNS
    for col in (cols["last_value"], cols["initial_value"], cols["target_value"]):
        out[col] = [
            barometer.INDICATORS[ind.split()[0]].fmt(v) for ind, v in zip(out[cols["indicator"]], out[col], strict=True)
        ]
    for col in (cols["last_date"], cols["target_date"]):
        out[col] = out[col].map(texts.fmt_month)
    out[cols["rate"]] = out[cols["rate"]].map(texts.fmt_pct)
    return out


def ranking_position_text(frame: pd.DataFrame, zone: str, ind: Indicator) -> str | None:
    """'Finistère (29) est 12e sur 101…' for a ranked département, None for any other zone."""
    row = frame[frame["zone"] == zone]
    if zones.level_of(zone) != "departement" or row.empty:
        return None
    return texts.COUV_RANK_POSITION.format(
        territory=barometer.zone_title(zone), rank=int(row["rank"].iloc[0]), total=len(frame), label=ind.label)


def check_unavailable_text(available: list[str]) -> str:
    """Why the check needs a département, and which ones have layers."""
    return texts.COUV_CHECK_UNAVAILABLE.format(
        deps=", ".join(barometer.zone_title(zones.departement_id(d)) for d in available))
