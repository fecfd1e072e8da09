"""Run the pipeline with Dask, for corpora that outgrow one machine.

Extraction is embarrassingly parallel: every article is processed on its
own, so the file list is split into Dask bag partitions and each task runs
:func:`geo.outcomes.outcomes_of_path`. Only the small per-article outcomes
travel back; the merge runs on the client. The state join goes through
dask-geopandas, partition by partition, with the same
:func:`geo.join.join_states` as the local engine, so both engines give the
same records.

The work runs on the current ``distributed`` client when there is one (a
``LocalCluster`` or a real cluster), otherwise on Dask's local process
scheduler.
"""

from __future__ import annotations

from .articles import ReadReport, expand_inputs
from .errors import GeoError
from .outcomes import ArticleOutcome, outcomes_of_path

__all__ = ["dask_outcomes", "dask_join_states", "ARTICLES_PER_PARTITION"]

#: Articles per Dask partition: large enough to amortise task overhead.
ARTICLES_PER_PARTITION = 500


def _require():
    try:
        import dask.bag  # noqa: F401
        import dask_geopandas  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise GeoError(f"the dask engine needs {exc.name}: pip install -e '.[dask]'") from None


def _scheduler() -> dict:
    try:
        from distributed import default_client

        default_client()
        return {}
    except (ImportError, ValueError):
        return {"scheduler": "processes"}


def dask_outcomes(inputs, *, lang: str | None = None, columns=None):
    """Process every article file over Dask partitions; yield the outcomes in order.

    What the file listing passes over (a URL, a file of another kind) comes
    first, as an outcome with no article and the reasons in ``errors``.
    """
    _require()
    import dask.bag as db

    report = ReadReport()
    items = expand_inputs(inputs, report)
    if "-" in items:
        raise GeoError("the dask engine reads files, not standard input")
    if report.errors:
        yield ArticleOutcome(None, errors=report.errors)
    paths = [str(p) for p in items]
    if not paths:
        return
    npart = max(1, -(-len(paths) // ARTICLES_PER_PARTITION))
    bag = db.from_sequence(paths, npartitions=npart)
    yield from (
        bag.map(outcomes_of_path, lang=lang, columns=columns).flatten().compute(**_scheduler())
    )


def dask_join_states(points, npartitions: int | None = None):
    """:func:`geo.join.join_states` over a dask-geopandas frame, computed."""
    _require()
    import dask
    import dask_geopandas

    from .join import join_states

    n = npartitions or max(1, min(8, len(points) // 50_000 + 1))
    # Keep object columns as they are, as the local engine does (no pyarrow strings).
    with dask.config.set({"dataframe.convert-string": False}):
        frame = dask_geopandas.from_geopandas(points, npartitions=n)
        meta = join_states(points.iloc[:0])
        return frame.map_partitions(join_states, meta=meta).compute(**_scheduler())
