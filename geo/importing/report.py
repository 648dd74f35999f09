"""What an import says back: the refusal, the report (French lines) and the result."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import geopandas as gpd
import pandas as pd

from geo import texts
from geo.importing import limits
from geo.importing.limits import MB

LIST_LIMIT = 15  # a report line must stay readable when a file lists thousands of names
# (level, sentence) -> appended to the report's lines.
AddLine = Callable[[str, str], None]


class ImportRefused(Exception):
    """The file cannot be used; the message (French) says what to fix."""


@dataclass
class Report:
    filename: str
    size: int
    kind: str
    departement: str
    format: str = ""
    checksum: str = ""
    encoding: str = ""
    separator: str = ""
    layers_available: list[str] = field(default_factory=list)
    layer_read: str = ""
    features_read: int = 0
    features_kept: int = 0
    crs_found: str = ""
    crs_assumed: str = ""  # "l93" | "wgs84" when no CRS was declared
    reprojected: bool = False
    repaired: int = 0
    dropped_empty: int = 0
    dropped_duplicates: int = 0
    dropped_duplicate_ids: int = 0
    dropped_wrong_geometry: int = 0
    wrong_geometry_found: str = ""
    points_from_shapes: int = 0
    unmatched_codes: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    outside_dropped: bool = False
    no_position: int = 0
    at_commune: int = 0
    unknown_kinds: dict[str, int] = field(default_factory=dict)
    unknown_status: dict[str, int] = field(default_factory=dict)
    finess: dict[str, str] | None = None
    cpts_count: int = 0
    cpts_communes: int = 0
    cpts_without_commune: list[str] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    mojibake: bool = False
    decompressed: int = 0  # bytes produced by decompression (0: the upload was not compressed)
    finess_without_number: int = 0
    non_finite: dict[str, int] = field(default_factory=dict)  # column -> ±inf / NaN values stored empty
    unrepairable: list[str] = field(default_factory=list)  # rows (ligne n / entité n° n) whose geometry was dropped
    refused: str = ""

    @property
    def ok(self) -> bool:
        return not self.refused

    def lines(self) -> list[tuple[str, str]]:
        """(level, French sentence): level is 'info', 'fix' (something was repaired/dropped) or 'warn'."""
        out: list[tuple[str, str]] = []

        def add(level: str, text: str) -> None:
            out.append((level, text))

        add("info", texts.REPORT_FILE.format(name=self.filename, size=fmt_size(self.size),
                                             format=texts.FORMAT_LABELS.get(self.format, self.format or "?")))
        if self.decompressed:
            add("info", texts.REPORT_DECOMPRESSED.format(
                produced=fmt_size(self.decompressed), max_mb=limits.MAX_UNCOMPRESSED_MB,
                ratio=limits.MAX_COMPRESSION_RATIO, floor_mb=limits.RATIO_FLOOR_MB))
        if self.encoding:  # a text converted to UTF-8 is a warning: its accents deserve a look
            level = "warn" if self.encoding == texts.ENCODING_CONVERTED else "info"
            add(level, texts.REPORT_ENCODING.format(encoding=self.encoding, sep=self.separator) if self.separator
                else texts.REPORT_ENCODING_TEXT.format(encoding=self.encoding))
        if self.mojibake:
            add("warn", texts.REPORT_MOJIBAKE)
        if self.layers_available:
            add("info", texts.REPORT_LAYERS.format(names=", ".join(self.layers_available), layer=self.layer_read))
        if self.finess:
            add("info", texts.REPORT_FINESS.format(**self.finess))
        if self.features_read:
            add("info", texts.REPORT_READ.format(n=texts.fmt_int(self.features_read)))
        if self.finess_without_number:
            add("warn", texts.REPORT_FINESS_NO_NUMBER.format(n=texts.fmt_int(self.finess_without_number)))
        if self.non_finite:
            add("fix", texts.REPORT_NON_FINITE.format(n=texts.fmt_int(sum(self.non_finite.values())),
                                                      columns=short_list(list(self.non_finite))))
        if self.unrepairable:
            add("fix", texts.REPORT_UNREPAIRABLE.format(n=texts.fmt_int(len(self.unrepairable)),
                                                        where=short_list(self.unrepairable)))
        self._crs_lines(add)
        for count, template in ((self.repaired, texts.REPORT_REPAIRED), (self.dropped_empty, texts.REPORT_EMPTY),
                                (self.dropped_duplicates, texts.REPORT_DUPLICATES),
                                (self.dropped_duplicate_ids, texts.REPORT_DUPLICATE_IDS),
                                (self.points_from_shapes, texts.REPORT_POINTS_FROM_SHAPES),
                                (self.no_position, texts.REPORT_NO_POSITION)):
            if count:
                add("fix", template.format(n=texts.fmt_int(count)))
        if self.dropped_wrong_geometry:
            add("fix", texts.REPORT_WRONG_GEOMETRY.format(
                n=self.dropped_wrong_geometry, found=self.wrong_geometry_found,
                expected=texts.GEOMETRY_POINTS if self.kind == "structures" else texts.GEOMETRY_POLYGONS))
        if self.at_commune:
            add("warn", (texts.REPORT_FINESS_NO_POSITION if self.finess else texts.REPORT_AT_COMMUNE)
                .format(n=self.at_commune))
        if self.unmatched_codes:
            add("warn", texts.REPORT_UNMATCHED.format(n=len(self.unmatched_codes), codes=short_list(self.unmatched_codes)))
        if self.outside:
            template = texts.REPORT_OUTSIDE_DROPPED if self.outside_dropped else texts.REPORT_OUTSIDE
            add("fix" if self.outside_dropped else "warn",
                template.format(n=len(self.outside), dep=self.departement, names=short_list(self.outside)))
        if self.unknown_kinds:
            add("warn", texts.REPORT_UNKNOWN_KINDS.format(n=sum(self.unknown_kinds.values()),
                                                         values=short_list(list(self.unknown_kinds))))
        if self.unknown_status:
            add("warn", texts.REPORT_UNKNOWN_STATUS.format(n=sum(self.unknown_status.values()),
                                                          default=self._default_status(),
                                                          values=short_list(list(self.unknown_status))))
        if self.kind == "cpts" and self.cpts_count:
            self._cpts_lines(add)
        if self.features_kept and not self.refused:
            add("info", texts.REPORT_KEPT.format(n=texts.fmt_int(self.features_kept)))
        add("error" if self.refused else "info",
            texts.REPORT_REFUSED.format(reason=self.refused) if self.refused else texts.REPORT_USABLE)
        return out

    def _crs_lines(self, add: AddLine) -> None:
        if self.crs_assumed == "l93":
            add("warn", texts.REPORT_CRS_ASSUMED_L93)
        elif self.crs_assumed == "wgs84":
            add("warn", texts.REPORT_CRS_ASSUMED_WGS84)
        elif self.crs_found:
            add("info", texts.REPORT_CRS.format(crs=self.crs_found))
            if self.reprojected:
                add("fix", texts.REPORT_CRS_REPROJECTED.format(crs=self.crs_found))

    def _cpts_lines(self, add: AddLine) -> None:
        add("info", texts.REPORT_CPTS.format(n=self.cpts_count, communes=self.cpts_communes))
        if self.format != "csv":  # polygons were turned into communes: say by which rule
            add("info", texts.REPORT_CPTS_POLYGON_RULE)
        if self.cpts_without_commune:
            add("warn", texts.REPORT_CPTS_WITHOUT_COMMUNE.format(n=len(self.cpts_without_commune),
                                                                 names=short_list(self.cpts_without_commune)))
        if self.overlaps:
            add("warn", texts.REPORT_OVERLAPS.format(n=len(self.overlaps), names=short_list(self.overlaps)))
        else:
            add("info", texts.REPORT_NO_OVERLAP)
        if self.gaps:
            add("warn", texts.REPORT_GAPS.format(n=len(self.gaps), names=short_list(self.gaps)))

    def _default_status(self) -> str:
        return "inconnu" if self.kind == "cpts" else "ouvert"

    def text(self) -> str:
        marks = {"info": "  ", "fix": "✔ ", "warn": "⚠ ", "error": "✖ "}
        return "\n".join(marks[level] + line for level, line in self.lines())


@dataclass
class ImportResult:
    report: Report
    features: gpd.GeoDataFrame | None = None  # structures (conform), CPTS rows (CPTS_COLUMNS + perimeter), layer
    members: pd.DataFrame | None = None  # CPTS only: cpts_id, commune_code


def kept(report: Report, features: gpd.GeoDataFrame, members: pd.DataFrame | None = None) -> ImportResult:
    """The successful end of every kind: what was kept is what the report counts."""
    report.features_kept = len(features)
    return ImportResult(report, features, members)


def require_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Refuse as soon as checks leave nothing, rather than save an empty layer."""
    if frame.empty:
        raise ImportRefused(texts.REFUSE_NOTHING_KEPT)
    return frame


def tally(values: pd.Series) -> dict[str, int]:
    """{value: count}, for the report's lists of values it did not recognise."""
    return {str(k): int(v) for k, v in values.value_counts().items()}


def fmt_size(size: int) -> str:
    if size < 1024:
        return texts.SIZE_BYTES.format(n=size)
    if size < MB:
        return texts.SIZE_KB.format(n=texts.fmt_dec(size / 1024, 1))
    return texts.SIZE_MB.format(n=texts.fmt_dec(size / MB, 1))


def too_big(size: int, max_mb: int) -> ImportRefused:
    return ImportRefused(texts.REFUSE_TOO_BIG.format(size=fmt_size(size), max_mb=max_mb))


def short_list(values: list[str], limit: int = LIST_LIMIT) -> str:
    values = [str(v) for v in values]
    if len(values) <= limit:
        return ", ".join(values)
    return texts.REPORT_TRUNCATED_LIST.format(shown=", ".join(values[:limit]), more=len(values) - limit)


def row_labels(report: Report, index: pd.Index | list[int]) -> list[str]:
    """Where a row sits in the file, as the analyst would find it: CSV line (header is line 1) or feature number."""
    if report.format in {"csv", "finess_legacy"}:
        return [texts.ROW_LINE.format(n=int(i) + 2) for i in index]
    return [texts.ROW_FEATURE.format(n=int(i) + 1) for i in index]


def short_error(exc: BaseException) -> str:
    """An exception as one short line: GDAL and pandas messages can span pages."""
    text = " ".join(str(exc).split())
    text = re.sub(r"\S*carte-import-[^/\s]*/", "", text)  # our private temp folder means nothing to the analyst
    return (text[:180] + "…") if len(text) > 180 else (text or type(exc).__name__)
