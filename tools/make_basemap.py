"""Build the offline world basemap (``src/eventwire/web/static/world.json``) from Natural Earth.

Natural Earth's 1:110m admin-0 countries are public domain. The copy used is the
``naturalearth_lowres`` shapefile that geopandas 0.14 shipped inside its wheel, so the
basemap can be rebuilt from PyPI alone (the wheel is fetched with pip into the cache that
``build_kb.py`` uses, and read with its shapefile readers)::

    python tools/make_basemap.py

The output is one SVG path per country in an equirectangular projection (x = lon + 180,
y = 90 - lat, a 360 x 180 view box), rounded to 0.1 degree: about 11 km, finer than the
source's own accuracy at this scale. Reading the shapefile takes a few lines of ``struct``,
which spares the project a GIS dependency for a file built once.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from build_kb import fetch_wheel, read_dbf, read_shp_polygons

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "web" / "static" / "world.json"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
CACHE = Path(__file__).resolve().parent / ".cache"


def path_of(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        coords, last = [], None
        for lon, lat in ring:
            point = (round(lon + 180, 1), round(90 - lat, 1))
            if point != last:
                coords.append(f"{point[0]:g} {point[1]:g}")
                last = point
        if len(coords) >= 3:
            parts.append("M" + "L".join(coords) + "Z")
    return "".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cache", type=Path, default=CACHE, help="where the pinned geopandas wheel is kept")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with fetch_wheel("geopandas", args.cache) as wheel:
        shapes = read_shp_polygons(wheel.read(MEMBER + ".shp"))
        rows = read_dbf(wheel.read(MEMBER + ".dbf"))
    countries = [{"iso": row.get("iso_a3", ""), "name": row.get("name", ""), "d": path_of(rings)}
                 for row, rings in zip(rows, shapes, strict=True) if rings]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"source": "Natural Earth 1:110m admin-0 countries (public domain)",
                                    "viewBox": [0, 0, 360, 180], "countries": countries},
                                   separators=(",", ":")) + "\n")
    print(f"{len(countries)} countries, {args.out.stat().st_size:,} bytes -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
