-- ChatCoach schema version 5: pushed updates (Telegram webhooks) by id, so that one delivered twice or to two
-- instances is handled once. lease_until: until when the claiming instance may finish it; completed_at: handled.
CREATE TABLE IF NOT EXISTS update_inbox (
    source text NOT NULL,
    update_id bigint NOT NULL,
    lease_until timestamptz NOT NULL,
    completed_at timestamptz NULL,
    PRIMARY KEY (source, update_id)
);
CREATE INDEX IF NOT EXISTS update_inbox_completed ON update_inbox (source, completed_at) WHERE completed_at IS NOT NULL;
