-- Schema version 3: the event's plan as opened, and what happened on stage, written as it changes so that a
-- crash or kill -9 loses nothing. Times are milliseconds since 1970-01-01 UTC.

-- The plan (event-file JSON, deck paths absolute) the event was last opened or edited with: an export reads the
-- database alone. One row.
CREATE TABLE event_plan (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    source_path TEXT NOT NULL,
    json TEXT NOT NULL CHECK (json_valid(json)),
    saved_at INTEGER NOT NULL
);

-- Which session is on stage. One row.
CREATE TABLE stage (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    session_index INTEGER NOT NULL CHECK (session_index >= 0)
);

-- Where each session stood when last on stage: its page and its timer. A running timer is kept by its
-- wall-clock start, so the time the app was down counts.
CREATE TABLE session_stage (
    session_index INTEGER PRIMARY KEY CHECK (session_index >= 0),
    page_index INTEGER NOT NULL CHECK (page_index >= 0),
    timer_started_at INTEGER,
    timer_paused_at INTEGER,
    timer_paused_ms INTEGER NOT NULL DEFAULT 0 CHECK (timer_paused_ms >= 0),
    talk_time_ms INTEGER NOT NULL DEFAULT 0 CHECK (talk_time_ms >= 0),
    CHECK (timer_paused_at IS NULL OR timer_started_at IS NOT NULL)
);

-- When each session actually ran: its talk began, and it left the stage.
CREATE TABLE session_runs (
    session_index INTEGER PRIMARY KEY CHECK (session_index >= 0),
    started_at INTEGER,
    ended_at INTEGER
);

-- The per-slide time log: every time a slide was on screen during a running talk.
CREATE TABLE slide_visits (
    id INTEGER PRIMARY KEY,
    session_index INTEGER NOT NULL CHECK (session_index >= 0),
    page_index INTEGER NOT NULL CHECK (page_index >= 0),
    label TEXT NOT NULL,
    shown_at INTEGER NOT NULL,
    left_at INTEGER
);
CREATE INDEX slide_visits_by_session ON slide_visits (session_index);
