-- Takt job store, SQLite 3.24 or later. Times are microseconds since 1970-01-01T00:00:00Z.
-- The tables' prefix is takt_; JdbcSchema applies this script with another prefix when asked.

CREATE TABLE IF NOT EXISTS takt_jobs (
	id TEXT NOT NULL PRIMARY KEY,
	next_run_time INTEGER,
	version INTEGER NOT NULL,
	handler TEXT NOT NULL,
	job_data TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS takt_jobs_due_idx ON takt_jobs (next_run_time, id);

CREATE TABLE IF NOT EXISTS takt_runs (
	id TEXT NOT NULL PRIMARY KEY,
	job_id TEXT NOT NULL,
	handler TEXT NOT NULL,
	owner TEXT,
	lease_until INTEGER,
	retry_at INTEGER,
	attempt INTEGER NOT NULL,
	run_times TEXT NOT NULL,
	claimed_at INTEGER NOT NULL,
	job_next_run_time INTEGER,
	job_data TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS takt_runs_job_idx ON takt_runs (job_id);
CREATE INDEX IF NOT EXISTS takt_runs_lease_idx ON takt_runs (lease_until);
CREATE INDEX IF NOT EXISTS takt_runs_retry_idx ON takt_runs (retry_at);

CREATE TABLE IF NOT EXISTS takt_run_history (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	job_id TEXT NOT NULL,
	job_name TEXT NOT NULL,
	scheduled_run_time INTEGER NOT NULL,
	successful BOOLEAN NOT NULL,
	message TEXT,
	data TEXT,
	exception TEXT,
	attempts INTEGER NOT NULL,
	started_at INTEGER,
	duration INTEGER,
	node TEXT,
	recorded_at INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS takt_run_history_job_idx ON takt_run_history (job_id, id);
CREATE INDEX IF NOT EXISTS takt_run_history_recorded_idx ON takt_run_history (recorded_at);
