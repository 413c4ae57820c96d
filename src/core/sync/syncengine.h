#pragma once

#include "alerts/alerttransition.h"
#include "config/config.h"
#include "config/databaseurl.h"
#include "syncreport.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QThread>

class SyncWorker;

// Keeps the cache fresh. The work happens on a worker QObject living on the engine's own QThread, with its own
// database connection; this object is the thread-safe face the GUI and the headless runner talk to.
//
// One round syncs the selected sources one after another. Each source is synced under its SyncLock; what it
// collects is committed in one transaction together with its sync_runs row and its persisted state, so a
// crash leaves the last committed state. In scheduled mode every source also syncs on its own interval with a
// little jitter, so many OpsDeck instances never stampede a provider at the same second.
class SyncEngine final : public QObject
{
    Q_OBJECT
public:
    SyncEngine(Config config, DatabaseUrl url, QObject *parent = nullptr);
    ~SyncEngine() override;
    Q_DISABLE_COPY_MOVE(SyncEngine)

    // Starts the worker thread. With `scheduled`, a first round runs at once and each source then repeats on
    // its interval until stop(); without it the engine only syncs when asked.
    void start(bool scheduled);
    // Queues a round of the named sources (all enabled ones when empty). Safe from any thread.
    void syncNow(const QStringList &sources = {});
    // Finishes the source in flight (committed or rolled back, never half-written), then stops the thread.
    void stop();

    // How long a syncer waits for another to release a source before reporting it as locked.
    void setLockWaitMs(int ms);

Q_SIGNALS:
    void sourceStarted(const QString &source);
    // Requests done of those known so far, for sources that make many (a DigitalOcean backfill).
    void sourceProgress(const QString &source, int done, int total);
    void sourceFinished(const SourceRunResult &result);
    void roundFinished(const SyncReport &report);
    // Emitted after a commit that stored new data: views re-read the cache. resourceIds are the resources whose
    // samples were written (empty when only resource facts changed).
    void dataChanged(const QList<qint64> &resourceIds);
    // Emitted after a commit that recorded alert transitions (in time order): one commit is one burst for the
    // notifier. resourceNames maps the resources of the transitions to their names, where the source listed them.
    void alertTransitions(const QList<AlertTransition> &transitions, const QHash<qint64, QString> &resourceNames);
    // The SQLite cache had been found damaged, and another file has taken its place (moved away, a backup
    // restored): the engine opens the new file from its next round on. Readers still hold the old file open.
    void cacheReplaced();
    void stopped();

private:
    QThread m_thread;
    SyncWorker *m_worker = nullptr;
};
