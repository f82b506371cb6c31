-- ChatCoach schema version 1: every store the LiteDB file holds, as tables. Instants are UTC timestamptz, local
-- dates are date; a person is (platform, user_id). Unique keys are the primary keys, as LiteDB's ids are.

CREATE TABLE IF NOT EXISTS adapter_state (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE IF NOT EXISTS people (
    platform     text NOT NULL,
    user_id      text NOT NULL,
    display_name text NOT NULL,
    time_zone_id text,
    -- Free-form per-person settings for features to come; never interpreted by the person store.
    settings     jsonb NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (platform, user_id)
);

-- One completion per person and local date.
CREATE TABLE IF NOT EXISTS completions (
    platform      text NOT NULL,
    user_id       text NOT NULL,
    local_date    date NOT NULL,
    chat_platform text NOT NULL,
    chat_id       text NOT NULL,
    server_id     text,
    completed_at  timestamptz NOT NULL,
    PRIMARY KEY (platform, user_id, local_date)
);

CREATE TABLE IF NOT EXISTS streak_summaries (
    platform     text NOT NULL,
    user_id      text NOT NULL,
    display_name text NOT NULL,
    time_zone_id text,
    last_date    date,
    run          integer NOT NULL,
    longest      integer NOT NULL,
    total        integer NOT NULL,
    freezes      integer NOT NULL,
    frozen_dates date[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (platform, user_id)
);

-- Who pressed Done where; scope is "platform|chat|id" or "platform|server|id", as in the LiteDB store.
CREATE TABLE IF NOT EXISTS streak_activity (
    scope    text NOT NULL,
    platform text NOT NULL,
    user_id  text NOT NULL,
    PRIMARY KEY (scope, platform, user_id)
);

-- One pain check-in per person and local date (a second one replaces the first).
CREATE TABLE IF NOT EXISTS pain_checkins (
    platform    text NOT NULL,
    user_id     text NOT NULL,
    local_date  date NOT NULL,
    score       smallint NOT NULL CHECK (score BETWEEN 0 AND 10),
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (platform, user_id, local_date)
);

CREATE TABLE IF NOT EXISTS coaching_referrals (
    platform   text NOT NULL,
    user_id    text NOT NULL,
    local_date date NOT NULL,
    PRIMARY KEY (platform, user_id)
);

-- A person's injury pauses: first_dates[i]..last_dates[i] inclusive, oldest first.
CREATE TABLE IF NOT EXISTS pauses (
    platform      text NOT NULL,
    user_id       text NOT NULL,
    first_dates   date[] NOT NULL,
    last_dates    date[] NOT NULL,
    welcomed_back boolean NOT NULL,
    PRIMARY KEY (platform, user_id)
);

-- One subscription per platform chat (id "platform:chat"). next_due is null when nothing is scheduled (disabled).
CREATE TABLE IF NOT EXISTS subscriptions (
    id                  text PRIMARY KEY,
    platform            text NOT NULL,
    chat_id             text NOT NULL,
    server_id           text,
    local_minutes       integer NOT NULL CHECK (local_minutes BETWEEN 0 AND 1439),
    zone_id             text,
    focus               text,
    created_by_platform text NOT NULL,
    created_by_user_id  text NOT NULL,
    changed_at          timestamptz NOT NULL,
    enabled             boolean NOT NULL,
    disabled_reason     text,
    next_local_date     date NOT NULL,
    next_due            timestamptz
);
CREATE INDEX IF NOT EXISTS subscriptions_next_due ON subscriptions (next_due) WHERE next_due IS NOT NULL;

-- One delivery per subscription and local date.
CREATE TABLE IF NOT EXISTS deliveries (
    subscription_id text NOT NULL,
    local_date      date NOT NULL,
    status          text NOT NULL,
    attempts        integer NOT NULL,
    updated_at      timestamptz NOT NULL,
    reason          text,
    PRIMARY KEY (subscription_id, local_date)
);
CREATE INDEX IF NOT EXISTS deliveries_local_date ON deliveries (local_date);

-- Which instance is posting which subscription's day, until when (see docs/storage.md, several instances).
CREATE TABLE IF NOT EXISTS post_claims (
    subscription_id text NOT NULL,
    local_date      date NOT NULL,
    owner           text NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (subscription_id, local_date)
);
