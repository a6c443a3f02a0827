// propagation-tree — the edges of the implementation tree below a letter.
// Answers: how DOC travelled down: each edge child → parent where child implements parent.
// Params:  target (IRI, required) — the root document.
// Columns: parent, parent_identifier, child, child_identifier, child_issuer, child_level, child_date, lag_days
//   lag_days: days between the parent's and the child's dates.
MATCH (t:Letter {iri: $target})
MATCH (p:Letter)-[:IMPLEMENTS*0..]->(t)
WITH DISTINCT p
MATCH (c:Letter)-[:IMPLEMENTS]->(p)
OPTIONAL MATCH (c)-[:ISSUED_BY]->(b:Body)
RETURN DISTINCT p.iri AS parent, p.identifier AS parent_identifier, c.iri AS child,
       c.identifier AS child_identifier, b.name AS child_issuer, b.level AS child_level,
       c.date AS child_date, c.day - p.day AS lag_days
ORDER BY CASE WHEN parent_identifier IS NULL THEN 0 ELSE 1 END, parent_identifier,
         CASE WHEN child_date IS NULL THEN 0 ELSE 1 END, child_date,
         CASE WHEN child_identifier IS NULL THEN 0 ELSE 1 END, child_identifier, parent, child
