"""The demo's live internet TV: a real HLS stream made on this machine.

`make demo` encodes a short loop of a test card (H.264 video, AAC audio) into
MPEG-TS segments under MEDIA_ROOT, and `live_playlist` serves them as a live
stream: a sliding window over the loop, moving with the clock, as a broadcaster's
packager would. An agency points SiteSettings.live_stream_url at its real stream.
"""

import math
import time
from array import array
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

if TYPE_CHECKING:
    from types import ModuleType

    from av.audio.stream import AudioStream
    from av.container import OutputContainer
    from PIL.Image import Image

SEGMENT_SECONDS = 4
SEGMENTS_IN_LOOP = 6
SEGMENTS_IN_PLAYLIST = 4
FPS = 15
SIZE = (640, 360)
AUDIO_RATE = 44_100
PLAYLIST_PATH = "/demo/live.m3u8"


def stream_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "demo" / "live"


def segment_name(index: int) -> str:
    return f"segment{index:02d}.ts"


def stream_exists() -> bool:
    return all((stream_dir() / segment_name(i)).exists() for i in range(SEGMENTS_IN_LOOP))


def encode_demo_stream(title: str) -> Path:
    """Encode the loop's segments; each starts with a key frame and lasts SEGMENT_SECONDS."""
    import av  # the demo's own dependency (requirements/demo.in)

    folder = stream_dir()
    folder.mkdir(parents=True, exist_ok=True)
    frames_per_segment = FPS * SEGMENT_SECONDS
    for index in range(SEGMENTS_IN_LOOP):
        path = folder / segment_name(index)
        with av.open(str(path), "w", format="mpegts") as container:
            video = container.add_stream("libx264", rate=FPS)
            video.width, video.height = SIZE
            video.pix_fmt = "yuv420p"
            video.options = {"preset": "veryfast", "tune": "stillimage", "profile": "baseline"}
            video.codec_context.gop_size = frames_per_segment
            audio = container.add_stream("aac", rate=AUDIO_RATE, layout="mono")
            # Timestamps continue across segments, so only the loop's wrap is a discontinuity.
            first_frame = index * frames_per_segment
            for n in range(frames_per_segment):
                frame = av.VideoFrame.from_image(_test_card(title, first_frame + n))
                frame.pts = first_frame + n
                frame.time_base = Fraction(1, FPS)
                container.mux(video.encode(frame))
            container.mux(video.encode())
            _encode_tone(av, container, audio, start_second=index * SEGMENT_SECONDS)
    return folder


def _test_card(title: str, frame_number: int) -> "Image":
    from PIL import Image, ImageDraw, ImageFont

    width, height = SIZE
    image = Image.new("RGB", SIZE, (18, 24, 38))
    draw = ImageDraw.Draw(image)
    bars = [(192, 192, 192), (192, 192, 0), (0, 192, 192), (0, 192, 0), (192, 0, 192), (192, 0, 0), (0, 0, 192)]
    bar_width = width // len(bars)
    for i, colour in enumerate(bars):
        draw.rectangle([i * bar_width, 0, (i + 1) * bar_width, height // 2], fill=colour)
    progress = (frame_number % (FPS * SEGMENT_SECONDS * SEGMENTS_IN_LOOP)) / (FPS * SEGMENT_SECONDS * SEGMENTS_IN_LOOP)
    draw.rectangle([0, height // 2, int(width * progress), height // 2 + 8], fill=(230, 60, 60))
    draw.text((24, height // 2 + 40), title, font=ImageFont.load_default(size=30), fill=(255, 255, 255))
    draw.text((24, height // 2 + 90), "DEMO STREAM", font=ImageFont.load_default(size=22), fill=(230, 60, 60))
    return image


def _encode_tone(av: "ModuleType", container: "OutputContainer", audio: "AudioStream", *, start_second: int) -> None:
    """A quiet 440 Hz tone, so players that wait for audio have some."""
    samples_per_frame = 1024
    total = AUDIO_RATE * SEGMENT_SECONDS
    offset = start_second * AUDIO_RATE
    for start in range(0, total, samples_per_frame):
        count = min(samples_per_frame, total - start)
        wave = array(
            "f", (0.05 * math.sin(2 * math.pi * 440 * (offset + start + i) / AUDIO_RATE) for i in range(count))
        )
        frame = av.AudioFrame(format="flt", layout="mono", samples=count)
        frame.planes[0].update(wave.tobytes())
        frame.sample_rate = AUDIO_RATE
        frame.pts = offset + start
        frame.time_base = Fraction(1, AUDIO_RATE)
        container.mux(audio.encode(frame))
    container.mux(audio.encode())


def playlist_text(now: float) -> str:
    """A live HLS media playlist over the loop, as it stands at `now` (Unix seconds)."""
    newest = int(now // SEGMENT_SECONDS)
    first = max(0, newest - SEGMENTS_IN_PLAYLIST + 1)
    lines = [
        "#EXTM3U",
        "#EXT-X-VERSION:3",
        f"#EXT-X-TARGETDURATION:{SEGMENT_SECONDS}",
        f"#EXT-X-MEDIA-SEQUENCE:{first}",
        # Each wrap of the loop restarts the timestamps: count the wraps before `first`.
        f"#EXT-X-DISCONTINUITY-SEQUENCE:{max(0, first - 1) // SEGMENTS_IN_LOOP}",
    ]
    media_url = f"{settings.MEDIA_URL}demo/live/"
    for sequence in range(first, newest + 1):
        index = sequence % SEGMENTS_IN_LOOP
        if index == 0 and sequence > 0:
            lines.append("#EXT-X-DISCONTINUITY")
        lines.append(f"#EXTINF:{SEGMENT_SECONDS}.000,")
        lines.append(f"{media_url}{segment_name(index)}")
    return "\n".join(lines) + "\n"


def live_playlist(request: HttpRequest) -> HttpResponse:
    if not stream_exists():
        raise Http404
    response = HttpResponse(playlist_text(time.time()), content_type="application/vnd.apple.mpegurl")
    add_never_cache_headers(response)
    return response
