-- Schema version 2: audience questions and their upvotes. Times are milliseconds since 1970-01-01 UTC.
-- Vote counts are never stored: they are derived from question_votes.

-- Every question asked, whatever became of it: hidden, merged and withdrawn ones are kept for the export.
-- merged_into is set exactly when the question was merged into another.
CREATE TABLE questions (
    id INTEGER PRIMARY KEY,
    session_index INTEGER NOT NULL CHECK (session_index >= 0),
    device_token TEXT NOT NULL REFERENCES devices (token),
    text TEXT NOT NULL CHECK (text <> ''),
    display_name TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL CHECK (state IN ('waiting', 'shown', 'pinned', 'answered', 'hidden', 'merged', 'withdrawn',
                                         'unanswered')),
    merged_into INTEGER REFERENCES questions (id),
    created_at INTEGER NOT NULL,
    pinned_at INTEGER,
    answered_at INTEGER,
    CHECK ((state = 'merged') = (merged_into IS NOT NULL)),
    CHECK (merged_into IS NULL OR merged_into <> id)
);
CREATE INDEX questions_by_session ON questions (session_index);
CREATE INDEX questions_by_device ON questions (device_token);

-- One upvote per device per question: the UNIQUE constraint is the rule, so a second upvote changes nothing.
CREATE TABLE question_votes (
    question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
    device_token TEXT NOT NULL REFERENCES devices (token) ON DELETE CASCADE,
    UNIQUE (question_id, device_token)
);
CREATE INDEX question_votes_by_device ON question_votes (device_token);
