"""``sextortion-triage serve`` without a browser: what it says about who can connect, how it
fails, and that ``check`` never needs (or imports) the server's libraries."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from sextortion_triage.cli import main

pytest.importorskip("fastapi", reason="serve needs the server extra: pip install '.[server]'")

from sextortion_triage.errors import InputError
from sextortion_triage.server import bind_socket, describe_binding, is_loopback

DEMAND = "I have your nudes. Send $300 on Cash App in 1 hour or I post them."
# Makes the server's libraries unimportable, as on an install without the [server] extra.
WITHOUT_SERVER_EXTRA = """
import importlib.abc, sys
class NoServerExtra(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('fastapi', 'starlette', 'uvicorn', 'pydantic'):
            raise ModuleNotFoundError(f'No module named {name!r}')
sys.meta_path.insert(0, NoServerExtra())
"""


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True),     # the default
    ("127.8.9.10", True),    # all of 127.0.0.0/8 is loopback
    ("localhost", True),
    ("::1", True),
    ("[::1]", True),
    ("0.0.0.0", False),      # every interface
    ("::", False),
    ("192.168.1.20", False),  # a local network address is still the network
    ("example.org", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_loopback_binding_says_only_this_computer_can_connect() -> None:
    lines = describe_binding("127.0.0.1", 8000)
    assert lines[0] == ("Serving on http://127.0.0.1:8000/ (loopback: only this computer can "
                        "connect).")
    assert not [line for line in lines if line.startswith("Warning")]


def test_binding_every_interface_prints_a_warning_and_the_private_fix() -> None:
    lines = describe_binding("0.0.0.0", 8080)
    assert lines[0].startswith("Serving on http://127.0.0.1:8080/ and on 0.0.0.0:8080")
    [warning] = [line for line in lines if line.startswith("Warning:")]
    assert "other computers" in warning and "--host 127.0.0.1" in warning


def test_an_ipv6_address_is_shown_in_brackets() -> None:
    assert describe_binding("::1", 9000)[0].startswith("Serving on http://[::1]:9000/ ")


def test_bind_socket_names_the_port_and_the_fix_when_it_is_taken() -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(InputError, match=rf"cannot listen on 127\.0\.0\.1:{port} .*--port"):
            bind_socket("127.0.0.1", port)
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_bind_socket_port_0_picks_a_free_loopback_port() -> None:
    with bind_socket("127.0.0.1", 0) as sock:
        host, port = sock.getsockname()[:2]
    assert host == "127.0.0.1" and port > 0


def test_serve_with_a_broken_model_exits_3_and_frees_the_port(tmp_path: Path) -> None:
    (tmp_path / "model.json").write_text("{}", encoding="utf-8")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = CliRunner().invoke(main, ["serve", "--port", str(port), "--model", str(tmp_path)])
    assert result.exit_code == 3
    assert "model_card.json is missing" in result.output
    bind_socket("127.0.0.1", port).close()  # the port was given back


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)


def test_check_works_without_the_server_extra_and_serve_says_how_to_get_it() -> None:
    done = _python(WITHOUT_SERVER_EXTRA + f"""
from click.testing import CliRunner
from sextortion_triage.cli import main
checked = CliRunner().invoke(main, ["check", "--json", {DEMAND!r}])
served = CliRunner().invoke(main, ["serve"])
print(checked.exit_code, checked.output.strip())
print(served.exit_code, served.output.strip())
""")
    assert done.returncode == 0, done.stderr
    checked, served = done.stdout.splitlines()
    assert checked.startswith("0 ") and json.loads(checked[2:])["risk_level"] == "high"
    assert served == ("2 Error: serve needs the server extra. Fix: pip install "
                      "'sextortion-triage[server]'")


def test_check_does_not_import_the_server_libraries() -> None:
    done = _python(f"""
import sys
from click.testing import CliRunner
from sextortion_triage.cli import main
assert CliRunner().invoke(main, ["check", {DEMAND!r}]).exit_code == 0
print(sorted(m for m in ("fastapi", "starlette", "uvicorn", "pydantic") if m in sys.modules))
""")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
