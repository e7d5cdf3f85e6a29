"""The pinned browser libraries: the test-only ones (axe-core) are never among the files
the site serves."""

import json
from pathlib import Path

from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parent.parent
ASSETS = json.loads((ROOT / "static-assets.json").read_text())["assets"]


def test_every_asset_is_pinned_by_version_and_integrity():
    for asset in ASSETS:
        assert asset["version"][0].isdigit(), asset["package"]
        assert asset["integrity"].startswith("sha512-"), asset["package"]


def test_axe_is_a_test_only_asset_no_static_finder_serves():
    test_only = [asset for asset in ASSETS if asset.get("test_only")]
    assert [asset["package"] for asset in test_only] == ["axe-core"]
    for asset in test_only:
        for name in asset["files"].values():
            assert finders.find(f"vendor/{name}") is None, name
            assert finders.find(name) is None, name
