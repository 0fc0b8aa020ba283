"""A small file that unpacks into a huge picture costs a bounded time and memory to check.

The review's file: a 7,071 × 7,071 palette PNG with transparency, under the 50-megapixel
cap, a few kilobytes on disk. It once took 2.9 s and about 680 MB; it is now shrunk in its own
one byte a pixel before it ever becomes full colour. Measured in a fresh process, so the
peak memory is this image's alone.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
MEASURE = """
import io, json, resource, time
from PIL import Image
from django.core.files.uploadedfile import SimpleUploadedFile
from ecosystem_day.infra import images
picture = Image.new("P", (7071, 7071), 0)
picture.putpalette([0, 0, 0, 255, 255, 255] * 128)
buffer = io.BytesIO()
picture.save(buffer, "PNG", transparency=0, optimize=True)
upload = SimpleUploadedFile("poster.png", buffer.getvalue(), content_type="image/png")
del picture, buffer
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.process_time()  # CPU time: the bound holds on a busy machine too
image, fmt = images.clean_image(upload)
images.encoded(image, fmt), images.thumbnail(image)
print(json.dumps({
    "seconds": time.process_time() - started,
    "megabytes": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024,
    "bytes": upload.size, "size": image.size, "mode": image.mode,
}))
"""


def test_a_tiny_png_of_fifty_megapixels_is_checked_in_bounded_time_and_memory():
    result = subprocess.run(
        [sys.executable, "-c", MEASURE], cwd=ROOT, check=True, capture_output=True, text=True
    )
    cost = json.loads(result.stdout.splitlines()[-1])

    assert cost["bytes"] < 64 * 1024
    assert (cost["size"], cost["mode"]) == ([4096, 4096], "RGBA")
    assert cost["megabytes"] < 300, cost
    assert cost["seconds"] < 2.0, cost
