"""A PostgreSQL server of the test's own, which it may stop and start again."""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import _free_port

# initdb and postgres refuse to run as root: then they run as this system user.
SYSTEM_USER = "postgres"


def binaries() -> Path | None:
    """The newest installed PostgreSQL's bin directory (Debian's layout), if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def has_system_user() -> bool:
    try:
        pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        return False
    return shutil.which("runuser") is not None


class PrivatePostgres:
    """initdb in a temporary directory, a free port on 127.0.0.1, trust authentication."""

    def __init__(self, bin_dir: Path):
        self.bin_dir = bin_dir
        self.port = _free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
        self.data = self.directory / "data"
        self.log = self.directory / "postgres.log"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.directory, user=SYSTEM_USER)

    def url(self, database: str = "newsdesk") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, tool: str, *args: str, timeout: float = 60) -> None:
        command = [str(self.bin_dir / tool), *args]
        if self.as_root:
            command = [shutil.which("runuser"), "-u", SYSTEM_USER, "--", *command]
        subprocess.run(command, check=True, timeout=timeout, stdout=subprocess.DEVNULL, cwd=self.directory)

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        self.start()
        subprocess.run(
            [str(self.bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "newsdesk"],
            check=True,
            timeout=30,
        )

    def start(self) -> None:
        # TCP on 127.0.0.1 only; fsync off: the restarts tested are clean shutdowns, which
        # write everything out whatever fsync says (a crash of the machine is not tested).
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "60", "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast`: what systemd's restart does; open sessions are ended, their transactions rolled back."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "-t", "60", "stop")

    def remove(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)
