-- Takt job store, MariaDB 10.6 or later and MySQL 8.0 or later (InnoDB). Times are microseconds
-- since 1970-01-01T00:00:00Z. The tables' prefix is takt_; JdbcSchema applies this script with
-- another prefix when asked. Ids are case-sensitive (utf8mb4_bin), as Java compares strings.
-- Indexes are declared in the tables, as MySQL has no CREATE INDEX IF NOT EXISTS.

CREATE TABLE IF NOT EXISTS takt_jobs (
	id VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	next_run_time BIGINT,
	version BIGINT NOT NULL,
	handler VARCHAR(191) NOT NULL,
	job_data LONGTEXT NOT NULL,
	PRIMARY KEY (id),
	INDEX takt_jobs_due_idx (next_run_time, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS takt_runs (
	id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	job_id VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	handler VARCHAR(191) NOT NULL,
	owner VARCHAR(191),
	lease_until BIGINT,
	retry_at BIGINT,
	attempt INT NOT NULL,
	run_times LONGTEXT NOT NULL,
	claimed_at BIGINT NOT NULL,
	job_next_run_time BIGINT,
	job_data LONGTEXT NOT NULL,
	PRIMARY KEY (id),
	INDEX takt_runs_job_idx (job_id),
	INDEX takt_runs_lease_idx (lease_until),
	INDEX takt_runs_retry_idx (retry_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS takt_run_history (
	id BIGINT NOT NULL AUTO_INCREMENT,
	job_id VARCHAR(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
	job_name TEXT NOT NULL,
	scheduled_run_time BIGINT NOT NULL,
	successful BOOLEAN NOT NULL,
	message TEXT,
	data LONGTEXT,
	exception TEXT,
	attempts INT NOT NULL,
	started_at BIGINT,
	duration BIGINT,
	node VARCHAR(191),
	recorded_at BIGINT NOT NULL,
	PRIMARY KEY (id),
	INDEX takt_run_history_job_idx (job_id, id),
	INDEX takt_run_history_recorded_idx (recorded_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
