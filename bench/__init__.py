"""Corpus generator and benchmark suite (see README.md)."""
