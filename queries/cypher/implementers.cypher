// implementers — the letters that implement a given one, directly and transitively.
// Answers: who carried out DOC, at which level, when, and how many days after DOC.
// Params:  target (IRI, required) — the implemented document.
// Columns: letter, identifier, issuer, level, province, date, lag_days, direct, implements
//   lag_days: days between the target's date and the letter's date (empty when either is unknown);
//   direct: true when the letter cites the target itself; implements: the letter it implements
//   on the way down (the target itself when direct).
MATCH (t:Letter {iri: $target})
MATCH (l:Letter)-[:IMPLEMENTS*1..]->(t)
WITH DISTINCT t, l
MATCH (l)-[:IMPLEMENTS]->(i:Letter)-[:IMPLEMENTS*0..]->(t)
OPTIONAL MATCH (l)-[:ISSUED_BY]->(b:Body)
OPTIONAL MATCH (b)-[:LOCATED_IN]->(:AdminUnit)-[:PART_OF*0..]->(pu:AdminUnit {level: 'province'})
WITH DISTINCT l, t, i, b, pu
RETURN DISTINCT l.iri AS letter, l.identifier AS identifier, b.name AS issuer, b.level AS level,
       pu.name AS province, l.date AS date, l.day - t.day AS lag_days,
       size([(l)-[:IMPLEMENTS]->(t) | 1]) > 0 AS direct, i.iri AS implements
// SPARQL sorts unbound values first: CASE … puts nulls first here too
ORDER BY CASE WHEN date IS NULL THEN 0 ELSE 1 END, date,
         CASE WHEN identifier IS NULL THEN 0 ELSE 1 END, identifier, letter, implements
