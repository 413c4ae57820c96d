#include "exportjob.h"

#include "storage/database.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QSaveFile>
#include <QThread>

ExportJob::ExportJob(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<ExportOutcome>();
}

ExportJob::~ExportJob()
{
    if (m_thread) {
        m_cancel = true;
        m_thread->wait();
        delete m_thread;
    }
}

void ExportJob::start(const DatabaseUrl &url, const ExportRequest &request, const QString &path)
{
    if (m_thread)
        return;
    m_cancel = false;
    m_thread = QThread::create([this, url, request, path] {
        const ExportOutcome outcome = run(url, request, path);
        // Handed to this object's thread, where the worker thread is also reaped before anyone hears of the end.
        QMetaObject::invokeMethod(
            this,
            [this, outcome] {
                m_thread->wait();
                delete m_thread;
                m_thread = nullptr;
                Q_EMIT finished(outcome);
            },
            Qt::QueuedConnection);
    });
    m_thread->setObjectName(QStringLiteral("opsdeck-export"));
    m_thread->start(QThread::LowPriority);
}

void ExportJob::cancel()
{
    m_cancel = true;
}

ExportOutcome ExportJob::run(const DatabaseUrl &url, const ExportRequest &request, const QString &path)
{
    ExportOutcome outcome;
    outcome.path = path;
    QElapsedTimer clock;
    clock.start();
    const QString connection = Database::connectionNameForThread(QStringLiteral("opsdeck-export"));
    {
        QString error;
        const auto db = Database::open(url, connection, &error);
        if (!db) {
            outcome.error = error;
        } else {
            ReportExporter exporter(*db);
            // Without a count the dialog still shows rows written, only no percentage.
            if (const auto total = exporter.countRows(request))
                Q_EMIT counted(*total);
            QElapsedTimer sinceProgress;
            sinceProgress.start();
            exporter.setProgress([&](qint64 rows) {
                if (sinceProgress.elapsed() >= 100) {
                    sinceProgress.restart();
                    Q_EMIT progress(rows);
                }
                return !m_cancel.load();
            });
            QSaveFile out(path);
            if (m_cancel) {
                outcome.cancelled = true;
            } else if (!out.open(QIODevice::WriteOnly)) {
                outcome.error
                    = QCoreApplication::translate("ExportJob", "Cannot write %1: %2. Choose a folder you can write to.")
                          .arg(path, out.errorString());
            } else if (!out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
                // Before the first row: a report of the fleet is readable by its owner only.
                outcome.error = QCoreApplication::translate("ExportJob", "Cannot make %1 private to you: %2")
                                    .arg(path, out.errorString());
                out.cancelWriting();
            } else if (!exporter.write(request, &out)) {
                out.cancelWriting();
                outcome.cancelled = exporter.wasCancelled();
                if (!outcome.cancelled)
                    outcome.error = exporter.lastError();
            } else if (!out.commit()) {
                outcome.error
                    = QCoreApplication::translate("ExportJob", "Cannot write %1: %2").arg(path, out.errorString());
            } else {
                outcome.ok = true;
                outcome.rows = exporter.rowsWritten();
                outcome.bytes = QFileInfo(path).size();
            }
        }
    }
    Database::close(connection);
    outcome.elapsedMs = clock.elapsed();
    return outcome;
}
