"""Counting tests use the shared fixtures of tests/conftest.py (private_redis among them)."""
