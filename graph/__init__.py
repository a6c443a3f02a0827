"""The knowledge graph, one sub-package per job: ``rdf`` (letters to RDF in an Oxigraph store), ``mirror`` (its
Neo4j/FalkorDB copy), ``analysis`` (propagation on networkx graphs) and ``views`` (what a person looks at); the
levels of the hierarchy they share are in ``levels``.

It takes ``Letter`` records (:mod:`lineage.models`) and reads :mod:`lineage.reference` (the maps, the body
tables, the one resolver of names) and :mod:`lineage.ontology`; it never imports ``loaders`` (extraction),
so a store can be built from letters extracted anywhere. ``tests/test_layers.py`` checks these rules and the
ones each sub-package states.
"""
