"""The knowledge graph: letters to RDF in an Oxigraph store, its Neo4j/FalkorDB mirror, analysis and views.

It takes ``Letter`` records (:mod:`lineage.models`) and reads :mod:`lineage.reference` (the maps, the body
tables, the one resolver of names) and :mod:`lineage.ontology`; it never imports ``loaders`` (extraction),
so a store can be built from letters extracted anywhere (``tests/test_layers.py``).
"""
