-- one single-row update per commit, as one claim or one completion
\set id random(1, 2)
UPDATE pgb_one SET n = n + 1 WHERE id = :id;
