"""`make audit`: where pip-audit cannot ask PyPI about a version, PyPI's own list for the
project's latest release decides; checked against a PyPI of the test's own on 127.0.0.1."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest

_loader = SourceFileLoader("audit_dependencies", str(Path(__file__).parents[1] / "bin" / "audit-dependencies"))
audit_dependencies = module_from_spec(spec_from_loader("audit_dependencies", _loader))
_loader.exec_module(audit_dependencies)

PROJECTS = {
    "safe": {"info": {"version": "2.0"}, "vulnerabilities": []},
    "vulnerable": {"info": {"version": "1.0"}, "vulnerabilities": [{"id": "PYSEC-2026-1"}]},
    "moved-on": {"info": {"version": "9.0"}, "vulnerabilities": [{"id": "GHSA-for-9.0-only"}]},
}


class FakePyPI(BaseHTTPRequestHandler):
    def do_GET(self):
        name = self.path.removeprefix("/pypi/").removesuffix("/json")
        if name not in PROJECTS:
            self.send_error(404)
            return
        body = json.dumps(PROJECTS[name]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def pypi():
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakePyPI)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def _lock(tmp_path, pins: dict[str, str]) -> Path:
    lock = tmp_path / "test.lock"
    lock.write_text("".join(f"{name}=={version} \\\n    --hash=sha256:00\n" for name, version in pins.items()))
    return lock


def _unreachable(lock: Path) -> list[dict]:
    """pip-audit's verdict where PyPI's per-version JSON answers 404: every pin skipped."""
    pins = audit_dependencies.pins_of(lock)
    return [{"name": name, "version": version, "skip_reason": "not found"} for name, version in pins.items()]


def test_a_latest_release_with_no_known_vulnerability_passes(pypi, tmp_path, capsys):
    lock = _lock(tmp_path, {"safe": "2.0"})
    assert audit_dependencies.audit(pypi, [lock], _unreachable) == 0
    assert "1 pins in 1 lock files audited; 0 known" in capsys.readouterr().out


def test_a_pinned_version_with_a_known_vulnerability_fails(pypi, tmp_path, capsys):
    lock = _lock(tmp_path, {"safe": "2.0", "vulnerable": "1.0"})
    assert audit_dependencies.audit(pypi, [lock], _unreachable) == 1
    assert "VULNERABLE: vulnerable 1.0 in test.lock: PYSEC-2026-1" in capsys.readouterr().out


def test_a_pin_behind_the_latest_release_is_named_not_failed(pypi, tmp_path, capsys):
    lock = _lock(tmp_path, {"moved-on": "8.0"})
    assert audit_dependencies.audit(pypi, [lock], _unreachable) == 0
    assert "not audited: moved-on 8.0 in test.lock (the latest is 9.0" in capsys.readouterr().out


def test_a_pin_that_can_be_audited_neither_way_fails(pypi, tmp_path, capsys):
    lock = _lock(tmp_path, {"unknown-project": "1.0"})
    assert audit_dependencies.audit(pypi, [lock], _unreachable) == 1
    assert "could not audit unknown-project 1.0" in capsys.readouterr().out


def test_what_pip_audit_finds_fails_without_asking_again(pypi, tmp_path, capsys):
    lock = _lock(tmp_path, {"safe": "2.0"})
    found = [{"name": "safe", "version": "2.0", "vulns": [{"id": "CVE-2026-0001"}]}]
    assert audit_dependencies.audit(pypi, [lock], lambda _lock: found) == 1
    assert "VULNERABLE: safe 2.0 in test.lock: CVE-2026-0001" in capsys.readouterr().out
