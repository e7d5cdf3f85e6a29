"""The demo edition's own addresses: its live TV stream (demo/live_stream.py)."""

from django.urls import path

from newsdesk.demo.live_stream import live_playlist

urlpatterns = [
    path("live.m3u8", live_playlist, name="demo_live_playlist"),
]
