-- The history catalog. One script for SQLite and PostgreSQL: ${id_pk} and ${timestamp}
-- are the only vendor-specific types (see Dialect). Times are UTC; on SQLite they are
-- fixed-width ISO-8601 text, so text order is time order.

CREATE TABLE runs (
    id                 ${id_pk},
    source             VARCHAR(16) NOT NULL CHECK (source IN ('chronosguard', 'legacy')),
    started_at         ${timestamp} NOT NULL,
    finished_at        ${timestamp},
    outcome            VARCHAR(16) NOT NULL
                       CHECK (outcome IN ('running', 'success', 'partial', 'failed', 'cancelled', 'unknown')),
    dry_run            BOOLEAN NOT NULL,
    files_new          BIGINT,
    files_changed      BIGINT,
    files_unmodified   BIGINT,
    files_total        BIGINT,
    bytes              BIGINT,
    data_added         BIGINT,
    duration_s         DOUBLE PRECISION,
    snapshot_id        VARCHAR(64),
    host               TEXT,
    paths              TEXT,         -- JSON array of strings
    tags               TEXT,         -- JSON array of strings
    nodes              TEXT,         -- JSON array of node ids
    reassigned_tasks   BIGINT,
    error_count        BIGINT,
    profile            TEXT,
    legacy_fingerprint TEXT UNIQUE,  -- set for legacy runs only
    legacy_raw_json    TEXT,
    origin_file        TEXT
);

CREATE INDEX runs_started_at ON runs (started_at);

CREATE TABLE run_errors (
    id     ${id_pk},
    run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    path   TEXT,
    reason TEXT NOT NULL
);

CREATE INDEX run_errors_run_id ON run_errors (run_id);

CREATE TABLE run_directories (
    id     ${id_pk},
    run_id BIGINT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    path   TEXT NOT NULL,
    node   TEXT,
    files  BIGINT NOT NULL,
    bytes  BIGINT NOT NULL,
    status VARCHAR(32) NOT NULL
);

CREATE INDEX run_directories_run_id ON run_directories (run_id);

CREATE TABLE nodes (
    node_id      VARCHAR(255) PRIMARY KEY,
    address      TEXT,
    capabilities TEXT,               -- JSON object
    first_seen   ${timestamp} NOT NULL,
    last_seen    ${timestamp} NOT NULL
);
