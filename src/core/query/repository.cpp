#include "repository.h"
#include "storage/database.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThreadStorage>
#include <QtConcurrent>

namespace {

// The connection of one pool thread; closed when that thread ends.
struct ThreadConnection
{
    QString name;
    ~ThreadConnection() { Database::close(name); }
};

QThreadStorage<ThreadConnection *> g_connections;

std::optional<QSqlDatabase> threadDatabase(const DatabaseUrl &url, QString *error)
{
    if (!g_connections.hasLocalData()) {
        auto *connection = new ThreadConnection { Database::connectionNameForThread(QStringLiteral("opsdeck-read")) };
        g_connections.setLocalData(connection);
    }
    const QString name = g_connections.localData()->name;
    if (QSqlDatabase::contains(name))
        return QSqlDatabase::database(name, false);
    return Database::open(url, name, error);
}

std::optional<double> optionalDouble(const QVariant &v)
{
    return v.isNull() ? std::nullopt : std::optional<double>(v.toDouble());
}

} // namespace

Repository::Repository(DatabaseUrl url, QObject *parent)
    : QObject(parent)
    , m_url(std::move(url))
{
    m_pool.setMaxThreadCount(2);
    m_pool.setExpiryTimeout(-1); // keep threads, and with them their open connections
}

Repository::~Repository()
{
    m_pool.waitForDone();
}

FleetResult Repository::readFleet(QSqlDatabase db)
{
    FleetResult result;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, kind, source, region, status, tags, vcpus, memory_mb, disk_gb, cpu,"
                               " memory, disk, metrics_updated_at, external_id FROM resources ORDER BY name, source"))) {
        result.error = q.lastError().text();
        return result;
    }
    while (q.next()) {
        FleetRow r;
        r.id = q.value(0).toLongLong();
        r.name = q.value(1).toString();
        r.kind = q.value(2).toString();
        r.source = q.value(3).toString();
        r.region = q.value(4).toString();
        r.status = q.value(5).toString();
        r.tags = q.value(6).toString().split(QLatin1Char(','), Qt::SkipEmptyParts);
        r.vcpus = q.value(7).toInt();
        r.memoryMb = q.value(8).toLongLong();
        r.diskGb = q.value(9).toLongLong();
        r.cpu = optionalDouble(q.value(10));
        r.memory = optionalDouble(q.value(11));
        r.disk = optionalDouble(q.value(12));
        r.metricsUpdatedAt = q.value(13).toLongLong();
        r.externalId = q.value(14).toString();
        result.rows << r;
    }
    if (q.exec(QStringLiteral("SELECT finished_at, status, error FROM sync_runs ORDER BY finished_at DESC, id DESC"
                              " LIMIT 1"))
        && q.next()) {
        result.lastSyncAt = q.value(0).toLongLong();
        if (q.value(1).toString() != QLatin1String("ok"))
            result.lastSyncError = q.value(2).toString();
    }
    return result;
}

QFuture<FleetResult> Repository::fleet()
{
    return QtConcurrent::run(&m_pool, [url = m_url] {
        QString error;
        const auto db = threadDatabase(url, &error);
        if (!db) {
            FleetResult result;
            result.error = error;
            return result;
        }
        return readFleet(*db);
    });
}
