#pragma once

#include <QByteArray>
#include <QFuture>
#include <QHash>
#include <QHostAddress>
#include <QObject>
#include <functional>
#include <memory>

class QHttpServer;

// What an endpoint answers: status code, content type and body.
struct HttpReply
{
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
};

// The HTTP face of `opsdeck --sync --watch --listen HOST:PORT`: GET /health (JSON) and GET /metrics (Prometheus
// text), on QtHttpServer.
//
// - Loopback by default. Binding any other address needs a bearer token: listen() refuses to start without one,
//   and every request must then carry "Authorization: Bearer <token>" or gets 401 (compared in constant time).
//   On loopback a token, when configured, is required as well.
// - Each client address may make requestsPerMinute requests per sliding minute; beyond that 429 with
//   Retry-After. A burst from one client never starves the others.
// - Only GET (and HEAD) on the two paths; anything else is 404 or 405. Bodies come from the providers, which
//   run asynchronously (a QFuture), so a slow database read never blocks the event loop.
// - Never echoes the token, the Authorization header or anything else from a request in a reply or a log.
//
// Order of the checks: rate limit (so token guesses are throttled too), token (so unauthenticated clients learn
// nothing about paths), path (404), method (405 with Allow), provider. Every answer, errors included, carries
// Cache-Control: no-store and Content-Length; errors have a short JSON body {"error": "…"}. Requests for an
// endpoint arriving while its provider still runs share that call. A provider without an answer after 30 s gets
// the client a 503; one whose future is cancelled, holds an exception or finishes without a result gets a 500, as
// does a status QtHttpServer cannot write. A client that hangs up while its provider runs is simply not answered.
// Pipelined requests on one connection may be answered out of order (QtHttpServer 6.4 has no queue for
// asynchronous answers); Prometheus, curl and QNetworkAccessManager do not pipeline.
class HealthServer final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QHostAddress address = QHostAddress::LocalHost;
        quint16 port = 9464; // 0 = any free port
        QByteArray token; // empty: no token (allowed on loopback only)
        int requestsPerMinute = 120; // per client address
    };
    // Called on the server's thread for each request that gets this far; should only start the work (e.g.
    // QtConcurrent::run) and return its future.
    using Provider = std::function<QFuture<HttpReply>()>;

    explicit HealthServer(QObject *parent = nullptr);
    ~HealthServer() override;
    Q_DISABLE_COPY_MOVE(HealthServer)

    void setHealthProvider(Provider provider);
    void setMetricsProvider(Provider provider);

    // Starts listening. False: *error says why (address in use, non-loopback without a token, a token no client
    // could send, requestsPerMinute < 1, already listening, …) and how to fix it; the server can then try again.
    bool listen(const Options &options, QString *error);
    quint16 port() const; // the bound port, once listening
    QHostAddress address() const;

    // 127.0.0.0/8, ::1 and IPv4-mapped ::ffff:127.x.y.z; not the wildcard addresses.
    static bool isLoopback(const QHostAddress &address);

    // Requests answered so far, by status code (for tests and /metrics); a client that hung up is not counted.
    QHash<int, qint64> responseCounts() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};
