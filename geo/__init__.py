"""geo: map violent incidents in Mexico from news articles.

The pipeline, one module per stage::

    articles → sentences → places → incidents → merge → join → map / layers / export

The library API mirrors the CLI: :func:`geo.pipeline.extract` returns the
incident records, :func:`geo.pipeline.make_map` writes the map and layers, and
:class:`geo.geocoder.OfflineGeocoder` is a geopy geocoder over the bundled
GeoNames data.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
