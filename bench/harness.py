"""Shared pieces of the benchmarks: a PostgreSQL database with demo data, gunicorn with two
workers on loopback, and wrk as the load generator. Everything stays on this machine."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/youngcities_bench"
WRK = "/usr/bin/wrk"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def redis_url() -> str | None:
    """Redis on its usual port, when it answers: the production cache."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                return "redis://127.0.0.1:6379/5"
    except OSError:
        pass
    return None


def production_env(var_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-" + "x" * 50,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        BENCH="1",
        VAR_DIR=str(var_dir),
        DATABASE_URL=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        LOG_LEVEL="WARNING",
        TASKS_IMMEDIATE="1",
    )
    url = redis_url()
    if url:
        env["REDIS_URL"] = url
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def create_database(env: dict[str, str]) -> None:
    """A fresh database for each run, so that results do not depend on earlier runs."""
    url = env["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    import psycopg

    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def prepare(var_dir: Path) -> dict[str, str]:
    env = production_env(var_dir)
    log(f"database {env['DATABASE_URL']}, cache {'Redis' if 'REDIS_URL' in env else 'local'}")
    create_database(env)
    if "REDIS_URL" in env:
        import redis

        redis.Redis.from_url(env["REDIS_URL"]).flushdb()
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "seed_demo", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict[str, str], workers: int = 2):
    port = free_port()
    command = [
        PYTHON,
        "-m",
        "gunicorn",
        "config.wsgi",
        f"--workers={workers}",
        f"--bind=127.0.0.1:{port}",
        "--log-level=warning",
    ]
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310
                break
            except (urllib.error.URLError, OSError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def ensure_wrk() -> str:
    if Path(WRK).exists():
        return WRK
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        log("installing wrk from Debian")
        subprocess.run(["apt-get", "update", "-qq"], check=True)  # noqa: S607
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],  # noqa: S607
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            stdout=subprocess.DEVNULL,
        )
        return WRK
    raise SystemExit("wrk is missing: apt-get install wrk")


def wrk(url: str, *, seconds: int = 5, threads: int = 2, connections: int = 16) -> dict:
    """Requests/s and median latency (ms) of one bounded wrk round on loopback."""
    out = subprocess.run(  # noqa: S603
        [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{out}")
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}[median.group(2)]
    return {"rps": rps, "p50_ms": float(median.group(1)) * factor}


def fetch(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return response.status, response.read().decode()


def django_script(env, code: str) -> str:
    """Run Python in the project (manage.py shell) and return what it printed."""
    done = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise RuntimeError(f"manage.py shell failed:\n{done.stderr[-3000:]}")
    return done.stdout


def against_bare(base: str, path: str, name: str, rounds: int = 5) -> dict[str, float]:
    """Requests/s of an anonymous page against the bare Django view, in alternating rounds of
    one run (the machine is noisy: only a side-by-side ratio means something)."""
    import statistics

    wrk(base + path, seconds=2)  # warm-up: fills the page cache in both workers
    wrk(base + "/bench/bare/", seconds=2)
    page, bare = [], []
    for round_number in range(1, rounds + 1):
        page.append(wrk(base + path))
        bare.append(wrk(base + "/bench/bare/"))
        log(
            f"{name} round {round_number}: "
            f"{name} {page[-1]['rps']:.0f}/s, bare {bare[-1]['rps']:.0f}/s"
        )
    page_rps = statistics.median(r["rps"] for r in page)
    bare_rps = statistics.median(r["rps"] for r in bare)
    return {
        f"{name}_rps": round(page_rps, 1),
        "bare_rps": round(bare_rps, 1),
        f"{name}_vs_bare": round(page_rps / bare_rps, 3),
        f"{name}_p50_ms": round(statistics.median(r["p50_ms"] for r in page), 2),
        "bare_p50_ms": round(statistics.median(r["p50_ms"] for r in bare), 2),
    }
