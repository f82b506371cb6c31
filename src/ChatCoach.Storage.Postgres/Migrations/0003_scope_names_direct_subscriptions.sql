-- ChatCoach schema version 3: the name a person goes by in each leaderboard scope (a linked person shows each chat's
-- own name), and whether a subscription is its creator's own direct chat (/forget deletes those on every platform).

-- Null in rows written before names were kept per scope; the leaderboard then shows the profile's name.
ALTER TABLE streak_activity ADD COLUMN IF NOT EXISTS display_name text;

ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS direct boolean NOT NULL DEFAULT false;
-- Subscriptions saved before: a chat whose id is the creator's user id (a Telegram private chat), or a Discord
-- channel outside any server (bots are only ever in one-to-one DMs there).
UPDATE subscriptions SET direct = true
WHERE NOT direct AND ((platform = created_by_platform AND chat_id = created_by_user_id) OR (platform = 'discord' AND server_id IS NULL));
