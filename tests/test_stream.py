"""The out-of-core path: findings spilled to disk, incidents handed out partition by partition."""

from pathlib import Path

from click.testing import CliRunner

from geo.cli import cli
from geo.merge import Merger, SpillingMerger
from geo.pipeline import ExtractResult, extract, iter_incidents, process_article

ARTICLES = Path(__file__).parent / "articles"


def test_iter_incidents_gives_extracts_records_in_its_order(tmp_path):
    inputs = [ARTICLES, "seeds"]
    whole = extract(inputs)
    result = ExtractResult(incidents=[])
    streamed = list(iter_incidents(inputs, result=result, spill_dir=tmp_path))
    assert len(streamed) > 300
    assert [i.to_dict() for i in streamed] == [i.to_dict() for i in whole.incidents]
    assert len(result.articles) == len(whole.articles)
    assert result.mentions_found == whole.mentions_found
    assert list(tmp_path.iterdir()) == []  # the partition files are gone


def test_spilling_merger_keeps_state_level_reports_with_their_towns(tmp_path):
    # A state-level blockade in one article and a town's in another merge in
    # both mergers: the rule works inside a (type, state) partition.
    from geo.articles import parse_article

    a = parse_article(
        " date 2026-03-02\nGunmen blocked highways across Guanajuato on Sunday.", "a.txt"
    )
    b = parse_article(
        " date 2026-03-02\nGunmen blocked a highway in Celaya, Guanajuato, on Sunday.", "b.txt"
    )
    plain, spilled = Merger(), SpillingMerger(tmp_path)
    for art in (a, b):
        findings, _ = process_article(art)
        plain.add(findings)
        spilled.add(findings)
    want = [i.to_dict() for i in plain.incidents()]
    got = [i.to_dict() for i in spilled.incidents()]
    assert got == want
    blockades = [i for i in want if i["event_type"] == "blockade"]
    assert len(blockades) == 1 and blockades[0]["sources"] == ["a.txt", "b.txt"]


def test_cli_stream_writes_the_same_json_and_csv(tmp_path):
    runner = CliRunner()
    for fmt in ("json", "csv"):
        plain = runner.invoke(cli, ["extract", "seeds", str(ARTICLES / "mixed"), "--format", fmt])
        out = tmp_path / f"x.{fmt}"
        streamed = runner.invoke(
            cli,
            [
                "extract",
                "seeds",
                str(ARTICLES / "mixed"),
                "--format",
                fmt,
                "--stream",
                "-o",
                str(out),
            ],
        )
        assert streamed.exit_code == 0, streamed.output
        assert out.read_text(encoding="utf-8") == plain.output


def test_cli_stream_refuses_the_table_and_leaves_no_file_on_bad_input(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["extract", "seeds", "--stream"])
    assert res.exit_code == 2 and "--stream writes json, csv or acled" in res.output
    out = tmp_path / "x.csv"
    res = runner.invoke(
        cli, ["extract", str(tmp_path / "missing"), "--stream", "--format", "csv", "-o", str(out)]
    )
    assert res.exit_code == 1 and not out.exists()
