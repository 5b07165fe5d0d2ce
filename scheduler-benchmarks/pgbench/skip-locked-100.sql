-- a 100-row FOR UPDATE SKIP LOCKED claim per commit, as a batched claim
BEGIN;
UPDATE pgb_queue SET picked = picked + 1 WHERE id IN (SELECT id FROM pgb_queue ORDER BY due LIMIT 100 FOR UPDATE SKIP LOCKED);
COMMIT;
