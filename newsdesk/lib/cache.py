"""A Redis cache that treats Redis being down as a cache miss, not as an error page."""

import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache

log = logging.getLogger(__name__)
_MISSING = object()


class ResilientRedisCache(RedisCache):
    """Pages keep serving from the database while Redis is unreachable; writes are skipped."""

    _last_warning = 0.0

    def _warn(self, error: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_warning > 30:
            ResilientRedisCache._last_warning = now
            log.warning("Redis cache unavailable, serving without it: %s", error)

    def _safely(self, method: str, fallback, *args, **kwargs):
        try:
            return getattr(super(), method)(*args, **kwargs)
        except redis.RedisError as error:
            self._warn(error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._safely("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._safely("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._safely("has_key", False, key, version)

    def set(self, key, value, timeout=_MISSING, version=None):
        args = (key, value) if timeout is _MISSING else (key, value, timeout)
        return self._safely("set", None, *args, version=version)

    def add(self, key, value, timeout=_MISSING, version=None):
        args = (key, value) if timeout is _MISSING else (key, value, timeout)
        return self._safely("add", False, *args, version=version)

    def set_many(self, data, timeout=_MISSING, version=None):
        args = (data,) if timeout is _MISSING else (data, timeout)
        return self._safely("set_many", list(data), *args, version=version)

    def touch(self, key, timeout=_MISSING, version=None):
        args = (key,) if timeout is _MISSING else (key, timeout)
        return self._safely("touch", False, *args, version=version)

    def delete(self, key, version=None):
        return self._safely("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._safely("delete_many", None, keys, version)

    def clear(self):
        return self._safely("clear", False)
