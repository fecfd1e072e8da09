"""The library API: run the whole pipeline on articles.

``articles → sentences → places → incidents → merge → join`` is :func:`extract`;
:func:`make_map` also writes the map and GeoJSON layers. The CLI commands
``geo extract`` and ``geo map`` are thin wrappers over these.

Articles are streamed: each is read, processed and dropped, and only the
merged incidents grow, so memory stays flat as a corpus grows. With
``workers > 1`` the per-article work runs in a process pool; with
``engine="dask"`` it runs over Dask partitions (see :mod:`geo.distributed`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .articles import ReadReport, expand_inputs, read_articles
from .collector import frozen_as_it_grows
from .errors import ArticleError, GeoError, OutputError
from .merge import Merger, SpillingMerger
from .outcomes import (
    ArticleInfo,
    ArticleOutcome,
    article_outcome,
    outcomes_of_path,
    process_article,
)
from .records import TOWN_PRECISIONS, Incident

__all__ = [
    "ArticleInfo",
    "ArticleOutcome",
    "ExtractResult",
    "extract",
    "iter_incidents",
    "process_article",
    "join_incidents",
    "make_map",
]


@dataclass
class ExtractResult:
    """Incidents plus what a summary needs: articles read, problems, mentions."""

    incidents: list[Incident]
    articles: list[ArticleInfo] = field(default_factory=list)
    report: ReadReport = field(default_factory=ReadReport)
    mentions_found: int = 0
    mentions_resolved: int = 0
    unresolved: Counter = field(default_factory=Counter)
    unresolved_examples: dict[str, list[str]] = field(default_factory=dict)

    def add_outcome(self, outcome: ArticleOutcome) -> None:
        """Fold one article's counts and problems into the result."""
        self.report.errors += outcome.errors
        self.report.warnings += outcome.warnings
        if outcome.info is None:
            return
        self.articles.append(outcome.info)
        self.mentions_found += outcome.found
        self.mentions_resolved += outcome.resolved
        for reason, text in outcome.unresolved:
            self.unresolved[reason] += 1
            examples = self.unresolved_examples.setdefault(reason, [])
            if len(examples) < 5 and text not in examples:
                examples.append(text)


def _run_task(task, lang, columns) -> list[ArticleOutcome]:
    kind, item = task
    if kind == "path":
        return outcomes_of_path(item, lang, columns)
    return [article_outcome(item)]


def _tasks(items, report, lang, columns):
    """A path for each file a worker reads whole; the articles of an export one by one.

    An export's records are read here, in order, and shared out, so a
    single large export is processed by every worker.
    """
    from .readers import SUFFIXES

    for item in items:
        if item == "-" or SUFFIXES.get(Path(item).suffix.lower()) in ("jsonl", "csv"):
            for article in read_articles([item], report, lang=lang, columns=columns):
                yield ("article", article)
        else:
            yield ("path", str(item))


def _outcomes(inputs, lang, workers, report, columns=None):
    if workers <= 1:
        for article in read_articles(inputs, report, lang=lang, columns=columns):
            yield article_outcome(article)
        return
    import multiprocessing as mp
    from functools import partial

    items = expand_inputs(inputs, report)
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    with ctx.Pool(workers) as pool:
        run = partial(_run_task, lang=lang, columns=columns)
        for outcomes in pool.imap(run, _tasks(items, report, lang, columns), chunksize=16):
            yield from outcomes


def extract(
    inputs,
    *,
    lang: str | None = None,
    workers: int = 1,
    engine: str = "local",
    progress=None,
    join: bool = True,
    columns=None,
) -> ExtractResult:
    """Read articles and return the merged incidents.

    Parameters
    ----------
    inputs : iterable of str or Path
        Article files, folders, or ``"-"`` for standard input.
    lang : {"en", "es"}, optional
        Force the articles' language instead of detecting it.
    workers : int, default 1
        Processes to use (``engine="local"``); each article is independent.
    engine : {"local", "dask"}, default "local"
        ``dask`` runs extraction over Dask partitions and the state join with
        dask-geopandas, on the current ``distributed`` client if there is one.
    progress : callable, optional
        Called with each :class:`ArticleInfo` once it is processed.
    join : bool, default True
        Check each incident's state against the polygons (:func:`join_incidents`).
    columns : geo.readers.Columns, optional
        Field names of JSON Lines and CSV exports beyond the usual ones.

    Returns
    -------
    ExtractResult

    Raises
    ------
    geo.errors.ArticleError
        If no article at all could be read (each unreadable file is otherwise
        reported in ``result.report.errors`` and skipped).
    """
    if engine not in ("local", "dask"):
        raise GeoError(f"unknown engine {engine!r}: choose 'local' or 'dask'")
    merger = Merger()
    result = ExtractResult(incidents=[])
    with frozen_as_it_grows() as grew:
        _read_into(merger, result, inputs, lang, workers, engine, progress, columns, grew)
        result.incidents = merger.incidents()
    if join and result.incidents:
        result.incidents = join_incidents(result.incidents, engine=engine)
    return result


def iter_incidents(
    inputs,
    *,
    lang: str | None = None,
    workers: int = 1,
    progress=None,
    join: bool = True,
    result: ExtractResult | None = None,
    spill_dir=None,
    columns=None,
) -> Iterator[Incident]:
    """Like :func:`extract`, but for corpora whose incidents do not fit in memory.

    Every article is read first (nothing is yielded before the last one),
    with the findings kept on disk by a :class:`~geo.merge.SpillingMerger`;
    then the incidents are merged and yielded one partition (incident type
    and state) at a time, so memory holds one partition, not the corpus. The
    records are those :func:`extract` returns, in the same order except that
    an incident whose state the polygon join corrects keeps its GeoNames
    state's place in the order.

    Parameters
    ----------
    inputs, lang, workers, progress, join, columns
        As for :func:`extract` (the local engine only).
    result : ExtractResult, optional
        Filled with the articles read, their problems and the mention counts
        (its ``incidents`` stay empty), for a summary.
    spill_dir : str or Path, optional
        Where the partition files go (default: a temporary folder, removed at
        the end).

    Yields
    ------
    Incident

    Raises
    ------
    geo.errors.ArticleError
        If no article at all could be read, before anything is yielded.
    """
    import tempfile

    result = result if result is not None else ExtractResult(incidents=[])
    with tempfile.TemporaryDirectory(prefix="geo-merge-", dir=spill_dir) as folder:
        merger = SpillingMerger(folder)
        with frozen_as_it_grows() as grew:
            _read_into(merger, result, inputs, lang, workers, "local", progress, columns, grew)
        for records in _chunks(merger.incidents(), 10_000):
            yield from join_incidents(records) if join else records


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _read_into(
    merger, result: ExtractResult, inputs, lang, workers, engine, progress, columns=None, grew=None
) -> None:
    """Read and process every article, adding its findings to ``merger``.

    ``grew`` is called once per outcome (see :func:`geo.collector.frozen_as_it_grows`).
    """
    if engine == "dask":
        from .distributed import dask_outcomes

        outcomes = dask_outcomes(inputs, lang=lang, columns=columns)
    else:
        outcomes = _outcomes(inputs, lang, workers, result.report, columns)
    for outcome in outcomes:
        merger.add(outcome.findings)
        result.add_outcome(outcome)
        if progress is not None and outcome.info is not None:
            progress(outcome.info)
        if grew is not None:
            grew()
    if not result.articles:
        report = result.report
        named = ", ".join(str(p) for p in inputs) if isinstance(inputs, (list, tuple)) else ""
        detail = (
            "; ".join(report.errors)
            if report.errors
            else f"no article files found in {named}"
            if named
            else "no article files found"
        )
        raise ArticleError(f"no article could be read: {detail}")


def _check_targets(out_dir: Path) -> None:
    """Fail before writing anything if any output file cannot be replaced.

    Each file is written atomically; checking them all first keeps a run
    from leaving the layers new and the map old.
    """
    import os

    from .layers import LAYERS

    targets = [out_dir / "layers" / f"{k}.geojson" for k in [*LAYERS, "states"]]
    targets.append(out_dir / "incidents.html")
    for folder in (out_dir, out_dir / "layers"):
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write in {folder}: permission denied")
    for t in targets:
        if t.is_dir():
            raise OutputError(f"cannot write {t}: a folder is in the way")


def join_incidents(incidents: list[Incident], *, engine: str = "local") -> list[Incident]:
    """Take each incident's state from the polygons (trust the polygons).

    Town and point incidents whose GeoNames admin1 code disagrees with the
    polygon under them take the polygon's state, unless their own state's
    polygon lies within :data:`geo.join.BORDER_SLACK_KM` (the polygons are
    generalised); ``located_by`` records the correction. State and country
    incidents are left as they are.
    """
    from .gazetteer import load_gazetteer

    gaz = load_gazetteer()
    # Each place is looked at once, however many incidents it holds. Gazetteer
    # places were joined to the polygons when the data was built; others (or
    # all, with the Dask engine) are joined here.
    polygon_state: dict[str, str | None] = {}
    to_join: dict[str, tuple[float, float, str | None]] = {}
    for i in incidents:
        if (
            i.precision not in TOWN_PRECISIONS
            or i.place_id in polygon_state
            or i.place_id in to_join
        ):
            continue
        idx = gaz.by_id.get(i.place_id) if engine != "dask" else None
        known = gaz.polygon_state(gaz.places[idx]) if idx is not None else None
        if known is not None:
            polygon_state[i.place_id] = known
        else:
            to_join[i.place_id] = (i.lat, i.lon, i.admin1)
    if to_join:
        polygon_state.update(_join_places(to_join, engine))
    out = []
    for inc in incidents:
        polygon_admin1 = (
            polygon_state.get(inc.place_id) if inc.precision in TOWN_PRECISIONS else None
        )
        if isinstance(polygon_admin1, str) and polygon_admin1 != inc.admin1:
            state = gaz.states[polygon_admin1]
            inc = replace(
                inc,
                admin1=polygon_admin1,
                state=state.name,
                iso_3166_2=state.iso_3166_2,
                located_by=sorted(
                    set(inc.located_by) | {f"state from polygon (GeoNames: {inc.state})"}
                ),
            )
        out.append(inc)
    return out


def _join_places(
    places: dict[str, tuple[float, float, str | None]], engine: str
) -> dict[str, str | None]:
    """Admin1 of the state polygon under each place (a geopandas spatial join)."""
    import pandas as pd

    from .join import join_states, near_own_state, points_frame

    ids = list(places)
    lat, lon, admin1 = zip(*(places[k] for k in ids))
    points = points_frame(pd.DataFrame({"lat": lat, "lon": lon, "admin1": admin1}))
    if engine == "dask":
        from .distributed import dask_join_states

        joined = dask_join_states(points)
    else:
        joined = join_states(points)
    found = joined["state_admin1"].tolist()
    # A point just across a generalised border keeps its own state.
    differ = [i for i, (a, g) in enumerate(zip(found, admin1)) if a is not None and a != g]
    if differ:
        near = near_own_state(points.iloc[differ], [admin1[i] for i in differ])
        for i, close in zip(differ, near):
            if close:
                found[i] = admin1[i]
    return dict(zip(ids, found))


def make_map(
    inputs,
    out_dir: Path,
    *,
    cdn: bool = False,
    lang: str | None = None,
    workers: int = 1,
    engine: str = "local",
    progress=None,
    gpkg: bool = False,
    columns=None,
):
    """Run the pipeline and write ``incidents.html`` and ``layers/*.geojson``.

    All the outputs of the run are written into a staging folder and then
    swapped in together (:func:`geo.layers.output_set`): an error or an
    interrupt leaves the previous set whole.

    Parameters
    ----------
    gpkg : bool, default False
        Also write ``incidents.gpkg``, the layers as one GeoPackage.
    columns : geo.readers.Columns, optional
        Field names of JSON Lines and CSV exports beyond the usual ones.

    Returns
    -------
    tuple of (ExtractResult, list of pathlib.Path)
        The extraction result and the files written.
    """
    from .layers import output_set, write_geopackage, write_layers
    from .webmap import write_map

    result = extract(
        inputs, lang=lang, workers=workers, engine=engine, progress=progress, columns=columns
    )
    out_dir = Path(out_dir)
    try:
        (out_dir / "layers").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create output folder {out_dir / 'layers'}: {exc.strerror or exc}"
        ) from None
    _check_targets(out_dir)
    title_info = {
        "dates": sorted({a.date.isoformat() for a in result.articles if a.date}),
        "sources": sorted({a.outlet or a.id for a in result.articles}),
    }
    with output_set(out_dir) as stage:
        staged = write_layers(result.incidents, stage)
        staged.append(
            write_map(result.incidents, stage / "incidents.html", title_info=title_info, cdn=cdn)
        )
        if gpkg:
            staged.append(write_geopackage(result.incidents, stage / "incidents.gpkg"))
    _mark_output(out_dir)
    return result, [out_dir / p.relative_to(stage) for p in staged]


def _mark_output(out_dir: Path) -> None:
    """Leave the hidden marker that keeps ``out_dir`` out of later runs' inputs."""
    from .articles import OUTPUT_MARKER

    try:
        (out_dir / OUTPUT_MARKER).write_text(
            "geo map writes its map and layers here; geo does not read this folder as articles.\n",
            encoding="utf-8",
        )
    except OSError:
        pass  # the outputs are written; only a later run's convenience is lost
