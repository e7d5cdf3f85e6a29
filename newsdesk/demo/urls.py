"""The demo edition's own addresses: its live TV stream (demo/live_stream.py) and its
partner's webhook receiver (demo/partners.py)."""

from django.urls import path

from newsdesk.demo.live_stream import live_playlist
from newsdesk.demo.partners import demo_webhook

urlpatterns = [
    path("live.m3u8", live_playlist, name="demo_live_playlist"),
    path("webhook/", demo_webhook, name="demo_webhook"),
]
