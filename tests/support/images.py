"""Image bombs for the upload tests: tiny files that claim a huge picture."""

import io
import struct

from PIL import Image

GPS = {1: "N", 2: (33.0, 33.0, 36.0), 3: "E", 4: (35.0, 22.0, 12.0)}


def png_bomb(side: int = 9400) -> bytes:
    """A real, decodable PNG of side × side pixels in a few kilobytes: one bit per pixel, all
    zeros, which zlib squeezes to almost nothing. Decoding it costs seconds and a gigabyte."""
    out = io.BytesIO()
    Image.new("1", (side, side)).save(out, "PNG", optimize=True)
    return out.getvalue()


def jpeg_with_gps(size=(64, 48)) -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = GPS
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def jpeg_bomb_with_gps(width: int = 10_000, height: int = 10_000) -> bytes:
    """A small JPEG with GPS EXIF whose frame header claims width × height pixels."""
    data = bytearray(jpeg_with_gps())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def truncated_jpeg_with_gps() -> bytes:
    """A photo with GPS EXIF cut off half way: its header reads, its pixels do not."""
    data = jpeg_with_gps((640, 480))
    return data[: len(data) // 2]
