"""More than one app server, for the scale-out test: a Redis server of its own, two gunicorn servers
on free loopback ports behind a tiny round-robin proxy, and two `db_worker`s, all on the test's
PostgreSQL database and S3 server. Each server has its own VAR_DIR (its own disk): nothing but
PostgreSQL, Redis and S3 is shared, as on several machines.

Everything listens on 127.0.0.1 only and stops with the test."""

import contextlib
import itertools
import mimetypes
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import pytest

from tests.support.ci import need

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "scaleout-" + "s" * 50  # every server the same, as in production


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(check, *, seconds: float, what: str, process: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start within {seconds:.0f} s")
        time.sleep(0.1)


# --- Redis ---------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A Redis of this test process (Debian's redis-server), nothing saved to disk."""
    binary = shutil.which("redis-server")
    need(binary is not None, "redis-server is missing: apt-get install redis-server")
    workdir = tmp_path_factory.mktemp("redis")
    for _attempt in range(3):
        port = free_port()
        process = subprocess.Popen(  # noqa: S603
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            _wait(lambda port=port: _redis_answers(port), seconds=10, what="redis", process=process)
            break
        except RuntimeError:
            process.kill()
            process.wait()
    else:
        pytest.fail("redis-server did not start")
    yield f"redis://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def _redis_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory) -> Path:
    """`collectstatic` once, as a release build does; every server reads the same copy."""
    var_dir = tmp_path_factory.mktemp("release")
    env = server_env(database_url="", redis_url="", s3=None, var_dir=var_dir)
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True, timeout=600,
    )  # fmt: skip
    return var_dir / "static"


def start_s3(workdir: Path):
    """SeaweedFS outside pytest (the scale-out benchmark): (process, S3Server)."""
    import json

    from tests.support import s3

    config = workdir / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "bench",
                        "credentials": [{"accessKey": s3.ACCESS_KEY, "secretKey": s3.SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    for attempt in range(3):
        process, server, _log, deadline = s3._start_weed(s3._weed(), workdir, config, attempt)
        if process is not None:
            s3._wait_for_buckets(server, deadline)
            return process, server
    raise RuntimeError("SeaweedFS did not start")


def upload_var_files(server, var_dir: Path) -> int:
    """Copy what the demo seed wrote to local disk (media, private documents) into the S3
    buckets, as a migration to S3 would: servers on S3 then find every original."""
    from tests.support.s3 import s3_client

    client, copied = s3_client(server), 0
    for folder, bucket in (("media", server.media_bucket), ("private", server.private_bucket)):
        root = var_dir / folder
        for path in root.rglob("*") if root.exists() else []:
            if path.is_file():
                client.upload_file(str(path), bucket, str(path.relative_to(root)))
                copied += 1
    return copied


# --- The round-robin proxy -----------------------------------------------------------------------
class RoundRobinProxy:
    """A TCP proxy on loopback handing each new connection to the next backend in turn, as a
    load balancer does. `pin(i)` sends the next connection to backend i instead, so that a test
    can say which server answers; `served` records which backend took each connection.

    Like the production load balancer (README, "Production sketch") it stamps the first request
    of each connection with the moment it arrived, `X-Request-Start: t=<seconds>`, replacing any
    the client wrote (the app servers believe it with REQUEST_START_HEADER)."""

    def __init__(self, backends: list[int]):
        self.backends = backends
        self._turn = itertools.cycle(range(len(backends)))
        self._pinned: int | None = None
        self._lock = threading.Lock()
        self.served: list[int] = []
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def pin(self, index: int) -> None:
        with self._lock:
            self._pinned = index

    def _next(self) -> int:
        with self._lock:
            index = self._pinned if self._pinned is not None else next(self._turn)
            self._pinned = None
            self.served.append(index)
            return index

    def _accept(self) -> None:
        while self._open:
            try:
                client, _address = self._listener.accept()
            except OSError:
                return
            arrived = time.time()
            index = self._next()
            threading.Thread(
                target=self._pipe_both, args=(client, index, arrived), daemon=True
            ).start()

    def _pipe_both(self, client: socket.socket, index: int, arrived: float) -> None:
        try:
            upstream = socket.create_connection(("127.0.0.1", self.backends[index]), timeout=60)
            upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            upstream.sendall(stamped(_read_head(client), arrived))
        except OSError:
            client.close()
            return
        threading.Thread(target=self._pipe, args=(upstream, client), daemon=True).start()
        self._pipe(client, upstream)

    @staticmethod
    def _pipe(source: socket.socket, target: socket.socket) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def close(self) -> None:
        self._open = False
        self._listener.close()


def _read_head(client: socket.socket, limit: int = 65536) -> bytes:
    """What the client sent up to the end of its first request's headers (and whatever came
    with them)."""
    head = b""
    while b"\r\n\r\n" not in head and len(head) < limit:
        chunk = client.recv(65536)
        if not chunk:
            break
        head += chunk
    return head


def stamped(head: bytes, arrived: float) -> bytes:
    """The request with `X-Request-Start: t=<arrived>` after its request line, and without any
    X-Request-Start of the client's."""
    if b"\r\n\r\n" not in head:
        return head
    headers, rest = head.split(b"\r\n\r\n", 1)
    request_line, *lines = headers.split(b"\r\n")
    kept = [line for line in lines if not line.lower().startswith(b"x-request-start:")]
    stamp = b"X-Request-Start: t=%.6f" % arrived
    return b"\r\n".join([request_line, stamp, *kept]) + b"\r\n\r\n" + rest


# --- The servers ---------------------------------------------------------------------------------
def server_env(*, database_url: str, redis_url: str, s3, var_dir: Path) -> dict[str, str]:
    """Production settings (DEBUG off, not TESTING), plain HTTP on loopback."""
    import os

    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_XDIST_WORKER"}
        and not key.startswith("PYTEST_")
    }
    env.update(
        DEBUG="0",
        TESTING="0",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        TASKS_IMMEDIATE="0",
        EMAIL_HOST="",
        REQUEST_START_HEADER="X-Request-Start",  # the RoundRobinProxy stamps each request
    )
    if not database_url:
        env.pop("DATABASE_URL")  # collectstatic needs none
    if s3 is not None:
        env.update(
            S3_ENDPOINT_URL=s3.endpoint_url,
            S3_ACCESS_KEY_ID=s3.access_key,
            S3_SECRET_ACCESS_KEY=s3.secret_key,
            S3_MEDIA_BUCKET=s3.media_bucket,
            S3_PRIVATE_BUCKET=s3.private_bucket,
        )
    return env


class Cluster:
    """Two gunicorn servers (A and B) and two db_workers behind a RoundRobinProxy."""

    A, B = 0, 1

    def __init__(
        self,
        *,
        database_url,
        redis_url,
        s3,
        workdir: Path,
        static_root: Path,
        servers: int = 2,
        workers: int = 1,
        task_workers: int = 2,
    ):
        self.processes: list[subprocess.Popen] = []
        self.ports: list[int] = []
        self.logs = workdir
        self.envs = []
        try:
            for number in range(servers):
                env = server_env(
                    database_url=database_url,
                    redis_url=redis_url,
                    s3=s3,
                    var_dir=workdir / f"server-{number}",
                )
                self.envs.append(env)
                # The collected static files are part of the deployed release, read-only.
                Path(env["VAR_DIR"]).mkdir(parents=True)
                (Path(env["VAR_DIR"]) / "static").symlink_to(static_root)
                port = free_port()
                self.ports.append(port)
                self._start(
                    [sys.executable, "-m", "gunicorn", "config.wsgi", f"--workers={workers}",
                     f"--bind=127.0.0.1:{port}", "--log-level=warning", "--timeout=60"],
                    env, f"gunicorn-{number}",
                )  # fmt: skip
            for number in range(task_workers):
                self._start(
                    [sys.executable, "manage.py", "db_worker", "--no-reload",
                     "--interval", "0.1"],
                    self.envs[number % servers], f"db_worker-{number}",
                )  # fmt: skip
            for index, port in enumerate(self.ports):
                _wait(
                    lambda port=port: _answers(f"http://127.0.0.1:{port}/healthz"),
                    seconds=90,
                    what=f"gunicorn {index}",
                    process=self.processes[index],
                )
        except BaseException:
            self.stop()
            raise
        self.proxy = RoundRobinProxy(self.ports)
        self.base = f"http://127.0.0.1:{self.proxy.port}"

    def _start(self, command, env, name) -> None:
        log = (self.logs / f"{name}.log").open("w")
        self.processes.append(
            subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
        )

    def log_tail(self) -> str:
        return "\n".join(
            f"--- {path.name}\n{path.read_text()[-1500:]}"
            for path in sorted(self.logs.glob("*.log"))
        )

    def stop(self) -> None:
        if getattr(self, "proxy", None):
            self.proxy.close()
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=2)  # noqa: S310 — loopback
    except (urllib.error.URLError, OSError):
        return False
    return True


def database_url_of(connection) -> str:
    """The URL of the database this test process uses (pytest-django's test database)."""
    s = connection.settings_dict
    user = urllib.parse.quote(s["USER"] or "")
    password = f":{urllib.parse.quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


# --- A browser-like HTTP client ------------------------------------------------------------------
class _LoopbackPolicy(DefaultCookiePolicy):
    """Production marks cookies Secure; the test speaks plain HTTP on loopback."""

    def return_ok_secure(self, cookie, request):
        return True


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One person's browser: cookies, the CSRF token, no redirects followed. `via` pins the next
    request to server A or B through the proxy; without it the proxy takes turns."""

    def __init__(self, cluster: Cluster):
        self.cluster = cluster
        self.jar = CookieJar(policy=_LoopbackPolicy())
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, method, path, *, data=None, files=None, via=None):
        headers = {"Referer": self.cluster.base + "/"}
        body = None
        if method == "POST":
            fields = {"csrfmiddlewaretoken": self.csrf(), **(data or {})}
            if files:
                body, content_type = _multipart(fields, files)
                headers["Content-Type"] = content_type
            else:
                body = urllib.parse.urlencode(fields, doseq=True).encode()
        if via is not None:
            self.cluster.proxy.pin(via)
        request = urllib.request.Request(  # noqa: S310 — loopback
            self.cluster.base + path, data=body, headers=headers, method=method
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, data=None, **kwargs):
        return self.request("POST", path, data=data, **kwargs)

    def log_in(self, email: str, password: str, *, via=None) -> None:
        self.get("/en/account/login/", via=via)
        status, body, headers = self.post(
            "/en/account/login/", {"login": email, "password": password}, via=via
        )
        assert status == 302, (status, body[:2000])


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{item}\r\n".encode()
            )
    for name, (filename, content) in files.items():
        kind = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
