#include "health/healthserver.h"
#include "health/prometheustext.h"

#include "localserversupport.h"
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QtConcurrent>

#include <memory>

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

const QByteArray Token = QByteArrayLiteral("s3cr3t-Token_0123456789abcdef");
const QByteArray HealthBody = QByteArrayLiteral("{\"status\":\"ok\",\"sources\":2}");
const QByteArray MetricsBody = QByteArrayLiteral("# TYPE opsdeck_up gauge\nopsdeck_up 1\n");

struct HttpResponse
{
    int status = 0;
    QByteArray raw; // everything the server sent, headers included
    Headers headers;
    QByteArray body;

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &header : headers) {
            if (header.first.compare(name, Qt::CaseInsensitive) == 0)
                return header.second;
        }
        return QByteArray();
    }
};

// HTTP/1.1 over a plain QTcpSocket, so a test sees exactly what went over the wire (status line, every header,
// a HEAD without body) and can pick the client's source address. Runs on the test's event loop, like the server.
class RawClient
{
public:
    RawClient(quint16 port, const QByteArray &method, const QByteArray &path, const Headers &headers = {},
              const QHostAddress &from = QHostAddress(), const QHostAddress &to = QHostAddress::LocalHost)
        : m_head(method == "HEAD")
    {
        if (!from.isNull())
            m_socket.bind(from);
        m_socket.connectToHost(to, port);
        QByteArray request = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
            + "\r\nConnection: close\r\n";
        for (const auto &header : headers)
            request += header.first + ": " + header.second + "\r\n";
        m_socket.write(request + "\r\n");
    }

    bool isDone()
    {
        if (m_done)
            return true;
        m_response.raw += m_socket.readAll();
        const qsizetype end = m_response.raw.indexOf("\r\n\r\n");
        if (end < 0) {
            m_done = m_socket.state() == QAbstractSocket::UnconnectedState; // closed without an answer
            return m_done;
        }
        const QList<QByteArray> lines = m_response.raw.left(end).split('\n');
        m_response.headers.clear();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            m_response.headers.append({ line.left(colon).trimmed(), line.mid(colon + 1).trimmed() });
        }
        const QList<QByteArray> status = lines.first().split(' ');
        m_response.status = status.size() > 1 ? status.at(1).toInt() : -1;
        m_response.body = m_response.raw.mid(end + 4);
        const qsizetype length = m_response.header("Content-Length").toLongLong();
        m_done = m_head || m_response.body.size() >= length;
        return m_done;
    }

    HttpResponse wait(int timeoutMs = 5000)
    {
        if (!QTest::qWaitFor([this] { return isDone(); }, timeoutMs))
            qWarning("no complete answer within %d ms", timeoutMs);
        return m_response;
    }

    // Whatever arrived after the response was complete (nothing, if the server got Content-Length right).
    QByteArray extra() { return m_socket.readAll(); }
    void abort() { m_socket.abort(); }

private:
    QTcpSocket m_socket;
    HttpResponse m_response;
    bool m_head = false;
    bool m_done = false;
};

HttpResponse request(quint16 port, const QByteArray &method, const QByteArray &path, const Headers &headers = {},
                     const QHostAddress &from = QHostAddress(), const QHostAddress &to = QHostAddress::LocalHost)
{
    return RawClient(port, method, path, headers, from, to).wait();
}

Headers bearer(const QByteArray &token)
{
    return { { QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token } };
}

HttpReply reply(const QByteArray &contentType, const QByteArray &body, int status = 200)
{
    HttpReply r;
    r.status = status;
    r.contentType = contentType;
    r.body = body;
    return r;
}

// /health answers at once, /metrics from a worker thread, like the real providers reading the database.
void setProviders(HealthServer &server)
{
    server.setHealthProvider(
        [] { return QtFuture::makeReadyFuture(reply(QByteArrayLiteral("application/json"), HealthBody)); });
    server.setMetricsProvider(
        [] { return QtConcurrent::run([] { return reply(PrometheusText::ContentType, MetricsBody); }); });
}

HealthServer::Options loopbackOptions(const QByteArray &token = {}, int requestsPerMinute = 120)
{
    HealthServer::Options options;
    options.address = QHostAddress::LocalHost;
    options.port = 0;
    options.token = token;
    options.requestsPerMinute = requestsPerMinute;
    return options;
}

} // namespace

class TestHealthServer : public QObject
{
    Q_OBJECT

private slots:
    void isLoopback_data();
    void isLoopback();
    void endpoints_data();
    void endpoints();
    void standardClient();
    void head();
    void routing_data();
    void routing();
    void noProvider_data();
    void noProvider();
    void token_data();
    void token();
    void tokenNeverEchoed();
    void nonLoopbackNeedsToken_data();
    void nonLoopbackNeedsToken();
    void rateLimit();
    void tokenGuessesAreRateLimited();
    void addressInUse();
    void invalidOptions_data();
    void invalidOptions();
    void slowProviderDoesNotBlock();
    void providerFailures_data();
    void providerFailures();
    void concurrentRequestsShareOneProviderCall();
    void clientHangsUpWhileProviderRuns();
    void destroyedWhileProviderRuns();
    void responseCounts();

private:
    std::unique_ptr<HealthServer> start(const HealthServer::Options &options)
    {
        auto server = std::make_unique<HealthServer>();
        setProviders(*server);
        QString error;
        if (!server->listen(options, &error)) {
            qWarning("listen failed: %s", qPrintable(error));
            return nullptr;
        }
        return server;
    }
};

void TestHealthServer::isLoopback_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::addColumn<bool>("loopback");

    QTest::newRow("127.0.0.1") << QHostAddress(QStringLiteral("127.0.0.1")) << true;
    QTest::newRow("127.255.255.254") << QHostAddress(QStringLiteral("127.255.255.254")) << true;
    QTest::newRow("127.0.0.2") << QHostAddress(QStringLiteral("127.0.0.2")) << true;
    QTest::newRow("::1") << QHostAddress(QStringLiteral("::1")) << true;
    QTest::newRow("::ffff:127.0.0.1") << QHostAddress(QStringLiteral("::ffff:127.0.0.1")) << true;
    QTest::newRow("LocalHost") << QHostAddress(QHostAddress::LocalHost) << true;
    QTest::newRow("LocalHostIPv6") << QHostAddress(QHostAddress::LocalHostIPv6) << true;
    QTest::newRow("0.0.0.0") << QHostAddress(QStringLiteral("0.0.0.0")) << false;
    QTest::newRow("::") << QHostAddress(QStringLiteral("::")) << false;
    QTest::newRow("Any") << QHostAddress(QHostAddress::Any) << false;
    QTest::newRow("AnyIPv4") << QHostAddress(QHostAddress::AnyIPv4) << false;
    QTest::newRow("AnyIPv6") << QHostAddress(QHostAddress::AnyIPv6) << false;
    QTest::newRow("128.0.0.1") << QHostAddress(QStringLiteral("128.0.0.1")) << false;
    QTest::newRow("126.255.255.255") << QHostAddress(QStringLiteral("126.255.255.255")) << false;
    QTest::newRow("10.0.0.1") << QHostAddress(QStringLiteral("10.0.0.1")) << false;
    QTest::newRow("192.168.1.10") << QHostAddress(QStringLiteral("192.168.1.10")) << false;
    QTest::newRow("::ffff:10.0.0.1") << QHostAddress(QStringLiteral("::ffff:10.0.0.1")) << false;
    QTest::newRow("::2") << QHostAddress(QStringLiteral("::2")) << false;
    QTest::newRow("::1:0:0:1") << QHostAddress(QStringLiteral("::1:0:0:1")) << false;
    QTest::newRow("fe80::1") << QHostAddress(QStringLiteral("fe80::1")) << false;
    QTest::newRow("2001:db8::1") << QHostAddress(QStringLiteral("2001:db8::1")) << false;
    QTest::newRow("null") << QHostAddress() << false;
}

void TestHealthServer::isLoopback()
{
    QFETCH(QHostAddress, address);
    QFETCH(bool, loopback);
    QCOMPARE(HealthServer::isLoopback(address), loopback);
}

void TestHealthServer::endpoints_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");

    QTest::newRow("health") << QByteArray("/health") << QByteArray("application/json") << HealthBody;
    QTest::newRow("metrics") << QByteArray("/metrics") << QByteArray(PrometheusText::ContentType) << MetricsBody;
    QTest::newRow("query string ignored")
        << QByteArray("/metrics?name[]=up") << QByteArray(PrometheusText::ContentType) << MetricsBody;
}

void TestHealthServer::endpoints()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);

    const auto server = start(loopbackOptions());
    QVERIFY(server);
    QVERIFY(server->port() != 0);
    QCOMPARE(server->address(), QHostAddress(QHostAddress::LocalHost));

    const HttpResponse response = request(server->port(), "GET", path);
    QCOMPARE(response.status, 200);
    QCOMPARE(response.body, body);
    QCOMPARE(response.header("Content-Type"), contentType);
    QCOMPARE(response.header("Content-Length"), QByteArray::number(body.size()));
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
}

// What a browser, curl or Prometheus sees: QNetworkAccessManager, with its own connection handling, gets the same.
void TestHealthServer::standardClient()
{
    const auto server = start(loopbackOptions(Token));
    QVERIFY(server);
    QNetworkAccessManager network;
    for (const char *path : { "/health", "/metrics", "/health" }) {
        QNetworkRequest get(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->port()) + QLatin1String(path)));
        get.setRawHeader("Authorization", "Bearer " + Token);
        get.setTransferTimeout(5000);
        QNetworkReply *reply = network.get(get);
        QVERIFY(QTest::qWaitFor([reply] { return reply->isFinished(); }, 5000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->readAll(), qstrcmp(path, "/health") == 0 ? HealthBody : MetricsBody);
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                 qstrcmp(path, "/health") == 0 ? QByteArray("application/json")
                                               : QByteArray(PrometheusText::ContentType));
        reply->deleteLater();
    }
}

// HEAD gets GET's headers, Content-Length included, and not one byte of body.
void TestHealthServer::head()
{
    const auto server = start(loopbackOptions());
    QVERIFY(server);
    RawClient client(server->port(), "HEAD", "/metrics");
    HttpResponse response = client.wait();
    QCOMPARE(response.status, 200);
    QCOMPARE(response.header("Content-Length"), QByteArray::number(MetricsBody.size()));
    QCOMPARE(response.header("Content-Type"), QByteArray(PrometheusText::ContentType));
    QCOMPARE(response.body, QByteArray());
    QTest::qWait(200);
    QCOMPARE(client.extra(), QByteArray());
}

void TestHealthServer::routing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");

    QTest::newRow("GET /health") << QByteArray("GET") << QByteArray("/health") << 200;
    QTest::newRow("HEAD /health") << QByteArray("HEAD") << QByteArray("/health") << 200;
    QTest::newRow("GET /") << QByteArray("GET") << QByteArray("/") << 404;
    QTest::newRow("GET /healthz") << QByteArray("GET") << QByteArray("/healthz") << 404;
    QTest::newRow("GET /health/") << QByteArray("GET") << QByteArray("/health/") << 404;
    QTest::newRow("GET /HEALTH") << QByteArray("GET") << QByteArray("/HEALTH") << 404;
    QTest::newRow("GET /metrics/x") << QByteArray("GET") << QByteArray("/metrics/x") << 404;
    QTest::newRow("GET /favicon.ico") << QByteArray("GET") << QByteArray("/favicon.ico") << 404;
    QTest::newRow("GET /../health") << QByteArray("GET") << QByteArray("/static/../nope") << 404;
    QTest::newRow("HEAD /nope") << QByteArray("HEAD") << QByteArray("/nope") << 404;
    QTest::newRow("POST /nope") << QByteArray("POST") << QByteArray("/nope") << 404;
    QTest::newRow("POST /health") << QByteArray("POST") << QByteArray("/health") << 405;
    QTest::newRow("PUT /metrics") << QByteArray("PUT") << QByteArray("/metrics") << 405;
    QTest::newRow("DELETE /health") << QByteArray("DELETE") << QByteArray("/health") << 405;
    QTest::newRow("PATCH /metrics") << QByteArray("PATCH") << QByteArray("/metrics") << 405;
    QTest::newRow("OPTIONS /health") << QByteArray("OPTIONS") << QByteArray("/health") << 405;
}

void TestHealthServer::routing()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(int, status);

    const auto server = start(loopbackOptions());
    QVERIFY(server);
    const HttpResponse response
        = request(server->port(), method, path, { { QByteArrayLiteral("Content-Length"), QByteArrayLiteral("0") } });
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
    if (status == 405)
        QCOMPARE(response.header("Allow"), QByteArray("GET, HEAD"));
    if (status == 404) {
        QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
        if (method != "HEAD")
            QVERIFY(response.body.contains("\"error\""));
        QVERIFY2(!response.raw.contains(path.mid(1)) || path == "/", response.raw.constData()); // no echo
    }
    QCOMPARE(server->responseCounts().value(status), qint64(1));
}

void TestHealthServer::noProvider_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("health") << QByteArray("/health") << QByteArray("no health provider");
    QTest::newRow("metrics") << QByteArray("/metrics") << QByteArray("no metrics provider");
}

void TestHealthServer::noProvider()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, message);

    HealthServer server;
    QString error;
    QVERIFY2(server.listen(loopbackOptions(), &error), qPrintable(error));
    const HttpResponse response = request(server.port(), "GET", path);
    QCOMPARE(response.status, 503);
    QCOMPARE(response.header("Content-Type"), QByteArray("application/json"));
    QVERIFY2(response.body.startsWith("{\"error\":") && response.body.contains(message), response.body.constData());
}

void TestHealthServer::token_data()
{
    QTest::addColumn<Headers>("headers");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");

    const QByteArray auth = QByteArrayLiteral("Authorization");
    QTest::newRow("no header") << Headers() << QByteArray("/health") << 401;
    QTest::newRow("right token") << bearer(Token) << QByteArray("/health") << 200;
    QTest::newRow("right token, metrics") << bearer(Token) << QByteArray("/metrics") << 200;
    QTest::newRow("scheme in lower case") << Headers { { auth, "bearer " + Token } } << QByteArray("/health") << 200;
    QTest::newRow("header name in lower case")
        << Headers { { QByteArrayLiteral("authorization"), "Bearer " + Token } } << QByteArray("/health") << 200;
    QTest::newRow("wrong token") << bearer("wrong") << QByteArray("/health") << 401;
    QTest::newRow("token prefix") << bearer(Token.chopped(1)) << QByteArray("/health") << 401;
    QTest::newRow("token plus a character") << bearer(Token + 'x') << QByteArray("/health") << 401;
    QTest::newRow("token in other case") << bearer(Token.toUpper()) << QByteArray("/health") << 401;
    QTest::newRow("empty token") << bearer(QByteArray()) << QByteArray("/health") << 401;
    QTest::newRow("scheme only") << Headers { { auth, "Bearer" } } << QByteArray("/health") << 401;
    QTest::newRow("token without scheme") << Headers { { auth, Token } } << QByteArray("/health") << 401;
    QTest::newRow("basic auth") << Headers { { auth, "Basic " + QByteArray("opsdeck:" + Token).toBase64() } }
                                << QByteArray("/health") << 401;
    QTest::newRow("token in another header")
        << Headers { { QByteArrayLiteral("X-Token"), Token } } << QByteArray("/metrics") << 401;
    // Before routing: without the token nobody learns which paths exist or which methods they take.
    QTest::newRow("unknown path, no token") << Headers() << QByteArray("/secret") << 401;
    QTest::newRow("unknown path, token") << bearer(Token) << QByteArray("/secret") << 404;
}

void TestHealthServer::token()
{
    QFETCH(Headers, headers);
    QFETCH(QByteArray, path);
    QFETCH(int, status);

    const auto server = start(loopbackOptions(Token));
    QVERIFY(server);
    const HttpResponse response = request(server->port(), "GET", path, headers);
    QCOMPARE(response.status, status);
    QCOMPARE(response.header("Cache-Control"), QByteArray("no-store"));
    if (status == 401) {
        QVERIFY2(response.header("WWW-Authenticate").startsWith("Bearer"), response.raw.constData());
        QVERIFY2(response.body.contains("bearer token"), response.body.constData());
        QVERIFY2(!response.raw.contains(Token), response.raw.constData());
        QVERIFY2(!response.raw.contains(Token.left(8)), response.raw.constData());
    }
}

// Whatever a client sends — the right token, a wrong one, either in the path — no answer repeats it.
void TestHealthServer::tokenNeverEchoed()
{
    const auto server = start(loopbackOptions(Token, 6));
    QVERIFY(server);
    const QByteArray wrong = QByteArrayLiteral("wrong-guess-abcdefghijklmnop");
    const QList<HttpResponse> responses = {
        request(server->port(), "GET", "/" + Token, bearer(Token)), // 404
        request(server->port(), "POST", "/health?t=" + Token, bearer(Token)), // 405
        request(server->port(), "GET", "/health", bearer(wrong)), // 401
        request(server->port(), "GET", "/" + wrong, bearer(wrong)), // 401
        request(server->port(), "GET", "/health", bearer(Token)), // 200
        request(server->port(), "GET", "/metrics", bearer(Token)), // 200
        request(server->port(), "GET", "/health", bearer(Token)), // 429
    };
    QList<int> statuses;
    for (const HttpResponse &response : responses) {
        statuses << response.status;
        QVERIFY2(!response.raw.contains(Token), response.raw.constData());
        QVERIFY2(!response.raw.contains(wrong), response.raw.constData());
    }
    QCOMPARE(statuses, QList<int>({ 404, 405, 401, 401, 200, 200, 429 }));
}

void TestHealthServer::nonLoopbackNeedsToken_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QHostAddress>("client"); // the loopback address the test connects to
    QTest::newRow("0.0.0.0") << QHostAddress(QHostAddress::AnyIPv4) << QStringLiteral("0.0.0.0")
                             << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("::") << QHostAddress(QHostAddress::AnyIPv6) << QStringLiteral("[::]")
                        << QHostAddress(QHostAddress::LocalHostIPv6);
    QTest::newRow("Any") << QHostAddress(QHostAddress::Any) << QStringLiteral("0.0.0.0")
                         << QHostAddress(QHostAddress::LocalHost);
}

// Listening beyond loopback without a token is refused with the cause and the fix; with one it works, and the
// token is then required from loopback clients as well.
void TestHealthServer::nonLoopbackNeedsToken()
{
    QFETCH(QHostAddress, address);
    QFETCH(QString, shown);
    QFETCH(QHostAddress, client);

    HealthServer::Options options;
    options.address = address;
    options.port = 9464;
    {
        HealthServer server;
        QString error;
        QVERIFY(!server.listen(options, &error));
        QCOMPARE(error,
                 QStringLiteral("--listen %1:9464 is not a loopback address: clients must send a bearer token; set "
                                "[listen] token_file or token_env in the config")
                     .arg(shown));
        QCOMPARE(server.port(), quint16(0));
    }

    options.port = 0;
    options.token = Token;
    const auto server = start(options);
    QVERIFY(server);
    QVERIFY(server->port() != 0);
    QCOMPARE(server->address(), address);
    QCOMPARE(request(server->port(), "GET", "/health", {}, {}, client).status, 401);
    QCOMPARE(request(server->port(), "GET", "/health", bearer("nope"), {}, client).status, 401);
    const HttpResponse ok = request(server->port(), "GET", "/health", bearer(Token), {}, client);
    QCOMPARE(ok.status, 200);
    QCOMPARE(ok.body, HealthBody);
}

// Five requests a minute: the sixth waits, told for how long; a client at another address is not held up.
void TestHealthServer::rateLimit()
{
    const auto server = start(loopbackOptions({}, 5));
    QVERIFY(server);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(request(server->port(), "GET", i % 2 ? "/metrics" : "/health").status, 200);

    const HttpResponse limited = request(server->port(), "GET", "/health");
    QCOMPARE(limited.status, 429);
    bool ok = false;
    const int retryAfter = limited.header("Retry-After").toInt(&ok);
    QVERIFY2(ok && retryAfter >= 50 && retryAfter <= 60, limited.raw.constData());
    QCOMPARE(limited.header("Cache-Control"), QByteArray("no-store"));
    QVERIFY(limited.body.contains("too many requests"));
    QCOMPARE(request(server->port(), "GET", "/metrics").status, 429); // refused ones do not reset anything

    const QHostAddress other(QStringLiteral("127.0.0.2"));
    const HttpResponse fromOther = request(server->port(), "GET", "/health", {}, other);
    QCOMPARE(fromOther.status, 200);
    QCOMPARE(fromOther.body, HealthBody);

    const QHash<int, qint64> counts = server->responseCounts();
    QCOMPARE(counts.value(200), qint64(6));
    QCOMPARE(counts.value(429), qint64(2));
}

// The limit applies before the token check, so guessing the token is throttled like anything else.
void TestHealthServer::tokenGuessesAreRateLimited()
{
    const auto server = start(loopbackOptions(Token, 3));
    QVERIFY(server);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(request(server->port(), "GET", "/health", bearer("guess" + QByteArray::number(i))).status, 401);
    QCOMPARE(request(server->port(), "GET", "/health", bearer("guess3")).status, 429);
    QCOMPARE(request(server->port(), "GET", "/health", bearer(Token)).status, 429);
}

void TestHealthServer::addressInUse()
{
    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    const quint16 taken = blocker.serverPort();

    HealthServer::Options options = loopbackOptions();
    options.port = taken;
    HealthServer server;
    setProviders(server);
    QString error;
    QVERIFY(!server.listen(options, &error));
    QCOMPARE(
        error,
        QStringLiteral("cannot listen on 127.0.0.1:%1: address in use; choose another port with --listen").arg(taken));
    QCOMPARE(server.port(), quint16(0));

    // The same server can still listen elsewhere after the failure.
    QVERIFY2(server.listen(loopbackOptions(), &error), qPrintable(error));
    QCOMPARE(request(server.port(), "GET", "/health").status, 200);

    // And a second server on the first one's port is refused the same way.
    HealthServer second;
    options.port = server.port();
    QVERIFY(!second.listen(options, &error));
    QVERIFY2(error.contains(QLatin1String("address in use")), qPrintable(error));
}

void TestHealthServer::invalidOptions_data()
{
    QTest::addColumn<HealthServer::Options>("options");
    QTest::addColumn<QString>("message");

    HealthServer::Options options = loopbackOptions();
    options.requestsPerMinute = 0;
    QTest::newRow("no requests allowed") << options << QStringLiteral("at least 1 request per minute");
    options = loopbackOptions("Xq7-newline\n");
    QTest::newRow("trailing newline") << options << QStringLiteral("token_file or token_env");
    options = loopbackOptions("Xq7 with space");
    QTest::newRow("space") << options << QStringLiteral("token_file or token_env");
    options = loopbackOptions("t\xc3\xb6ken");
    QTest::newRow("non-ASCII") << options << QStringLiteral("non-ASCII");
    options = loopbackOptions();
    options.address = QHostAddress();
    QTest::newRow("no address") << options << QStringLiteral("not an IP address");
}

void TestHealthServer::invalidOptions()
{
    QFETCH(HealthServer::Options, options);
    QFETCH(QString, message);

    HealthServer server;
    QString error;
    QVERIFY(!server.listen(options, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QVERIFY2(options.token.isEmpty() || !error.contains(QString::fromUtf8(options.token.left(5))), qPrintable(error));
    QCOMPARE(server.port(), quint16(0));

    // Listening twice is refused too.
    QVERIFY(server.listen(loopbackOptions(), &error));
    QVERIFY(!server.listen(loopbackOptions(), &error));
    QVERIFY2(error.startsWith(QLatin1String("already listening on 127.0.0.1:")), qPrintable(error));
}

// A provider that takes its time (a slow database read) runs off the event loop: timers keep firing, and a
// /health request sent after the slow /metrics one is answered first.
void TestHealthServer::slowProviderDoesNotBlock()
{
    const auto server = start(loopbackOptions());
    QVERIFY(server);
    server->setMetricsProvider([] {
        return QtConcurrent::run([] {
            QThread::msleep(600);
            return reply(PrometheusText::ContentType, MetricsBody);
        });
    });

    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&ticks] { ++ticks; });
    ticker.start(10);

    QElapsedTimer elapsed;
    elapsed.start();
    RawClient slow(server->port(), "GET", "/metrics");
    RawClient fast(server->port(), "GET", "/health");
    qint64 fastDoneMs = -1;
    qint64 slowDoneMs = -1;
    QVERIFY(QTest::qWaitFor(
        [&] {
            if (fastDoneMs < 0 && fast.isDone())
                fastDoneMs = elapsed.elapsed();
            if (slowDoneMs < 0 && slow.isDone())
                slowDoneMs = elapsed.elapsed();
            return fastDoneMs >= 0 && slowDoneMs >= 0;
        },
        10000));
    ticker.stop();

    QCOMPARE(fast.wait().status, 200);
    QCOMPARE(slow.wait().status, 200);
    QCOMPARE(slow.wait().body, MetricsBody);
    QVERIFY2(fastDoneMs < slowDoneMs, qPrintable(QString::number(fastDoneMs)));
    QVERIFY2(slowDoneMs >= 600, qPrintable(QString::number(slowDoneMs)));
    // 10 ms ticks over at least 600 ms: a blocked loop would have fired a handful at most.
    QVERIFY2(ticks >= 25, qPrintable(QString::number(ticks)));
}

void TestHealthServer::providerFailures_data()
{
    QTest::addColumn<HealthServer::Provider>("provider");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("bodyContains");

    QTest::newRow("cancelled future") << HealthServer::Provider([] {
        QFutureInterface<HttpReply> promise;
        promise.reportStarted();
        promise.cancel();
        promise.reportFinished();
        return promise.future();
    }) << 500 << QByteArray("provider failed");
    QTest::newRow("finished without a result") << HealthServer::Provider([] {
        QFutureInterface<HttpReply> promise;
        promise.reportStarted();
        promise.reportFinished();
        return promise.future();
    }) << 500 << QByteArray("provider failed");
    QTest::newRow("status Qt cannot write")
        << HealthServer::Provider([] { return QtFuture::makeReadyFuture(reply("text/plain", "odd", 299)); }) << 500
        << QByteArray("unknown HTTP status");
    QTest::newRow("provider's own 503 passes") << HealthServer::Provider([] {
        return QtFuture::makeReadyFuture(reply("application/json", "{\"status\":\"degraded\"}", 503));
    }) << 503 << QByteArray("degraded");
}

void TestHealthServer::providerFailures()
{
    QFETCH(HealthServer::Provider, provider);
    QFETCH(int, status);
    QFETCH(QByteArray, bodyContains);

    const auto server = start(loopbackOptions());
    QVERIFY(server);
    server->setHealthProvider(provider);
    const HttpResponse response = request(server->port(), "GET", "/health");
    QCOMPARE(response.status, status);
    QVERIFY2(response.body.contains(bodyContains), response.body.constData());
    QCOMPARE(request(server->port(), "GET", "/metrics").status, 200); // the server carries on
}

// Three scrapes at once cost one database read, not three; the next one after it reads again.
void TestHealthServer::concurrentRequestsShareOneProviderCall()
{
    const auto server = start(loopbackOptions());
    QVERIFY(server);
    int calls = 0;
    server->setMetricsProvider([&calls] {
        ++calls;
        return QtConcurrent::run([n = calls] {
            QThread::msleep(300);
            return reply(PrometheusText::ContentType, "opsdeck_provider_call " + QByteArray::number(n) + '\n');
        });
    });
    RawClient first(server->port(), "GET", "/metrics");
    RawClient second(server->port(), "GET", "/metrics");
    RawClient third(server->port(), "HEAD", "/metrics");
    QVERIFY(QTest::qWaitFor([&] { return first.isDone() && second.isDone() && third.isDone(); }, 5000));
    QCOMPARE(calls, 1);
    QCOMPARE(first.wait().body, QByteArray("opsdeck_provider_call 1\n"));
    QCOMPARE(second.wait().body, QByteArray("opsdeck_provider_call 1\n"));
    QCOMPARE(third.wait().status, 200);

    QCOMPARE(request(server->port(), "GET", "/metrics").body, QByteArray("opsdeck_provider_call 2\n"));
    QCOMPARE(calls, 2);
}

// The client is gone by the time the provider answers: nothing is written to the dead connection, nothing
// crashes, the next client is served.
void TestHealthServer::clientHangsUpWhileProviderRuns()
{
    const auto server = start(loopbackOptions());
    QVERIFY(server);
    server->setMetricsProvider([] {
        return QtConcurrent::run([] {
            QThread::msleep(300);
            return reply(PrometheusText::ContentType, MetricsBody);
        });
    });
    {
        RawClient client(server->port(), "GET", "/metrics");
        QTest::qWait(100); // the request has reached the provider
        client.abort();
    }
    QTest::qWait(500);
    const HttpResponse next = request(server->port(), "GET", "/metrics");
    QCOMPARE(next.status, 200);
    QCOMPARE(next.body, MetricsBody);
    QCOMPARE(server->responseCounts().value(200), qint64(1)); // the abandoned request was not answered
}

// Shutting down while a provider still runs on a worker thread: the late result goes nowhere.
void TestHealthServer::destroyedWhileProviderRuns()
{
    auto server = start(loopbackOptions());
    QVERIFY(server);
    server->setMetricsProvider([] {
        return QtConcurrent::run([] {
            QThread::msleep(300);
            return reply(PrometheusText::ContentType, MetricsBody);
        });
    });
    RawClient client(server->port(), "GET", "/metrics");
    QTest::qWait(100);
    server.reset();
    QTest::qWait(400);
    const HttpResponse response = client.wait(500);
    QCOMPARE(response.status, 0); // the connection closed without an answer
}

void TestHealthServer::responseCounts()
{
    const auto server = start(loopbackOptions(Token));
    QVERIFY(server);
    QVERIFY(server->responseCounts().isEmpty());
    request(server->port(), "GET", "/health", bearer(Token));
    request(server->port(), "GET", "/metrics", bearer(Token));
    request(server->port(), "GET", "/nope", bearer(Token));
    request(server->port(), "POST", "/health", bearer(Token));
    request(server->port(), "GET", "/health");
    const QHash<int, qint64> expected { { 200, 2 }, { 404, 1 }, { 405, 1 }, { 401, 1 } };
    QCOMPARE(server->responseCounts(), expected);
}

QTEST_GUILESS_MAIN(TestHealthServer)
#include "tst_healthserver.moc"
