"""The property-graph mirror of the RDF store in Neo4j or FalkorDB: ``sync`` (what changed, in batches, each
call with a timeout), the Cypher ``dialect`` of each server, the clients (``bolt`` for the neo4j driver,
``falkor_redis`` for FalkorDB's Redis port, one protocol in ``clients``), the embedded FalkorDB ``server`` and the
Cypher ``reports``.

Reads the RDF store (:mod:`lineage.graph.rdf`); never imports the analysis or the views.
"""
