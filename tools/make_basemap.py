"""Build the offline world basemap (``src/eventwire/web/static/world.json``) from Natural Earth.

Natural Earth's 1:110m admin-0 countries are public domain. The copy used is the
``naturalearth_lowres`` shapefile that geopandas 0.14 shipped inside its wheel, so the
basemap can be rebuilt from PyPI alone::

    pip download --no-deps geopandas==0.14.4 -d /tmp/ne
    python tools/make_basemap.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl

The output is one SVG path per country in an equirectangular projection (x = lon + 180,
y = 90 - lat, a 360 x 180 view box), rounded to 0.1 degree: about 11 km, finer than the
source's own accuracy at this scale. Reading the shapefile takes a few lines of ``struct``,
which spares the project a GIS dependency for a file built once.
"""

from __future__ import annotations

import argparse
import json
import struct
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "web" / "static" / "world.json"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"


def read_shapes(data: bytes) -> list[list[list[tuple[float, float]]]]:
    """Polygons (shape type 5) as lists of rings of (lon, lat)."""
    shapes, pos = [], 100
    while pos + 8 <= len(data):
        _, words = struct.unpack(">ii", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + words * 2]
        pos += 8 + words * 2
        (kind,) = struct.unpack("<i", body[:4])
        if kind != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44:44 + 4 * n_parts]))
        start = 44 + 4 * n_parts
        points = [struct.unpack("<dd", body[start + 16 * i:start + 16 * i + 16]) for i in range(n_points)]
        bounds = [*parts, n_points]
        shapes.append([points[bounds[i]:bounds[i + 1]] for i in range(n_parts)])
    return shapes


def read_table(data: bytes) -> list[dict[str, str]]:
    """dBase III rows as strings."""
    n_rows, header_len, row_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(n_rows):
        row, at = {}, header_len + i * row_len + 1
        for name, width in fields:
            row[name] = data[at:at + width].decode("utf-8", "replace").strip()
            at += width
        rows.append(row)
    return rows


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
    parser.add_argument("wheel", type=Path, help="the geopandas 0.14.x wheel")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    with zipfile.ZipFile(args.wheel) as wheel:
        shapes = read_shapes(wheel.read(MEMBER + ".shp"))
        rows = read_table(wheel.read(MEMBER + ".dbf"))
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
