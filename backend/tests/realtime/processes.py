"""Start real ASGI servers and Celery workers as subprocesses that share the test run's database and Redis."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from django.conf import settings

BACKEND_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def service_env(**extra: str) -> dict[str, str]:
    """The environment of a child process: same database as this test run (pytest-django's test_ name), same Redis."""
    db = settings.DATABASES["default"]
    user = db["USER"] or "postgres"
    auth = f"{user}:{db['PASSWORD']}" if db.get("PASSWORD") else user
    host, port = db["HOST"] or "127.0.0.1", db["PORT"] or 5432
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"postgres://{auth}@{host}:{port}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL or "",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        PYTHONUNBUFFERED="1",
    )
    env.pop("CELERY_TASK_ALWAYS_EAGER", None)
    env.update(extra)
    return env


class Service:
    def __init__(self, name: str, args: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            args, cwd=BACKEND_DIR, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def log(self) -> str:
        return self.log_path.read_text()

    def kill(self) -> None:
        """SIGKILL the whole process group: no graceful shutdown, no chance to ack or requeue anything."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


class Launcher:
    """Starts services for one test (in parallel: each needs seconds to import Django) and stops them at teardown."""

    def __init__(self, log_dir: Path, env: dict[str, str]) -> None:
        self.log_dir = log_dir
        self.env = env
        self.services: list[Service] = []
        self._pending: list[tuple[Service, Callable[[], bool]]] = []

    def asgi(self, name: str) -> tuple[Service, int]:
        port = free_port()
        args = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1", "--port", str(port)]
        service = self._start(name, [*args, "--log-level", "warning"], lambda: _answers(port))
        return service, port

    def worker(self, name: str, *, app: str = "config", queues: str = "high,default,low") -> Service:
        args = [sys.executable, "-m", "celery", "-A", app, "worker", "-P", "solo", "-Q", queues, "-n", f"{name}@%h"]
        log_path = self.log_dir / f"{name}.log"
        ready = lambda: " ready." in log_path.read_text()  # noqa: E731
        return self._start(name, [*args, "--without-gossip", "--without-mingle", "-l", "info"], ready)

    def wait_ready(self, timeout: float = 90) -> None:
        """Block until every started service answers (ASGI: /healthz 200; worker: "ready" logged)."""
        deadline = time.monotonic() + timeout
        while self._pending:
            service, ready = self._pending[0]
            if service.process.poll() is not None:
                raise RuntimeError(f"{service.name} exited:\n{service.log()}")
            if ready():
                self._pending.pop(0)
                continue
            if time.monotonic() > deadline:
                raise RuntimeError(f"{service.name} was not ready within {timeout} s:\n{service.log()}")
            time.sleep(0.2)

    def stop_all(self) -> None:
        for service in self.services:
            service.stop()

    def _start(self, name: str, args: list[str], ready: Callable[[], bool]) -> Service:
        service = Service(name, args, self.env, self.log_dir)
        self.services.append(service)
        self._pending.append((service, ready))
        return service


def _answers(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
    except httpx.TransportError:
        return False
