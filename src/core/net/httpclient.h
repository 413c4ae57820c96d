#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QUrl>
#include <atomic>
#include <functional>

class QNetworkAccessManager;
class RateLimiter;

struct HttpResponse
{
    int status = 0; // HTTP status; 0 when no response arrived
    QByteArray body;
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    QString error; // empty on a 2xx; otherwise what went wrong, in plain words (never containing the token)

    bool ok() const { return error.isEmpty() && status >= 200 && status < 300; }
    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
};

struct HttpOptions
{
    int connectTimeoutMs = 10000; // no response headers within this → timeout
    int transferTimeoutMs = 60000; // whole request, body included
    int maxRetries = 4; // on connection errors, timeouts, 5xx and 429
    int baseBackoffMs = 500; // exponential with full jitter: random(0, base·2^attempt), capped at 30 s
    qint64 maxBodyBytes = 64 * 1024 * 1024; // larger responses are aborted
    QByteArray bearerToken; // sent as "Authorization: Bearer …"; never logged or put in an error
    QByteArray userAgent = "OpsDeck";
};

// A blocking HTTP GET for sources, which run on the sync worker thread: it spins a local event loop on that
// thread while the request is in flight, so the thread's QNetworkAccessManager (keep-alive, HTTP/2 where offered)
// is reused across requests. Paces every attempt through the RateLimiter, retries with jittered exponential
// backoff (respecting retry-after and ratelimit-reset on 429), caps the body size, keeps TLS verification on,
// and returns early when *cancel becomes true.
class HttpClient final
{
public:
    HttpClient(QNetworkAccessManager *network, RateLimiter *limiter, HttpOptions options);

    HttpResponse get(const QUrl &url, const std::atomic_bool *cancel = nullptr);

    // Counters for sync_runs: requests sent (every attempt), responses that were 429, retries made.
    int apiCalls() const { return m_apiCalls; }
    int throttled() const { return m_throttled; }
    int retries() const { return m_retries; }

    // For tests: a sleeper that doesn't wait for real. The default spins an event loop on this thread and wakes
    // early on cancellation; a replacement is not told about cancellation.
    void setSleepFunction(std::function<void(qint64 ms)> sleep);

private:
    QNetworkAccessManager *m_network;
    RateLimiter *m_limiter;
    HttpOptions m_options;
    int m_apiCalls = 0;
    int m_throttled = 0;
    int m_retries = 0;
    std::function<void(qint64)> m_sleep;
};
