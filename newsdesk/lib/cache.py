"""A Redis cache that treats Redis being down as a cache miss, not as an error page."""

import logging

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from newsdesk.lib.logs import NowAndThen

log = NowAndThen(logging.getLogger(__name__))


class ResilientRedisCache(RedisCache):
    """Pages keep serving from the database while Redis is unreachable; writes are skipped."""

    def _safely(self, method: str, fallback, *args, **kwargs):
        try:
            return getattr(super(), method)(*args, **kwargs)
        except redis.RedisError as error:
            log.warning("Redis cache unavailable, serving without it: %s", error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._safely("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._safely("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._safely("has_key", False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("set", None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("add", False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._safely("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._safely("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._safely("delete_many", None, keys, version)

    def clear(self):
        return self._safely("clear", False)
