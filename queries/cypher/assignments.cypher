// assignments — which bodies were charged with what, by which letters.
// Answers: for each assignment item, the letter, the item number, the role (lead: charged or
//   presiding; also: coordinating) and the body, with the assigning issuer.
// Params:  target (IRI, optional) — only this letter's assignments;
//          assignee (IRI, optional) — only assignments of this body.
// Columns: letter, identifier, issuer, date, item, role, body, body_name
MATCH (l:Letter)-[r:ASSIGNS]->(b:Body)
WHERE ($target IS NULL OR l.iri = $target) AND ($assignee IS NULL OR b.iri = $assignee)
  AND r.item IS NOT NULL AND b.name IS NOT NULL
OPTIONAL MATCH (l)-[:ISSUED_BY]->(ib:Body)
RETURN DISTINCT l.iri AS letter, l.identifier AS identifier, ib.name AS issuer, l.date AS date,
       r.item AS item, r.role AS role, b.iri AS body, b.name AS body_name
ORDER BY CASE WHEN date IS NULL THEN 0 ELSE 1 END, date,
         CASE WHEN identifier IS NULL THEN 0 ELSE 1 END, identifier, letter,
         CASE WHEN toInteger(item) IS NULL THEN 0 ELSE 1 END, toInteger(item), role, body_name
