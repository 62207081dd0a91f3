-- One row per real login. A row may be created by an early LOGOUT (events out of order) with the user columns
-- still empty; the LOGIN fills them in and the session stays ended.
create table user_sessions (
    id            bigint generated always as identity primary key,
    session_id    varchar(128) not null,
    user_id       varchar(128),
    username      varchar(128),
    role          varchar(40),               -- the primary role, used for the breakdown
    roles         varchar(400),              -- every known role, comma separated
    ip            varchar(45),
    user_agent    varchar(512),
    browser       varchar(64),
    os            varchar(64),
    device        varchar(32),
    login_time    timestamptz,
    last_activity timestamptz,
    logout_time   timestamptz,
    end_reason    varchar(16),
    active        boolean      not null default false,
    constraint user_sessions_session_id_key unique (session_id),
    constraint user_sessions_end_reason_check check (end_reason in ('LOGOUT', 'EXPIRED', 'FORCED')),
    constraint user_sessions_active_has_no_end check (not active or end_reason is null)
);

-- Active users in a window touch only the (few) active rows, whatever the history size.
create index user_sessions_active_idx on user_sessions (last_activity desc) include (username, role) where active;
-- History, newest first, with keyset pagination; by user; by IP.
create index user_sessions_login_idx on user_sessions (login_time desc, id desc);
create index user_sessions_username_idx on user_sessions (username, login_time desc);
create index user_sessions_ip_idx on user_sessions (ip, login_time desc);
-- Retention deletes ended sessions by end time.
create index user_sessions_logout_idx on user_sessions (logout_time) where not active;

-- Visits recorded by session-service; duplicates within its window are kept, flagged, for the statistics.
create table visits (
    id         bigint generated always as identity primary key,
    event_id   varchar(64)  not null,
    visit_time timestamptz  not null,
    ip         varchar(45)  not null,
    country    varchar(2),
    city       varchar(128),
    vpn        boolean      not null,
    user_agent varchar(512),
    page       varchar(512),
    duplicate  boolean      not null,
    constraint visits_event_id_key unique (event_id)
);
create index visits_time_idx on visits (visit_time desc, id desc);
create index visits_ip_idx on visits (ip, visit_time desc);

-- Gateway traffic as per-minute aggregates per route group (never a row per request).
create table traffic_minutes (
    minute          timestamptz      not null,
    route_group     varchar(40)      not null,
    requests        bigint           not null,
    errors          bigint           not null,
    latency_sum_ms  double precision not null,
    latency_buckets bigint[]         not null,  -- counts per TrafficEvent.LATENCY_BUCKETS_MS bucket, plus the open one
    primary key (minute, route_group)
);

-- Active users sampled once a minute, for the dashboard's time series.
create table active_user_samples (
    minute       timestamptz primary key,
    active_users integer not null
);

-- Ids of applied events whose effect is additive (TRAFFIC), so a redelivery is not counted twice.
create table applied_events (
    event_id   varchar(64) primary key,
    applied_at timestamptz not null default now()
);
create index applied_events_time_idx on applied_events (applied_at);
