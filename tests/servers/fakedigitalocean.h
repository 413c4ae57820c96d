#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>

// A local stand-in for the DigitalOcean API v2, for tests and benchmarks: a minimal HTTP/1.1 server (keep-alive)
// on 127.0.0.1 that runs on its own thread, so a blocking client may run on the caller's thread.
//
// It serves a deterministic fleet — droplets, databases (alternately mysql and pg) and apps — through the list
// endpoints (paginated like DigitalOcean: per_page ≤ maxPerPage, links.pages.next pointing at
// api.digitalocean.com, meta.total) and the Monitoring endpoints as Prometheus matrices at 5-minute steps within
// the requested window, up to the server's "now". Droplet CPU is per-mode cumulative counters (summed over vCPUs)
// whose exact busy % per interval is trueCpuPercent(); droplet 0 reboots rebootTs() (counters reset). Memory, disk,
// app and MySQL series likewise have their true values. It requires "Authorization: Bearer <token>", sends
// ratelimit-* headers (in varied letter case), answers 429 (with retry-after unless switched off) beyond the
// per-minute budget, and injects faults per path pattern. GET /v2/account answers the token's account.
class FakeDigitalOcean final
{
public:
    struct Options
    {
        int droplets = 5;
        int databases = 2;
        int apps = 2;
        QByteArray token = "fake-do-token";
        int maxPerPage = 200;
        int requestsPerMinute = 250;
        bool retryAfter = true; // 429s from the budget carry retry-after
        qint64 rebootAgoSeconds = 1800; // droplet 0 reboots this long before start-up; 0 = never
        QString accountEmail = QStringLiteral("ops@example.com"); // GET /v2/account
        QString accountStatus = QStringLiteral("active"); // active | warning | locked
    };

    enum class FaultKind {
        Status, // answer `status` with a DigitalOcean error body (a 429 carries retry-after when retryAfter)
        Delay, // answer normally after delayMs
        SlowBody, // send the normal body one byte every delayMs (default 1000)
        TruncatedBody, // announce the full length, send half, close
        GarbageBody, // 200 with a body that is not JSON
        WrongTypes, // 200 with JSON whose fields have the wrong types
        HugeBody, // 200 announcing and streaming hugeBytes bytes (never held in memory)
        CloseConnection, // close without answering
        EmptyResult, // a matrix without series: a droplet without the monitoring agent
    };

    struct Fault
    {
        QString pattern; // matched as a substring of "path?query"; empty matches every request
        FaultKind kind = FaultKind::Status;
        int status = 500;
        int delayMs = 0;
        int times = -1; // requests it applies to; -1 until clearFaults()
        bool retryAfter = true;
        qint64 hugeBytes = 200LL * 1024 * 1024;
    };

    FakeDigitalOcean();
    explicit FakeDigitalOcean(Options options);
    ~FakeDigitalOcean();
    Q_DISABLE_COPY_MOVE(FakeDigitalOcean)

    // Listens on 127.0.0.1:port (0 = any free port) on the server's thread. False when the port is taken.
    bool start(quint16 port = 0);
    // Stops listening and drops every connection (clients then see "connection refused").
    void stop();
    quint16 port() const;
    QString url() const; // "http://127.0.0.1:PORT"

    void addFault(const Fault &fault);
    void clearFaults();
    void setRequestsPerMinute(int budget);
    void setRetryAfter(bool send);
    // The server's clock: data exists up to real now + offset (negative = the fleet's newest data is older).
    void setClockOffset(qint64 seconds);
    qint64 now() const;
    // From the interval ending at fromTs on, droplet's CPU is busy exactly `percent` % (0–100) instead of its
    // pseudo-random value; later calls win from their own fromTs. The counters stay monotonic, so a client sees a
    // step in the percentage, as after a real incident.
    void setCpuPercent(int droplet, int percent, qint64 fromTs);

    // The fleet.
    const Options &options() const;
    QString dropletId(int index) const;
    QString databaseId(int index) const; // even indexes are mysql, odd pg
    QString appId(int index) const;
    int appComponents(int index) const; // apps with an odd index have two components
    // Busy % of the 5-minute interval ending at ts (a multiple of 300); nullopt for the reboot interval and
    // before the data begins.
    std::optional<double> trueCpuPercent(int droplet, qint64 ts) const;
    double trueMemoryPercent(int droplet, qint64 ts) const;
    double trueDiskPercent(int droplet, qint64 ts) const;
    double trueAppPercent(int app, const QString &metric, qint64 ts) const; // cpu_percentage | memory_percentage
    double trueDatabasePercent(int database, const QString &metric, qint64 ts) const; // cpu_usage | …
    qint64 rebootTs() const; // droplet 0's reboot (its interval is dropped); 0 when none
    qint64 dataStart() const; // the oldest timestamp with data

    // What the server saw.
    int requestCount() const;
    int requestCount(const QString &pathPrefix) const; // requests whose path starts with pathPrefix
    QStringList requests() const; // "path?query" in arrival order
    int maxRequestsPerMinute() const; // most requests received within any 60 s
    int rejectedCount() const; // 429s sent because the budget was spent
    void resetCounters();

private:
    class Private;
    std::unique_ptr<Private> d;
};
