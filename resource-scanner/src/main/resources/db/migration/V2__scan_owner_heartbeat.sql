-- Which replica runs a scan, and when it last said so: only a scan whose owner stopped beating is failed as
-- interrupted (a replica starting beside a running one must leave that one alone).
ALTER TABLE scan ADD COLUMN owner VARCHAR(64);
ALTER TABLE scan ADD COLUMN heartbeat_at TIMESTAMPTZ;
CREATE INDEX scan_unfinished ON scan (status) WHERE status IN ('queued', 'running');
