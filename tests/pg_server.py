"""A throwaway PostgreSQL + PostGIS server for the tests and the store benchmark.

`start()` runs ``initdb`` into a fresh directory, starts ``postgres`` with
``pg_ctl`` on a free 127.0.0.1 port (its socket in the same directory), creates
a template database with ``CREATE EXTENSION postgis``, and returns a `PgServer`
that hands out fresh databases (one per test: ``CREATE DATABASE … TEMPLATE``).
Durability is off (fsync): the tests kill clients, never the server.

initdb and postgres refuse to run as root: as root the cluster belongs to
the ``postgres`` system user (Debian's postgresql-common creates it) and the
commands run through ``runuser``.

Anything missing raises `PgUnavailable` with what to install; the tests turn
it into a failure, never a skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "postgres"
TEMPLATE_DB = "carte_template"
INSTALL_HINT = "make postgis  (apt-get install postgresql-15-postgis-3)"


class PgUnavailable(RuntimeError):
    pass


def find_bindir() -> Path:
    """$PG_BINDIR, else the newest /usr/lib/postgresql/*/bin whose major version has PostGIS installed."""
    if value := os.environ.get("PG_BINDIR"):
        return Path(value)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    if not candidates:
        raise PgUnavailable(f"PostgreSQL introuvable (/usr/lib/postgresql/*/bin) : {INSTALL_HINT}")
    for bindir in candidates:
        major = Path(bindir).parent.name
        if glob.glob(f"/usr/share/postgresql/{major}/extension/postgis.control"):
            return Path(bindir)
    raise PgUnavailable(f"PostgreSQL {', '.join(Path(c).parent.name for c in candidates)} sans PostGIS : {INSTALL_HINT}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PgServer:
    bindir: Path
    datadir: Path
    port: int
    password: str
    as_user: list[str] = field(default_factory=list)
    counter: int = 0

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{dbname}"

    def admin(self, statement: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True, connect_timeout=10) as con:
            con.execute(statement)

    def new_database(self, prefix: str = "carte_test") -> str:
        """A fresh database with PostGIS (copied from the template); returns its URL."""
        self.counter += 1
        name = f"{prefix}_{os.getpid()}_{self.counter}"
        self.admin(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE_DB}')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([*self.as_user, str(self.bindir / "pg_ctl"), "stop", "-D", str(self.datadir), "-m", "immediate",
                        "-w", "-t", "30"], capture_output=True, check=False)
        shutil.rmtree(self.datadir.parent, ignore_errors=True)


def _run(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PgUnavailable(f"{what} a échoué ({result.returncode}) : {(result.stderr or result.stdout).strip()[-800:]}")


def start() -> PgServer:
    bindir = find_bindir()
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (bindir / tool).exists():
            raise PgUnavailable(f"{bindir / tool} manque : {INSTALL_HINT}")
    root = Path(tempfile.mkdtemp(prefix="carte-pg-"))
    datadir = root / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError as exc:
            raise PgUnavailable("utilisateur système « postgres » absent (root ne peut pas lancer postgres)") from exc
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    password = secrets.token_hex(12)
    pwfile = root / "pw"
    pwfile.write_text(password + "\n")
    if as_user:
        os.chown(pwfile, owner.pw_uid, owner.pw_gid)
    _run([*as_user, str(bindir / "initdb"), "-D", str(datadir), "-U", SUPERUSER, "--pwfile", str(pwfile),
          "--auth", "scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8", "--no-sync"], "initdb")
    pwfile.unlink()
    port = free_port()
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
    _run([*as_user, str(bindir / "pg_ctl"), "start", "-D", str(datadir), "-w", "-t", "60", "-o", options,
          "-l", str(root / "postgres.log")], "pg_ctl start")
    server = PgServer(bindir, datadir, port, password, as_user)
    try:
        server.admin(f"CREATE DATABASE {TEMPLATE_DB}")
        server.admin("CREATE EXTENSION postgis", dbname=TEMPLATE_DB)
    except Exception as exc:
        log = (root / "postgres.log").read_text(errors="replace")[-800:] if (root / "postgres.log").exists() else ""
        server.stop()
        raise PgUnavailable(f"PostGIS ne démarre pas : {exc} {log}") from exc
    return server
