#include "fakedigitalocean.h"

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMutex>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <optional>
#include <vector>

namespace {

constexpr qint64 Step = 300;
constexpr qint64 HistorySeconds = 40 * 24 * 3600;
constexpr qint64 DropletIdBase = 300000000;
// In the alphabetical order in which a client that keys modes by name adds them up.
constexpr const char *Modes[] = { "idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user" };
constexpr int ModeCount = 8;
const QByteArray PublicApi = "https://api.digitalocean.com";

quint64 mix(quint64 x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

quint64 hashOf(int index, qint64 k, int salt)
{
    return mix(mix(quint64(index) * 1000003ULL + quint64(salt)) ^ quint64(k));
}

int vcpusOf(int droplet)
{
    return 1 << (droplet % 3);
}

qint64 memoryMbOf(int droplet)
{
    return 2048LL * vcpusOf(droplet);
}

qint64 diskGbOf(int droplet)
{
    return 25LL * vcpusOf(droplet);
}

// CPU-seconds spent in each mode (Modes order) during the interval ending at step k: whole seconds, so that every
// counter and every delta is exact in a double and a client computes exactly trueCpuPercent().
// A forced busy percent (0–100) replaces the pseudo-random one when given.
std::array<qint64, ModeCount> cpuDeltas(int droplet, qint64 k, std::optional<int> forcedPercent = std::nullopt)
{
    const qint64 capacity = Step * vcpusOf(droplet);
    const qint64 busy = forcedPercent ? capacity * *forcedPercent / 100
                                      : qint64(hashOf(droplet, k, 1) % quint64(capacity + 1));
    const qint64 user = busy / 2, system = busy / 4, iowait = busy / 10, nice = busy / 20, irq = busy / 50,
                 softirq = busy / 50;
    const qint64 steal = busy - user - system - iowait - nice - irq - softirq;
    return { capacity - busy, iowait, irq, nice, softirq, steal, system, user };
}

qint64 memoryAvailable(int droplet, qint64 k)
{
    const qint64 perMille = qint64(hashOf(droplet, k, 2) % 900) + 50;
    return memoryMbOf(droplet) * 1048576 - memoryMbOf(droplet) * 1024 * perMille;
}

qint64 rootFree(int droplet, qint64 k)
{
    const qint64 perMille = qint64(hashOf(droplet, k, 3) % 900) + 50;
    return diskGbOf(droplet) * (1LL << 30) - diskGbOf(droplet) * 1048576 * perMille;
}

int metricSalt(const QString &metric)
{
    return int(qHash(metric) % 100000) + 10;
}

double percentValue(int index, qint64 k, const QString &metric)
{
    return double(hashOf(index, k, metricSalt(metric)) % 10000) / 100.0;
}

QByteArray errorBody(const QByteArray &id, const QByteArray &message)
{
    return "{\"id\":\"" + id + "\",\"message\":\"" + message
        + "\",\"request_id\":\"4d9d8375-3c56-4925-a3e7-eb1e2b4c\"}";
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

using Header = std::pair<QByteArray, QByteArray>;

struct Reply
{
    int status = 200;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> headers;
    FakeDigitalOcean::FaultKind mode = FakeDigitalOcean::FaultKind::Status; // Status = send as is
    int delayMs = 0;
    qint64 hugeBytes = 0;
};

} // namespace

class FakeDigitalOcean::Private
{
public:
    explicit Private(Options o)
        : options(std::move(o))
    {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        originK = (now - HistorySeconds) / Step;
        rebootK = options.rebootAgoSeconds > 0 ? (now - options.rebootAgoSeconds) / Step : 0;
        budget = options.requestsPerMinute;
        retryAfter = options.retryAfter;
    }

    Reply respond(const QByteArray &target, const QByteArray &authorization);
    Reply route(const QString &path, const QUrlQuery &query, qint64 now) const;
    Reply listPage(const QString &key, const QString &path, const QUrlQuery &query, int count, bool linksAlways,
                   const std::function<QJsonObject(int)> &item) const;
    QByteArray matrix(const QList<std::pair<QByteArray, std::function<QByteArray(qint64)>>> &series, qint64 fromK,
                      qint64 toK) const;
    QByteArray cpuMatrix(int droplet, qint64 fromK, qint64 toK) const;
    // The busy percent forced by setCpuPercent() for the interval ending at step k, if any (mutex held).
    std::optional<int> forcedCpu(int droplet, qint64 k) const
    {
        std::optional<int> percent;
        const auto it = cpuOverrides.find(droplet);
        if (it == cpuOverrides.end())
            return percent;
        for (const auto &[fromTs, value] : it->second) {
            if (k * Step >= fromTs)
                percent = value;
        }
        return percent;
    }
    qint64 nowLocked() const { return QDateTime::currentSecsSinceEpoch() + clockOffset; }

    const Options options;
    qint64 originK = 0;
    qint64 rebootK = 0;

    mutable QMutex mutex;
    QList<Fault> faults;
    int budget = 250;
    bool retryAfter = true;
    qint64 clockOffset = 0;
    std::map<int, std::vector<std::pair<qint64, int>>> cpuOverrides; // droplet → (from ts, percent), by from ts
    QStringList log;
    std::deque<qint64> received; // ms of requests within the last minute
    std::deque<qint64> accepted; // ms of requests within the budget within the last minute
    int maxPerMinute = 0;
    int rejected = 0;

    QThread thread;
    QObject *context = nullptr; // lives on `thread` while it runs
    QTcpServer *server = nullptr; // lives on `thread`
    quint16 port = 0;
};

namespace {

// One client connection: requests are answered in order; a delayed or streamed answer holds back the next.
using Responder = std::function<Reply(const QByteArray &target, const QByteArray &authorization)>;

class Connection : public QObject
{
public:
    Connection(QTcpSocket *socket, Responder respond)
        : QObject(socket)
        , m_socket(socket)
        , m_respond(std::move(respond))
    {
        connect(socket, &QTcpSocket::readyRead, this, &Connection::readMore);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::bytesWritten, this, &Connection::feedHuge);
    }

private:
    void readMore()
    {
        m_buffer += m_socket->readAll();
        processNext();
    }

    void processNext()
    {
        while (!m_busy && m_socket->state() == QAbstractSocket::ConnectedState) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = m_buffer.left(end).split('\n');
            m_buffer.remove(0, end + 4);
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            QByteArray authorization;
            m_closeAfter = false;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                const QByteArray name = lines.at(i).left(colon).trimmed().toLower();
                const QByteArray value = lines.at(i).mid(colon + 1).trimmed();
                if (name == "authorization")
                    authorization = value;
                else if (name == "connection" && value.toLower() == "close")
                    m_closeAfter = true;
            }
            answer(m_respond(requestLine.value(1), authorization));
        }
    }

    QByteArray head(const Reply &reply, qint64 length) const
    {
        QByteArray text = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status)
            + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: " + QByteArray::number(length)
            + "\r\n";
        for (const auto &[name, value] : reply.headers)
            text += name + ": " + value + "\r\n";
        return text + (m_closeAfter ? "Connection: close\r\n\r\n" : "Connection: keep-alive\r\n\r\n");
    }

    void finish()
    {
        m_busy = false;
        if (m_closeAfter)
            m_socket->disconnectFromHost();
        else
            QTimer::singleShot(0, this, &Connection::processNext);
    }

    void answer(const Reply &reply)
    {
        using Kind = FakeDigitalOcean::FaultKind;
        switch (reply.mode) {
        case Kind::Delay:
            m_busy = true;
            QTimer::singleShot(reply.delayMs, this, [this, reply] {
                m_socket->write(head(reply, reply.body.size()) + reply.body);
                finish();
            });
            return;
        case Kind::SlowBody: {
            m_busy = true;
            m_socket->write(head(reply, reply.body.size()));
            auto *timer = new QTimer(this);
            auto sent = std::make_shared<qsizetype>(0);
            connect(timer, &QTimer::timeout, this, [this, timer, sent, body = reply.body] {
                if (*sent >= body.size()) {
                    timer->deleteLater();
                    finish();
                    return;
                }
                m_socket->write(body.mid((*sent)++, 1));
            });
            timer->start(reply.delayMs > 0 ? reply.delayMs : 1000);
            return;
        }
        case Kind::TruncatedBody:
            m_busy = true;
            m_socket->write(head(reply, reply.body.size()) + reply.body.left(reply.body.size() / 2));
            m_socket->disconnectFromHost();
            return;
        case Kind::CloseConnection:
            m_busy = true;
            m_socket->abort();
            return;
        case Kind::HugeBody:
            m_busy = true;
            m_hugeLeft = reply.hugeBytes;
            m_socket->write(head(reply, reply.hugeBytes));
            feedHuge();
            return;
        default:
            m_socket->write(head(reply, reply.body.size()) + reply.body);
            if (m_closeAfter)
                m_socket->disconnectFromHost();
            return;
        }
    }

    // Streams the huge body a megabyte at a time as the socket drains, so the server never holds it.
    void feedHuge()
    {
        if (m_hugeLeft <= 0)
            return;
        static const QByteArray prefix = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[";
        static const QByteArray chunk(1024 * 1024, ' ');
        while (m_hugeLeft > 0 && m_socket->bytesToWrite() < 4 * 1024 * 1024
               && m_socket->state() == QAbstractSocket::ConnectedState) {
            QByteArray piece = chunk.left(qsizetype(std::min<qint64>(m_hugeLeft, chunk.size())));
            if (m_hugeStart) {
                piece.replace(0, std::min(prefix.size(), piece.size()), prefix.left(piece.size()));
                m_hugeStart = false;
            }
            m_socket->write(piece);
            m_hugeLeft -= piece.size();
        }
        if (m_hugeLeft <= 0 && m_busy) {
            m_hugeStart = true;
            finish();
        }
    }

    QTcpSocket *m_socket;
    Responder m_respond;
    QByteArray m_buffer;
    bool m_busy = false;
    bool m_closeAfter = false;
    qint64 m_hugeLeft = 0;
    bool m_hugeStart = true;
};

} // namespace

Reply FakeDigitalOcean::Private::respond(const QByteArray &target, const QByteArray &authorization)
{
    QMutexLocker lock(&mutex);
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    log.append(QString::fromLatin1(target));
    received.push_back(nowMs);
    while (!received.empty() && received.front() <= nowMs - 60000)
        received.pop_front();
    maxPerMinute = std::max(maxPerMinute, int(received.size()));

    Reply reply;
    if (authorization != "Bearer " + options.token) {
        reply.status = 401;
        reply.body = errorBody("unauthorized", "Unable to authenticate you");
        return reply;
    }

    while (!accepted.empty() && accepted.front() <= nowMs - 60000)
        accepted.pop_front();
    const bool overBudget = int(accepted.size()) >= budget;
    if (!overBudget)
        accepted.push_back(nowMs);
    const qint64 resetMs = accepted.empty() ? nowMs : accepted.front() + 60000;
    // DigitalOcean's names, in the letter cases proxies are known to produce: clients must not care.
    reply.headers.append(Header { "RateLimit-Limit", QByteArray::number(budget) });
    reply.headers.append(
        Header { "ratelimit-remaining", QByteArray::number(std::max(0, budget - int(accepted.size()))) });
    reply.headers.append(Header { "Ratelimit-Reset", QByteArray::number((resetMs + 999) / 1000) });
    if (overBudget) {
        ++rejected;
        reply.status = 429;
        reply.body = errorBody("too_many_requests", "API Rate limit exceeded.");
        if (retryAfter)
            reply.headers.append(
                Header { "Retry-After", QByteArray::number(std::max<qint64>(1, (resetMs - nowMs + 999) / 1000)) });
        return reply;
    }

    const QUrl url(QString::fromLatin1(target));
    const QString path = url.path();
    const QUrlQuery query(url);
    for (Fault &fault : faults) {
        if (fault.times == 0 || !QString::fromLatin1(target).contains(fault.pattern))
            continue;
        if (fault.times > 0)
            --fault.times;
        switch (fault.kind) {
        case FaultKind::Status: {
            reply.status = fault.status;
            reply.body = fault.status == 404
                ? errorBody("not_found", "The resource you were accessing could not be found.")
                : fault.status == 401 ? errorBody("unauthorized", "Unable to authenticate you")
                : fault.status == 429 ? errorBody("too_many_requests", "API Rate limit exceeded.")
                                      : errorBody("server_error", "Server was unable to give you a response.");
            if (fault.status == 429 && fault.retryAfter)
                reply.headers.append(Header { "retry-after", "1" });
            return reply;
        }
        case FaultKind::GarbageBody:
            reply.body = "<html><body><h1>502 Bad Gateway</h1></body></html>\n\x01\x02 not json";
            return reply;
        case FaultKind::WrongTypes:
            reply.body = "{\"droplets\":{\"id\":\"x\"},\"databases\":\"none\",\"apps\":7,\"links\":[],"
                         "\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
                         "[{\"metric\":{\"mode\":\"idle\"},\"values\":[[1700000000,{\"v\":1}]]}]}}";
            return reply;
        case FaultKind::EmptyResult:
            reply.body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}";
            return reply;
        case FaultKind::CloseConnection:
            reply.mode = fault.kind;
            return reply;
        case FaultKind::HugeBody:
            reply.mode = fault.kind;
            reply.hugeBytes = fault.hugeBytes;
            return reply;
        case FaultKind::Delay:
        case FaultKind::SlowBody:
        case FaultKind::TruncatedBody: {
            const QList<std::pair<QByteArray, QByteArray>> headers = reply.headers;
            reply = route(path, query, nowLocked());
            reply.headers = headers + reply.headers;
            reply.mode = fault.kind;
            reply.delayMs = fault.delayMs;
            return reply;
        }
        }
    }
    const QList<std::pair<QByteArray, QByteArray>> headers = reply.headers;
    reply = route(path, query, nowLocked());
    reply.headers = headers + reply.headers;
    return reply;
}

Reply FakeDigitalOcean::Private::listPage(const QString &key, const QString &path, const QUrlQuery &query, int count,
                                          bool linksAlways, const std::function<QJsonObject(int)> &item) const
{
    const int perPage = std::clamp(
        query.hasQueryItem(QStringLiteral("per_page")) ? query.queryItemValue(QStringLiteral("per_page")).toInt() : 20,
        1, options.maxPerPage);
    const int page = std::max(1, query.queryItemValue(QStringLiteral("page")).toInt());
    const int last = std::max(1, (count + perPage - 1) / perPage);
    QJsonArray items;
    for (int i = (page - 1) * perPage; i < std::min(count, page * perPage); ++i)
        items.append(item(i));
    QJsonObject root { { key, items }, { QStringLiteral("meta"), QJsonObject { { QStringLiteral("total"), count } } } };
    const auto pageUrl = [&](int number) -> QString {
        return QString::fromLatin1(PublicApi) + path + QStringLiteral("?page=%1&per_page=%2").arg(number).arg(perPage);
    };
    QJsonObject pages;
    if (page > 1) {
        pages.insert(QStringLiteral("first"), pageUrl(1));
        pages.insert(QStringLiteral("prev"), pageUrl(page - 1));
    }
    if (page < last) {
        pages.insert(QStringLiteral("next"), pageUrl(page + 1));
        pages.insert(QStringLiteral("last"), pageUrl(last));
    }
    // A single page comes with "links":{"pages":{}} for droplets and without links for apps: clients meet both.
    if (last > 1 || linksAlways)
        root.insert(QStringLiteral("links"), QJsonObject { { QStringLiteral("pages"), pages } });
    Reply reply;
    reply.body = QJsonDocument(root).toJson(QJsonDocument::Compact);
    return reply;
}

QByteArray
FakeDigitalOcean::Private::matrix(const QList<std::pair<QByteArray, std::function<QByteArray(qint64)>>> &series,
                                  qint64 fromK, qint64 toK) const
{
    QByteArray body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[";
    if (fromK <= toK) {
        for (qsizetype s = 0; s < series.size(); ++s) {
            body += (s ? ",{\"metric\":" : "{\"metric\":") + series.at(s).first + ",\"values\":[";
            for (qint64 k = fromK; k <= toK; ++k) {
                body += (k == fromK ? "[" : ",[") + QByteArray::number(k * Step) + ",\"" + series.at(s).second(k)
                    + "\"]";
            }
            body += "]}";
        }
    }
    return body + "]}}";
}

QByteArray FakeDigitalOcean::Private::cpuMatrix(int droplet, qint64 fromK, qint64 toK) const
{
    // Counters from the start of the history: deterministic for any window, with the reboot reset on droplet 0.
    std::array<QByteArray, ModeCount> values;
    std::array<qint64, ModeCount> counters;
    for (int m = 0; m < ModeCount; ++m)
        counters[size_t(m)] = 1000LL * (droplet + 1) * (m + 1);
    for (qint64 k = originK; k <= toK; ++k) {
        if (k > originK) {
            const auto deltas = cpuDeltas(droplet, k, forcedCpu(droplet, k));
            const bool reboot = droplet == 0 && k == rebootK;
            for (int m = 0; m < ModeCount; ++m)
                counters[size_t(m)] = reboot ? deltas[size_t(m)] : counters[size_t(m)] + deltas[size_t(m)];
        }
        if (k < fromK)
            continue;
        for (int m = 0; m < ModeCount; ++m) {
            QByteArray &v = values[size_t(m)];
            v += (k == fromK ? "[" : ",[") + QByteArray::number(k * Step) + ",\""
                + QByteArray::number(counters[size_t(m)]) + "\"]";
        }
    }
    QByteArray body = "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[";
    if (fromK <= toK) {
        const QByteArray host = QByteArray::number(DropletIdBase + droplet);
        // The API's order is not alphabetical; clients must not rely on it.
        for (int m = ModeCount - 1; m >= 0; --m) {
            body += QByteArray(m == ModeCount - 1 ? "" : ",") + "{\"metric\":{\"host_id\":\"" + host + "\",\"mode\":\""
                + Modes[m] + "\"},\"values\":[" + values[size_t(m)] + "]}";
        }
    }
    return body + "]}}";
}

Reply FakeDigitalOcean::Private::route(const QString &path, const QUrlQuery &query, qint64 now) const
{
    Reply reply;
    const auto notFound = [&] {
        reply.status = 404;
        reply.body = errorBody("not_found", "The resource you were accessing could not be found.");
        return reply;
    };
    const QStringList regions { QStringLiteral("nyc3"), QStringLiteral("ams3"), QStringLiteral("fra1"),
                                QStringLiteral("sgp1") };
    if (path == QLatin1String("/v2/droplets")) {
        return listPage(QStringLiteral("droplets"), path, query, options.droplets, true, [&](int i) {
            const int vcpus = vcpusOf(i);
            QJsonArray tags { QStringLiteral("env:prod") };
            if (i % 2)
                tags.append(QStringLiteral("role:web"));
            return QJsonObject {
                { QStringLiteral("id"), DropletIdBase + i },
                { QStringLiteral("name"), QStringLiteral("web-%1").arg(i, 2, 10, QLatin1Char('0')) },
                { QStringLiteral("memory"), memoryMbOf(i) },
                { QStringLiteral("vcpus"), vcpus },
                { QStringLiteral("disk"), diskGbOf(i) },
                { QStringLiteral("locked"), false },
                { QStringLiteral("status"), i % 7 == 6 ? QStringLiteral("off") : QStringLiteral("active") },
                { QStringLiteral("size_slug"), QStringLiteral("s-%1vcpu-%2gb").arg(vcpus).arg(memoryMbOf(i) / 1024) },
                { QStringLiteral("region"),
                  QJsonObject { { QStringLiteral("slug"), regions.at(i % regions.size()) },
                                { QStringLiteral("name"), regions.at(i % regions.size()).toUpper() },
                                { QStringLiteral("available"), true } } },
                { QStringLiteral("tags"), tags },
                { QStringLiteral("features"), QJsonArray { QStringLiteral("monitoring") } },
            };
        });
    }
    if (path == QLatin1String("/v2/apps")) {
        return listPage(QStringLiteral("apps"), path, query, options.apps, false, [&](int i) {
            return QJsonObject {
                { QStringLiteral("id"), QStringLiteral("a0e1b2c3-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0')) },
                { QStringLiteral("spec"), QJsonObject { { QStringLiteral("name"), QStringLiteral("app-%1").arg(i) } } },
                { QStringLiteral("region"),
                  QJsonObject { { QStringLiteral("slug"), QStringLiteral("ams") },
                                { QStringLiteral("label"), QStringLiteral("Amsterdam") } } },
                { QStringLiteral("active_deployment"),
                  QJsonObject { { QStringLiteral("id"), QStringLiteral("dep-%1").arg(i) },
                                { QStringLiteral("phase"), QStringLiteral("ACTIVE") } } },
            };
        });
    }
    if (path == QLatin1String("/v2/account")) {
        // DigitalOcean's documented shape of GET /v2/account.
        const QJsonObject account {
            { QStringLiteral("droplet_limit"), 25 },
            { QStringLiteral("floating_ip_limit"), 3 },
            { QStringLiteral("volume_limit"), 10 },
            { QStringLiteral("email"), options.accountEmail },
            { QStringLiteral("name"), QStringLiteral("Ops Team") },
            { QStringLiteral("uuid"), QStringLiteral("b6fr89dbf6d9156cace5f3c78dc9851d957381ef") },
            { QStringLiteral("email_verified"), true },
            { QStringLiteral("status"), options.accountStatus },
            { QStringLiteral("status_message"),
              options.accountStatus == QLatin1String("active") ? QString()
                                                               : QStringLiteral("Your account is locked.") },
            { QStringLiteral("team"),
              QJsonObject { { QStringLiteral("uuid"), QStringLiteral("5df3e3004a17e242b7c20ca6c9fc25b701a47ece") },
                            { QStringLiteral("name"), QStringLiteral("Ops") } } },
        };
        reply.body
            = QJsonDocument(QJsonObject { { QStringLiteral("account"), account } }).toJson(QJsonDocument::Compact);
        return reply;
    }
    if (path == QLatin1String("/v2/databases")) {
        QJsonArray databases;
        for (int i = 0; i < options.databases; ++i) {
            databases.append(QJsonObject {
                { QStringLiteral("id"), QStringLiteral("d0e1b2c3-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0')) },
                { QStringLiteral("name"), QStringLiteral("db-%1").arg(i) },
                { QStringLiteral("engine"), i % 2 ? QStringLiteral("pg") : QStringLiteral("mysql") },
                { QStringLiteral("version"), i % 2 ? QStringLiteral("16") : QStringLiteral("8") },
                { QStringLiteral("status"), QStringLiteral("online") },
                { QStringLiteral("region"), regions.at(i % regions.size()) },
                { QStringLiteral("size"), QStringLiteral("db-s-2vcpu-4gb") },
                { QStringLiteral("num_nodes"), 1 + i % 3 },
                { QStringLiteral("storage_size_mib"), 61440 },
                { QStringLiteral("tags"),
                  i % 2 ? QJsonValue(QJsonValue::Null) : QJsonArray { QStringLiteral("prod") } },
            });
        }
        reply.body
            = QJsonDocument(QJsonObject { { QStringLiteral("databases"), databases } }).toJson(QJsonDocument::Compact);
        return reply;
    }

    const QString prefix = QStringLiteral("/v2/monitoring/metrics/");
    if (!path.startsWith(prefix))
        return notFound();
    bool startOk = false;
    bool endOk = false;
    const qint64 start = query.queryItemValue(QStringLiteral("start")).toLongLong(&startOk);
    const qint64 end = query.queryItemValue(QStringLiteral("end")).toLongLong(&endOk);
    if (!startOk || !endOk || end < start) {
        reply.status = 400;
        reply.body = errorBody("bad_request", "start and end must be Unix timestamps, start before end");
        return reply;
    }
    const qint64 fromK = std::max(originK, (start + Step - 1) / Step);
    const qint64 toK = std::min(end, now) / Step;
    const QStringList parts = path.mid(prefix.size()).split(QLatin1Char('/'));

    if (parts.value(0) == QLatin1String("droplet") && parts.size() == 2) {
        bool idOk = false;
        const qint64 droplet = query.queryItemValue(QStringLiteral("host_id")).toLongLong(&idOk) - DropletIdBase;
        if (!idOk || droplet < 0 || droplet >= options.droplets)
            return notFound();
        const int i = int(droplet);
        const QByteArray host = "\"host_id\":\"" + QByteArray::number(DropletIdBase + i) + "\"";
        const QString metric = parts.at(1);
        if (metric == QLatin1String("cpu")) {
            reply.body = cpuMatrix(i, fromK, toK);
        } else if (metric == QLatin1String("memory_total")) {
            reply.body
                = matrix({ { "{" + host + "}", [i](qint64) { return QByteArray::number(memoryMbOf(i) * 1048576); } } },
                         fromK, toK);
        } else if (metric == QLatin1String("memory_available")) {
            reply.body
                = matrix({ { "{" + host + "}", [i](qint64 k) { return QByteArray::number(memoryAvailable(i, k)); } } },
                         fromK, toK);
        } else if (metric == QLatin1String("filesystem_size") || metric == QLatin1String("filesystem_free")) {
            const bool size = metric == QLatin1String("filesystem_size");
            const qint64 volume = 100LL << 30;
            reply.body = matrix({ { "{\"device\":\"/dev/sda\",\"fstype\":\"ext4\"," + host
                                        + ",\"mountpoint\":\"/mnt/volume_" + QByteArray::number(i) + "\"}",
                                    [size, volume](qint64) { return QByteArray::number(size ? volume : volume / 3); } },
                                  { "{\"device\":\"/dev/vda1\",\"fstype\":\"ext4\"," + host + ",\"mountpoint\":\"/\"}",
                                    [size, i](qint64 k) {
                                        return QByteArray::number(size ? diskGbOf(i) * (1LL << 30) : rootFree(i, k));
                                    } } },
                                fromK, toK);
        } else {
            return notFound();
        }
        return reply;
    }
    if (parts.value(0) == QLatin1String("apps") && parts.size() == 2) {
        const QString id = query.queryItemValue(QStringLiteral("app_id"));
        int app = -1;
        for (int i = 0; i < options.apps; ++i) {
            if (id == QStringLiteral("a0e1b2c3-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0')))
                app = i;
        }
        const QString metric = parts.at(1);
        if (app < 0 || (metric != QLatin1String("cpu_percentage") && metric != QLatin1String("memory_percentage")))
            return notFound();
        QList<std::pair<QByteArray, std::function<QByteArray(qint64)>>> series;
        const int components = app % 2 ? 2 : 1;
        for (int c = 0; c < components; ++c) {
            series.append({ "{\"app_component\":\"" + QByteArray(c ? "worker" : "web") + "\",\"app_uuid\":\""
                                + id.toLatin1() + "\"}",
                            [app, c, metric](qint64 k) {
                                return QByteArray::number(percentValue(app * 10 + c, k, metric), 'g',
                                                          QLocale::FloatingPointShortest);
                            } });
        }
        reply.body = matrix(series, fromK, toK);
        return reply;
    }
    if (parts.value(0) == QLatin1String("database") && parts.value(1) == QLatin1String("mysql") && parts.size() == 3) {
        const QString id = query.queryItemValue(QStringLiteral("db_id"));
        int db = -1;
        for (int i = 0; i < options.databases; i += 2) { // mysql clusters only
            if (id == QStringLiteral("d0e1b2c3-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0')))
                db = i;
        }
        const QString metric = parts.at(2);
        if (db < 0
            || (metric != QLatin1String("cpu_usage") && metric != QLatin1String("memory_usage")
                && metric != QLatin1String("disk_usage")))
            return notFound();
        if (query.queryItemValue(QStringLiteral("aggregate")).isEmpty()) {
            reply.status = 400;
            reply.body = errorBody("bad_request", "aggregate is required");
            return reply;
        }
        reply.body = matrix({ { "{\"db_id\":\"" + id.toLatin1() + "\"}",
                                [db, metric](qint64 k) {
                                    return QByteArray::number(percentValue(1000 + db, k, metric), 'g',
                                                              QLocale::FloatingPointShortest);
                                } } },
                            fromK, toK);
        return reply;
    }
    return notFound();
}

FakeDigitalOcean::FakeDigitalOcean()
    : FakeDigitalOcean(Options())
{ }

FakeDigitalOcean::FakeDigitalOcean(Options options)
    : d(std::make_unique<Private>(std::move(options)))
{ }

FakeDigitalOcean::~FakeDigitalOcean()
{
    stop();
}

bool FakeDigitalOcean::start(quint16 port)
{
    if (d->server)
        return true;
    d->thread.setObjectName(QStringLiteral("FakeDigitalOcean"));
    d->thread.start();
    d->context = new QObject;
    d->context->moveToThread(&d->thread);
    bool ok = false;
    Private *p = d.get();
    QMetaObject::invokeMethod(
        d->context,
        [p, port, &ok] {
            auto *server = new QTcpServer();
            QObject::connect(server, &QTcpServer::newConnection, server, [p, server] {
                while (QTcpSocket *socket = server->nextPendingConnection())
                    new Connection(socket, [p](const QByteArray &target, const QByteArray &authorization) {
                        return p->respond(target, authorization);
                    });
            });
            ok = server->listen(QHostAddress::LocalHost, port);
            if (!ok) {
                delete server;
                return;
            }
            p->port = server->serverPort();
            p->server = server;
        },
        Qt::BlockingQueuedConnection);
    if (!ok)
        stop();
    return ok;
}

void FakeDigitalOcean::stop()
{
    if (!d->thread.isRunning())
        return;
    Private *p = d.get();
    QMetaObject::invokeMethod(
        d->context,
        [p] {
            if (p->server) {
                p->server->close();
                // The sockets are the server's children and each connection is its socket's child: all go with it.
                const QList<QTcpSocket *> sockets = p->server->findChildren<QTcpSocket *>();
                for (QTcpSocket *socket : sockets)
                    socket->abort();
                delete p->server;
            }
            p->server = nullptr;
        },
        Qt::BlockingQueuedConnection);
    d->thread.quit();
    d->thread.wait();
    delete d->context; // its thread has finished: nothing can be delivering events to it
    d->context = nullptr;
}

quint16 FakeDigitalOcean::port() const
{
    return d->port;
}

QString FakeDigitalOcean::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(d->port);
}

void FakeDigitalOcean::addFault(const Fault &fault)
{
    QMutexLocker lock(&d->mutex);
    d->faults.append(fault);
}

void FakeDigitalOcean::clearFaults()
{
    QMutexLocker lock(&d->mutex);
    d->faults.clear();
}

void FakeDigitalOcean::setRequestsPerMinute(int budget)
{
    QMutexLocker lock(&d->mutex);
    d->budget = budget;
}

void FakeDigitalOcean::setRetryAfter(bool send)
{
    QMutexLocker lock(&d->mutex);
    d->retryAfter = send;
}

void FakeDigitalOcean::setClockOffset(qint64 seconds)
{
    QMutexLocker lock(&d->mutex);
    d->clockOffset = seconds;
}

void FakeDigitalOcean::setCpuPercent(int droplet, int percent, qint64 fromTs)
{
    QMutexLocker lock(&d->mutex);
    auto &list = d->cpuOverrides[droplet];
    list.emplace_back(fromTs, std::clamp(percent, 0, 100));
    std::stable_sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
}

qint64 FakeDigitalOcean::now() const
{
    QMutexLocker lock(&d->mutex);
    return d->nowLocked();
}

const FakeDigitalOcean::Options &FakeDigitalOcean::options() const
{
    return d->options;
}

QString FakeDigitalOcean::dropletId(int index) const
{
    return QString::number(DropletIdBase + index);
}

QString FakeDigitalOcean::databaseId(int index) const
{
    return QStringLiteral("d0e1b2c3-0000-4000-8000-%1").arg(index, 12, 10, QLatin1Char('0'));
}

QString FakeDigitalOcean::appId(int index) const
{
    return QStringLiteral("a0e1b2c3-0000-4000-8000-%1").arg(index, 12, 10, QLatin1Char('0'));
}

int FakeDigitalOcean::appComponents(int index) const
{
    return index % 2 ? 2 : 1;
}

std::optional<double> FakeDigitalOcean::trueCpuPercent(int droplet, qint64 ts) const
{
    const qint64 k = ts / Step;
    if (ts % Step != 0 || k <= d->originK || (droplet == 0 && k == d->rebootK && d->rebootK > 0))
        return std::nullopt;
    QMutexLocker lock(&d->mutex);
    const auto deltas = cpuDeltas(droplet, k, d->forcedCpu(droplet, k));
    double total = 0;
    for (qint64 delta : deltas)
        total += double(delta);
    return 100.0 * (1.0 - double(deltas[0]) / total);
}

double FakeDigitalOcean::trueMemoryPercent(int droplet, qint64 ts) const
{
    return 100.0 * (1.0 - double(memoryAvailable(droplet, ts / Step)) / double(memoryMbOf(droplet) * 1048576));
}

double FakeDigitalOcean::trueDiskPercent(int droplet, qint64 ts) const
{
    return 100.0 * (1.0 - double(rootFree(droplet, ts / Step)) / double(diskGbOf(droplet) * (1LL << 30)));
}

double FakeDigitalOcean::trueAppPercent(int app, const QString &metric, qint64 ts) const
{
    double sum = 0;
    for (int c = 0; c < appComponents(app); ++c)
        sum += percentValue(app * 10 + c, ts / Step, metric);
    return sum / appComponents(app);
}

double FakeDigitalOcean::trueDatabasePercent(int database, const QString &metric, qint64 ts) const
{
    return percentValue(1000 + database, ts / Step, metric);
}

qint64 FakeDigitalOcean::rebootTs() const
{
    return d->rebootK * Step;
}

qint64 FakeDigitalOcean::dataStart() const
{
    return d->originK * Step;
}

int FakeDigitalOcean::requestCount() const
{
    QMutexLocker lock(&d->mutex);
    return int(d->log.size());
}

int FakeDigitalOcean::requestCount(const QString &pathPrefix) const
{
    QMutexLocker lock(&d->mutex);
    return int(std::count_if(d->log.cbegin(), d->log.cend(),
                             [&](const QString &target) { return target.startsWith(pathPrefix); }));
}

QStringList FakeDigitalOcean::requests() const
{
    QMutexLocker lock(&d->mutex);
    return d->log;
}

int FakeDigitalOcean::maxRequestsPerMinute() const
{
    QMutexLocker lock(&d->mutex);
    return d->maxPerMinute;
}

int FakeDigitalOcean::rejectedCount() const
{
    QMutexLocker lock(&d->mutex);
    return d->rejected;
}

void FakeDigitalOcean::resetCounters()
{
    QMutexLocker lock(&d->mutex);
    d->log.clear();
    d->received.clear();
    d->maxPerMinute = 0;
    d->rejected = 0;
}
