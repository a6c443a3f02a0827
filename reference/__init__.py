"""Reference data every layer reads: the vocabulary and the maps.

The gazetteer of administrative units (both maps, :mod:`.gazetteer`), the domain tables (document
types, bodies, cue phrases, numbering regimes: ``data/*.json``, :mod:`.tables`), text normalisation
and folding (:mod:`.normalize`), word lists compiled to patterns (:mod:`.trie`) and the one resolver
of body names (:mod:`.bodies`, :mod:`.body_phrase`). It imports nothing else of the package:
``loaders`` (extraction) and ``graph`` (the knowledge graph) both read it, and each other never the
wrong way (``tests/test_layers.py``).
"""
