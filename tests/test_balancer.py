"""`coprod-lab haproxy`: the HAProxy set-up it writes, checked by HAProxy itself when installed
(tests/e2e/test_two_servers.py runs it in front of two real servers)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from coprod_lab.balancer import COOKIE, WAIT_PAGE, backends, wait_response
from coprod_lab.cli import main
from coprod_lab.errors import CoprodLabError


def test_the_command_writes_a_configuration_haproxy_accepts(tmp_path, capsys) -> None:
    out = tmp_path / "lb"
    assert (
        main(
            [
                "haproxy",
                "--out",
                str(out),
                "--port",
                "8860",
                "--server",
                "http://10.0.0.2:8866/",
                "--server",
                "http://10.0.0.3:8866",
            ]
        )
        == 0
    )
    config = (out / "haproxy.cfg").read_text()
    assert "haproxy -f" in capsys.readouterr().out
    # One line per server, each with its health check and its sticky cookie value.
    assert "    server s1 10.0.0.2:8866 cookie s1" in config
    assert "    server s2 10.0.0.3:8866 cookie s2" in config
    assert f"cookie {COOKIE} insert" in config
    assert "option httpchk GET /" in config
    assert "timeout check 10s" in config  # slow (busy) is not down
    assert "bind 0.0.0.0:8860" in config
    # The bare address sends a person on to the voting page, but not the pages' own fetch of
    # "/" for their _xsrf cookie (that would take a kernel for nobody).
    assert "acl person_opening req.hdr(sec-fetch-mode) -m str navigate" in config
    assert "if { path / } person_opening" in config
    assert f"errorfile 503 {(out / 'please-wait.http').resolve()}" in config
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if shutil.which(haproxy):
        checked = subprocess.run(
            [haproxy, "-c", "-f", str(out / "haproxy.cfg")], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_please_wait_answer_is_a_whole_http_response() -> None:
    answer = wait_response().encode()
    head, body = answer.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 503 ")
    assert f"Content-Length: {len(body)}".encode() in head
    assert body == WAIT_PAGE.encode()
    assert '<html lang="en">' in WAIT_PAGE
    assert len(answer) < 16_384  # HAProxy refuses error files larger than its buffer


@pytest.mark.parametrize(
    ("given", "problem"),
    [
        (["10.0.0.2:8866"], "is not a server address"),
        (["https://10.0.0.2/"], "is not a server address"),
        (["http://10.0.0.2:8866/voila/"], "is not a server address"),
        (["http://a:1/", "http://a:1"], "is given twice"),
        ([], "at least one server"),
    ],
)
def test_bad_server_addresses_are_refused_with_a_clear_message(given, problem) -> None:
    with pytest.raises(CoprodLabError, match=problem):
        backends(given)


def test_the_command_names_the_bad_address(tmp_path, capsys) -> None:
    assert main(["haproxy", "--out", str(tmp_path), "--server", "localhost"]) == 1
    assert "'localhost' is not a server address" in capsys.readouterr().err
    assert not (tmp_path / "haproxy.cfg").exists()
