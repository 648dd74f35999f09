"""A local PostGIS server for `make run-postgis`, kept between runs (unlike the tests' throwaway one).

    python scripts/local_postgis.py start   # initdb on first use, start if stopped; prints the DATABASE_URL
    python scripts/local_postgis.py stop

The cluster lives in ``$CARTE_PG_DIR``, else ``<store folder>/postgres`` (geo.store.default_store_dir; as root,
whose home the ``postgres`` user cannot enter, /var/lib/carte-exercice-coordonne/postgres). It listens on
127.0.0.1:``$CARTE_PG_PORT`` (5433: beside a system PostgreSQL on 5432), scram-sha-256, a random password kept
in ``password`` (mode 600) beside the cluster, and holds one database, ``carte``, with PostGIS. Needs the
Debian packages of `make postgis`; the commands are those of tests/pg_server.py.
"""

from __future__ import annotations

import os
import pwd
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geo.store import default_store_dir
from tests.pg_server import SUPERUSER, PgUnavailable, _run, find_bindir

DATABASE = "carte"


def paths() -> tuple[Path, list[str]]:
    """(folder of the cluster, command prefix running as its owner)."""
    if value := os.environ.get("CARTE_PG_DIR"):
        root = Path(value)
    elif os.geteuid() == 0:
        root = Path("/var/lib/carte-exercice-coordonne/postgres")
    else:
        root = default_store_dir() / "postgres"
    return root, (["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else [])


def url(root: Path, port: int, dbname: str = DATABASE) -> str:
    password = (root / "password").read_text().strip()
    return f"postgresql://{SUPERUSER}:{password}@127.0.0.1:{port}/{dbname}"


def initialise(root: Path, as_user: list[str], bindir: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    secret = root / "password"
    secret.write_text(secrets.token_hex(16) + "\n")
    secret.chmod(0o600)
    if as_user:
        owner = pwd.getpwnam("postgres")
        for path in (root, secret):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    _run([*as_user, str(bindir / "initdb"), "-D", str(root / "data"), "-U", SUPERUSER, "--pwfile", str(secret),
          "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8"], "initdb")


def start() -> str:
    root, as_user = paths()
    bindir = find_bindir()
    port = int(os.environ.get("CARTE_PG_PORT", "5433"))
    fresh = not (root / "data" / "PG_VERSION").exists()
    if fresh:
        initialise(root, as_user, bindir)
    running = subprocess.run([*as_user, str(bindir / "pg_ctl"), "status", "-D", str(root / "data")],
                             capture_output=True, check=False).returncode == 0
    if not running:
        options = f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root}"
        _run([*as_user, str(bindir / "pg_ctl"), "start", "-D", str(root / "data"), "-w", "-t", "60", "-o", options,
              "-l", str(root / "postgres.log")], "pg_ctl start")
    if fresh:
        import psycopg

        with psycopg.connect(url(root, port, "postgres"), autocommit=True) as con:
            con.execute(f"CREATE DATABASE {DATABASE}")
        with psycopg.connect(url(root, port), autocommit=True) as con:
            con.execute("CREATE EXTENSION postgis")
    return url(root, port)


def stop() -> None:
    root, as_user = paths()
    _run([*as_user, str(find_bindir() / "pg_ctl"), "stop", "-D", str(root / "data"), "-m", "fast", "-w"], "pg_ctl stop")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "start"
    try:
        if command == "stop":
            stop()
        else:
            print(start())
    except PgUnavailable as exc:
        sys.exit(str(exc))
