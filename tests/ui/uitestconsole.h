#pragma once

// The live core the console tests build their Presentation on, on an in-memory event database.

#include "event/audienceroom.h"
#include "event/liveevent.h"
#include "event/livepolls.h"
#include "event/livequestions.h"
#include "result.h"
#include "server/audienceserver.h"
#include "slides/rendercache.h"
#include "storage/database.h"
#include "timer/clock.h"

#include <memory>

namespace LecternUiTest {

/**
 * The objects behind a console under test: a ManualClock, an in-memory database, polls, questions (when asked
 * for), the audience room and server, the live event and a render cache. close() (or the destructor) takes
 * them down server first and clock last; the Presentation built on them must be gone before.
 */
class ConsoleCore
{
public:
    enum class Questions { Without, With };

    ConsoleCore() = default;
    ConsoleCore(const ConsoleCore &) = delete;
    ConsoleCore &operator=(const ConsoleCore &) = delete;
    ~ConsoleCore() { close(); }

    /**
     * Builds it all anew; on failure says what failed (what was built stays until close()). The database is in
     * memory unless databasePath names a file (the exports read the database with a connection of their own).
     */
    Lectern::Result<> open(Questions withQuestions, const QString &databasePath = QString())
    {
        using namespace Lectern;
        close();
        clock = std::make_unique<ManualClock>();
        database = std::make_unique<Database>();
        if (const Result<> opened = database->open(databasePath.isEmpty() ? Database::kInMemory : databasePath);
            !opened)
            return opened;
        polls = std::make_unique<LivePolls>(*database, *clock);
        if (withQuestions == Questions::With)
            questions = std::make_unique<LiveQuestions>(*database, *clock);
        room = std::make_unique<AudienceRoom>(*database, *clock);
        if (const Result<> loaded = room->load(); !loaded)
            return loaded;
        server = std::make_unique<AudienceServer>(*polls, *room);
        if (questions)
            server->setQuestions(questions.get());
        event = std::make_unique<LiveEvent>(*clock);
        event->setPolls(polls.get());
        if (questions)
            event->setQuestions(questions.get());
        cache = std::make_unique<RenderCache>();
        return {};
    }

    void close()
    {
        server.reset();
        cache.reset();
        event.reset();
        questions.reset();
        polls.reset();
        room.reset();
        database.reset();
        clock.reset();
    }

    std::unique_ptr<Lectern::ManualClock> clock;
    std::unique_ptr<Lectern::Database> database;
    std::unique_ptr<Lectern::LivePolls> polls;
    std::unique_ptr<Lectern::LiveQuestions> questions;
    std::unique_ptr<Lectern::AudienceRoom> room;
    std::unique_ptr<Lectern::AudienceServer> server;
    std::unique_ptr<Lectern::LiveEvent> event;
    std::unique_ptr<Lectern::RenderCache> cache;
};

} // namespace LecternUiTest
