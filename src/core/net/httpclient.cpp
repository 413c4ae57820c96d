#include "httpclient.h"

#include "ratelimiter.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSslError>
#include <QTimer>
#include <algorithm>
#include <limits>
#include <utility>

namespace {

constexpr qint64 MaxBackoffMs = 30 * 1000;
// A 429 asking for more than this is treated as this: the limiter's windows never ask for more either.
constexpr qint64 MaxThrottleWaitMs = 60 * 60 * 1000;
constexpr int CancelPollMs = 100;
// Below this a `ratelimit-reset` is a number of seconds from now (IETF draft style), above it an epoch (DO).
constexpr qint64 EpochThresholdSeconds = 1000000000;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

bool isCancelled(const std::atomic_bool *cancel)
{
    return cancel && cancel->load();
}

// Sleeps on the current thread's event loop, so sockets, timers and queued calls of this thread keep flowing;
// wakes early once *cancel becomes true.
void eventLoopSleep(qint64 ms, const std::atomic_bool *cancel)
{
    if (ms <= 0 || isCancelled(cancel))
        return;
    QEventLoop loop;
    QTimer done;
    done.setSingleShot(true);
    done.setTimerType(Qt::PreciseTimer);
    QObject::connect(&done, &QTimer::timeout, &loop, &QEventLoop::quit);
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (isCancelled(cancel))
            loop.quit();
    });
    done.start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
    if (cancel)
        poll.start(CancelPollMs);
    loop.exec();
}

// "api.example.com" or "127.0.0.1:8080": what error texts call the server. Never the user info of the URL.
QString hostName(const QUrl &url)
{
    const QString host = url.host();
    return url.port() == -1 ? host : host + QLatin1Char(':') + QString::number(url.port());
}

QString hostAndPath(const QUrl &url)
{
    return hostName(url) + url.path();
}

QString seconds(qint64 ms)
{
    if (ms % 1000 == 0)
        return QString::number(ms / 1000) + QStringLiteral(" s");
    return QString::number(double(ms) / 1000.0, 'g', 3) + QStringLiteral(" s");
}

QString megabytes(qint64 bytes)
{
    const double mb = double(bytes) / (1024.0 * 1024.0);
    return QString::number(mb, 'g', 3) + QStringLiteral(" MB");
}

// The `message` of a provider error body ({"id": "...", "message": "..."}), else the HTTP reason phrase.
QString errorDetail(const QByteArray &body, const QString &reasonPhrase)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (doc.isObject()) {
        const QString message = doc.object().value(QLatin1String("message")).toString().trimmed();
        if (!message.isEmpty())
            return message.left(300);
    }
    return reasonPhrase.trimmed();
}

// An integer header value, or -1 when absent or not a number.
qint64 headerNumber(const HttpResponse &response, const QByteArray &name)
{
    const QByteArray value = response.header(name).trimmed();
    if (value.isEmpty())
        return -1;
    bool ok = false;
    const qint64 number = value.toLongLong(&ok);
    return ok && number >= 0 ? number : -1;
}

// `ratelimit-reset` as epoch seconds, accepting the delta-seconds form too; -1 when absent.
qint64 resetEpochSeconds(const HttpResponse &response, qint64 now)
{
    const qint64 reset = headerNumber(response, "ratelimit-reset");
    if (reset < 0)
        return -1;
    return reset < EpochThresholdSeconds ? now / 1000 + reset : reset;
}

// How long a 429 asks us to wait, from `retry-after` (seconds or an HTTP date) or `ratelimit-reset`; -1 if neither.
qint64 throttleWaitMs(const HttpResponse &response, qint64 now)
{
    const QByteArray retryAfter = response.header("retry-after").trimmed();
    if (!retryAfter.isEmpty()) {
        bool ok = false;
        const qint64 secs = retryAfter.toLongLong(&ok);
        if (ok && secs >= 0)
            return std::min(secs * 1000, MaxThrottleWaitMs);
        // Qt 6.4 reads RFC 2822 dates but not the "GMT" zone name HTTP dates end with.
        QString date = QString::fromLatin1(retryAfter);
        if (date.endsWith(QLatin1String(" GMT")))
            date = date.chopped(4) + QLatin1String(" +0000");
        const QDateTime at = QDateTime::fromString(date, Qt::RFC2822Date);
        if (at.isValid())
            return std::clamp<qint64>(at.toMSecsSinceEpoch() - now, 0, MaxThrottleWaitMs);
    }
    const qint64 reset = resetEpochSeconds(response, now);
    if (reset >= 0 && reset * 1000 > now)
        return std::min(reset * 1000 - now, MaxThrottleWaitMs);
    return -1;
}

// Connection-level failures that another attempt may well not meet. Content, protocol-operation, TLS and
// redirect errors are not among them: they would fail the same way again.
bool isTransientNetworkError(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::UnknownNetworkError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::UnknownProxyError:
    case QNetworkReply::ProtocolFailure:
        return true;
    default:
        return false;
    }
}

enum class Abort { None, ConnectTimeout, TransferTimeout, TooLarge, Cancelled };

struct Attempt
{
    HttpResponse response;
    bool retryable = false;
    bool cancelled = false;
};

} // namespace

HttpClient::HttpClient(QNetworkAccessManager *network, RateLimiter *limiter, HttpOptions options)
    : m_network(network)
    , m_limiter(limiter)
    , m_options(std::move(options))
{ }

void HttpClient::setSleepFunction(std::function<void(qint64 ms)> sleep)
{
    m_sleep = std::move(sleep);
}

// One attempt: sends the request and spins a local event loop until the reply finished, timed out, grew too
// large or was cancelled.
static Attempt performAttempt(QNetworkAccessManager *network, const QUrl &url, const HttpOptions &options,
                              const std::atomic_bool *cancel)
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    request.setHeader(QNetworkRequest::UserAgentHeader, options.userAgent);
    if (!options.bearerToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + options.bearerToken);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, true);
    // Same origin only: Qt sends the Authorization header on along a redirect, so one to another host or port
    // would hand it the token.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);

    Attempt attempt;
    HttpResponse &response = attempt.response;
    const QString where = hostAndPath(url);
    Abort abort = Abort::None;
    QByteArray body;

    QNetworkReply *reply = network->get(request);
    QEventLoop loop;
    QTimer connectTimer;
    QTimer transferTimer;
    QTimer cancelPoll;
    const auto abortWith = [&](Abort reason) {
        if (abort != Abort::None)
            return;
        abort = reason;
        reply->abort();
    };
    const auto tooLarge = [&](qint64 bytes) { return bytes > options.maxBodyBytes; };

    connectTimer.setSingleShot(true);
    transferTimer.setSingleShot(true);
    QObject::connect(&connectTimer, &QTimer::timeout, &loop, [&] { abortWith(Abort::ConnectTimeout); });
    QObject::connect(&transferTimer, &QTimer::timeout, &loop, [&] { abortWith(Abort::TransferTimeout); });
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (isCancelled(cancel))
            abortWith(Abort::Cancelled);
    });
    QObject::connect(reply, &QNetworkReply::metaDataChanged, &loop, [&] {
        connectTimer.stop();
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (length.isValid() && tooLarge(length.toLongLong()))
            abortWith(Abort::TooLarge);
    });
    // Read as it arrives so the cap holds on what we keep, not only on what the server announced.
    QObject::connect(reply, &QNetworkReply::readyRead, &loop, [&] {
        connectTimer.stop();
        body += reply->readAll();
        if (tooLarge(body.size())) {
            body.clear();
            body.squeeze();
            abortWith(Abort::TooLarge);
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    // Noted for the error text only: nothing ever calls ignoreSslErrors(), so verification cannot be bypassed.
    QStringList tlsErrors;
    QObject::connect(reply, &QNetworkReply::sslErrors, &loop, [&](const QList<QSslError> &errors) {
        for (const QSslError &e : errors)
            tlsErrors << e.errorString();
    });

    connectTimer.start(options.connectTimeoutMs);
    transferTimer.start(options.transferTimeoutMs);
    if (cancel)
        cancelPoll.start(CancelPollMs);
    if (!reply->isFinished())
        loop.exec();

    if (abort == Abort::None && reply->isReadable())
        body += reply->readAll();
    const QNetworkReply::NetworkError networkError = reply->error();
    const QString networkErrorString = reply->errorString();
    const QString reason = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &pair : reply->rawHeaderPairs())
        response.headers.insert(pair.first.toLower(), pair.second);
    const QVariant contentLength = reply->header(QNetworkRequest::ContentLengthHeader);
    delete reply;

    switch (abort) {
    case Abort::Cancelled:
        attempt.cancelled = true;
        response.error = QStringLiteral("cancelled while fetching %1").arg(where);
        return attempt;
    case Abort::ConnectTimeout:
        attempt.retryable = true;
        response.status = 0;
        response.error
            = QStringLiteral("timed out after %1 waiting for %2").arg(seconds(options.connectTimeoutMs), where);
        return attempt;
    case Abort::TransferTimeout:
        attempt.retryable = true;
        response.status = 0;
        response.error = QStringLiteral("timed out after %1 receiving the response from %2")
                             .arg(seconds(options.transferTimeoutMs), where);
        return attempt;
    case Abort::TooLarge:
        response.error = QStringLiteral("response larger than %1 from %2").arg(megabytes(options.maxBodyBytes), where);
        return attempt;
    case Abort::None:
        break;
    }
    response.body = body;

    if (response.status == 0) {
        attempt.retryable = isTransientNetworkError(networkError);
        switch (networkError) {
        case QNetworkReply::ConnectionRefusedError:
            response.error = QStringLiteral("connection refused by %1").arg(hostName(url));
            break;
        case QNetworkReply::HostNotFoundError:
            response.error = QStringLiteral("host not found: %1").arg(url.host());
            break;
        case QNetworkReply::RemoteHostClosedError:
            response.error
                = QStringLiteral("connection closed by %1 before the response to %2 arrived").arg(hostName(url), where);
            break;
        case QNetworkReply::TimeoutError:
            response.error = QStringLiteral("timed out waiting for %1").arg(where);
            break;
        case QNetworkReply::SslHandshakeFailedError:
            response.error = QStringLiteral("TLS handshake with %1 failed (%2). OpsDeck always verifies "
                                            "certificates: if the server uses a private CA, add it to the "
                                            "system's trusted certificates (update-ca-certificates)")
                                 .arg(hostName(url),
                                      tlsErrors.isEmpty() ? networkErrorString : tlsErrors.join(QLatin1String("; ")));
            break;
        default: {
            // Qt's text names the full URL; keep to host and path.
            QString detail = networkErrorString;
            detail.replace(url.toString(), where);
            response.error = QStringLiteral("request to %1 failed: %2").arg(where, detail);
            break;
        }
        }
        return attempt;
    }

    if (response.status >= 200 && response.status < 300) {
        // A body shorter than announced is a connection cut short, whatever Qt made of it. A body Qt decompressed
        // has another length than the Content-Length of the wire, so only an identity body is checked.
        const QByteArray encoding = response.header("content-encoding").trimmed().toLower();
        const bool identity = encoding.isEmpty() || encoding == "identity";
        if (identity && contentLength.isValid() && contentLength.toLongLong() > response.body.size()) {
            attempt.retryable = true;
            response.error = QStringLiteral("response from %1 cut short: %2 of %3 bytes received")
                                 .arg(where)
                                 .arg(response.body.size())
                                 .arg(contentLength.toLongLong());
            response.body.clear();
        } else if (networkError != QNetworkReply::NoError) {
            attempt.retryable = isTransientNetworkError(networkError);
            response.error = QStringLiteral("response from %1 incomplete: %2").arg(where, networkErrorString);
            response.error.replace(url.toString(), where);
        }
        return attempt;
    }

    if (response.status >= 300 && response.status < 400) {
        // Only a redirect the policy refused gets here.
        const QUrl location = url.resolved(QUrl::fromEncoded(response.header("location")));
        response.error = QStringLiteral("%1 redirects to %2://%3, another origin, which OpsDeck does not follow (the "
                                        "token would go with it); point the URL at where it redirects")
                             .arg(where, location.scheme(), hostAndPath(location));
        return attempt;
    }
    attempt.retryable = response.status == 429 || response.status >= 500;
    const QString detail = errorDetail(response.body, reason);
    response.error = QStringLiteral("HTTP %1 from %2").arg(response.status).arg(where);
    if (!detail.isEmpty())
        response.error += QStringLiteral(": ") + detail;
    return attempt;
}

HttpResponse HttpClient::get(const QUrl &url, const std::atomic_bool *cancel)
{
    const auto sleep = [&](qint64 ms) {
        if (ms <= 0)
            return;
        if (m_sleep)
            m_sleep(ms);
        else
            eventLoopSleep(ms, cancel);
    };
    const auto cancelled = [&] {
        HttpResponse response;
        response.error = QStringLiteral("cancelled while fetching %1").arg(hostAndPath(url));
        return response;
    };

    HttpResponse response;
    for (int attempt = 0;; ++attempt) {
        if (isCancelled(cancel))
            return cancelled();
        if (m_limiter)
            sleep(m_limiter->delayBeforeNextMs(nowMs()));
        if (isCancelled(cancel))
            return cancelled();
        if (m_limiter)
            m_limiter->recordRequest(nowMs());
        ++m_apiCalls;

        Attempt result = performAttempt(m_network, url, m_options, cancel);
        response = std::move(result.response);
        const qint64 now = nowMs();
        if (m_limiter)
            m_limiter->learn(now, headerNumber(response, "ratelimit-remaining"), resetEpochSeconds(response, now));
        // A 429's wait binds every later request of the source, even when this one is not retried.
        qint64 throttleWait = -1;
        if (response.status == 429) {
            ++m_throttled;
            throttleWait = throttleWaitMs(response, now);
            if (m_limiter && throttleWait > 0)
                m_limiter->blockUntil(now + throttleWait);
        }
        if (result.cancelled || !result.retryable)
            break;
        if (attempt >= m_options.maxRetries) {
            if (attempt > 0)
                response.error = QStringLiteral("gave up after %1 attempts: %2").arg(attempt + 1).arg(response.error);
            break;
        }

        ++m_retries;
        if (throttleWait >= 0 && m_limiter)
            continue; // the limiter holds the next attempt back; the pacing above waits
        if (throttleWait >= 0) {
            sleep(throttleWait);
            continue;
        }
        // Full jitter keeps many clients that failed together from retrying together.
        const qint64 ceiling = std::min<qint64>(MaxBackoffMs, qint64(m_options.baseBackoffMs) << std::min(attempt, 20));
        sleep(QRandomGenerator::global()->bounded(ceiling + 1));
    }

    if (!m_options.bearerToken.isEmpty() && response.error.contains(QString::fromLatin1(m_options.bearerToken)))
        response.error.replace(QString::fromLatin1(m_options.bearerToken), QStringLiteral("***"));
    return response;
}
