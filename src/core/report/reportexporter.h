#pragma once

#include "alerts/alertrule.h"
#include "config/config.h"
#include "storage/metric.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

class QIODevice;
class CsvWriter;

struct ExportRequest
{
    QString report; // resources | history | alerts | sync-runs
    std::optional<qint64> from; // Unix seconds, inclusive
    std::optional<qint64> to; // exclusive
    QStringList resources; // names; empty = all
    QStringList sources; // source names; empty = all
    QList<Metric> metrics; // empty = all
    QString resolution = QStringLiteral("raw"); // history: raw | hour | day
    // [alerts] of the configuration: the defaults of the history's warning and critical columns, under the
    // thresholds stored in the cache (AlertRuleStore).
    AlertConfig alerts;
};

// Writes the CSV reports of DESIGN.md. History is ordered by resource name, metric and time: each (resource,
// metric) is one range scan of the samples' primary key, formatted straight into 64 KiB chunks with no QString per
// cell, so an export of millions of samples holds one series' query result and one chunk in memory at a time.
//
// The history headers extend the contract's columns compatibly with `warning,critical`: the thresholds in force
// for that row's resource and metric (configured [alerts], then the cache's stored defaults and resource, tag and
// kind overrides — the same resolution the sync engine uses to raise alerts).
class ReportExporter final
{
public:
    explicit ReportExporter(QSqlDatabase db);
    ~ReportExporter();
    Q_DISABLE_COPY_MOVE(ReportExporter)

    static QStringList header(const QString &report, const QString &resolution = QStringLiteral("raw"));

    // False on failure; then lastError() says why and isUsageError() whether the request itself was at fault
    // (an unknown resource name), which the command line reports with exit code 2.
    bool write(const ExportRequest &request, QIODevice *device);

    // The data rows write() would produce now, counted in the database (one index range count per series), so a
    // progress bar can show a percentage. std::nullopt on failure (lastError()).
    std::optional<qint64> countRows(const ExportRequest &request);

    qint64 rowsWritten() const { return m_rows; }
    QString lastError() const { return m_error; }
    bool isUsageError() const { return m_usageError; }
    // The progress callback returned false: the device holds a partial report, which the caller discards.
    bool wasCancelled() const { return m_cancelled; }

    // Called every few thousand rows with the count so far; returning false cancels the export.
    void setProgress(std::function<bool(qint64)> progress) { m_progress = std::move(progress); }

private:
    struct Resource
    {
        qint64 id = 0;
        QString name;
        QString kind;
        QString source;
        QStringList tags;
    };
    std::optional<QList<Resource>> selectResources(const ExportRequest &request);
    std::optional<AlertRuleSet> loadRules(const ExportRequest &request);
    bool writeHistory(const ExportRequest &request, const QList<Resource> &resources, CsvWriter &csv);
    bool writeResources(const QList<Resource> &resources, CsvWriter &csv);
    bool writeAlerts(const ExportRequest &request, const QList<Resource> &resources, CsvWriter &csv);
    bool writeSyncRuns(const ExportRequest &request, CsvWriter &csv);
    // Counts one row written; false when the export must stop (cancelled or the device failed).
    bool rowDone(const CsvWriter &csv);
    bool fail(const QString &message, bool usage = false);

    QSqlDatabase m_db;
    QString m_error;
    bool m_usageError = false;
    bool m_cancelled = false;
    qint64 m_rows = 0;
    std::function<bool(qint64)> m_progress;
};
