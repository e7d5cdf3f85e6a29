"""A Redis cache that treats Redis being down as a cache miss, not as an error page."""

import logging
from collections.abc import Callable, Iterable
from typing import Any

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from newsdesk.lib.logs import NowAndThen

log = NowAndThen(logging.getLogger(__name__))


class ReusedClientRedisCacheClient(RedisCacheClient):
    """One redis.Redis per connection pool, made once.

    Django builds a new client object for every cache call, and redis-py 8 takes about
    0.4 ms to build one: more than the cache read itself, and most of a page-cache hit
    (docs/performance.md). A client is safe to share between threads (each command takes
    a connection from the pool) and after a fork (the pool notices the new process).
    """

    # Django's own, private: how it makes a client, and the pool for reads or for writes.
    # The type stubs leave them out.
    _client: type[redis.Redis]
    _get_connection_pool: Callable[[bool], redis.ConnectionPool]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, redis.Redis] = {}

    def get_client(self, key: object = None, *, write: bool = False) -> redis.Redis:
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Pages keep serving from the database while Redis is unreachable; writes are skipped."""

    _class = ReusedClientRedisCacheClient

    def _safely(self, method: str, fallback: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return getattr(super(), method)(*args, **kwargs)
        except redis.RedisError as error:
            log.warning("Redis cache unavailable, serving without it: %s", error)
            return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._safely("get", default, key, default, version)

    def get_many(self, keys: Iterable[Any], version: int | None = None) -> dict[Any, Any]:
        return self._safely("get_many", {}, keys, version)

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._safely("has_key", False, key, version)

    def set(self, key: Any, value: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        return self._safely("set", None, key, value, timeout, version)

    def add(self, key: Any, value: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._safely("add", False, key, value, timeout, version)

    def set_many(
        self, data: dict[Any, Any], timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[Any]:
        return self._safely("set_many", list(data), data, timeout, version)

    def touch(self, key: Any, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._safely("touch", False, key, timeout, version)

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._safely("delete", False, key, version)

    def delete_many(self, keys: Iterable[Any], version: int | None = None) -> None:
        return self._safely("delete_many", None, keys, version)

    def clear(self) -> None:
        return self._safely("clear", False)
