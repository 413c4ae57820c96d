#include "health/healthserver.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace {

using StatusCode = QHttpServerResponder::StatusCode;

constexpr qint64 WindowMs = 60 * 1000;
// A provider that has not answered by then (a database locked by a migration, a hung query) gets the client a
// 503 instead of a connection held open until the client gives up; Prometheus's default scrape timeout is 10 s.
constexpr int ProviderTimeoutMs = 30 * 1000;
// Client windows are swept once this many addresses are tracked, so a scan from many addresses cannot grow the
// table without bound.
constexpr qsizetype SweepThreshold = 4096;

enum class Endpoint { None, Health, Metrics };

Endpoint endpointFor(const QString &path)
{
    if (path == QLatin1String("/health"))
        return Endpoint::Health;
    if (path == QLatin1String("/metrics"))
        return Endpoint::Metrics;
    return Endpoint::None;
}

QString hostPort(const QHostAddress &address, quint16 port)
{
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    return host + QLatin1Char(':') + QString::number(port);
}

HttpReply errorReply(int status, const char *message)
{
    HttpReply reply;
    reply.status = status;
    reply.body = QByteArray("{\"error\":\"") + message + "\"}\n";
    return reply;
}

// Only visible ASCII can travel in an Authorization header as sent by Prometheus, curl and browsers alike; a token
// read from a file with its trailing newline would otherwise be refused on every request without a hint why.
bool isHeaderSafe(const QByteArray &token)
{
    for (const char c : token) {
        if (c < 0x21 || c > 0x7e)
            return false;
    }
    return true;
}

QByteArray digest(const QByteArray &secret)
{
    return QCryptographicHash::hash(secret, QCryptographicHash::Sha256);
}

// Both sides are SHA-256 digests of the same length, so the loop takes the same time wherever they differ and
// nothing about the token's length or prefix leaks through timing.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}

// IPv4 clients of a dual-stack socket show up as ::ffff:a.b.c.d; they are the same client as a.b.c.d.
QString clientKey(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

} // namespace

struct HealthServer::Private
{
    // One request waiting for its provider. The responder writes to a socket the server deletes when the client
    // disconnects, hence the QPointer next to it.
    struct Pending
    {
        explicit Pending(QHttpServerResponder &&r)
            : responder(std::move(r))
            , socket(responder.socket())
        { }
        QHttpServerResponder responder;
        QPointer<QTcpSocket> socket;
        bool head = false;
        bool answered = false;
    };

    void handle(Endpoint endpoint, const QHttpServerRequest &request, QHttpServerResponder &&responder);
    int admit(const QHostAddress &client); // 0, or the seconds to wait
    bool authorized(const QHttpServerRequest &request) const;
    void answerLater(const QFuture<HttpReply> &future, bool head, QHttpServerResponder &&responder);
    void send(QHttpServerResponder &responder, bool head, HttpReply reply,
              const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});

    QHttpServer http;
    QTcpServer *tcp = nullptr; // owned by http once bound
    Options options;
    QByteArray tokenDigest; // SHA-256 of the token; empty when no token is configured
    Provider healthProvider;
    Provider metricsProvider;
    // The provider call still running per endpoint: requests arriving meanwhile wait for it instead of starting
    // another database read each.
    QFuture<HttpReply> healthInFlight;
    QFuture<HttpReply> metricsInFlight;
    QHash<int, qint64> counts;
    QHash<QString, QList<qint64>> windows; // client address → times of its admitted requests in the last minute
    QElapsedTimer clock;
};

void HealthServer::Private::handle(Endpoint endpoint, const QHttpServerRequest &request,
                                   QHttpServerResponder &&responder)
{
    const QHttpServerRequest::Method method = request.method();
    const bool head = method == QHttpServerRequest::Method::Head;

    // Limit before anything else, so failed token guesses count against the client too.
    if (const int retryAfter = admit(request.remoteAddress())) {
        send(responder, head, errorReply(429, "too many requests"),
             { { QByteArrayLiteral("Retry-After"), QByteArray::number(retryAfter) } });
        return;
    }
    // Authentication before routing: without the token a client learns nothing, not even which paths exist.
    if (!authorized(request)) {
        send(responder, head, errorReply(401, "missing or wrong bearer token (send Authorization: Bearer <token>)"),
             { { QByteArrayLiteral("WWW-Authenticate"), QByteArrayLiteral("Bearer realm=\"opsdeck\"") } });
        return;
    }
    if (endpoint == Endpoint::None) {
        send(responder, head, errorReply(404, "not found: try /health or /metrics"));
        return;
    }
    if (method != QHttpServerRequest::Method::Get && !head) {
        send(responder, head, errorReply(405, "method not allowed: use GET or HEAD"),
             { { QByteArrayLiteral("Allow"), QByteArrayLiteral("GET, HEAD") } });
        return;
    }
    const Provider &provider = endpoint == Endpoint::Health ? healthProvider : metricsProvider;
    if (!provider) {
        const char *why = endpoint == Endpoint::Health ? "no health provider is set" : "no metrics provider is set";
        send(responder, head, errorReply(503, why));
        return;
    }
    QFuture<HttpReply> &inFlight = endpoint == Endpoint::Health ? healthInFlight : metricsInFlight;
    if (inFlight.isFinished()) // a default-constructed QFuture counts as finished
        inFlight = provider();
    answerLater(inFlight, head, std::move(responder));
}

int HealthServer::Private::admit(const QHostAddress &client)
{
    const qint64 now = clock.elapsed();
    const qint64 windowStart = now - WindowMs;
    if (windows.size() > SweepThreshold) {
        for (auto it = windows.begin(); it != windows.end();) {
            if (it->isEmpty() || it->last() <= windowStart)
                it = windows.erase(it);
            else
                ++it;
        }
    }
    QList<qint64> &times = windows[clientKey(client)];
    while (!times.isEmpty() && times.first() <= windowStart)
        times.removeFirst();
    if (times.size() >= options.requestsPerMinute) {
        // Refused requests are not recorded: the answer says exactly when the oldest admitted one leaves the window.
        const qint64 waitMs = times.first() + WindowMs - now;
        return int(qMax<qint64>(1, (waitMs + 999) / 1000));
    }
    times.append(now);
    return 0;
}

bool HealthServer::Private::authorized(const QHttpServerRequest &request) const
{
    if (tokenDigest.isEmpty())
        return true;
    const QByteArray header = request.value(QByteArrayLiteral("Authorization")).trimmed();
    const qsizetype space = header.indexOf(' ');
    if (space < 0)
        return false;
    // The scheme is case-insensitive (RFC 7235); the token itself is compared exactly.
    if (header.left(space).toLower() != "bearer")
        return false;
    return constantTimeEquals(digest(header.mid(space + 1).trimmed()), tokenDigest);
}

void HealthServer::Private::answerLater(const QFuture<HttpReply> &future, bool head, QHttpServerResponder &&responder)
{
    auto pending = std::make_shared<Pending>(std::move(responder));
    pending->head = head;
    // Parented to the QHttpServer so that a request still waiting when the server goes away dies with it.
    auto *watcher = new QFutureWatcher<HttpReply>(&http);
    const auto finish = [this, pending, watcher](const HttpReply &reply) {
        if (pending->answered)
            return;
        pending->answered = true;
        watcher->deleteLater();
        if (pending->socket) // else the client hung up while the provider ran
            send(pending->responder, pending->head, reply);
    };
    QObject::connect(watcher, &QFutureWatcherBase::finished, watcher, [watcher, finish] {
        const QFuture<HttpReply> future = watcher->future();
        // A provider that threw or was cancelled (isCanceled() covers both) must still get the client an answer.
        finish(future.isCanceled() || future.resultCount() == 0 ? errorReply(500, "the provider failed")
                                                                : future.result());
    });
    QTimer::singleShot(ProviderTimeoutMs, watcher, [finish] { finish(errorReply(503, "the provider timed out")); });
    watcher->setFuture(future);
}

void HealthServer::Private::send(QHttpServerResponder &responder, bool head, HttpReply reply,
                                 const QList<QPair<QByteArray, QByteArray>> &extraHeaders)
{
    // QtHttpServer 6.4 looks the reason phrase up with std::map::at(): a status it does not know would throw.
    if (!QMetaEnum::fromType<StatusCode>().valueToKey(reply.status)) {
        reply = errorReply(500, "the provider answered with an unknown HTTP status");
    }
    responder.writeStatusLine(StatusCode(reply.status));
    responder.writeHeader(QByteArrayLiteral("Content-Type"), reply.contentType);
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(reply.body.size()));
    // Health and metrics are live values: a proxy or browser cache must never answer for the server.
    responder.writeHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    for (const auto &header : extraHeaders)
        responder.writeHeader(header.first, header.second);
    // HEAD gets the headers GET would get, Content-Length included, and no body.
    responder.writeBody(head ? QByteArray() : reply.body);
    ++counts[reply.status];
}

HealthServer::HealthServer(QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->clock.start();
    d->http.route(QStringLiteral("/health"),
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      d->handle(Endpoint::Health, request, std::move(responder));
                  });
    d->http.route(QStringLiteral("/metrics"),
                  [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                      d->handle(Endpoint::Metrics, request, std::move(responder));
                  });
    // Every other path, and methods the router does not know on the two paths, land here. Without it
    // QtHttpServer 6.4 would answer 404 itself — without Cache-Control, past the token check and the rate limit.
    d->http.setMissingHandler([this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
        d->handle(endpointFor(request.url().path()), request, std::move(responder));
    });
}

HealthServer::~HealthServer() = default;

void HealthServer::setHealthProvider(Provider provider)
{
    d->healthProvider = std::move(provider);
    d->healthInFlight = QFuture<HttpReply>(); // the next request asks the new provider
}

void HealthServer::setMetricsProvider(Provider provider)
{
    d->metricsProvider = std::move(provider);
    d->metricsInFlight = QFuture<HttpReply>();
}

bool HealthServer::listen(const Options &options, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const QString where = QStringLiteral("--listen ") + hostPort(options.address, options.port);
    if (d->tcp)
        return fail(tr("already listening on %1").arg(hostPort(address(), port())));
    if (options.address.isNull())
        return fail(tr("--listen: not an IP address; use HOST:PORT such as 127.0.0.1:9464"));
    if (options.requestsPerMinute < 1)
        return fail(tr("%1: the rate limit must allow at least 1 request per minute (got %2)")
                        .arg(where)
                        .arg(options.requestsPerMinute));
    if (!options.token.isEmpty() && !isHeaderSafe(options.token))
        return fail(tr("%1: the bearer token contains spaces, control or non-ASCII characters, so no client could "
                       "send it; check [listen] token_file or token_env")
                        .arg(where));
    if (options.token.isEmpty() && !isLoopback(options.address))
        return fail(tr("%1 is not a loopback address: clients must send a bearer token; set [listen] token_file or "
                       "token_env in the config")
                        .arg(where));

    // Our own QTcpServer rather than QHttpServer::listen(), which only returns 0 and leaves the cause unknown.
    auto tcp = std::make_unique<QTcpServer>();
    if (!tcp->listen(options.address, options.port)) {
        const QString target = hostPort(options.address, options.port);
        switch (tcp->serverError()) {
        case QAbstractSocket::AddressInUseError:
            return fail(tr("cannot listen on %1: address in use; choose another port with --listen").arg(target));
        case QAbstractSocket::SocketAccessError:
            return fail(tr("cannot listen on %1: permission denied; ports below 1024 need privileges, choose "
                           "another port with --listen")
                            .arg(target));
        case QAbstractSocket::SocketAddressNotAvailableError:
            return fail(tr("cannot listen on %1: the address is not one of this host's; choose another address with "
                           "--listen")
                            .arg(target));
        default:
            return fail(tr("cannot listen on %1: %2").arg(target, tcp->errorString()));
        }
    }
    d->options = options;
    d->tokenDigest = options.token.isEmpty() ? QByteArray() : digest(options.token);
    d->tcp = tcp.release();
    d->tcp->setParent(&d->http);
    d->http.bind(d->tcp);
    return true;
}

quint16 HealthServer::port() const
{
    return d->tcp ? d->tcp->serverPort() : 0;
}

QHostAddress HealthServer::address() const
{
    return d->tcp ? d->tcp->serverAddress() : QHostAddress();
}

bool HealthServer::isLoopback(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4); // also unwraps ::ffff:a.b.c.d
    if (isV4)
        return address.protocol() != QAbstractSocket::AnyIPProtocol && (v4 >> 24) == 127;
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return false;
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    for (int i = 0; i < 15; ++i) {
        if (v6[i] != 0)
            return false;
    }
    return v6[15] == 1;
}

QHash<int, qint64> HealthServer::responseCounts() const
{
    return d->counts;
}
