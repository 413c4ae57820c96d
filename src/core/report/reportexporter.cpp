#include "reportexporter.h"
#include "csvwriter.h"

#include <QSqlError>
#include <QSqlQuery>
#include <limits>

namespace {

constexpr qint64 Forever = std::numeric_limits<qint64>::max();

QString numberOrEmpty(const QVariant &v)
{
    return v.isNull() ? QString() : CsvWriter::formatNumber(v.toDouble());
}

} // namespace

ReportExporter::ReportExporter(QSqlDatabase db)
    : m_db(std::move(db))
{
}

QStringList ReportExporter::header(const QString &report, const QString &resolution)
{
    if (report == QLatin1String("history")) {
        if (resolution == QLatin1String("raw"))
            return QStringLiteral("timestamp,resource,kind,source,metric,value").split(QLatin1Char(','));
        return QStringLiteral("timestamp,resource,kind,source,metric,min,avg,max,count").split(QLatin1Char(','));
    }
    if (report == QLatin1String("resources"))
        return QStringLiteral("resource,kind,source,region,status,vcpus,memory_mb,disk_gb,cpu,memory,disk,updated_at")
            .split(QLatin1Char(','));
    if (report == QLatin1String("alerts"))
        return QStringLiteral("started_at,resolved_at,resource,metric,level,value,threshold,state")
            .split(QLatin1Char(','));
    if (report == QLatin1String("sync-runs"))
        return QStringLiteral("started_at,finished_at,source,status,resources,samples,api_calls,throttled,error")
            .split(QLatin1Char(','));
    return {};
}

bool ReportExporter::fail(const QString &message, bool usage)
{
    m_error = message;
    m_usageError = usage;
    return false;
}

std::optional<QList<ReportExporter::Resource>> ReportExporter::selectResources(const ExportRequest &request)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, kind, source FROM resources ORDER BY name, source, id"))) {
        fail(QStringLiteral("cannot read resources: %1").arg(q.lastError().text()));
        return std::nullopt;
    }
    QList<Resource> all;
    QStringList names;
    while (q.next()) {
        Resource r { q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString() };
        names << r.name;
        if (!request.sources.isEmpty() && !request.sources.contains(r.source))
            continue;
        if (!request.resources.isEmpty() && !request.resources.contains(r.name))
            continue;
        all << r;
    }
    for (const QString &wanted : request.resources) {
        if (!names.contains(wanted)) {
            names.removeDuplicates();
            fail(QStringLiteral("no resource named '%1' in the cache%2")
                     .arg(wanted,
                          names.isEmpty() ? QStringLiteral(" (it is empty: run opsdeck --sync first)")
                                          : QStringLiteral("; known: ") + names.mid(0, 10).join(QLatin1String(", "))
                              + (names.size() > 10 ? QStringLiteral(", …") : QString())),
                 true);
            return std::nullopt;
        }
    }
    return all;
}

bool ReportExporter::write(const ExportRequest &request, QIODevice *device)
{
    m_rows = 0;
    m_error.clear();
    m_usageError = false;
    const QStringList head = header(request.report, request.resolution);
    if (head.isEmpty())
        return fail(QStringLiteral("unknown report '%1'").arg(request.report), true);
    // Resolve the names first: an unknown resource is a usage error and must not leave a header behind.
    std::optional<QList<Resource>> resources;
    if (request.report != QLatin1String("sync-runs")) {
        resources = selectResources(request);
        if (!resources)
            return false;
    }
    CsvWriter csv(device);
    csv.writeRow(head);
    const qint64 from = request.from.value_or(std::numeric_limits<qint64>::min());
    const qint64 to = request.to.value_or(Forever);
    const QList<Metric> metrics =
        request.metrics.isEmpty() ? QList<Metric>(std::begin(AllMetrics), std::end(AllMetrics)) : request.metrics;

    auto emitRow = [&](const QStringList &cells) {
        csv.writeRow(cells);
        ++m_rows;
        if (m_progress && m_rows % 4096 == 0 && !m_progress(m_rows))
            return fail(QStringLiteral("export cancelled"));
        return csv.ok() || fail(QStringLiteral("cannot write the export: %1").arg(csv.errorString()));
    };

    if (request.report == QLatin1String("history")) {
        const bool raw = request.resolution == QLatin1String("raw");
        const qint64 period = request.resolution == QLatin1String("day") ? 86400 : 3600;
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(raw ? QStringLiteral("SELECT ts, value FROM samples WHERE resource_id = ? AND metric = ?"
                                       " AND ts >= ? AND ts < ? ORDER BY ts")
                      : QStringLiteral("SELECT bucket, min, sum, max, count FROM rollups WHERE resource_id = ?"
                                       " AND metric = ? AND period = ? AND bucket > ? AND bucket < ? ORDER BY bucket"));
        for (const Resource &r : *resources) {
            for (Metric m : metrics) {
                q.addBindValue(r.id);
                q.addBindValue(int(m));
                if (!raw)
                    q.addBindValue(period);
                // A rollup bucket is in range when any part of it is.
                q.addBindValue(raw ? from : (from == std::numeric_limits<qint64>::min() ? from : from - period));
                q.addBindValue(to);
                if (!q.exec())
                    return fail(QStringLiteral("cannot read history: %1").arg(q.lastError().text()));
                const QString metric = metricName(m);
                while (q.next()) {
                    QStringList cells { CsvWriter::formatTimestamp(q.value(0).toLongLong()), r.name, r.kind, r.source,
                                        metric };
                    if (raw) {
                        cells << CsvWriter::formatNumber(q.value(1).toDouble());
                    } else {
                        const qint64 count = q.value(4).toLongLong();
                        cells << CsvWriter::formatNumber(q.value(1).toDouble())
                              << CsvWriter::formatNumber(count > 0 ? q.value(2).toDouble() / double(count) : 0)
                              << CsvWriter::formatNumber(q.value(3).toDouble()) << QString::number(count);
                    }
                    if (!emitRow(cells))
                        return false;
                }
                q.finish();
            }
        }
    } else if (request.report == QLatin1String("resources")) {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT name, kind, source, region, status, vcpus, memory_mb, disk_gb, cpu, memory,"
                                 " disk, metrics_updated_at FROM resources WHERE id = ?"));
        for (const Resource &r : *resources) {
            q.addBindValue(r.id);
            if (!q.exec() || !q.next())
                return fail(QStringLiteral("cannot read resources: %1").arg(q.lastError().text()));
            QStringList cells;
            for (int i = 0; i < 8; ++i)
                cells << q.value(i).toString();
            cells << numberOrEmpty(q.value(8)) << numberOrEmpty(q.value(9)) << numberOrEmpty(q.value(10))
                  << CsvWriter::formatTimestamp(q.value(11).toLongLong());
            q.finish();
            if (!emitRow(cells))
                return false;
        }
    } else if (request.report == QLatin1String("alerts")) {
        QHash<qint64, QString> names;
        for (const Resource &r : *resources)
            names.insert(r.id, r.name);
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT started_at, resolved_at, resource_id, metric, level, value, threshold, state"
                                 " FROM alert_events WHERE started_at >= ? AND started_at < ? ORDER BY started_at, id"));
        q.addBindValue(from);
        q.addBindValue(to);
        if (!q.exec())
            return fail(QStringLiteral("cannot read alerts: %1").arg(q.lastError().text()));
        while (q.next()) {
            const auto name = names.constFind(q.value(2).toLongLong());
            const Metric metric = Metric(q.value(3).toInt());
            if (name == names.cend() || !metrics.contains(metric))
                continue;
            if (!emitRow({ CsvWriter::formatTimestamp(q.value(0).toLongLong()),
                           CsvWriter::formatTimestamp(q.value(1).toLongLong()), *name, metricName(metric),
                           q.value(4).toString(), CsvWriter::formatNumber(q.value(5).toDouble()),
                           CsvWriter::formatNumber(q.value(6).toDouble()), q.value(7).toString() }))
                return false;
        }
    } else {
        QSqlQuery q(m_db);
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT started_at, finished_at, source, status, resources, samples, api_calls,"
                                 " throttled, error FROM sync_runs WHERE started_at >= ? AND started_at < ?"
                                 " ORDER BY started_at, id"));
        q.addBindValue(from);
        q.addBindValue(to);
        if (!q.exec())
            return fail(QStringLiteral("cannot read sync runs: %1").arg(q.lastError().text()));
        while (q.next()) {
            if (!request.sources.isEmpty() && !request.sources.contains(q.value(2).toString()))
                continue;
            QStringList cells { CsvWriter::formatTimestamp(q.value(0).toLongLong()),
                                CsvWriter::formatTimestamp(q.value(1).toLongLong()) };
            for (int i = 2; i < 9; ++i)
                cells << q.value(i).toString();
            if (!emitRow(cells))
                return false;
        }
    }
    if (!csv.flush())
        return fail(QStringLiteral("cannot write the export: %1").arg(csv.errorString()));
    return true;
}
