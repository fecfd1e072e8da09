"""The library API: run the whole pipeline on articles.

``articles → sentences → places → incidents → merge`` is :func:`extract`;
:func:`make_map` adds the state join and writes the map and GeoJSON layers.
The CLI commands ``geo extract`` and ``geo map`` are thin wrappers over these.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .articles import ReadReport, read_articles
from .errors import ArticleError
from .incidents import locate_incidents
from .merge import Merger
from .places import PlaceExtractor
from .records import Article, Incident, Mention
from .sentences import split_sentences

__all__ = ["ArticleInfo", "ExtractResult", "extract", "process_article", "make_map"]


@dataclass(frozen=True)
class ArticleInfo:
    """What the outputs need to know about an article, without its text."""

    id: str
    path: str
    date: date | None
    outlet: str | None
    lang: str


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

    def add_mentions(self, mentions: list[Mention]) -> None:
        """Count resolved mentions and the reasons for the others."""
        for m in mentions:
            self.mentions_found += 1
            if m.place is not None:
                self.mentions_resolved += 1
                continue
            reason = _reason_kind(m.reason or "unresolved")
            self.unresolved[reason] += 1
            examples = self.unresolved_examples.setdefault(reason, [])
            if len(examples) < 5 and m.text not in examples:
                examples.append(m.text)


def _reason_kind(reason: str) -> str:
    for prefix in ("part of a person's name", "part of an organisation's name",
                   "small namesake", "named a person earlier", "not in the gazetteer"):
        if reason.startswith(prefix):
            return prefix
    if "everyday word" in reason:
        return "an everyday word here"
    return reason


_EXTRACTOR: PlaceExtractor | None = None


def _extractor() -> PlaceExtractor:
    global _EXTRACTOR
    if _EXTRACTOR is None:
        _EXTRACTOR = PlaceExtractor()
    return _EXTRACTOR


def process_article(article: Article):
    """Run one article through sentences, places and incidents.

    Returns
    -------
    tuple of (list of Finding, list of Mention)
    """
    sentences = split_sentences(article.text, article.id)
    mentions = _extractor().extract(article, sentences)
    findings = locate_incidents(article, sentences, mentions, _extractor().gaz)
    return findings, mentions


def extract(inputs, *, lang: str | None = None, progress=None) -> ExtractResult:
    """Read articles and return the merged incidents.

    Parameters
    ----------
    inputs : iterable of str or Path
        Article files, folders, or ``"-"`` for standard input.
    lang : {"en", "es"}, optional
        Force the articles' language instead of detecting it.
    progress : callable, optional
        Called with each :class:`ArticleInfo` once it is processed.

    Returns
    -------
    ExtractResult

    Raises
    ------
    geo.errors.ArticleError
        If no article at all could be read (each unreadable file is otherwise
        reported in ``result.report.errors`` and skipped).
    """
    report = ReadReport()
    merger = Merger()
    result = ExtractResult(incidents=[], report=report)
    for article in read_articles(inputs, report, lang=lang):
        findings, mentions = process_article(article)
        merger.add(findings)
        result.add_mentions(mentions)
        info = ArticleInfo(article.id, article.path, article.date, article.outlet, article.lang)
        result.articles.append(info)
        if progress is not None:
            progress(info)
    if not result.articles:
        detail = "; ".join(report.errors) if report.errors else "no article files found"
        raise ArticleError(f"no article could be read: {detail}")
    result.incidents = merger.incidents()
    return result


def make_map(inputs, out_dir: Path, *, cdn: bool = False, lang: str | None = None,
             progress=None):
    """Run the pipeline and write ``incidents.html`` and ``layers/*.geojson``.

    Returns
    -------
    tuple of (ExtractResult, list of pathlib.Path)
        The extraction result and the files written.
    """
    from .layers import write_layers
    from .webmap import write_map

    result = extract(inputs, lang=lang, progress=progress)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    title_info = {
        "dates": sorted({a.date.isoformat() for a in result.articles if a.date}),
        "sources": sorted({a.outlet or a.id for a in result.articles}),
    }
    paths = write_layers(result.incidents, out_dir)
    paths.append(write_map(result.incidents, out_dir / "incidents.html",
                           title_info=title_info))
    return result, paths
