"""Where extraction spends its time: profiles over 2,000 synthetic articles.

Two profiles of the same articles (``bench/corpus.py``, seed 2026):

1. **Whole extraction** — :func:`geo.pipeline.extract` sampled every 2 ms of
   CPU time (``SIGPROF``; no per-call hook, so call-heavy code is not slowed
   as under cProfile or pyinstrument, which doubles this workload): the
   share of each stage (reading, sentences, places, incidents, merge, join);
2. **Per-article path** — the work ``extract`` does for each article
   (``geo.outcomes.article_outcome``: sentences, places, incidents), under cProfile
   for exact call counts and self times, without the final merge.

Both give the top functions by cumulative and by self time. Then the final
merge alone (:class:`geo.merge.Merger`) on the findings of the first 250,
500 and 1,000 articles, to show how its time grows with the incidents.
"""

from __future__ import annotations

import cProfile
import pstats
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import finish, script_args, workdir  # noqa: E402
from corpus import PER_FOLDER, corpus_inputs, write_corpus  # noqa: E402

#: Stage of the pipeline a function belongs to, by (file suffix, function).
STAGES = [
    ("read articles", "geo/articles.py", None),
    ("split sentences", "geo/sentences.py", None),
    ("find places", "geo/places.py", None),
    ("geocoder (fuzzy candidates)", "geo/geocoder.py", None),
    ("find incidents", "geo/incidents.py", None),
    ("find incidents", "geo/locators.py", None),
    ("dates", "geo/when.py", None),
    ("merge: Merger.add", "geo/merge.py", "add"),
    ("merge: Merger.incidents", "geo/merge.py", "incidents"),
    ("join: join_incidents", "geo/pipeline.py", "join_incidents"),
]


def _articles(n: int, work: Path) -> list[Path]:
    corpus = write_corpus(work / "corpus", max(n, PER_FOLDER))
    inputs = corpus_inputs(corpus, max(n, PER_FOLDER))
    files = sorted(p for d in inputs for p in d.iterdir() if p.suffix == ".txt")
    return files[:n]


class StackSampler:
    """Sample the main thread's Python stack every ``interval`` s of process CPU time."""

    def __init__(self, interval: float = 0.002):
        self.interval = interval
        self.stacks: dict[tuple, int] = {}

    def _sample(self, signum, frame):
        stack = []
        while frame is not None:
            code = frame.f_code
            stack.append((code.co_name, code.co_filename, code.co_firstlineno))
            frame = frame.f_back
        key = tuple(stack)
        self.stacks[key] = self.stacks.get(key, 0) + 1

    def __enter__(self):
        self._old = signal.signal(signal.SIGPROF, self._sample)
        signal.setitimer(signal.ITIMER_PROF, self.interval, self.interval)
        return self

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_PROF, 0, 0)
        signal.signal(signal.SIGPROF, self._old)


def _stage_of(function: str, path: str):
    path = path.replace("\\", "/")
    for name, suffix, wanted in STAGES:
        if path.endswith(suffix) and (wanted is None or function == wanted):
            return name
    return None


def _short(path: str) -> str:
    parts = Path(path).parts
    return "/".join(parts[-2:]) if len(parts) > 1 else path


def _top(table: dict, total: float, k: int = 15) -> list[dict]:
    rows = sorted(table.items(), key=lambda kv: -kv[1])[:k]
    return [
        {"function": f"{fn} ({_short(path)}:{line})", "share": round(t / total, 3)}
        for (fn, path, line), t in rows
    ]


def profile_extract(files: list[Path]) -> dict:
    import geo.pipeline as pipeline
    from geo.outcomes import extractor_for

    extractor_for(("en",))  # build the matcher outside the profile
    sampler = StackSampler()
    t = time.perf_counter()
    with sampler:
        result = pipeline.extract([str(f) for f in files])
    wall = time.perf_counter() - t
    total = sum(sampler.stacks.values())
    cumulative, self_time, stages = {}, {}, {}
    for stack, count in sampler.stacks.items():
        self_time[stack[0]] = self_time.get(stack[0], 0) + count
        for key in set(stack):
            cumulative[key] = cumulative.get(key, 0) + count
        # The outermost stage on the stack: precision_of called by the merge is merge.
        stage = next(
            (st for fn, path, _ in reversed(stack) if (st := _stage_of(fn, path)) is not None),
            "other",
        )
        stages[stage] = stages.get(stage, 0) + count
    drop = {k for k in cumulative if k[1].endswith("bench_profile.py") or k[0] == "<module>"}
    for k in drop:
        cumulative.pop(k, None)
    return {
        "articles": len(files),
        "wall_s": round(wall, 2),
        "samples": total,
        "interval_s": sampler.interval,
        "incidents": len(result.incidents),
        "stages": {
            k: {"share": round(v / total, 3), "seconds": round(v / total * wall, 2)}
            for k, v in sorted(stages.items(), key=lambda kv: -kv[1])
        },
        "top_cumulative": _top(cumulative, total),
        "top_self": _top(self_time, total),
    }


def profile_per_article(files: list[Path], keep: list | None = None) -> dict:
    from geo.articles import ReadReport, read_articles
    from geo.outcomes import article_outcome, extractor_for

    extractor_for(("en",))
    prof = cProfile.Profile()
    t = time.perf_counter()
    prof.enable()
    n = 0
    for article in read_articles([str(f) for f in files], ReadReport()):
        outcome = article_outcome(article)
        if keep is not None:
            keep.append(outcome.findings)
        n += 1
    prof.disable()
    wall = time.perf_counter() - t
    st = pstats.Stats(prof)
    total = st.total_tt

    def rows(index: int) -> list[dict]:
        items = sorted(st.stats.items(), key=lambda kv: -kv[1][index])
        out = []
        for (path, line, fn), (cc, nc, tt, ct, _) in items:
            if fn.startswith("<") and fn not in ("<listcomp>", "<genexpr>", "<lambda>"):
                continue
            short = "/".join(Path(path).parts[-2:]) if path != "~" else "builtin"
            value = (tt, ct)[index - 2]
            out.append(
                {
                    "function": f"{fn} ({short}:{line})",
                    "calls": nc,
                    "seconds": round(value, 3),
                    "share": round(value / total, 3),
                    "per_article_ms": round(value / n * 1000, 3),
                }
            )
            if len(out) == 15:
                break
        return out

    return {
        "articles": n,
        "wall_s_under_cprofile": round(wall, 2),
        "profiled_s": round(total, 2),
        "ms_per_article_under_cprofile": round(total / n * 1000, 2),
        "top_self": rows(2),
        "top_cumulative": rows(3),
    }


def merge_scaling(findings: list, sizes: list[int]) -> dict:
    """Time ``Merger.add`` and ``Merger.incidents`` on the findings of the first n articles."""
    import math

    from geo.merge import Merger

    rows = []
    for n in sizes:
        merger = Merger()
        t = time.perf_counter()
        for f in findings[:n]:
            merger.add(f)
        added = time.perf_counter() - t
        t = time.perf_counter()
        incidents = merger.incidents()
        rows.append(
            {
                "articles": n,
                "findings": sum(len(f) for f in findings[:n]),
                "incidents": len(incidents),
                "add_s": round(added, 3),
                "incidents_s": round(time.perf_counter() - t, 3),
            }
        )
    for a, b in zip(rows, rows[1:]):
        if a["incidents_s"] > 0 and b["incidents_s"] > 0:
            b["growth_exponent"] = round(
                math.log(b["incidents_s"] / a["incidents_s"])
                / math.log(b["incidents"] / a["incidents"]),
                2,
            )
    return {"runs": rows}


def run(quick: bool = False, work: Path | None = None) -> dict:
    work = work or workdir()
    n = 500 if quick else 2000
    files = _articles(n, work)
    findings: list = []
    per_article = profile_per_article(files, keep=findings)
    sizes = [125, 250, 500] if quick else [250, 500, 1000]
    return {
        "per_article": per_article,
        "merge_scaling": merge_scaling(findings, sizes),
        "extract": profile_extract(files),
    }


def main(argv=None) -> int:
    parser = script_args(__doc__.split("\n")[0])
    args = parser.parse_args(argv)
    return finish(run(args.quick, workdir(args.workdir)), args.json_out)


if __name__ == "__main__":
    sys.exit(main())
