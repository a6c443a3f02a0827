// not-yet-implemented — where a letter has not (yet) been carried out.
// Answers: the provinces (or, given `province`, the districts of that province) of the target's
//   era with no letter implementing the target, directly or transitively, from a body whose
//   jurisdiction lies in that unit. Needs the hierarchy graph (mirrored with the first sync).
// Params:  target (IRI, required) — the document; province (IRI, optional) — a province unit.
// Columns: unit, name, level
OPTIONAL MATCH (t:Letter {iri: $target})
// the target's era: before the 2025 reform the old map, from 2025-07-01 the new one
WITH t, CASE WHEN t.date IS NOT NULL AND t.date >= '2025-07-01' THEN '2025' ELSE 'old' END AS era
OPTIONAL MATCH (i:Letter)-[:IMPLEMENTS*1..]->(t)
OPTIONAL MATCH (i)-[:ISSUED_BY]->(:Body)-[:LOCATED_IN]->(:AdminUnit)-[:PART_OF*0..]->(cu:AdminUnit)
WITH era, collect(DISTINCT cu.iri) AS covered
MATCH (u:AdminUnit {era: era})
OPTIONAL MATCH (u)-[:PART_OF]->(up:AdminUnit)
WITH u, up, covered
WHERE u.name IS NOT NULL AND u.level IS NOT NULL AND NOT u.iri IN covered
  AND (($province IS NULL AND u.level = 'province')
       OR ($province IS NOT NULL AND up.iri = $province))
RETURN DISTINCT u.iri AS unit, u.name AS name, u.level AS level
ORDER BY name
