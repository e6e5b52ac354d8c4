-- Schema version 1: the record of what happened at an event. The event file is the plan; this is the log.
-- Times are milliseconds since 1970-01-01 UTC. Counts are never stored: they are derived from votes.

-- Phones, known only by the random token the server gave them.
CREATE TABLE devices (
    token TEXT PRIMARY KEY NOT NULL,
    created_at INTEGER NOT NULL
) WITHOUT ROWID;

-- Per-event settings that must survive a restart: the room code, the port.
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Where each poll stands. definition holds the poll (event-file JSON) for polls created live; the event
-- file holds the declared ones.
CREATE TABLE polls (
    id TEXT PRIMARY KEY NOT NULL,
    session_index INTEGER NOT NULL CHECK (session_index >= 0),
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'closed')),
    revealed INTEGER NOT NULL DEFAULT 0 CHECK (revealed IN (0, 1)),
    opened_at INTEGER,
    closed_at INTEGER,
    definition TEXT
);

-- One answer per device per poll: the UNIQUE constraint is the rule, the upsert changes an answer in place.
-- answer is a JSON array of strings: option ids, a rating ("4"), a normalised word, or a text.
CREATE TABLE votes (
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    device_token TEXT NOT NULL REFERENCES devices (token) ON DELETE CASCADE,
    answer TEXT NOT NULL CHECK (json_valid(answer) AND json_type(answer) = 'array'),
    updated_at INTEGER NOT NULL,
    UNIQUE (poll_id, device_token)
);
CREATE INDEX votes_by_device ON votes (device_token);

-- Word-cloud and open-text answers the speaker keeps off the projector.
CREATE TABLE hidden_answers (
    poll_id TEXT NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    hidden_at INTEGER NOT NULL,
    PRIMARY KEY (poll_id, answer)
) WITHOUT ROWID;
