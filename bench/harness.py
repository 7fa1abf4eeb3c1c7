"""Shared pieces of the benchmarks: a PostgreSQL database with demo data, gunicorn with two
workers on loopback, and wrk as the load generator. Everything stays on this machine."""

import math
import os
import re
import shutil
import socket
import statistics
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
BARE = "/bench/bare/"  # the yardstick every benchmark is measured against
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))  # alternating rounds; medians are reported


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
    """A fresh database seeded with the demo. BENCH_REUSE=1 (while working on a benchmark) keeps
    the database and static files of the last BENCH_REUSE run instead: not for figures."""
    if os.environ.get("BENCH_REUSE") == "1":
        var_dir = ROOT / "var" / "bench-reuse"
        env = production_env(var_dir)
        marker = var_dir / "seeded"
        if marker.exists():
            log("BENCH_REUSE=1: the database and static files of the last run, as they are")
            return env
        var_dir.mkdir(parents=True, exist_ok=True)
        env = _prepare_fresh(env)
        marker.touch()
        return env
    return _prepare_fresh(production_env(var_dir))


def _prepare_fresh(env: dict[str, str]) -> dict[str, str]:
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


WRK_P95 = """
done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\\n", latency:percentile(95)))
end
"""


def wrk(url: str, *, seconds: int = 5, threads: int = 2, connections: int = 16) -> dict:
    """Requests/s, median and 95th-percentile latency (ms) of one bounded wrk round on
    loopback."""
    script = ROOT / "var" / "bench-wrk-p95.lua"
    script.parent.mkdir(exist_ok=True)
    script.write_text(WRK_P95)
    out = subprocess.run(  # noqa: S603
        [ensure_wrk(), f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
         "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses\n{out}")
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}[median.group(2)]
    p95 = int(re.search(r"p95_us (\d+)", out).group(1)) / 1000
    return {"rps": rps, "p50_ms": float(median.group(1)) * factor, "p95_ms": p95}


def summarise(timings_ms: list[float], elapsed_s: float) -> dict[str, float]:
    """One round of sequential requests: requests/s, median and 95th percentile (ms)."""
    ordered = sorted(timings_ms)
    return {
        "rps": len(ordered) / elapsed_s,
        "p50_ms": statistics.median(ordered),
        "p95_ms": ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)],
    }


def timed(requests: int, one) -> dict[str, float]:
    """Call `one()` `requests` times in a row; its figures as `summarise` gives them."""
    timings = []
    started = time.perf_counter()
    for _ in range(requests):
        begun = time.perf_counter()
        one()
        timings.append((time.perf_counter() - begun) * 1000)
    return summarise(timings, time.perf_counter() - started)


def bare_sequential(base: str, requests: int, opener=None) -> dict[str, float]:
    """The bare view requested the way a sequential benchmark requests its page: one client,
    one request after the other (with the benchmark's cookies when it passes its opener)."""
    open_url = (opener or urllib.request.build_opener()).open

    def one():
        with open_url(base + BARE, timeout=30) as response:
            response.read()

    return timed(requests, one)


def paired(name: str, measure, bare, rounds: int = ROUNDS, log_each: bool = True) -> dict:
    """Alternate `rounds` rounds of the benchmark (`measure()`) and of the bare view (`bare()`),
    each returning requests/s and latencies; report the medians of both and their ratios:
    `<name>_vs_bare` (throughput: higher is better, 1 = as fast as the bare view),
    `<name>_p50_vs_bare` and `<name>_p95_vs_bare` (latency: lower is better, 1 = as quick).
    The machine is shared and noisy: only side-by-side ratios compare across runs."""
    mine, theirs = [], []
    for number in range(1, rounds + 1):
        mine.append(measure())
        theirs.append(bare())
        if log_each:
            log(
                f"{name} round {number}: {mine[-1]['rps']:.1f}/s p95 {mine[-1]['p95_ms']:.1f} ms;"
                f" bare {theirs[-1]['rps']:.1f}/s p95 {theirs[-1]['p95_ms']:.1f} ms"
            )
    return ratios(name, mine, theirs)


def ratios(name: str, mine: list[dict], theirs: list[dict]) -> dict[str, float]:
    def med(rounds, key):
        return statistics.median(r[key] for r in rounds)

    out = {}
    for key in ("rps", "p50_ms", "p95_ms"):
        if key in mine[0]:
            out[f"{name}_{key}"] = round(med(mine, key), 2)
            out[f"{name}_bare_{key}"] = round(med(theirs, key), 2)
    out[f"{name}_vs_bare"] = round(med(mine, "rps") / med(theirs, "rps"), 3)
    for key in ("p50", "p95"):
        if f"{key}_ms" in mine[0]:
            out[f"{name}_{key}_vs_bare"] = round(
                med(mine, f"{key}_ms") / med(theirs, f"{key}_ms"), 2
            )
    out[f"{name}_rounds"] = len(mine)
    return out


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


def against_bare(base: str, path: str, name: str, rounds: int = ROUNDS) -> dict[str, float]:
    """An anonymous page under wrk against the bare Django view, in alternating rounds."""
    wrk(base + path, seconds=2)  # warm-up: fills the page cache in both workers
    wrk(base + BARE, seconds=2)
    return paired(name, lambda: wrk(base + path), lambda: wrk(base + BARE), rounds)
