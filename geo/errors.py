"""Errors raised by the pipeline.

The hierarchy is small on purpose; the CLI turns every :class:`GeoError` into
one line on stderr and a non-zero exit, and nothing else is caught broadly::

    GeoError
    ├── DataError        reference data in data/ missing or corrupt
    ├── ArticleError     an input article cannot be read (names the file)
    ├── QueryError       a geocoder query is empty or absurd
    ├── ServiceError     an online geocoder cannot be reached or refuses
    └── OutputError      an output file cannot be written
"""


class GeoError(Exception):
    """Base class of every error this package raises on purpose."""


class DataError(GeoError):
    """Reference data is missing, unreadable or inconsistent."""


class ArticleError(GeoError):
    """An article file cannot be read; the message names the file."""


class QueryError(GeoError, ValueError):
    """A geocoder query cannot be answered (empty, too long, no letters)."""


class ServiceError(GeoError):
    """An online geocoder (Nominatim) cannot be reached, times out or refuses."""


class OutputError(GeoError):
    """An output file cannot be written; the message names the path."""
