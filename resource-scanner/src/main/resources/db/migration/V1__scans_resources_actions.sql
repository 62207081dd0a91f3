-- Scans: one row per job, with its progress and totals once finished.
CREATE TABLE scan (
    id                UUID PRIMARY KEY,
    status            VARCHAR(16)  NOT NULL,   -- queued, running, completed, failed
    trigger           VARCHAR(16)  NOT NULL,   -- api, schedule
    requested_by      VARCHAR(200) NOT NULL,
    regions           TEXT         NOT NULL,   -- comma-separated; empty until discovered
    resource_types    TEXT         NOT NULL,
    max_workers       INTEGER      NOT NULL,
    credential_source VARCHAR(300) NOT NULL,   -- kind of credentials and role ARN; never a key
    created_at        TIMESTAMPTZ  NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    tasks_total       INTEGER      NOT NULL DEFAULT 0,
    tasks_done        INTEGER      NOT NULL DEFAULT 0,
    resources_found   INTEGER      NOT NULL DEFAULT 0,
    error_count       INTEGER      NOT NULL DEFAULT 0,
    total_monthly_cost NUMERIC(16, 4),
    failure           TEXT
);
CREATE INDEX scan_created_at ON scan (created_at DESC);

-- Resources as found by one scan: the inventory at that moment, kept for history and diffs.
CREATE TABLE scan_resource (
    scan_id       UUID         NOT NULL REFERENCES scan (id) ON DELETE CASCADE,
    resource_type VARCHAR(32)  NOT NULL,
    region        VARCHAR(32)  NOT NULL,
    resource_id   VARCHAR(512) NOT NULL,
    arn           VARCHAR(2048),
    name          VARCHAR(512),
    state         VARCHAR(64),
    created_at    TIMESTAMPTZ,
    tags          JSONB        NOT NULL DEFAULT '{}',
    metadata      JSONB        NOT NULL DEFAULT '{}',
    monthly_cost  NUMERIC(16, 4),
    cost_basis    TEXT,
    PRIMARY KEY (scan_id, resource_type, region, resource_id)
);
CREATE INDEX scan_resource_region ON scan_resource (scan_id, region);
CREATE INDEX scan_resource_cost ON scan_resource (scan_id, monthly_cost);
CREATE INDEX scan_resource_tags ON scan_resource USING GIN (tags jsonb_path_ops);

-- Failures of single (region, service) tasks: part of the result, never fatal to the scan.
CREATE TABLE scan_error (
    id            BIGSERIAL PRIMARY KEY,
    scan_id       UUID         NOT NULL REFERENCES scan (id) ON DELETE CASCADE,
    region        VARCHAR(32)  NOT NULL,
    service       VARCHAR(64)  NOT NULL,
    resource_type VARCHAR(32)  NOT NULL,
    error_code    VARCHAR(200) NOT NULL,
    message       TEXT         NOT NULL
);
CREATE INDEX scan_error_scan ON scan_error (scan_id);

-- Every stop/start/delete, dry or real: who, what, when, which request, what came of it.
CREATE TABLE action_audit (
    id                  BIGSERIAL PRIMARY KEY,
    at                  TIMESTAMPTZ  NOT NULL,
    actor               VARCHAR(200) NOT NULL,
    request_id          VARCHAR(64)  NOT NULL,
    action              VARCHAR(16)  NOT NULL,
    resource_type       VARCHAR(32)  NOT NULL,
    region              VARCHAR(32)  NOT NULL,
    resource_id         VARCHAR(512) NOT NULL,
    dry_run             BOOLEAN      NOT NULL,
    outcome             VARCHAR(32)  NOT NULL,  -- would_succeed, succeeded, refused, failed
    detail              TEXT,
    previous_state      VARCHAR(64),
    new_state           VARCHAR(64),
    verification_status VARCHAR(32)
);
CREATE INDEX action_audit_at ON action_audit (at DESC);
CREATE INDEX action_audit_request ON action_audit (request_id);
