#include "net/httpclient.h"
#include "net/ratelimiter.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QLocale>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <memory>

namespace {

const QByteArray Token = "s3cret-token-0123456789";

// What the scripted server does for one request.
struct Scripted
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    int delayMs = 0; // before anything is sent
    bool silent = false; // accept and never answer
    qint64 announcedLength = -1; // Content-Length to send instead of the real one (truncation)
    bool closeAfter = false; // close the connection once the body went out
    int slowIntervalMs = 0; // send the body one byte per interval
    qint64 hugeBytes = 0; // a generated body of this many bytes
    bool noLength = false; // no Content-Length: the body ends when the connection closes

    static Scripted ok(const QByteArray &body) { return withStatus(200, body); }
    static Scripted withStatus(int status, const QByteArray &body = {})
    {
        Scripted s;
        s.status = status;
        s.body = body;
        return s;
    }
    Scripted &header(const QByteArray &name, const QByteArray &value)
    {
        headers.append({ name, value });
        return *this;
    }
};

// A tiny HTTP/1.1 server on 127.0.0.1 that answers each request with the next scripted response (the last one
// repeats). It lives on the test's thread: the client's local event loop serves it too.
class ScriptedServer : public QObject
{
public:
    explicit ScriptedServer(QList<Scripted> script)
        : m_script(std::move(script))
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                socket->setParent(this);
                auto buffer = std::make_shared<QByteArray>();
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                    *buffer += socket->readAll();
                    qsizetype end;
                    while ((end = buffer->indexOf("\r\n\r\n")) >= 0) {
                        const QByteArray head = buffer->left(end);
                        buffer->remove(0, end + 4);
                        requests.append(head);
                        respond(socket, next());
                    }
                });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
        QVERIFY(m_server.listen(QHostAddress::LocalHost));
    }

    QUrl url(const QString &path = QStringLiteral("/v2/droplets")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    QString hostPort() const { return QStringLiteral("127.0.0.1:%1").arg(m_server.serverPort()); }

    QList<QByteArray> requests;

private:
    Scripted next()
    {
        const Scripted s = m_script.value(qMin<qsizetype>(m_served, m_script.size() - 1));
        ++m_served;
        return s;
    }

    void respond(QTcpSocket *socket, const Scripted &s)
    {
        if (s.silent)
            return;
        QPointer<QTcpSocket> guard(socket);
        const auto send = [this, guard, s] {
            if (!guard)
                return;
            const qint64 length = s.announcedLength >= 0 ? s.announcedLength
                : s.hugeBytes > 0                        ? s.hugeBytes
                                                         : s.body.size();
            QByteArray head = "HTTP/1.1 " + QByteArray::number(s.status) + " Status\r\n";
            head += "Content-Type: application/json\r\n";
            if (!s.noLength)
                head += "Content-Length: " + QByteArray::number(length) + "\r\n";
            if (s.closeAfter || s.noLength)
                head += "Connection: close\r\n";
            for (const auto &[name, value] : s.headers)
                head += name + ": " + value + "\r\n";
            guard->write(head + "\r\n");
            if (s.hugeBytes > 0) {
                streamHuge(guard, s.hugeBytes, s.noLength);
            } else if (s.slowIntervalMs > 0) {
                auto *timer = new QTimer(guard);
                auto sent = std::make_shared<qsizetype>(0);
                QObject::connect(timer, &QTimer::timeout, guard, [guard, timer, sent, body = s.body] {
                    if (*sent >= body.size()) {
                        timer->stop();
                        return;
                    }
                    guard->write(body.mid((*sent)++, 1));
                });
                timer->start(s.slowIntervalMs);
            } else {
                guard->write(s.body);
                if (s.closeAfter)
                    guard->disconnectFromHost();
            }
        };
        if (s.delayMs > 0)
            QTimer::singleShot(s.delayMs, this, send);
        else
            send();
    }

    // Writes a generated body in chunks as the socket drains, so the server does not buffer it all either.
    static void streamHuge(QPointer<QTcpSocket> socket, qint64 total, bool closeAtEnd)
    {
        auto left = std::make_shared<qint64>(total);
        const QByteArray chunk(64 * 1024, 'x');
        const auto pump = [socket, left, chunk, closeAtEnd] {
            if (!socket)
                return;
            while (*left > 0 && socket->bytesToWrite() < 4 * chunk.size()) {
                const qint64 n = qMin<qint64>(*left, chunk.size());
                socket->write(chunk.constData(), n);
                *left -= n;
                if (*left == 0 && closeAtEnd)
                    socket->disconnectFromHost();
            }
        };
        QObject::connect(socket, &QTcpSocket::bytesWritten, socket, pump);
        pump();
    }

    QTcpServer m_server;
    QList<Scripted> m_script;
    int m_served = 0;
};

// A port nobody listens on.
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    return probe.serverPort();
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void okWithBody();
    void sendsHeaders();
    void retriesServerErrors();
    void givesUpAfterMaxRetries();
    void backoffIsJitteredAndCapped();
    void throttledRetryAfter();
    void throttledRatelimitReset();
    void throttledRetryAfterDate();
    void lastThrottleStillBlocks();
    void followsRedirect();
    void noRetryOnClientErrors_data();
    void noRetryOnClientErrors();
    void connectionRefused();
    void connectTimeout();
    void slowBodyTransferTimeout();
    void truncatedBody();
    void compressedBodyIsWhole();
    void hugeBodyAborted();
    void hugeAnnouncedLengthAborted();
    void cancelWhileWaitingForServer();
    void cancelWhileThrottled();
    void learnsMixedCaseRateHeaders();
    void pacesThroughLimiter();

private:
    std::unique_ptr<HttpClient> client(HttpOptions options = {});
    static void verifyNoToken(const HttpResponse &response);

    std::unique_ptr<QNetworkAccessManager> m_network;
    std::unique_ptr<RateLimiter> m_limiter;
    QList<qint64> m_sleeps;
};

void TestHttpClient::init()
{
    m_network = std::make_unique<QNetworkAccessManager>();
    // A proxy from the environment must not sit between the client and the loopback server.
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_limiter = std::make_unique<RateLimiter>(250, 5000);
    m_sleeps.clear();
}

void TestHttpClient::cleanup()
{
    m_network.reset();
    m_limiter.reset();
}

// A client with the test's token whose sleeps are recorded, not slept.
std::unique_ptr<HttpClient> TestHttpClient::client(HttpOptions options)
{
    options.bearerToken = Token;
    auto c = std::make_unique<HttpClient>(m_network.get(), m_limiter.get(), options);
    c->setSleepFunction([this](qint64 ms) { m_sleeps.append(ms); });
    return c;
}

void TestHttpClient::verifyNoToken(const HttpResponse &response)
{
    QVERIFY2(!response.error.contains(QString::fromLatin1(Token)), qPrintable(response.error));
    QVERIFY(!response.error.contains(QLatin1String("Bearer"), Qt::CaseInsensitive));
    QVERIFY(!response.error.contains(QLatin1String("Authorization"), Qt::CaseInsensitive));
}

void TestHttpClient::okWithBody()
{
    ScriptedServer server({ Scripted::ok(R"({"droplets":[]})") });
    auto http = client();
    const HttpResponse r = http->get(server.url());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray(R"({"droplets":[]})"));
    QCOMPARE(r.header("content-type"), QByteArray("application/json"));
    QCOMPARE(http->apiCalls(), 1);
    QCOMPARE(http->retries(), 0);
    QCOMPARE(http->throttled(), 0);
    QCOMPARE(m_limiter->remainingThisHour(QDateTime::currentMSecsSinceEpoch()), 4999);
}

void TestHttpClient::sendsHeaders()
{
    ScriptedServer server({ Scripted::ok("{}") });
    HttpOptions options;
    options.userAgent = "OpsDeck-test/1";
    auto http = client(options);
    QVERIFY(http->get(server.url()).ok());
    QCOMPARE(server.requests.size(), 1);
    const QByteArray head = server.requests.first().toLower();
    QVERIFY(head.startsWith("get /v2/droplets http/1.1"));
    QVERIFY(head.contains(QByteArray("\r\nauthorization: bearer " + Token.toLower() + "\r\n")));
    QVERIFY(head.contains("\r\naccept: application/json"));
    QVERIFY(head.contains("\r\nuser-agent: opsdeck-test/1"));

    // No token, no Authorization header at all.
    ScriptedServer anonymous({ Scripted::ok("{}") });
    HttpClient plain(m_network.get(), m_limiter.get(), HttpOptions {});
    QVERIFY(plain.get(anonymous.url()).ok());
    QVERIFY(!anonymous.requests.first().toLower().contains("authorization"));
}

void TestHttpClient::retriesServerErrors()
{
    ScriptedServer server({ Scripted::withStatus(500), Scripted::withStatus(502), Scripted::ok("[1]") });
    auto http = client();
    const HttpResponse r = http->get(server.url());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.body, QByteArray("[1]"));
    QCOMPARE(http->apiCalls(), 3);
    QCOMPARE(http->retries(), 2);
    QCOMPARE(http->throttled(), 0);
    QVERIFY(m_sleeps.size() <= 2); // at most one backoff per retry (jitter may draw 0); the limiter never held back
}

void TestHttpClient::givesUpAfterMaxRetries()
{
    ScriptedServer server({ Scripted::withStatus(503, R"({"id":"unavailable","message":"Try later"})") });
    HttpOptions options;
    options.maxRetries = 4;
    auto http = client(options);
    const HttpResponse r = http->get(server.url());
    QVERIFY(!r.ok());
    QCOMPARE(r.status, 503);
    QCOMPARE(
        r.error,
        QStringLiteral("gave up after 5 attempts: HTTP 503 from %1/v2/droplets: Try later").arg(server.hostPort()));
    QCOMPARE(http->apiCalls(), 5);
    QCOMPARE(http->retries(), 4);
    QCOMPARE(server.requests.size(), 5);
    verifyNoToken(r);
}

void TestHttpClient::backoffIsJitteredAndCapped()
{
    ScriptedServer server({ Scripted::withStatus(500) });
    HttpOptions options;
    options.maxRetries = 8;
    options.baseBackoffMs = 1000;
    auto http = client(options);
    QVERIFY(!http->get(server.url()).ok());
    QCOMPARE(http->retries(), 8);
    QVERIFY(m_sleeps.size() <= 8); // a jittered wait of 0 ms is no sleep at all
    // Sleep i followed retry i, or a later one when a draw of 0 ms skipped a sleep.
    const int skipped = 8 - int(m_sleeps.size());
    for (int i = 0; i < m_sleeps.size(); ++i) {
        QVERIFY(m_sleeps.at(i) > 0);
        QVERIFY2(m_sleeps.at(i) <= qMin<qint64>(30000, 1000LL << (i + skipped)), qPrintable(QString::number(i)));
    }
}

void TestHttpClient::throttledRetryAfter()
{
    ScriptedServer server(
        { Scripted::withStatus(429, R"({"id":"too_many_requests","message":"Slow down"})").header("Retry-After", "1"),
          Scripted::ok("{}") });
    auto http = client();
    const HttpResponse r = http->get(server.url());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(http->throttled(), 1);
    QCOMPARE(http->retries(), 1);
    QCOMPARE(http->apiCalls(), 2);
    QCOMPARE(m_sleeps.size(), 1);
    QVERIFY2(m_sleeps.first() >= 900 && m_sleeps.first() <= 1000, qPrintable(QString::number(m_sleeps.first())));
}

void TestHttpClient::throttledRatelimitReset()
{
    const qint64 reset = QDateTime::currentSecsSinceEpoch() + 3;
    ScriptedServer server({ Scripted::withStatus(429)
                                .header("RateLimit-Limit", "5000")
                                .header("RateLimit-Remaining", "0")
                                .header("RateLimit-Reset", QByteArray::number(reset)),
                            Scripted::ok("{}") });
    HttpOptions options;
    options.maxRetries = 1;
    auto http = client(options);
    const HttpResponse r = http->get(server.url());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(http->throttled(), 1);
    QCOMPARE(m_sleeps.size(), 1);
    QVERIFY2(m_sleeps.first() >= 1900 && m_sleeps.first() <= 3000, qPrintable(QString::number(m_sleeps.first())));

    // Out of retries, a 429 is reported as such.
    ScriptedServer always({ Scripted::withStatus(429).header("retry-after", "2") });
    auto again = client(options);
    const HttpResponse failed = again->get(always.url());
    QCOMPARE(failed.status, 429);
    QVERIFY2(failed.error.startsWith(QLatin1String("gave up after 2 attempts: HTTP 429 from ")),
             qPrintable(failed.error));
    QCOMPARE(again->throttled(), 2);
}

void TestHttpClient::throttledRetryAfterDate()
{
    // retry-after may also be an HTTP date (RFC 9110).
    const QDateTime at = QDateTime::currentDateTimeUtc().addSecs(5);
    const QByteArray date = QLocale::c().toString(at, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
    ScriptedServer server({ Scripted::withStatus(429).header("Retry-After", date), Scripted::ok("{}") });
    auto http = client();
    QVERIFY(http->get(server.url()).ok());
    QCOMPARE(m_sleeps.size(), 1);
    QVERIFY2(m_sleeps.first() >= 3000 && m_sleeps.first() <= 5000, qPrintable(QString::number(m_sleeps.first())));
}

void TestHttpClient::lastThrottleStillBlocks()
{
    // Out of retries, the 429's wait still holds back the source's next request.
    ScriptedServer server({ Scripted::withStatus(429).header("retry-after", "20") });
    HttpOptions options;
    options.maxRetries = 0;
    auto http = client(options);
    const HttpResponse r = http->get(server.url());
    QCOMPARE(r.status, 429);
    QCOMPARE(r.error, QStringLiteral("HTTP 429 from %1/v2/droplets: Status").arg(server.hostPort()));
    QCOMPARE(http->throttled(), 1);
    QCOMPARE(http->retries(), 0);
    const qint64 delay = m_limiter->delayBeforeNextMs(QDateTime::currentMSecsSinceEpoch());
    QVERIFY2(delay > 15000 && delay <= 20000, qPrintable(QString::number(delay)));
}

void TestHttpClient::followsRedirect()
{
    ScriptedServer server({ Scripted::withStatus(302).header("Location", "/v2/droplets?page=2"), Scripted::ok("[2]") });
    auto http = client();
    const HttpResponse r = http->get(server.url());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.body, QByteArray("[2]"));
    // Qt may resend a request on a fresh connection on its own; what counts is where it ended.
    QVERIFY(server.requests.size() >= 2);
    QVERIFY(server.requests.last().startsWith("GET /v2/droplets?page=2 "));
    QCOMPARE(http->apiCalls(), 1); // Qt follows it within one attempt
}

void TestHttpClient::noRetryOnClientErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("detail");

    QTest::newRow("401 with DO error") << 401
                                       << QByteArray(R"({"id":"unauthorized","message":"Unable to authenticate you"})")
                                       << QStringLiteral(": Unable to authenticate you");
    QTest::newRow("403") << 403 << QByteArray(R"({"id":"forbidden","message":"You do not have access"})")
                         << QStringLiteral(": You do not have access");
    QTest::newRow("404 with DO error")
        << 404 << QByteArray(R"({"id":"not_found","message":"The resource you were accessing could not be found."})")
        << QStringLiteral(": The resource you were accessing could not be found.");
    QTest::newRow("404 plain body") << 404 << QByteArray("nope") << QStringLiteral(": Status");
    QTest::newRow("422") << 422 << QByteArray(R"({"id":"unprocessable_entity","message":"bad host_id"})")
                         << QStringLiteral(": bad host_id");
}

void TestHttpClient::noRetryOnClientErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, detail);
    ScriptedServer server({ Scripted::withStatus(status, body), Scripted::ok("{}") });
    auto http = client();
    const HttpResponse r = http->get(server.url());
    QVERIFY(!r.ok());
    QCOMPARE(r.status, status);
    QCOMPARE(r.body, body);
    QCOMPARE(r.error, QStringLiteral("HTTP %1 from %2/v2/droplets").arg(status).arg(server.hostPort()) + detail);
    QCOMPARE(http->apiCalls(), 1);
    QCOMPARE(http->retries(), 0);
    QVERIFY(m_sleeps.isEmpty());
    verifyNoToken(r);
}

void TestHttpClient::connectionRefused()
{
    const quint16 port = closedPort();
    HttpOptions options;
    options.maxRetries = 2;
    auto http = client(options);
    const HttpResponse r = http->get(QUrl(QStringLiteral("http://127.0.0.1:%1/v2/droplets").arg(port)));
    QVERIFY(!r.ok());
    QCOMPARE(r.status, 0);
    QCOMPARE(r.error, QStringLiteral("gave up after 3 attempts: connection refused by 127.0.0.1:%1").arg(port));
    QCOMPARE(http->apiCalls(), 3);
    QCOMPARE(http->retries(), 2);
    verifyNoToken(r);
}

void TestHttpClient::connectTimeout()
{
    Scripted silent;
    silent.silent = true;
    ScriptedServer server({ silent });
    HttpOptions options;
    options.connectTimeoutMs = 300;
    options.maxRetries = 1;
    auto http = client(options);
    QElapsedTimer timer;
    timer.start();
    const HttpResponse r = http->get(server.url());
    QCOMPARE(r.status, 0);
    QCOMPARE(r.error,
             QStringLiteral("gave up after 2 attempts: timed out after 0.3 s waiting for %1/v2/droplets")
                 .arg(server.hostPort()));
    QCOMPARE(http->apiCalls(), 2);
    QVERIFY(timer.elapsed() >= 550);
    QVERIFY(timer.elapsed() < 3000);
    verifyNoToken(r);
}

void TestHttpClient::slowBodyTransferTimeout()
{
    Scripted slow = Scripted::ok(QByteArray(100, 'a'));
    slow.slowIntervalMs = 200;
    ScriptedServer server({ slow });
    HttpOptions options;
    options.connectTimeoutMs = 2000;
    options.transferTimeoutMs = 800;
    options.maxRetries = 0;
    auto http = client(options);
    QElapsedTimer timer;
    timer.start();
    const HttpResponse r = http->get(server.url());
    QVERIFY(!r.ok());
    QCOMPARE(r.error,
             QStringLiteral("timed out after 0.8 s receiving the response from %1/v2/droplets").arg(server.hostPort()));
    QVERIFY(r.body.isEmpty());
    QVERIFY(timer.elapsed() < 2000);
}

void TestHttpClient::truncatedBody()
{
    Scripted cut = Scripted::ok(QByteArray(10, 'a'));
    cut.announcedLength = 100;
    cut.closeAfter = true;
    ScriptedServer server({ cut });
    HttpOptions options;
    options.maxRetries = 2;
    auto http = client(options);
    const HttpResponse r = http->get(server.url());
    QVERIFY(!r.ok());
    QVERIFY(r.body.isEmpty());
    QVERIFY2(r.error.startsWith(QLatin1String("gave up after 3 attempts: ")), qPrintable(r.error));
    QVERIFY2(r.error.contains(server.hostPort()), qPrintable(r.error));
    QCOMPARE(http->apiCalls(), 3);
    QCOMPARE(http->retries(), 2);

    // The same cut followed by a whole response: the retry fixes it.
    ScriptedServer flaky({ cut, Scripted::ok(QByteArray(100, 'b')) });
    auto again = client(options);
    const HttpResponse fixed = again->get(flaky.url());
    QVERIFY2(fixed.ok(), qPrintable(fixed.error));
    QCOMPARE(fixed.body, QByteArray(100, 'b'));
    QCOMPARE(again->retries(), 1);
}

void TestHttpClient::compressedBodyIsWhole()
{
    // Content-Length counts the compressed bytes; the decompressed body is longer and not "cut short".
    const QByteArray json = R"({"droplets":[)" + QByteArray(5000, ' ') + "]}";
    const QByteArray deflated = qCompress(json).mid(4); // a zlib stream without Qt's length prefix
    ScriptedServer server({ Scripted::ok(deflated).header("Content-Encoding", "deflate") });
    auto http = client();
    const HttpResponse r = http->get(server.url());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.body, json);
}

void TestHttpClient::hugeBodyAborted()
{
    // No Content-Length: only counting the bytes as they arrive can stop it.
    Scripted huge;
    huge.hugeBytes = 10 * 1024 * 1024;
    huge.noLength = true;
    ScriptedServer server({ huge });
    HttpOptions options;
    options.maxBodyBytes = 1024 * 1024;
    auto http = client(options);
    QElapsedTimer timer;
    timer.start();
    const HttpResponse r = http->get(server.url());
    QVERIFY(!r.ok());
    QCOMPARE(r.error, QStringLiteral("response larger than 1 MB from %1/v2/droplets").arg(server.hostPort()));
    QVERIFY(r.body.isEmpty());
    QCOMPARE(http->apiCalls(), 1); // a body that is too large will be as large next time
    QVERIFY(timer.elapsed() < 5000);
}

void TestHttpClient::hugeAnnouncedLengthAborted()
{
    // An announced length over the cap ends the transfer at the headers.
    Scripted huge;
    huge.hugeBytes = 10 * 1024 * 1024;
    ScriptedServer server({ huge });
    HttpOptions options;
    options.maxBodyBytes = 1024 * 1024;
    auto http = client(options);
    const HttpResponse r = http->get(server.url());
    QVERIFY(!r.ok());
    QCOMPARE(r.error, QStringLiteral("response larger than 1 MB from %1/v2/droplets").arg(server.hostPort()));
    QVERIFY(r.body.isEmpty());
    QCOMPARE(http->apiCalls(), 1);
}

void TestHttpClient::cancelWhileWaitingForServer()
{
    Scripted silent;
    silent.silent = true;
    ScriptedServer server({ silent });
    std::atomic_bool cancel = false;
    QTimer::singleShot(200, [&cancel] { cancel = true; });
    auto http = client();
    QElapsedTimer timer;
    timer.start();
    const HttpResponse r = http->get(server.url(), &cancel);
    QVERIFY2(r.error.startsWith(QLatin1String("cancelled")), qPrintable(r.error));
    QVERIFY(!r.ok());
    QVERIFY(timer.elapsed() < 1500);
    QCOMPARE(http->retries(), 0);
}

void TestHttpClient::cancelWhileThrottled()
{
    // The real sleeper: the limiter holds the request back for a minute, cancellation ends the wait.
    ScriptedServer server({ Scripted::ok("{}") });
    m_limiter->blockUntil(QDateTime::currentMSecsSinceEpoch() + 60000);
    HttpOptions options;
    options.bearerToken = Token;
    HttpClient http(m_network.get(), m_limiter.get(), options);
    std::atomic_bool cancel = false;
    QTimer::singleShot(200, [&cancel] { cancel = true; });
    QElapsedTimer timer;
    timer.start();
    const HttpResponse r = http.get(server.url(), &cancel);
    QVERIFY2(r.error.startsWith(QLatin1String("cancelled")), qPrintable(r.error));
    QVERIFY(timer.elapsed() < 1500);
    QCOMPARE(http.apiCalls(), 0);
    QVERIFY(server.requests.isEmpty());

    // Already cancelled: nothing goes out.
    const HttpResponse early = http.get(server.url(), &cancel);
    QVERIFY(early.error.startsWith(QLatin1String("cancelled")));
    QCOMPARE(http.apiCalls(), 0);
}

void TestHttpClient::learnsMixedCaseRateHeaders()
{
    const qint64 reset = QDateTime::currentSecsSinceEpoch() + 30;
    ScriptedServer server({ Scripted::ok("{}")
                                .header("RateLimit-Limit", "5000")
                                .header("RateLimit-Remaining", "0")
                                .header("RateLimit-Reset", QByteArray::number(reset)) });
    auto http = client();
    const HttpResponse r = http->get(server.url());
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.header("ratelimit-remaining"), QByteArray("0"));
    QCOMPARE(r.header("ratelimit-reset"), QByteArray::number(reset));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QVERIFY(m_limiter->delayBeforeNextMs(now) > 25000);
    QCOMPARE(m_limiter->remainingThisHour(now), 0);

    // The next request waits for the reset.
    QVERIFY(http->get(server.url()).ok());
    QCOMPARE(m_sleeps.size(), 1);
    QVERIFY(m_sleeps.first() > 25000);
}

void TestHttpClient::pacesThroughLimiter()
{
    ScriptedServer server({ Scripted::ok("{}") });
    m_limiter = std::make_unique<RateLimiter>(3, 100);
    auto http = client();
    for (int i = 0; i < 3; ++i)
        QVERIFY(http->get(server.url()).ok());
    QVERIFY(m_sleeps.isEmpty());
    QVERIFY(http->get(server.url()).ok());
    QCOMPARE(m_sleeps.size(), 1);
    QVERIFY(m_sleeps.first() > 55000 && m_sleeps.first() <= 60000);
    QCOMPARE(http->apiCalls(), 4);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
