-- Example queries for analysts. Each runs as is in DuckDB over the views of duckdb-views.sql
-- (node notebooks/duck.mjs --output DIR < notebooks/sql/examples.sql runs the last one), and in Spark SQL or
-- Trino over the tables of spark-tables.sql / trino-tables.sql with the same names.

-- How many articles were kept per publication day, and how long were they?
SELECT pub_date, count(*) AS articles, round(avg(body_chars)) AS mean_chars
FROM articles GROUP BY pub_date ORDER BY pub_date;

-- Which programs publish most?
SELECT coalesce(program, '(none)') AS program, count(*) AS articles
FROM articles GROUP BY 1 ORDER BY articles DESC;

-- Which files were thrown away, and why (with the first bytes of each)?
SELECT run_date, reason, message, source_path FROM rejects ORDER BY run_date, reason, source_path;

-- Which stories were published more than once, and where is the kept copy?
SELECT d.pub_date, d.duplicate_kind, round(d.contained_share, 2) AS share, d.source_path AS copy, a.source_path AS kept
FROM duplicates d JOIN articles a ON a.article_id = d.duplicate_of ORDER BY d.pub_date, copy;

-- Which paragraphs are boilerplate (found in many distinct articles)?
SELECT paragraph_hash, min(run_date) AS first_seen, sum(articles) AS articles, max(distinct_bodies_total) AS bodies
FROM paragraph_index GROUP BY paragraph_hash HAVING bool_or(is_boilerplate) ORDER BY bodies DESC LIMIT 20;

-- Who is mentioned most, per type?
SELECT type, canonical, count(*) AS mentions, count(DISTINCT article_id) AS articles
FROM entities GROUP BY type, canonical ORDER BY mentions DESC LIMIT 20;

-- Which stories mention Choe Son-hui, and who else do they name?
SELECT a.pub_date, a.title, a.persons, a.organizations
FROM articles a WHERE array_contains(a.persons, 'Choe Son-hui') ORDER BY a.pub_date;

-- Who is named in most articles, over all nights, with first and last seen (the names table: no mention is read)?
SELECT canonical, type, sum(articles) AS articles, sum(mentions) AS mentions, min(pub_date) AS first_seen,
       max(pub_date) AS last_seen
FROM names GROUP BY canonical, type ORDER BY articles DESC, canonical LIMIT 20;

-- Every article that mentions Tony Blair under any of his names ("Tony Blair", "Mr Blair", "Blair"): persons
-- holds resolved names, so one name finds them all.
SELECT a.pub_date, a.title FROM articles a WHERE array_contains(a.persons, 'Tony Blair') ORDER BY a.pub_date, a.title;

-- Under which written forms, and with which titles, was he named?
SELECT text, title, count(*) AS mentions FROM entities
WHERE type = 'PER' AND canonical = 'Tony Blair' GROUP BY text, title ORDER BY mentions DESC;

-- Which pairs of people are named together most often? Names are resolved per article, and a bare surname that
-- stayed ambiguous ("Brown" beside "Gordon Brown" and "Nick Brown") is never paired with a full name it ends.
SELECT p1.canonical AS person, p2.canonical AS with_person, count(DISTINCT p1.article_id) AS articles
FROM entities p1 JOIN entities p2 ON p1.article_id = p2.article_id AND p1.canonical < p2.canonical
WHERE p1.type = 'PER' AND p2.type = 'PER'
  AND p1.canonical NOT LIKE '% ' || p2.canonical AND p2.canonical NOT LIKE '% ' || p1.canonical
GROUP BY 1, 2 ORDER BY articles DESC, person, with_person LIMIT 20;

-- How did each night go?
SELECT run_date, status, input_files, articles, duplicates, rejects, entities, balance_ok FROM runs ORDER BY run_date;
