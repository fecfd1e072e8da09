"""Time :func:`geo.join.join_states` on 10k, 100k and 1M random points over Mexico.

Points are uniform (seeded) over Mexico's bounding box widened a little, so
about 30 % fall inside a state, a few percent in the coastal band where the
nearest state within 10 km is looked for, and the rest far outside. Reported
per size: the join's median time over three runs (the frame of points is
built beforehand and timed apart), how many points each path settled, and,
for comparison, the plain spatial join (``states.sindex.query`` then
``sindex.nearest``, the code the fast path replaced), checked to give the
same answer point for point.

Target: 1M points in under 1 s.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish, median, script_args  # noqa: E402

WEST, SOUTH, EAST, NORTH = -118.6, 14.4, -86.6, 32.8
SEED = 20260224
TARGET_1M_S = 1.0


def random_points(n: int, seed: int = SEED):
    """A point frame of ``n`` seeded uniform points over Mexico's bounding box."""
    import numpy as np
    import pandas as pd

    from geo.join import points_frame

    rng = np.random.default_rng(seed + n)
    frame = pd.DataFrame({"lat": rng.uniform(SOUTH, NORTH, n), "lon": rng.uniform(WEST, EAST, n)})
    return points_frame(frame)


def run(quick: bool = False, exact_up_to: int = 100_000) -> dict:
    import numpy as np

    import geo.join as gj

    out: dict = {"target_1m_s": TARGET_1M_S}
    t = time.perf_counter()
    states = gj.load_states()
    out["load_states_s"] = round(time.perf_counter() - t, 3)
    gj._state_grid.cache_clear()
    polygons = gj._Polygons(np.asarray(states.geometry.values, dtype=object))
    t = time.perf_counter()
    grid = gj._state_grid(polygons)
    out["grid_build_s"] = round(time.perf_counter() - t, 3)
    out["grid"] = {
        "cell_degrees": grid.d,
        "cells": int(grid.code.size),
        "inside_cells": int((grid.code >= 0).sum()),
        "boundary_cells": int((grid.code == gj._BORDER).sum()),
        "outside_cells": int((grid.code == gj._OUTSIDE).sum()),
        "least_scale_km_per_degree": round(grid.scale / 1000, 2),
        "largest_sagitta_m": round(grid.sagitta, 1),
    }
    sizes = [10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]
    runs = []
    for n in sizes:
        t = time.perf_counter()
        pts = random_points(n)
        frame_s = time.perf_counter() - t
        times = []
        for _ in range(3):
            t = time.perf_counter()
            joined = gj.join_states(pts, states=states)
            times.append(time.perf_counter() - t)
        x = pts.geometry.x.to_numpy()
        y = pts.geometry.y.to_numpy()
        code, in_grid = grid.cell_codes(x, y)
        far = grid.far(code, x, y, in_grid, 10.0)
        row = {
            "points": n,
            "points_frame_s": round(frame_s, 3),
            "join_s_median": round(median(times), 3),
            "join_s_runs": [round(v, 3) for v in times],
            "points_per_s": round(n / median(times)),
            "within": int((joined["state_match"] == "within").sum()),
            "nearest": int((joined["state_match"] == "nearest").sum()),
            "none": int(joined["state_match"].isna().sum()),
            "settled_by_grid_inside": int((code >= 0).sum()),
            "settled_by_grid_far": int(far.sum()),
            "exact_path": int(n - (code >= 0).sum() - far.sum()),
        }
        if n <= exact_up_to:
            t = time.perf_counter()
            ref = gj._locate_exact(pts.geometry.values, states, 10.0)
            row["plain_join_s"] = round(time.perf_counter() - t, 3)
            fast = gj._locate(pts.geometry.values, states, 10.0)
            same = all(
                np.array_equal(a, b, equal_nan=a.dtype.kind == "f") for a, b in zip(ref, fast)
            )
            row["identical_to_plain_join"] = bool(same)
            row["speedup"] = round(row["plain_join_s"] / row["join_s_median"], 1)
        runs.append(row)
    out["runs"] = runs
    big = next((r for r in runs if r["points"] == 1_000_000), None)
    if big:
        out["target_met"] = big["join_s_median"] < TARGET_1M_S
    return out


def main(argv=None) -> int:
    parser = script_args(__doc__.split("\n")[0])
    parser.add_argument(
        "--exact-up-to",
        type=int,
        default=100_000,
        help="also time the plain join up to this many points",
    )
    args = parser.parse_args(argv)
    return finish(run(args.quick, args.exact_up_to), args.json_out)


if __name__ == "__main__":
    sys.exit(main())
