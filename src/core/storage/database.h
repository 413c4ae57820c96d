#pragma once

#include "config/databaseurl.h"

#include <QSqlDatabase>
#include <QString>
#include <optional>

// Opens the cache for the calling thread. QtSql connections may only be used by the thread that opened them, so
// every thread (sync worker, each read-pool thread, the headless main thread) opens its own named connection.
//
// Opening is careful with what it finds: a file that is not SQLite, a SQLite database that is not an OpsDeck
// cache, a corrupt file or one written by a newer OpsDeck is reported and left untouched — never overwritten
// or "repaired". A new or older cache is migrated forward (see Schema).
class Database final
{
public:
    static std::optional<QSqlDatabase> open(const DatabaseUrl &url, const QString &connectionName, QString *error);
    // Closes and forgets a connection opened by open(); safe to call for unknown names.
    static void close(const QString &connectionName);
    // A connection name unique to the calling thread, e.g. "opsdeck-read-0x7f…".
    static QString connectionNameForThread(const QString &prefix);
};
