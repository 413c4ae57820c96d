#pragma once

#include "storage/metric.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

class QIODevice;

struct ExportRequest
{
    QString report; // resources | history | alerts | sync-runs
    std::optional<qint64> from; // Unix seconds, inclusive
    std::optional<qint64> to; // exclusive
    QStringList resources; // names; empty = all
    QStringList sources; // source names; empty = all
    QList<Metric> metrics; // empty = all
    QString resolution = QStringLiteral("raw"); // history: raw | hour | day
};

// Writes the CSV reports of DESIGN.md. Rows stream from a forward-only query straight into the device, so an
// export of millions of samples holds one row in memory at a time. History is ordered by resource name,
// metric and time: each (resource, metric) is one range scan of the samples' primary key.
class ReportExporter final
{
public:
    explicit ReportExporter(QSqlDatabase db);

    static QStringList header(const QString &report, const QString &resolution = QStringLiteral("raw"));

    // False on failure; then lastError() says why and isUsageError() whether the request itself was at fault
    // (an unknown resource name), which the command line reports with exit code 2.
    bool write(const ExportRequest &request, QIODevice *device);

    qint64 rowsWritten() const { return m_rows; }
    QString lastError() const { return m_error; }
    bool isUsageError() const { return m_usageError; }

    // Called every few thousand rows with the count so far; returning false cancels the export.
    void setProgress(std::function<bool(qint64)> progress) { m_progress = std::move(progress); }

private:
    struct Resource
    {
        qint64 id = 0;
        QString name;
        QString kind;
        QString source;
    };
    std::optional<QList<Resource>> selectResources(const ExportRequest &request);
    bool fail(const QString &message, bool usage = false);

    QSqlDatabase m_db;
    QString m_error;
    bool m_usageError = false;
    qint64 m_rows = 0;
    std::function<bool(qint64)> m_progress;
};
