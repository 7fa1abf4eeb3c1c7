"""Django's Redis cache, with one client object per connection pool instead of one per call.

Django builds a new `redis.Redis` for every cache operation, and building one fills a table of
some 170 response callbacks: a few tenths of a millisecond each time, three or four times on
every signed-in request (the session, the roles, the page cache). A client holds no connection
of its own (the pool does, and checks the process id after a fork), so one can be kept and
shared by the threads of a process."""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class _KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class KeptClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClientRedisCacheClient
