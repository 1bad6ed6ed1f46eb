"""Stödkollen: a retrieval assistant for Swedish public-sector project documents."""

__version__ = "0.1.0"
