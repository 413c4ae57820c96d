#pragma once

#include "cli/headlessrunner.h"

#include <QMainWindow>
#include <QMap>
#include <QTimer>
#include <memory>

class ElidedLabel;
class FleetFilterProxyModel;
class FleetTableModel;
class QAction;
class QLabel;
class QLineEdit;
class QProgressBar;
class QTableView;
class Repository;
class SyncEngine;
struct FleetResult;
struct SourceRunResult;
struct SyncReport;

// The desktop window: the fleet table read from the cache, a sync engine keeping that cache fresh, and a status
// bar that says how fresh it is.
//
// The GUI thread never touches the database: reads go through the Repository's pool and come back as futures,
// syncs run on the engine's thread. The table is filled from the cache first, so the window shows what was
// known at once, and re-read after every commit of the engine, after every round and every 30 seconds (which
// also moves the "3 min ago" ages on, and picks up what another syncer wrote to a shared cache).
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const RunSetup &setup, QWidget *parent = nullptr);
    ~MainWindow() override;
    Q_DISABLE_COPY_MOVE(MainWindow)

    // Reads the fleet from the cache again; results arrive later on the GUI thread.
    void refresh();
    void syncNow();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createToolBar();
    void createTable();
    void createStatusBar();
    void restoreSettings();
    void saveSettings() const;

    void applyFleet(const FleetResult &result);
    void onSourceStarted(const QString &source);
    void onSourceFinished(const SourceRunResult &result);
    void onRoundFinished(const SyncReport &report);
    void onTick();

    void updateStatus();
    void updateEmptyState();
    void updateErrorColour();
    QString syncErrorText() const;
    QString configPath() const;
    bool hasEnabledSources() const;
    bool busy() const { return !m_syncingSource.isEmpty() || m_syncRequested; }

    RunSetup m_setup;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<SyncEngine> m_engine;

    FleetTableModel *m_model = nullptr;
    FleetFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLineEdit *m_filter = nullptr;
    QAction *m_syncAction = nullptr;
    QAction *m_findAction = nullptr;
    QLabel *m_statusLabel = nullptr;
    ElidedLabel *m_errorLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QTimer m_tick;

    bool m_loaded = false; // the first read of the cache has come back
    bool m_reading = false;
    bool m_readAgain = false;
    QString m_readError;

    QString m_syncingSource;
    bool m_syncRequested = false;
    bool m_roundSeen = false; // a round finished since start: its errors replace the stored one
    qint64 m_storedLastSyncAt = 0; // from sync_runs: also syncs by other OpsDeck processes
    QString m_storedSyncError;
    qint64 m_roundLastSyncAt = 0;
    QString m_fatalError;
    QMap<QString, QString> m_sourceErrors; // source → error of its last sync, while it keeps failing
};
