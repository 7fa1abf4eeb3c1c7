"""The Redis cache keeps one client per connection pool and still behaves as Django's: values
round-trip, timeouts and increments work, and a forked process gets connections of its own."""

import os

import pytest

from tests.support.cluster import redis_server  # noqa: F401 — the fixture
from youthcities.rediscache import KeptClientRedisCache


@pytest.fixture
def cache(redis_server):  # noqa: F811
    cache = KeptClientRedisCache(f"{redis_server}/3", {"KEY_PREFIX": "kept"})
    yield cache
    cache.clear()


def test_one_client_is_kept_per_pool(cache):
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client


def test_it_stores_reads_counts_and_forgets_as_djangos_does(cache):
    cache.set("answer", {"city": "صيدا"}, timeout=30)
    assert cache.get("answer") == {"city": "صيدا"}
    assert cache.add("answer", "other") is False
    cache.set("count", 1)
    assert cache.incr("count", 2) == 3
    assert cache.get_many(["answer", "count"]) == {"answer": {"city": "صيدا"}, "count": 3}
    cache.delete("answer")
    assert cache.get("answer", "gone") == "gone"


def test_a_forked_process_opens_connections_of_its_own(cache):
    cache.set("before", "fork")
    parent_connection = cache._cache.get_client().connection_pool.get_connection("GET")
    cache._cache.get_client().connection_pool.release(parent_connection)
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: read through the kept client, write the answer, leave at once
        try:
            ok = cache.get("before") == "fork"
            connection = cache._cache.get_client().connection_pool.get_connection("GET")
            ok = ok and connection is not parent_connection
            os.write(write, b"1" if ok else b"0")
        finally:
            os._exit(0)
    os.close(write)
    answer = os.read(read, 1)
    os.waitpid(child, 0)
    assert answer == b"1"
    assert cache.get("before") == "fork"
