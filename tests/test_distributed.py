"""The Dask engine on a local cluster gives the same records as the default engine."""

import pytest

pytest.importorskip("dask_geopandas")
distributed = pytest.importorskip("distributed")

from geo.pipeline import extract  # noqa: E402


@pytest.mark.dask
def test_dask_engine_on_a_local_cluster_matches_the_default(tmp_path):
    # A small corpus: the seeds plus a few articles of other kinds and states.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for p in sorted(__import__("pathlib").Path("seeds").glob("*.txt")):
        (corpus / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "x1.txt").write_text(
        " date 2026-04-07 Gunmen torched buses and blocked highways in Celaya, Guanajuato, "
        "on Sunday. Classes were suspended across Guanajuato.",
        encoding="utf-8",
    )
    (corpus / "x2.txt").write_text(
        " date 2026-04-08 Se suspendieron los vuelos en el aeropuerto de Culiacán y "
        "murieron tres policías en un enfrentamiento en Navolato, Sinaloa.",
        encoding="utf-8",
    )
    local = extract([corpus])
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),
    ):
        remote = extract([corpus], engine="dask")
    assert [i.to_dict() for i in remote.incidents] == [i.to_dict() for i in local.incidents]
    assert len(remote.articles) == 4
    assert {i.event_type for i in remote.incidents} >= {"raid", "arson", "flight_suspension"}


def test_workers_give_the_same_records():
    one = extract(["seeds"])
    two = extract(["seeds"], workers=2)
    assert [i.to_dict() for i in one.incidents] == [i.to_dict() for i in two.incidents]
