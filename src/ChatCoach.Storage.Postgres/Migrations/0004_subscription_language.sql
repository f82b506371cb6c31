-- ChatCoach schema version 4: the language a subscription's daily posts are written in (en, zh); null means English,
-- which is what every subscription made before this version posted in.
ALTER TABLE subscriptions ADD COLUMN IF NOT EXISTS language text;
