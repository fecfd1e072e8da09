"""Extraction speed on the real-news corpus: the articles the accuracy is measured on.

The synthetic corpus of ``bench_extract.py`` measures scale; this measures
the per-article cost on real published text (``tests/real/`` development
batches and ``tests/articles/``, ~2 KB each), warm (reference data, rule
packs and lazily loaded tables loaded by a first pass), best of three passes
of :func:`geo.pipeline.extract` in one process. To compare two versions, run
it against each checkout in turn on a quiet machine::

    python bench/bench_real.py                      # this checkout
    PYTHONPATH=OTHER GEO_DATA_DIR=OTHER/data python bench/bench_real.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish, machine_info, script_args  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [
    "tests/real/b1",
    "tests/real/b2",
    "tests/real/b3",
    "tests/articles/en",
    "tests/articles/es",
]


def main() -> int:
    args = script_args(__doc__.splitlines()[0]).parse_args()
    from geo.pipeline import extract

    files = sorted(str(p) for f in FOLDERS for p in (ROOT / f).glob("*.txt"))
    if args.quick:
        files = files[:60]
    extract(files)  # warm: every table a run loads once
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        result = extract(files)
        times.append(time.perf_counter() - t0)
    best = min(times)
    return finish(
        {
            "machine": machine_info(),
            "articles": len(files),
            "incidents": len(result.incidents),
            "best_s": round(best, 3),
            "articles_per_s": round(len(files) / best, 1),
        },
        args.json_out,
    )


if __name__ == "__main__":
    sys.exit(main())
