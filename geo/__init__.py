"""geo: map violent incidents in Mexico from news articles.

The pipeline, one module per stage::

    articles → sentences → places → incidents → merge → join → map / layers / export

The library API mirrors the CLI: :func:`extract` returns the incident
records, :func:`make_map` writes the map and layers, :class:`OfflineGeocoder`
is a geopy geocoder over the bundled GeoNames data and :func:`join_states`
joins points to the state polygons. Names are imported lazily so that the
command line starts fast.
"""

__version__ = "0.1.0"

_EXPORTS = {
    "extract": "geo.pipeline",
    "make_map": "geo.pipeline",
    "ExtractResult": "geo.pipeline",
    "OfflineGeocoder": "geo.geocoder",
    "make_geocoder": "geo.geocoder",
    "join_states": "geo.join",
    "load_gazetteer": "geo.gazetteer",
    "read_articles": "geo.articles",
    "Incident": "geo.records",
    "Place": "geo.records",
    "Mention": "geo.records",
    "Article": "geo.records",
    "GeoError": "geo.errors",
    "ArticleError": "geo.errors",
    "DataError": "geo.errors",
    "QueryError": "geo.errors",
    "OutputError": "geo.errors",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name):
    if name in _EXPORTS:
        import importlib

        value = getattr(importlib.import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
