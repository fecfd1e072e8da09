"""Helpers shared by the benchmark scripts: machine facts, timing, child processes.

The scripts in ``bench/`` are measurements, not tests. Each one can run alone
(``python bench/bench_join.py --quick``) and prints its results as JSON;
``python bench/run_all.py`` runs them all and writes ``bench/RESULTS.md``.
Work files (corpora, maps) go to ``$GEO_BENCH_DIR`` or ``/tmp/geo-bench``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


def workdir(path: str | None = None) -> Path:
    """The folder for generated corpora and outputs (created)."""
    out = Path(path or os.environ.get("GEO_BENCH_DIR", "/tmp/geo-bench"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux ru_maxrss is KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def children_peak_rss_mb() -> float:
    """Largest peak resident memory of any finished child process, in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def machine_info() -> dict:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        nproc = str(os.cpu_count())
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for name in (
        "numpy",
        "pandas",
        "shapely",
        "geopandas",
        "pyproj",
        "folium",
        "geotext",
        "playwright",
        "rapidfuzz",
        "pyahocorasick",
    ):
        try:
            from importlib.metadata import version

            versions[name] = version(name)
        except Exception:  # noqa: BLE001 - a missing package is just not listed
            continue
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "geo"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": nproc,
        "cpu": cpu,
        "memory_gib": mem,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "commit": commit + (" (geo/ has uncommitted changes)" if dirty else ""),
        "versions": versions,
    }


def timed(fn, *args, **kwargs):
    """Run ``fn`` once; return ``(seconds, result)``."""
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    return time.perf_counter() - t, out


def median(values):
    """Median of a non-empty list of numbers."""
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def emit(event: str, **fields) -> None:
    """Write one JSON line to stdout for a parent :func:`run_child` to read."""
    sys.stdout.write(json.dumps({"event": event, **fields}) + "\n")
    sys.stdout.flush()


def run_child(args: list[str], timeout: float, env: dict | None = None) -> dict:
    """Run a Python child that reports with :func:`emit`, killing it after ``timeout`` s.

    Returns ``{"events": [...], "timed_out": bool, "returncode": int, "wall_s": float,
    "stderr": str}``; events are the child's JSON lines, each with the parent's
    wall time ``t_parent`` added. Both pipes are read by threads, so no line
    is lost when the child is killed.
    """
    import queue
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
    )
    lines: queue.Queue = queue.Queue()

    def pump(stream, kind):
        for line in stream:
            lines.put((kind, line, time.perf_counter() - start))
        lines.put((kind, None, None))

    threads = [
        threading.Thread(target=pump, args=(proc.stdout, "out"), daemon=True),
        threading.Thread(target=pump, args=(proc.stderr, "err"), daemon=True),
    ]
    for t in threads:
        t.start()
    events, err, timed_out, open_streams = [], [], False, 2
    while open_streams:
        left = timeout - (time.perf_counter() - start)
        if left <= 0 and not timed_out:
            timed_out = True
            proc.kill()
        try:
            kind, line, at = lines.get(timeout=max(min(left, 1.0), 0.05) if not timed_out else 5.0)
        except queue.Empty:
            continue
        if line is None:
            open_streams -= 1
        elif kind == "out":
            try:
                event = json.loads(line)
            except ValueError:
                continue
            event["t_parent"] = round(at, 3)
            events.append(event)
        else:
            err.append(line)
    proc.wait()
    return {
        "events": events,
        "timed_out": timed_out,
        "returncode": proc.returncode,
        "wall_s": round(time.perf_counter() - start, 3),
        "stderr": "".join(err)[-3000:],
    }


def script_args(description: str) -> argparse.ArgumentParser:
    """The options every bench script takes."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="small sizes only (~2 min in all)")
    parser.add_argument("--workdir", default=None, help="where corpora and outputs go")
    parser.add_argument(
        "--json", dest="json_out", default=None, help="write the results to this file as JSON"
    )
    return parser


def finish(results: dict, json_out: str | None) -> int:
    """Print the results and optionally save them as JSON."""
    text = json.dumps(results, indent=1, sort_keys=True, default=str)
    if json_out:
        Path(json_out).write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0
