#pragma once

#include "config/databaseurl.h"
#include "fleetrow.h"

#include <QFuture>
#include <QObject>
#include <QSqlDatabase>
#include <QThreadPool>

// The read side of the cache for views. Queries run on the repository's own thread pool, never on the caller's
// thread; each pool thread opens its own named connection the first time it reads and closes it when the pool
// ends. Results come back as QFutures (use a QFutureWatcher or .then(context, …) to get them on the GUI thread).
class Repository final : public QObject
{
    Q_OBJECT
public:
    explicit Repository(DatabaseUrl url, QObject *parent = nullptr);
    ~Repository() override;
    Q_DISABLE_COPY_MOVE(Repository)

    // Every resource with its latest values, ordered by name.
    QFuture<FleetResult> fleet();

    // Runs synchronously on the calling thread with the given connection: the same query fleet() runs.
    static FleetResult readFleet(QSqlDatabase db);

private:
    DatabaseUrl m_url;
    QThreadPool m_pool;
};
