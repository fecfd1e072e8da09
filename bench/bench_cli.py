"""Wall time of ``geo map seeds -o <tmp>``, from process start to files written.

Like hyperfine: one warm-up run, then the median of five runs of the real
command in a fresh process each (``geo`` as installed, cwd = the checkout),
each writing to a new empty folder. Then where that time goes: ``geo --help``
(interpreter and CLI start-up), and the phases of the same job timed inside
one fresh process (imports, gazetteer, matcher, extraction, join, layers,
map).

Target: under 1.5 s.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, finish, median, run_child, script_args  # noqa: E402

TARGET_S = 1.5
RUNS = 5

_PHASES = r"""
import sys, time
sys.path.insert(0, {bench!r})
from _common import emit
t0 = time.perf_counter()
marks = []
def mark(name):
    marks.append((name, time.perf_counter()))
import click
mark("import click")
import geo.cli
mark("import geo.cli")
import geo.outcomes
import geo.pipeline
mark("import geo.pipeline")
from geo.gazetteer import load_gazetteer
load_gazetteer()
mark("load gazetteer")
geo.outcomes.extractor_for(("en",))
mark("build place matcher (Aho-Corasick, cues)")
import geo.incidents
geo.incidents.incident_vocab()
mark("incident vocabulary")
result = geo.pipeline.extract([{seeds!r}], join=False)
mark("extract (articles, places, incidents, merge)")
result.incidents = geo.pipeline.join_incidents(result.incidents)
mark("join incidents to states (imports geopandas)")
from pathlib import Path
out = Path({out!r})
(out / "layers").mkdir(parents=True, exist_ok=True)
from geo.layers import write_layers
mark("import geo.layers")
write_layers(result.incidents, out)
mark("write layers")
from geo.webmap import write_map
mark("import geo.webmap (folium)")
write_map(result.incidents, out / "incidents.html",
          title_info={{"dates": [], "sources": []}})
mark("write map")
prev = t0
for name, t in marks:
    emit("phase", name=name, s=round(t - prev, 3))
    prev = t
emit("done", total=round(prev - t0, 3))
"""


def _geo() -> list[str]:
    exe = shutil.which("geo")
    return [exe] if exe else [sys.executable, "-m", "geo"]


def _run(args: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    return time.perf_counter() - t, proc


def run(quick: bool = False) -> dict:
    seeds = ROOT / "seeds"
    out: dict = {
        "target_s": TARGET_S,
        "command": " ".join(_geo() + ["map", "seeds", "-o", "<tmp>"]),
        "seed_articles": len(list(seeds.glob("*.txt"))),
    }
    times, written = [], []
    with tempfile.TemporaryDirectory(prefix="geo-bench-cli-") as tmp:
        for i in range(RUNS + 1):
            target = Path(tmp) / f"run{i}"
            seconds, proc = _run(_geo() + ["map", "seeds", "-o", str(target)])
            if proc.returncode != 0:
                out["error"] = (proc.stderr or proc.stdout)[-800:]
                return out
            files = sorted(
                p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()
            )
            if i:  # the first run warms the file cache
                times.append(seconds)
                written.append(len(files))
        out["runs_s"] = [round(t, 3) for t in times]
        out["median_s"] = round(median(times), 3)
        out["files_written"] = written[-1]
        out["target_met"] = out["median_s"] < TARGET_S
        helps = [_run(_geo() + ["--help"])[0] for _ in range(3)]
        out["geo_help_s"] = round(median(helps), 3)
        imports = [_run([sys.executable, "-c", "import geopandas, folium"])[0] for _ in range(3)]
        out["import_geopandas_folium_s"] = round(median(imports), 3)
        code = _PHASES.format(
            bench=str(Path(__file__).resolve().parent),
            seeds=str(seeds),
            out=str(Path(tmp) / "phases"),
        )
        child = run_child(["-c", code], timeout=120)
        out["phases"] = [
            {"phase": e["name"], "s": e["s"]} for e in child["events"] if e["event"] == "phase"
        ]
        out["phases_total_s"] = next(
            (e["total"] for e in child["events"] if e["event"] == "done"), None
        )
    return out


def main(argv=None) -> int:
    parser = script_args(__doc__.split("\n")[0])
    args = parser.parse_args(argv)
    return finish(run(args.quick), args.json_out)


if __name__ == "__main__":
    sys.exit(main())
