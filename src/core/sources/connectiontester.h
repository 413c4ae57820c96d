#pragma once

#include "config/config.h"
#include "net/httpclient.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

// What a connection test found, in words for the person who pressed "Test connection".
struct ConnectionTestResult
{
    bool ok = false;
    QString message; // the answer ("Connected as ops@example.com — …") or the cause and the way out
};

// "Test connection" for the Settings dialog: checks one source, or a storage URL, the way a sync would reach it,
// without writing anything, and answers in plain words. Tests run on a thread pool of their own (the GUI thread
// never waits on the network or a database); finished() arrives on this object's thread.
//
//   local          reads /proc/stat, /proc/meminfo and statvfs("/") as the local source does
//   digitalocean   GET {api_url}/v2/account with the source's token (SourceConfig::token, else $token_env):
//                  "Connected as ops@example.com — 4,998 of 5,000 requests left this hour", or what a 401, 403,
//                  429, 5xx, a refused connection or a timeout means and how to fix it
//   prometheus     /api/v1/status/buildinfo, the active targets and how many hosts have node_exporter metrics
//   node_exporter  scrapes every target once: "3 of 3 targets answer"
//   storage        opens the database read-only with its own connection on the test's thread: engine and
//                  version, the OpsDeck schema version and the number of resources; a SQLite file that does not
//                  exist yet is not created, an existing cache is not migrated
//
// HTTP goes through HttpClient (timeouts, a capped body, TLS verification on) with at most one retry, so an answer
// comes within seconds. The token is never part of a message.
class ConnectionTester final : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    // Cancels what still runs; its result is dropped.
    ~ConnectionTester() override;
    Q_DISABLE_COPY_MOVE(ConnectionTester)

    // Start a test and return its id; finished(id, …) follows.
    int testSource(const SourceConfig &source);
    int testStorage(const QString &url);
    // Stops a running test early; finished() still arrives, saying it was cancelled.
    void cancel(int id);
    bool isRunning(int id) const { return m_running.contains(id); }

    // Timeouts and retries for HTTP tests (tests shorten them).
    void setHttpOptions(const HttpOptions &options) { m_httpOptions = options; }
    static HttpOptions defaultHttpOptions();

    // The blocking checks behind testSource()/testStorage(), for any thread.
    static ConnectionTestResult checkSource(const SourceConfig &source, const HttpOptions &options,
                                            const std::atomic_bool *cancel = nullptr);
    static ConnectionTestResult checkStorage(const QString &url, const std::atomic_bool *cancel = nullptr);

signals:
    void finished(int id, bool ok, const QString &message);

private:
    int start(std::function<ConnectionTestResult(const std::atomic_bool *)> check);

    HttpOptions m_httpOptions = defaultHttpOptions();
    int m_nextId = 0;
    QHash<int, std::shared_ptr<std::atomic_bool>> m_running;
};
