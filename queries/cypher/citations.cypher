// citations — what a letter cites and what cites it, with the evidence text.
// Answers: every citation touching the target, in both directions.
// Params:  target (IRI, required) — the document.
// Columns: direction, relation, other, other_identifier, other_issuer, evidence, start, end, source
//   direction: "cites" (the target cites `other`) or "cited-by" (`other` cites the target).
MATCH (t:Letter {iri: $target})-[c:IMPLEMENTS|BASED_ON|FOLLOWS_UP|REFERENCES]-(o:Letter)
WHERE c.evidence IS NOT NULL AND c.source IS NOT NULL
WITH c, o, CASE WHEN startNode(c) = t THEN 'cites' ELSE 'cited-by' END AS direction
OPTIONAL MATCH (o)-[:ISSUED_BY]->(ob:Body)
RETURN DISTINCT direction, c.relation AS relation, o.iri AS other, o.identifier AS other_identifier,
       ob.name AS other_issuer, c.evidence AS evidence, c.start AS start, c.`end` AS `end`, c.source AS source
ORDER BY direction, relation, CASE WHEN other_identifier IS NULL THEN 0 ELSE 1 END, other_identifier, other, source,
         CASE WHEN start IS NULL THEN 0 ELSE 1 END, start, evidence
