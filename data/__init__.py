"""The reference data (see README.md here), installed as the package ``geo.data``."""
