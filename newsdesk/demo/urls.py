"""The demo edition's own addresses: its live TV stream (demo/live_stream.py), its
partner's webhook receiver (demo/partners.py) and the wire it reads (demo/wires.py)."""

from django.urls import path

from newsdesk.demo.live_stream import live_playlist
from newsdesk.demo.partners import demo_webhook
from newsdesk.demo.wires import demo_wire

urlpatterns = [
    path("live.m3u8", live_playlist, name="demo_live_playlist"),
    path("webhook/", demo_webhook, name="demo_webhook"),
    path("wire.xml", demo_wire, name="demo_wire"),
]
