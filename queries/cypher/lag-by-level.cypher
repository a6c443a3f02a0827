// lag-by-level — how fast instructions travel, per level and per province.
// Answers: count, min, median and max lag (days) of implementing letters, grouped by the
//   implementing issuer's level and province (median: percentileCont, as the SPARQL runner's).
// Params:  target (IRI, optional) — only edges in the tree below this document.
// Columns: level, province, count, min, median, max
// pattern comprehensions need bound ends on FalkorDB: bind the target first
OPTIONAL MATCH (t:Letter {iri: $target})
WITH t
MATCH (c:Letter)-[:IMPLEMENTS]->(p:Letter)
WHERE c.day IS NOT NULL AND p.day IS NOT NULL
// FalkorDB accepts a pattern comprehension in WITH, not in WHERE
WITH c, p, CASE WHEN t IS NULL THEN 0 ELSE size([(p)-[:IMPLEMENTS*0..]->(t) | 1]) END AS below
WHERE $target IS NULL OR below > 0
OPTIONAL MATCH (c)-[:ISSUED_BY]->(b:Body)
OPTIONAL MATCH (b)-[:LOCATED_IN]->(:AdminUnit)-[:PART_OF*0..]->(pu:AdminUnit {level: 'province'})
WITH DISTINCT c, p, b.level AS level, pu.name AS province, c.day - p.day AS lag
RETURN level, province, count(lag) AS count, min(lag) AS min, percentileCont(lag, 0.5) AS median,
       max(lag) AS max
ORDER BY coalesce(level, ''), coalesce(province, '')
