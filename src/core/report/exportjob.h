#pragma once

#include "config/databaseurl.h"
#include "reportexporter.h"

#include <QMetaType>
#include <QObject>
#include <QString>
#include <atomic>

class QThread;

// How one export ended.
struct ExportOutcome
{
    bool ok = false;
    bool cancelled = false; // stopped by cancel(); nothing was left at `path`
    QString path;
    qint64 rows = 0; // data rows in the file
    qint64 bytes = 0; // size of the file
    qint64 elapsedMs = 0;
    QString error; // what went wrong and what to do, when !ok
};
Q_DECLARE_METATYPE(ExportOutcome)

// Runs one CSV export on a thread of its own, with its own database connection (the GUI thread never touches the
// database). The rows are counted first (counted(), for a percentage), then written through QSaveFile: the file
// is owner-only (0600) from its first byte, and only a complete report ever appears at `path` — a failed or
// cancelled export leaves nothing behind and never clobbers an earlier file. Signals arrive on the thread that
// owns the job; progress() at most ten times a second.
class ExportJob final : public QObject
{
    Q_OBJECT
public:
    explicit ExportJob(QObject *parent = nullptr);
    // Cancels a running export and waits for its thread (a few milliseconds: it stops at its next progress step).
    ~ExportJob() override;
    Q_DISABLE_COPY_MOVE(ExportJob)

    // Ignored while an export runs.
    void start(const DatabaseUrl &url, const ExportRequest &request, const QString &path);
    // The export stops within a few thousand rows and finished() reports cancelled.
    void cancel();
    bool isRunning() const { return m_thread != nullptr; }

Q_SIGNALS:
    void counted(qint64 totalRows);
    void progress(qint64 rowsWritten);
    void finished(const ExportOutcome &outcome);

private:
    ExportOutcome run(const DatabaseUrl &url, const ExportRequest &request, const QString &path);

    QThread *m_thread = nullptr;
    std::atomic<bool> m_cancel { false };
};
