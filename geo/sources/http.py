"""Downloads from the official sources: limits, retries, conditional requests, allowed hosts (urllib only).

Every failure is a `SourceError` carrying a one-line French message; nothing
here raises anything else for a network or server problem. A download goes
to a temporary file (never memory) and is refused past the size limit.
"""

from __future__ import annotations

import email.utils
import ipaddress
import os
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.client import HTTPException, HTTPResponse
from pathlib import Path
from typing import IO

from geo import texts

MB = 1024 * 1024
CHUNK = 1 * MB
RETRIED_STATUSES = {429, 500, 502, 503, 504}
USER_AGENT = "carte-exercice-coordonne (+https://github.com/)"
# The catalogue redirects `latest` links to its file host: both are trusted by default.
DEFAULT_ALLOWED_HOSTS = ("www.data.gouv.fr", "static.data.gouv.fr", "geo.api.gouv.fr", "raw.githubusercontent.com",
                         "api.github.com")
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body")

Progress = Callable[[float, str], None]


class SourceError(Exception):
    """A download or a source that cannot be used, with a French message for the page and the CLI."""


def _env_number(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, "") or default)
    except ValueError:
        return default


@dataclass(frozen=True)
class Settings:
    """Network limits; `from_env` reads them from CARTE_SOURCES_* variables."""

    timeout: float = 60.0
    retries: int = 3
    backoff: float = 2.0
    max_wait: float = 120.0  # a Retry-After longer than this is cut to it
    max_mb: float = 200.0
    extra_hosts: tuple[str, ...] = ()
    sleep: Callable[[float], None] = field(default=time.sleep, compare=False)

    @classmethod
    def from_env(cls) -> Settings:
        hosts = tuple(h.strip().lower() for h in os.environ.get("CARTE_SOURCES_HOSTS", "").split(",") if h.strip())
        return cls(timeout=_env_number("CARTE_SOURCES_TIMEOUT", 60.0),
                   retries=int(_env_number("CARTE_SOURCES_RETRIES", 3)),
                   max_mb=_env_number("CARTE_SOURCES_MAX_MB", 200.0), extra_hosts=hosts)


@dataclass
class Validators:
    """What the server said about a file, sent back to ask "has it changed?"."""

    etag: str = ""
    last_modified: str = ""


@dataclass
class Download:
    """A finished request: `path` is None when the server said the file has not changed (304)."""

    url: str
    path: Path | None
    validators: Validators
    size: int = 0
    content_type: str = ""

    @property
    def unchanged(self) -> bool:
        return self.path is None


class Client:
    """One source's requests: the configured URLs' hosts are trusted, private addresses are refused otherwise."""

    def __init__(self, settings: Settings, configured: Iterable[str]) -> None:
        self.settings = settings
        self.named_hosts = {h for h in (_host(url) for url in configured) if h}
        self.allowed = set(DEFAULT_ALLOWED_HOSTS) | set(settings.extra_hosts) | self.named_hosts
        self._opener = urllib.request.build_opener(_RedirectCheck(self))

    def check_url(self, url: str) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https"):
            raise SourceError(texts.SOURCES_BAD_SCHEME.format(scheme=(parts.scheme or "?")[:10]))
        host = (parts.hostname or "").lower()
        if host not in self.allowed:
            raise SourceError(texts.SOURCES_HOST_REFUSED.format(host=host[:80]))
        if host not in self.named_hosts and _is_private(host):
            raise SourceError(texts.SOURCES_PRIVATE_REFUSED.format(host=host[:80]))

    def get_bytes(self, url: str, max_mb: float = 20.0) -> bytes:
        """A small document (catalogue listing) in memory, with the same limits."""
        with tempfile.TemporaryDirectory() as tmp:
            download = self.download(url, Path(tmp), max_mb=max_mb)
            return download.path.read_bytes() if download.path is not None else b""  # no validators: never a 304

    def download(self, url: str, folder: Path, validators: Validators | None = None,
                 progress: Progress | None = None, max_mb: float | None = None) -> Download:
        """Stream `url` into a file of `folder`, retrying what a busy server answers; 304 -> Download.path None."""
        self.check_url(url)
        limit = int((max_mb if max_mb is not None else self.settings.max_mb) * MB)
        attempt = 0
        while True:
            try:
                return self._once(url, folder, validators, progress or _quiet, limit)
            except _Retry as retry:
                attempt += 1
                if attempt > self.settings.retries:
                    raise SourceError(retry.message) from None
                wait = retry.after if retry.after is not None else self.settings.backoff * 2 ** (attempt - 1)
                (progress or _quiet)(0.0, texts.SOURCES_RETRYING.format(seconds=texts.fmt_int(round(wait))))
                self.settings.sleep(min(wait, self.settings.max_wait))

    def _once(self, url: str, folder: Path, validators: Validators | None, progress: Progress,
              limit: int) -> Download:
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        if validators and validators.etag:
            request.add_header("If-None-Match", validators.etag)
        if validators and validators.last_modified:
            request.add_header("If-Modified-Since", validators.last_modified)
        try:
            response = self._opener.open(request, timeout=self.settings.timeout)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 304 and validators:
                return Download(url, None, validators)
            return self._refuse_status(exc.code, exc.headers.get("Retry-After"), url)
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, SourceError):
                raise exc.reason from None
            if isinstance(exc.reason, TimeoutError):
                raise _Retry(texts.SOURCES_TIMEOUT.format(seconds=texts.fmt_int(self.settings.timeout))) from None
            raise SourceError(texts.SOURCES_UNREACHABLE.format(host=_host(url))) from None
        except TimeoutError:
            raise _Retry(texts.SOURCES_TIMEOUT.format(seconds=texts.fmt_int(self.settings.timeout))) from None
        except (HTTPException, OSError):
            raise _Retry(texts.SOURCES_UNREACHABLE.format(host=_host(url))) from None
        with response:
            return self._save(response, url, folder, progress, limit)

    def _refuse_status(self, code: int, retry_after: str | None, url: str) -> Download:
        if code in RETRIED_STATUSES:
            raise _Retry(texts.SOURCES_SERVER_BUSY.format(code=code), _seconds(retry_after))
        message = texts.SOURCES_HTTP_STATUS.get(code, texts.SOURCES_HTTP_OTHER)
        raise SourceError(message.format(code=code, url=url[:200]))

    def _save(self, response: HTTPResponse, url: str, folder: Path, progress: Progress, limit: int) -> Download:
        total = int(response.headers.get("Content-Length") or 0)
        if total > limit:
            raise SourceError(texts.SOURCES_TOO_BIG.format(size=texts.fmt_int(total // MB),
                                                           max=texts.fmt_int(limit // MB)))
        content_type = (response.headers.get("Content-Type") or "").lower()
        if content_type.startswith("text/html"):
            raise SourceError(texts.SOURCES_HTML_PAGE)
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, suffix=".part")
        path = Path(name)
        try:
            with os.fdopen(handle, "wb") as out:
                size = _copy(response, out, limit, total, progress)
        except TimeoutError:
            path.unlink(missing_ok=True)
            raise _Retry(texts.SOURCES_TIMEOUT.format(seconds=texts.fmt_int(self.settings.timeout))) from None
        except (HTTPException, OSError):
            path.unlink(missing_ok=True)
            raise _Retry(texts.SOURCES_CUT.format(host=_host(url))) from None
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        if total and size < total:
            path.unlink(missing_ok=True)
            raise _Retry(texts.SOURCES_CUT.format(host=_host(url)))
        with path.open("rb") as head:
            if looks_like_html(head.read(512)):
                path.unlink(missing_ok=True)
                raise SourceError(texts.SOURCES_HTML_PAGE)
        found = Validators(etag=response.headers.get("ETag") or "",
                           last_modified=response.headers.get("Last-Modified") or "")
        return Download(response.geturl() or url, path, found, size, content_type)


class _Retry(Exception):
    def __init__(self, message: str, after: float | None = None) -> None:
        super().__init__(message)
        self.message, self.after = message, after


class _RedirectCheck(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to an allowed host over http(s)."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        target = urllib.parse.urljoin(req.full_url, newurl)
        try:
            self.client.check_url(target)
        except SourceError as exc:
            raise SourceError(texts.SOURCES_REDIRECT_REFUSED.format(reason=exc)) from None
        return super().redirect_request(req, fp, code, msg, headers, target)


def _copy(response: HTTPResponse, out: IO[bytes], limit: int, total: int, progress: Progress) -> int:
    size = 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise SourceError(texts.SOURCES_TOO_BIG.format(size=texts.fmt_int(size // MB),
                                                           max=texts.fmt_int(limit // MB)))
        out.write(chunk)
        fraction = size / total if total else min(size / limit, 0.99)
        progress(fraction, texts.SOURCES_DOWNLOADED.format(mb=texts.fmt_dec(size / MB, 1)))
    return size


def looks_like_html(head: bytes) -> bool:
    """An error page served with status 200 instead of the data."""
    start = head.lstrip().lower()
    return any(start.startswith(marker) for marker in HTML_MARKERS)


def _seconds(value: str | None) -> float | None:
    """Retry-After: a number of seconds or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").lower()


def _is_private(host: str) -> bool:
    """True when the name is, or resolves to, a loopback, private, link-local or reserved address."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return False  # an unknown name fails later with its own message
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if address.is_private or address.is_loopback or address.is_link_local or address.is_reserved:
            return True
    return False


def _quiet(fraction: float, message: str) -> None:
    return None
