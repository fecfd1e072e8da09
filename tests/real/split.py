"""Assign the real-news articles to batches before any tuning.

b1, b2, b3 for development and final, untouched until scored once.
"""

import collections
import glob
import json
import os
import random

CLUSTER_ALIASES = {
    "2026-02-22-el-mencho": [
        "jalisco-2026-02-mencho",
        "mencho-2026-02-22",
        "narcobloqueos-2026-02-22",
    ],
    "2023-01-05-ovidio-guzman-arrest": ["culiacanazo-2023-01-05", "sinaloa-2023-01-ovidio-arrest"],
    "2024-09-sinaloa-war": [
        "2024-09-09-culiacan-sinaloa-cartel-war",
        "culiacan-2024-09-11",
        "sinaloa-2024-09-war",
    ],
    "2015-05-01-operacion-jalisco": [
        "2015-05-01-jalisco-helicopter-narcobloqueos",
        "operacion-jalisco-2015-05-01",
    ],
    "2019-11-30-villa-union": ["villa-union-2019-11-30", "villa-union-2019-11-attack"],
    "2022-08-baja-california-arson": ["baja-california-2022-08-arson", "bajacalifornia-2022-08-12"],
}
ALIAS = {a: k for k, v in CLUSTER_ALIASES.items() for a in v}


def units(root):
    by = collections.defaultdict(list)
    for j in sorted(glob.glob(f"{root}/*/*.json")):
        g = json.load(open(j))
        c = g.get("cluster")
        c = ALIAS.get(c, c)
        by[c or os.path.basename(j)].append((j, g["language"]))
    return by


if __name__ == "__main__":
    import sys

    root = sys.argv[1]
    by = units(root)
    keys = sorted(by)
    random.Random(20261201).shuffle(keys)
    share = {"final": 0.28, "b1": 0.24, "b2": 0.24, "b3": 0.24}
    tot = collections.Counter(lang for v in by.values() for _, lang in v)
    fill = {b: collections.Counter() for b in share}
    plan = {}
    for k in keys:
        langs = collections.Counter(lang for _, lang in by[k])
        # the bin whose languages are least filled relative to its share
        b = min(
            share,
            key=lambda b: (
                max((fill[b][l] + n) / (share[b] * tot[l]) for l, n in langs.items()),
                b,
            ),
        )
        fill[b] += langs
        for j, _ in by[k]:
            plan[os.path.basename(j)[:-5]] = b
    print({b: dict(c) for b, c in fill.items()})
    # usage: split.py FOLDER_OF_ANNOTATOR_FOLDERS [OUT.json]; batches.json was written so
    if len(sys.argv) > 2:
        json.dump(plan, open(sys.argv[2], "w"), indent=1, sort_keys=True)
