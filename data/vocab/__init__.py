"""The extraction vocabulary, installed as ``geo.data.vocab``."""
