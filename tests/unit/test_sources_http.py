"""The download client against a real local server: limits, retries, conditional requests, allowed hosts."""

from __future__ import annotations

import threading

import pytest

from geo import texts
from geo.sources.http import Client, Settings, SourceError, Validators
from tests.sources_server import Reply, SourceServer


@pytest.fixture()
def server():
    with SourceServer() as running:
        yield running


class Sleeps(list):
    """Records the waits instead of sleeping them (a test never sleeps)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def client(server: SourceServer, sleeps: Sleeps | None = None, **limits) -> Client:
    settings = Settings(timeout=limits.pop("timeout", 5.0), retries=limits.pop("retries", 2), backoff=1.0,
                        sleep=sleeps if sleeps is not None else Sleeps(), **limits)
    return Client(settings, [server.base + "/"])


def test_a_file_streams_to_disk_with_progress_and_its_validators(server, tmp_path):
    url = server.route("/f.csv", Reply(body=b"a;b\n" * 5000, etag='W/"v1"',
                                       headers={"Last-Modified": "Mon, 09 Mar 2026 15:49:37 GMT"}))
    seen = []
    download = client(server).download(url, tmp_path, progress=lambda fraction, message: seen.append(fraction))
    assert download.path is not None and download.path.read_bytes() == b"a;b\n" * 5000
    assert download.validators == Validators(etag='W/"v1"', last_modified="Mon, 09 Mar 2026 15:49:37 GMT")
    assert seen[-1] == pytest.approx(1.0)


def test_a_matching_etag_gets_304_and_no_file(server, tmp_path):
    url = server.route("/f.csv", Reply(body=b"x", etag='W/"v1"'))
    download = client(server).download(url, tmp_path, Validators(etag='W/"v1"'))
    assert download.unchanged and list(tmp_path.iterdir()) == []
    assert server.hits("/f.csv")[0]["If-None-Match"] == 'W/"v1"'


def test_404_is_said_in_french(server, tmp_path):
    with pytest.raises(SourceError) as error:
        client(server).download(server.url("/absent.json.gz"), tmp_path)
    assert str(error.value) == texts.SOURCES_HTTP_STATUS[404].format(code=404, url=server.url("/absent.json.gz"))


def test_500_then_success_retries_with_back_off(server, tmp_path):
    sleeps = Sleeps()
    url = server.route("/f", Reply(status=500, body=b"oops"), Reply(status=503), Reply(body=b"ok"))
    download = client(server, sleeps).download(url, tmp_path)
    assert download.path is not None and download.path.read_bytes() == b"ok"
    assert sleeps == [1.0, 2.0]  # doubled each time


def test_a_server_that_stays_down_gives_up_after_the_retries(server, tmp_path):
    sleeps = Sleeps()
    url = server.route("/f", Reply(status=502))
    with pytest.raises(SourceError, match="erreur 502"):
        client(server, sleeps, retries=2).download(url, tmp_path)
    assert len(server.hits("/f")) == 3 and len(sleeps) == 2


def test_429_waits_what_retry_after_says(server, tmp_path):
    sleeps = Sleeps()
    url = server.route("/f", Reply(status=429, headers={"Retry-After": "5"}), Reply(body=b"ok"))
    assert client(server, sleeps).download(url, tmp_path).path is not None
    assert sleeps == [5.0]


def test_a_slow_server_times_out_with_a_french_message(server, tmp_path):
    release = threading.Event()
    url = server.route("/slow", Reply(body=b"late", wait=release))
    with pytest.raises(SourceError) as error:
        client(server, timeout=0.3, retries=0).download(url, tmp_path)
    release.set()
    assert str(error.value) == texts.SOURCES_TIMEOUT.format(seconds=texts.fmt_int(0.3))
    assert list(tmp_path.iterdir()) == []


def test_a_connection_cut_mid_file_leaves_no_partial_file(server, tmp_path):
    url = server.route("/cut", Reply(body=b"x" * 100_000, cut_after=1000))
    with pytest.raises(SourceError) as error:
        client(server, retries=0).download(url, tmp_path)
    assert str(error.value) == texts.SOURCES_CUT.format(host="127.0.0.1")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("headers", [{"Content-Type": "text/html; charset=utf-8"},
                                     {"Content-Type": "application/gzip"}])
def test_an_html_error_page_served_as_200_is_refused(server, tmp_path, headers):
    url = server.route("/f.json.gz", Reply(body=b"<!DOCTYPE html><html><body>Maintenance</body></html>",
                                           headers=headers))
    with pytest.raises(SourceError) as error:
        client(server).download(url, tmp_path)
    assert str(error.value) == texts.SOURCES_HTML_PAGE


def test_a_redirect_to_another_host_is_not_followed(server, tmp_path):
    url = server.route("/r", Reply(status=302, headers={"Location": "http://files.example.org/f.json.gz"}))
    with pytest.raises(SourceError) as error:
        client(server).download(url, tmp_path)
    assert str(error.value) == texts.SOURCES_REDIRECT_REFUSED.format(
        reason=texts.SOURCES_HOST_REFUSED.format(host="files.example.org"))
    assert len(server.requests) == 1


def test_a_redirect_on_the_same_host_is_followed(server, tmp_path):
    server.route("/file", Reply(body=b"ok"))
    url = server.route("/latest", Reply(status=302, headers={"Location": "/file"}))
    download = client(server).download(url, tmp_path)
    assert download.path is not None and download.url == server.url("/file")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x"])
def test_file_and_ftp_are_refused(server, tmp_path, url):
    with pytest.raises(SourceError, match="http et https"):
        client(server).download(url, tmp_path)


def test_a_private_address_is_refused_unless_a_configured_url_names_it(tmp_path):
    settings = Settings(extra_hosts=("127.0.0.1",))
    with pytest.raises(SourceError) as error:
        Client(settings, ["https://www.data.gouv.fr/api/1/datasets/x/"]).check_url("http://127.0.0.1:9/x")
    assert str(error.value) == texts.SOURCES_PRIVATE_REFUSED.format(host="127.0.0.1")
    Client(settings, ["http://127.0.0.1:9/"]).check_url("http://127.0.0.1:9/x")  # named: allowed


def test_a_file_over_the_size_limit_is_refused_before_download(server, tmp_path):
    url = server.route("/big", Reply(body=b"x" * (2 * 1024 * 1024)))
    with pytest.raises(SourceError) as error:
        client(server, max_mb=1).download(url, tmp_path)
    assert str(error.value) == texts.SOURCES_TOO_BIG.format(size="2", max="1")
    assert list(tmp_path.iterdir()) == []
