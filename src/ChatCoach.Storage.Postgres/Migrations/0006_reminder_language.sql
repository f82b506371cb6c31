-- ChatCoach schema version 6: the language a person's streak-saver reminder is written in when they have not chosen
-- one with /language (en, zh: what they were spoken to in when they set it); null means English, which is what every
-- reminder made before this version was sent in.
ALTER TABLE reminders ADD COLUMN IF NOT EXISTS language text;
