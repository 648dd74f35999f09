"""A local HTTP server that answers like the official sources (../shared/opendata/sources/README.md), for tests.

`SourceServer` is http.server in a thread on 127.0.0.1 (a free port). Each
path gets a list of `Reply`s, served in order (the last one repeats): a
status, headers, a body (bytes or a file streamed from disk), an ETag that
turns a matching If-None-Match into 304, a cut after N bytes, or an event
to wait for (a slow server the test releases itself, no fixed sleep).

The builders make recorded-shape bodies from ../shared/opendata: a
whole-France FINESS+ export from the published sample's shape, the legacy
Etalab CSV, the geo API's communes and EPCI, the baromètre CSVs.
"""

from __future__ import annotations

import copy
import gzip
import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import geopandas as gpd

from geo.reference import load_communes

OPENDATA = Path(__file__).resolve().parents[2] / "shared" / "opendata"
if not OPENDATA.exists():  # worktrees live one level deeper than /work/main
    OPENDATA = Path("/work/shared/opendata")
SAMPLE = OPENDATA / "finess" / "sample-finess-structures-journalier-20260309.json"
KEPT = ("603", "124", "604")
OTHER_CATEGORIES = ("500", "355", "365", "202", "620", "611", "124", "603")


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    file: Path | None = None
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    cut_after: int | None = None  # send a Content-Length of the whole body, then stop after this many bytes
    wait: threading.Event | None = None


class SourceServer:
    """Start with `with SourceServer() as server:`; `server.url(path)` is the address of a route."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.released: list[threading.Event] = []
        handler = self._handler()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SourceServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for event in self.released:  # a slow reply still waiting must not keep the server busy
            event.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, *replies: Reply) -> str:
        with self.lock:
            self.routes[path] = list(replies)
        for reply in replies:
            if reply.wait is not None:
                self.released.append(reply.wait)
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    def _next(self, path: str) -> Reply | None:
        with self.lock:
            replies = self.routes.get(path)
            if not replies:
                return None
            return replies.pop(0) if len(replies) > 1 else replies[0]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet test output
                return None

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers)))
                reply = server._next(self.path)
                if reply is None:
                    self._send(404, b"Not Found", {"Content-Type": "text/plain"})
                    return
                if reply.wait is not None:
                    reply.wait.wait(timeout=30)
                if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                    self._send(304, b"", {"ETag": reply.etag})
                    return
                headers = dict(reply.headers) | ({"ETag": reply.etag} if reply.etag else {})
                if reply.file is not None:
                    self._send_file(reply, headers)
                else:
                    self._send(reply.status, reply.body, headers, reply.cut_after)

            def _send(self, status: int, body: bytes, headers: dict[str, str], cut: int | None = None) -> None:
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[:cut] if cut is not None else body)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    return
                if cut is not None:
                    self.close_connection = True

            def _send_file(self, reply: Reply, headers: dict[str, str]) -> None:
                assert reply.file is not None
                self.send_response(reply.status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(reply.file.stat().st_size))
                self.end_headers()
                with reply.file.open("rb") as source:
                    while chunk := source.read(1 << 20):
                        try:
                            self.wfile.write(chunk)
                        except (BrokenPipeError, ConnectionResetError):
                            return

        return Handler


# --- Recorded-shape bodies --------------------------------------------------------


def analyst_env(monkeypatch, store_dir: Path, password: str, retries: bool = True) -> None:
    """A fresh store the analyst can write to, no PostGIS, and (retries=False) no second try after a failure."""
    monkeypatch.setenv("CARTE_STORE_DIR", str(store_dir))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CARTE_ANALYST_PASSWORD", password)
    if not retries:
        monkeypatch.setenv("CARTE_SOURCES_RETRIES", "0")


def catalogue(base: str, files: list[str], slug: str = "finess-structures-1") -> bytes:
    """The data.gouv.fr v1 listing of a dataset whose resources are `files` on the local file host."""
    resources = [{"id": f"00000000-0000-0000-0000-{i:012d}", "title": name, "format": "json.gz",
                  "url": f"{base}/resources/{slug}/{name}", "latest": f"{base}/api/1/datasets/r/{i}",
                  "filesize": None, "mime": None, "checksum": None, "type": "main", "filetype": "file",
                  "created_at": "2026-03-09T15:49:37.000000+00:00",
                  "last_modified": "2026-03-09T15:49:37.000000+00:00"} for i, name in enumerate(files)]
    return json.dumps({"id": "abc", "slug": slug, "title": "FINESS - Structures", "license": "odc-odbl",
                       "last_modified": "2026-03-09T15:49:37.000000+00:00", "resources": resources}).encode()


def _template() -> dict:
    sample = json.loads(SAMPLE.read_text(encoding="utf-8"))
    return next(e for p in sample["pmej"] for e in p["ege"])


def _finistere_points() -> list[tuple[str, float, float]]:
    communes = load_communes("29")
    points = communes.geometry.representative_point()
    return [(code, p.y, p.x) for code, p in zip(communes["code"], points, strict=True)]


@dataclass
class FranceExport:
    """A whole-France FINESS+ export and the Finistère rows the connector must keep (FINESS number -> kind)."""

    path: Path
    total: int
    expected: dict[str, str]
    closed: set[str]


def finess_france(folder: Path, total: int = 10_000, dep: str = "29", name: str | None = None,
                  renamed_category: bool = False, events: int = 0) -> FranceExport:
    """`total` establishments of all categories across France, `dep`'s 603/124/604 ones among them (gzip JSON).

    One establishment in 13 is in Finistère; kinds, closures and names vary so the classification shows.
    `events` more history events per establishment bring it to the real file's weight (~25 make ~7.5 kB).
    """
    template, places = _template(), _finistere_points()
    template["evenement"] = template["evenement"] + [dict(template["evenement"][0], evenementId=str(n))
                                                     for n in range(events)]
    path = folder / (name or "finess-structures-journalier-20260309.json.gz")
    expected: dict[str, str] = {}
    closed: set[str] = set()
    category_key = "categorieEGE" if renamed_category else "categorieentiteGeographiqueExercice"
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as out:
        out.write('{"schemaVersion": "v1.0.0", "generatedAt": "2026-03-09T15:49:37Z", "gcc": [], "gco": [], "pmej": [')
        for i in range(total):
            ege = copy.deepcopy(template)
            number = f"{i:09d}"
            category = KEPT[i % 3] if i % 4 else OTHER_CATEGORIES[i % len(OTHER_CATEGORIES)]
            info = ege["informationsGeneralesEGE"]
            info.update(numFinessEge=number, nomEgeCourt=f"ETAB {i}", nomEgeLong=_name(i, category))
            info.pop("dateFermeture", None)
            ege.pop("categorieentiteGeographiqueExercice", None)
            ege[category_key] = category
            ege["etatObjet"] = "A"
            address = ege["adresse"][0]
            coords = address["coordonneesGeographique"]
            if i % 13 == 0:
                code, lat, lon = places[(i // 13) % len(places)]
                coords.update(directionLatitude=f"{lat:.6f}", directionLongitude=f"{lon:.6f}")
                if category in KEPT:
                    expected[number] = category
                    if i % 7 == 0:
                        ege["etatObjet"] = "I"
                        info["dateFermeture"] = "2024-06-30"
                        closed.add(number)
            else:
                other = 1 + (i % 95)
                code = f"{other if other != 29 else 22:02d}{1 + i % 300:03d}"
            address["cogCommune"] = code
            prefix = "" if i == 0 else ","
            out.write(prefix + json.dumps({"informationsGeneralesPMEJ": {"pmSmsseId": str(i)}, "etatObjet": "A",
                                           "ege": [ege]}, ensure_ascii=False))
        out.write("]}")
    return FranceExport(path, total, expected, closed)


def _name(i: int, category: str) -> str:
    if category == "603":
        return ("MAISON DE SANTE PLURIPROFESSIONNELLE " if i % 2 else "MSP ") + f"N{i}"
    if category == "124":
        return ("CENTRE DE SANTE DENTAIRE ", "CENTRE DE SANTE INFIRMIER ", "CENTRE DE SANTE ")[(i // 39) % 3] + f"N{i}"
    if category == "604":
        return f"CPTS N{i}"
    return f"ETABLISSEMENT N{i}"


def finess_legacy_csv(export: FranceExport, limit: int | None = None) -> bytes:
    """The legacy Etalab extraction of the same establishments (kept ones only), Latin-1, geolocalisation lines."""
    from pyproj import Transformer

    to_l93 = Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)
    lines, geoloc = ["finess;etalab;95;2026-05-04"], []
    for ege in list(_establishments(export.path))[:limit]:
        info, address = ege["informationsGeneralesEGE"], ege["adresse"][0]
        code = address["cogCommune"]
        fields = [info["numFinessEge"], "", info["nomEgeLong"][:38], info["nomEgeLong"], "", "", "", "", "", "", "",
                  code[2:], code[:2], "", "29000 VILLE", "", "", ege["categorieentiteGeographiqueExercice"],
                  "Catégorie", "", "", "", "", "", "", "", "", "2020-01-01", "2020-01-01", "2024-01-01", ""]
        lines.append("structureet;" + ";".join(fields) + ";")
        coords = address["coordonneesGeographique"]
        x, y = to_l93.transform(float(coords["directionLongitude"]), float(coords["directionLatitude"]))
        geoloc.append(f"geolocalisation;{info['numFinessEge']};{x:.1f};{y:.1f};1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,"
                      f"LAMBERT_93;2024-01-01")
    return ("\n".join(lines + geoloc) + "\n").encode("latin-1")


def _establishments(path: Path) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as source:
        for entity in json.load(source)["pmej"]:
            yield from entity["ege"]


def geo_api_communes(dep: str = "29") -> bytes:
    return (OPENDATA / "geo" / "departements" / dep / "communes.geojson").read_bytes()


def geo_api_epci(dep: str = "29") -> bytes:
    """EPCI contours in the geo API's shape, dissolved from the département's communes."""
    communes = gpd.read_file(io.BytesIO(geo_api_communes(dep)))
    communes = communes[communes["codeEpci"].notna()]
    epci = communes.dissolve(by="codeEpci", aggfunc={"population": "sum"}).reset_index()
    frame = gpd.GeoDataFrame({"nom": "EPCI " + epci["codeEpci"], "code": epci["codeEpci"],
                              "population": epci["population"]}, geometry=epci.geometry, crs=communes.crs)
    return frame.to_json().encode()


def barometre_csv(name: str) -> bytes:
    return (OPENDATA / "barometre" / name).read_bytes()
