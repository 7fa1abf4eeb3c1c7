"""The Content Security Policy lets public pages show images from the public media CDN."""

import json
import os
import subprocess
import sys
from pathlib import Path

from csp.constants import SELF

from config.settings import csp_img_src

ROOT = Path(__file__).resolve().parents[2]


def test_img_src_is_ourselves_and_data_by_default():
    assert csp_img_src(s3_endpoint_url="", s3_media_domain="") == [SELF, "data:"]


def test_img_src_includes_the_media_cdn_when_set():
    sources = csp_img_src(s3_endpoint_url="", s3_media_domain="media.youngcities.example")
    assert "https://media.youngcities.example/" in sources


def test_img_src_includes_the_s3_endpoint_and_the_cdn():
    sources = csp_img_src(
        s3_endpoint_url="https://s3.example.net", s3_media_domain="cdn.example.net/media/"
    )
    assert sources == [SELF, "data:", "https://s3.example.net/", "https://cdn.example.net/media/"]


def test_the_settings_read_s3_media_domain_from_the_environment():
    code = (
        "import json, config.settings as s;"
        "print(json.dumps(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    env = {**os.environ, "TESTING": "1", "S3_MEDIA_DOMAIN": "media.youngcities.example"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "https://media.youngcities.example/" in json.loads(result.stdout)
