"""Extraction speed and memory: the project's pipeline against geotext, 1k to 100k articles.

Each measurement runs in a fresh child process (so peak memory is its own),
over the synthetic corpus of ``bench/corpus.py`` streamed from disk:

- ``geotext``: ``GeoText(text).cities`` on each article, the reference for a
  bare gazetteer look-up;
- ``pipeline``: :func:`geo.pipeline.extract` over the corpus folders, single
  process (articles → sentences → places → incidents → merge → join), and
  again with ``workers=2`` when ``extract`` takes a ``workers`` argument;
- ``stream``: :func:`geo.pipeline.iter_incidents` (findings spilled to disk,
  incidents merged and handed out one partition at a time, as
  ``geo extract --stream`` does) over the largest corpus with ``workers=2``,
  for the memory target; every incident is consumed and dropped.

The child reports progress every few hundred articles (count, time, peak
RSS), so a run stopped at its time budget still tells the rate and how memory
grows; the stream stage (every article read and processed) and the final
merge + join are timed apart. Peak memory is ``ru_maxrss``.

Targets: at least 2,000 articles/s on one core for ~3 KB articles (within
10x of geotext), peak memory under 500 MB for 100k articles.
"""

from __future__ import annotations

import inspect
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import children_peak_rss_mb, emit, finish, peak_rss_mb, run_child, script_args, workdir  # noqa: E402
from corpus import corpus_inputs, write_corpus  # noqa: E402

TARGET_RATE = 2000
TARGET_RSS_MB = 500
REPORT_EVERY = 250
#: Seconds each pipeline child may run (by corpus size; "workers": the workers=2
#: run): a run cut short still reports its rate and memory so far.
QUICK_BUDGETS = {1000: 45, 10_000: 20, "workers": 20, "stream": 60}
FULL_BUDGETS = {1000: 120, 10_000: 150, 100_000: 300, "workers": 100, "stream": 1500}


# -- children --------------------------------------------------------------------


def _child_geotext(inputs: list[str]) -> None:
    from geotext import GeoText

    from geo.articles import expand_inputs

    emit("start", rss_mb=round(peak_rss_mb(), 1))
    t0 = time.perf_counter()
    GeoText("warm up in Mexico City")
    n = cities = 0
    for path in expand_inputs(inputs):
        text = Path(path).read_text(encoding="utf-8")
        cities += len(GeoText(text).cities)
        n += 1
        if n % (REPORT_EVERY * 4) == 0:
            emit(
                "progress",
                n=n,
                t=round(time.perf_counter() - t0, 3),
                rss_mb=round(peak_rss_mb(), 1),
            )
    t = time.perf_counter() - t0
    emit("streamed", n=n, t=round(t, 3), rss_mb=round(peak_rss_mb(), 1))
    emit("done", n=n, t=round(t, 3), rss_mb=round(peak_rss_mb(), 1), cities=cities)


def _child_pipeline(inputs: list[str], workers: int, stream: bool = False) -> None:
    import geo.pipeline as pipeline
    from geo.articles import expand_inputs

    total = len(expand_inputs(inputs))
    emit("start", rss_mb=round(peak_rss_mb(), 1), total=total)
    count = 0
    t0 = time.perf_counter()

    def progress(info):
        nonlocal count
        count += 1
        if count == 1 or count % REPORT_EVERY == 0 or count == total:
            emit(
                "progress",
                n=count,
                t=round(time.perf_counter() - t0, 3),
                rss_mb=round(peak_rss_mb(), 1),
            )
        if count == total:
            emit(
                "streamed",
                n=count,
                t=round(time.perf_counter() - t0, 3),
                rss_mb=round(peak_rss_mb(), 1),
            )

    kwargs = {"progress": progress}
    if workers > 1:
        kwargs["workers"] = workers
    if stream:
        result = pipeline.ExtractResult(incidents=[])
        incidents = sum(1 for _ in pipeline.iter_incidents(inputs, result=result, **kwargs))
    else:
        result = pipeline.extract(inputs, **kwargs)
        incidents = len(result.incidents)
    emit(
        "done",
        n=len(result.articles),
        t=round(time.perf_counter() - t0, 3),
        rss_mb=round(peak_rss_mb(), 1),
        workers_rss_mb=round(children_peak_rss_mb(), 1),
        incidents=incidents,
        mentions=result.mentions_found,
    )


# -- parent ---------------------------------------------------------------------------


def extract_accepts_workers() -> bool:
    """Whether :func:`geo.pipeline.extract` has a ``workers`` parameter."""
    from geo.pipeline import extract

    return "workers" in inspect.signature(extract).parameters


def measure(kind: str, inputs: list[Path], n: int, budget_s: float, workers: int = 1) -> dict:
    """Run one child and summarise its events (rates, memory, partial or not)."""
    args = [
        str(Path(__file__)),
        "--child",
        kind,
        "--workers",
        str(workers),
        "--inputs",
        *map(str, inputs),
    ]
    child = run_child(args, timeout=budget_s)
    ev = child["events"]
    by = {e["event"]: e for e in ev}
    progress = [e for e in ev if e["event"] in ("progress", "streamed", "done")]
    last = progress[-1] if progress else {}
    out = {
        "kind": kind,
        "articles": n,
        "workers": workers,
        "budget_s": budget_s,
        "timed_out": child["timed_out"],
        "returncode": child["returncode"],
        "wall_s": child["wall_s"],
        "start_rss_mb": by.get("start", {}).get("rss_mb"),
    }
    if child["returncode"] not in (0, None) and not child["timed_out"]:
        out["error"] = child["stderr"][-800:]
    first = next((e for e in ev if e["event"] == "progress" and e["n"] == 1), None)
    if first:
        out["first_article_s"] = first["t"]  # includes building the matcher
    if "streamed" in by:
        s = by["streamed"]
        out["stream_s"] = s["t"]
        out["stream_rate"] = round(s["n"] / s["t"], 1) if s["t"] else None
        if first and s["n"] > 1:
            out["steady_rate"] = round((s["n"] - 1) / max(s["t"] - first["t"], 1e-9), 1)
    elif progress:
        done_n, t = last.get("n", 0), last.get("t", 0)
        out["processed"] = done_n
        out["stream_rate"] = round(done_n / t, 1) if t else None
        if first and done_n > 1:
            out["steady_rate"] = round((done_n - 1) / max(t - first["t"], 1e-9), 1)
    if "done" in by:
        d = by["done"]
        out.update(
            total_s=d["t"],
            peak_rss_mb=d["rss_mb"],
            processed=d["n"],
            incidents=d.get("incidents"),
            cities=d.get("cities"),
            workers_rss_mb=d.get("workers_rss_mb"),
        )
        if "stream_s" in out:
            out["merge_join_s"] = round(d["t"] - out["stream_s"], 3)
        out["rate_total"] = round(d["n"] / d["t"], 1) if d["t"] else None
    else:
        out["peak_rss_mb"] = last.get("rss_mb")
        if "stream_s" in out:
            out["merge_join_s_at_least"] = round(child["wall_s"] - out["stream_s"], 1)
    # Rate and memory along the corpus, per 1,000 articles (the stream slows
    # down when per-article work grows with what was read before).
    marks = [e for e in ev if e["event"] == "progress" and (e["n"] % 1000 == 0 or e["n"] == 1)]
    out["curve"] = [
        {
            "articles": b["n"],
            "rate": round((b["n"] - a["n"]) / (b["t"] - a["t"]), 1) if b["t"] > a["t"] else None,
            "rss_mb": b["rss_mb"],
        }
        for a, b in zip(marks, marks[1:])
    ]
    # Memory growth per 1,000 articles over the run (after the first article).
    pts = [(e["n"], e["rss_mb"]) for e in ev if e["event"] == "progress" and e["n"] > 1]
    if len(pts) >= 2 and pts[-1][0] > pts[0][0]:
        out["rss_mb_per_1k_articles"] = round(
            (pts[-1][1] - pts[0][1]) / (pts[-1][0] - pts[0][0]) * 1000, 2
        )
    return out


def run(quick: bool = False, work: Path | None = None, budget_scale: float = 1.0) -> dict:
    work = work or workdir()
    sizes = [1000, 10_000] if quick else [1000, 10_000, 100_000]
    budgets = {k: v * budget_scale for k, v in (QUICK_BUDGETS if quick else FULL_BUDGETS).items()}
    t = time.perf_counter()
    corpus = write_corpus(work / "corpus", max(sizes))
    out: dict = {
        "corpus": str(corpus),
        "corpus_write_s": round(time.perf_counter() - t, 1),
        "targets": {"rate": TARGET_RATE, "rss_mb": TARGET_RSS_MB, "geotext_ratio": 10},
    }
    sample = corpus_inputs(corpus, 1000)
    sizes_kb = [p.stat().st_size for p in sample[0].iterdir()]
    out["mean_article_bytes"] = round(sum(sizes_kb) / len(sizes_kb))
    runs = []
    for n in sizes:
        inputs = corpus_inputs(corpus, n)
        runs.append(measure("geotext", inputs, n, budget_s=max(60, n / 1000 * 2)))
        runs.append(measure("pipeline", inputs, n, budget_s=budgets[n]))
    out["workers_supported"] = extract_accepts_workers()
    if out["workers_supported"]:
        n = 1000 if quick else 10_000
        runs.append(
            measure("pipeline", corpus_inputs(corpus, n), n, budget_s=budgets["workers"], workers=2)
        )
    n = max(sizes)
    runs.append(
        measure("stream", corpus_inputs(corpus, n), n, budget_s=budgets["stream"], workers=2)
    )
    out["runs"] = runs
    return out


def main(argv=None) -> int:
    parser = script_args(__doc__.split("\n")[0])
    parser.add_argument(
        "--child", choices=["geotext", "pipeline", "stream"], help=argparse_hidden()
    )
    parser.add_argument("--workers", type=int, default=1, help=argparse_hidden())
    parser.add_argument("--inputs", nargs="*", help=argparse_hidden())
    parser.add_argument(
        "--budget-scale",
        type=float,
        default=1.0,
        help="multiply every run's time budget (e.g. 10 to let 100k finish)",
    )
    args = parser.parse_args(argv)
    if args.child == "geotext":
        _child_geotext(args.inputs)
        return 0
    if args.child in ("pipeline", "stream"):
        _child_pipeline(args.inputs, args.workers, stream=args.child == "stream")
        return 0
    work = workdir(args.workdir)
    return finish(run(args.quick, work, args.budget_scale), args.json_out)


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS


if __name__ == "__main__":
    sys.exit(main())
