"""One article's processing: what the local engine, worker processes and Dask tasks run.

:func:`process_article` runs an article through sentences, places and
incidents; :func:`outcomes_of_path` reads a file and gives each article's
small :class:`ArticleOutcome`, which is what travels between processes.
:mod:`geo.pipeline` and :mod:`geo.distributed` both build on this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .articles import ReadReport, iter_file_articles
from .errors import ArticleError
from .incidents import Finding, locate_incidents
from .normalize import fold
from .places import PlaceExtractor
from .records import Article, Mention
from .rules import available_languages
from .sentences import split_sentences

__all__ = [
    "ArticleInfo",
    "ArticleOutcome",
    "article_outcome",
    "extractor_for",
    "outcome_of_path",
    "outcomes_of_path",
    "process_article",
]


@dataclass(frozen=True)
class ArticleInfo:
    """What the outputs need to know about an article, without its text."""

    id: str
    path: str
    date: date | None
    outlet: str | None
    lang: str
    url: str | None = None
    title: str | None = None


@dataclass
class ArticleOutcome:
    """One article's result, small enough to send between processes."""

    info: ArticleInfo | None
    findings: list[Finding] = field(default_factory=list)
    found: int = 0
    resolved: int = 0
    unresolved: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _reason_kind(reason: str) -> str:
    for prefix in (
        "part of a person's name",
        "part of an organisation's name",
        "small namesake",
        "named a person earlier",
        "not in the gazetteer",
    ):
        if reason.startswith(prefix):
            return prefix
    if "everyday word" in reason:
        return "an everyday word here"
    return reason


_EXTRACTORS: dict[tuple[str, ...], PlaceExtractor] = {}


def extractor_for(langs: tuple[str, ...]) -> PlaceExtractor:
    """The place extractor of a language's rules, built once per process."""
    if langs not in _EXTRACTORS:
        _EXTRACTORS[langs] = PlaceExtractor(langs=langs)
    return _EXTRACTORS[langs]


def process_article(article: Article) -> tuple[list[Finding], list[Mention]]:
    """Run one article through sentences, places and incidents, with its language's rules.

    Raises
    ------
    geo.errors.ArticleError
        If no rule pack reads the article's language (``data/lang/<code>/``).
    """
    if article.lang not in available_languages():
        raise ArticleError(
            f"{article.path}: no rules for language {article.lang} "
            f"(rule packs: {', '.join(available_languages())}; --lang forces one)"
        )
    langs = (article.lang,)
    extractor = extractor_for(langs)
    sentences = split_sentences(article.text, article.id, langs)
    folded = fold(article.text)
    mentions = extractor.extract(article, sentences, folded)
    findings = locate_incidents(article, sentences, mentions, extractor.gaz, folded)
    return findings, mentions


def article_outcome(article: Article, report: ReadReport | None = None) -> ArticleOutcome:
    """Process one article; a problem comes back in the outcome, never raised.

    Parameters
    ----------
    article : Article
    report : ReadReport, optional
        Problems met reading the article, carried into the outcome.

    Returns
    -------
    ArticleOutcome
        With no ``info`` when the article could not be processed.
    """
    try:
        findings, mentions = process_article(article)
    except ArticleError as exc:
        out = ArticleOutcome(None, errors=[str(exc)])
        if report is not None:
            out.errors, out.warnings = report.errors + out.errors, report.warnings
        return out
    info = ArticleInfo(
        article.id,
        article.path,
        article.date,
        article.outlet,
        article.lang,
        article.url,
        article.title,
    )
    unresolved = [
        (_reason_kind(m.reason or "unresolved"), m.text) for m in mentions if m.place is None
    ]
    out = ArticleOutcome(info, findings, len(mentions), len(mentions) - len(unresolved), unresolved)
    if report is not None:
        out.errors, out.warnings = report.errors, report.warnings
    return out


def outcomes_of_path(path: str, lang: str | None = None, columns=None) -> list[ArticleOutcome]:
    """Read and process one file (every article of an export); problems come back, never raised.

    This is what worker processes and Dask tasks run. A file that cannot be
    read gives one outcome with no article and the reason in ``errors``.
    """
    report = ReadReport()
    out = [article_outcome(a) for a in iter_file_articles(Path(path), report, lang, columns)]
    if report.errors or report.warnings or not out:
        if not out:
            out.append(ArticleOutcome(None))
        out[0].errors, out[0].warnings = report.errors, report.warnings
    return out


def outcome_of_path(path: str, lang: str | None = None, columns=None) -> ArticleOutcome:
    """The first outcome of :func:`outcomes_of_path` (a file holding one article)."""
    return outcomes_of_path(path, lang, columns)[0]
