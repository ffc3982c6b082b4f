"""Offline use and installation. The service worker of the built site (``kata-sw.js`` at its
root): the list of every file to store for offline use, with an integrity hash of each, put in
front of the worker's code (``runner/sw.js``). With ``offline: false`` the site gets a worker
that only removes what an earlier build stored, and intercepts nothing. The web app manifest
(``manifest.webmanifest``) and its icons make the site installable; every page links it."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

SW_FILE = "kata-sw.js"
MANIFEST_FILE = "manifest.webmanifest"
ICONS_DIR = Path(__file__).parent / "plugin" / "icons"
THEME_COLOR = "#3f51b5"  # mkdocs-material's indigo, the site's primary colour
# Not needed offline: source maps, the sitemap, and lunr's languages other than English.
_SKIPPED = (".map", "sitemap.xml", "sitemap.xml.gz")
_SKIPPED_FOLDERS = ("assets/javascripts/lunr/min/",)

OFF = """// Tensor Kata: offline use is turned off (the plugin's `offline: false`). This worker removes
// what an earlier build stored, and intercepts nothing.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(caches.keys().then((names) =>
  Promise.all(names.filter((name) => name.startsWith("kata-")).map((name) => caches.delete(name))))));
"""


def _sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def site_files(site_dir: Path) -> list[Path]:
    """Every file of the built site that offline use needs, in a stable order."""
    files = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.is_file() and relative != SW_FILE and not relative.endswith(_SKIPPED) \
                and not relative.startswith(_SKIPPED_FOLDERS):
            files.append(path)
    return files


def precache(site_dir: Path, extra: Iterable[tuple[str, str]] = ()) -> dict:
    """The list the worker stores on install: [url, SRI hash] for each file, and the build's
    version (a hash of the whole list). ``extra`` adds absolute URLs (the CDN's files)."""
    files = [[path.relative_to(site_dir).as_posix(), _sri(path.read_bytes())] for path in site_files(site_dir)]
    files += [list(item) for item in extra]
    version = hashlib.sha256(json.dumps(files).encode()).hexdigest()[:16]
    return {"version": version, "files": files, "isolate": True}


def service_worker(site_dir: Path, code: str, enabled: bool, extra: Iterable[tuple[str, str]] = ()) -> str:
    """The text of kata-sw.js for this build."""
    if not enabled:
        return OFF
    return f"self.__KATA_PRECACHE = {json.dumps(precache(site_dir, extra), separators=(',', ':'))};\n{code}"


def icons() -> dict[str, Path]:
    """The app's icons by file name: an SVG, PNGs of 192 and 512 px, and a maskable PNG."""
    return {path.name: path for path in sorted(ICONS_DIR.iterdir()) if path.suffix in (".svg", ".png")}


def manifest(name: str, description: str, icons_url: str) -> str:
    """The web app manifest. Its URLs are relative to the manifest, at the site's root, so an
    installed site opens at its root, under a sub-path too; ``icons_url`` is the icons'
    folder from there."""
    def icon(file: str, size: str, kind: str, purpose: str = "any") -> dict[str, str]:
        return {"src": f"{icons_url}{file}", "sizes": size, "type": kind, "purpose": purpose}

    return json.dumps({
        "name": name, "short_name": name, "description": description,
        "start_url": "./", "scope": "./", "display": "standalone",
        "theme_color": THEME_COLOR, "background_color": "#ffffff",
        "icons": [icon("icon.svg", "any", "image/svg+xml"), icon("icon-192.png", "192x192", "image/png"),
                  icon("icon-512.png", "512x512", "image/png"),
                  icon("maskable-512.png", "512x512", "image/png", "maskable")],
    }, indent=1)


def head_links(html: str, manifest_url: str) -> str:
    """A page with the manifest (at ``manifest_url``, relative to the page) and the theme
    colour linked in its head."""
    links = (f'<link rel="manifest" href="{manifest_url}">'
             f'<meta name="theme-color" content="{THEME_COLOR}">')
    return html.replace("</head>", f"{links}</head>", 1)
