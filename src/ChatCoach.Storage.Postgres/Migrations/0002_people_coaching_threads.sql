-- ChatCoach schema version 2: the people feature (account links, link codes, wrong tries; /forget and export need
-- lookups by person), coaching's progression and reminders, and the thread (Telegram forum topic) of a subscription.

-- The thread inside the chat that daily posts go to; null for the chat itself.
ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS thread_id text;
-- FindCreatedBy and forgetting a creator look subscriptions up by creator.
CREATE INDEX IF NOT EXISTS subscriptions_created_by ON subscriptions (created_by_platform, created_by_user_id);

-- Export and /forget list and delete a person's leaderboard scopes.
CREATE INDEX IF NOT EXISTS streak_activity_person ON streak_activity (platform, user_id);

-- One link per account (the primary key, as LiteDB's id); the person key every other store uses for its data.
CREATE TABLE IF NOT EXISTS account_links (
    account_platform text NOT NULL,
    account_user_id  text NOT NULL,
    person_platform  text NOT NULL,
    person_user_id   text NOT NULL,
    linked_at        timestamptz NOT NULL,
    PRIMARY KEY (account_platform, account_user_id)
);
CREATE INDEX IF NOT EXISTS account_links_person ON account_links (person_platform, person_user_id);

-- Pending /link codes by the hash of the code (never the code itself).
CREATE TABLE IF NOT EXISTS link_codes (
    code_hash  text PRIMARY KEY,
    platform   text NOT NULL,
    user_id    text NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS link_codes_account ON link_codes (platform, user_id);

-- An account's recent wrong codes, oldest first (one row per account, as LiteDB's one document).
CREATE TABLE IF NOT EXISTS link_wrong_tries (
    platform text NOT NULL,
    user_id  text NOT NULL,
    tries    timestamptz[] NOT NULL,
    PRIMARY KEY (platform, user_id)
);

-- One progression level per person; changed_on is null until it first changes.
CREATE TABLE IF NOT EXISTS progression (
    platform   text NOT NULL,
    user_id    text NOT NULL,
    level      integer NOT NULL,
    changed_on date,
    PRIMARY KEY (platform, user_id)
);

-- One streak-saver reminder per person. next_due is null when nothing is scheduled (disabled), as for subscriptions.
CREATE TABLE IF NOT EXISTS reminders (
    platform        text NOT NULL,
    user_id         text NOT NULL,
    chat_platform   text NOT NULL,
    chat_id         text NOT NULL,
    server_id       text,
    local_minutes   integer NOT NULL CHECK (local_minutes BETWEEN 0 AND 1439),
    next_local_date date NOT NULL,
    next_due        timestamptz,
    attempts        integer NOT NULL,
    sending_date    date,
    last_sent_date  date,
    enabled         boolean NOT NULL,
    disabled_reason text,
    PRIMARY KEY (platform, user_id)
);
CREATE INDEX IF NOT EXISTS reminders_next_due ON reminders (next_due) WHERE next_due IS NOT NULL;
