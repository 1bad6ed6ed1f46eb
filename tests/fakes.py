"""Test doubles: the deterministic hashing embedder lives in index.embedder (selectable by
settings as STODKOLLEN_EMBEDDING__MODEL=hash); re-exported here for the unit tests."""

from index.embedder import HashingEmbedder

__all__ = ["HashingEmbedder"]
