#pragma once

#include "cli/headlessrunner.h"

#include "alerts/alertrule.h"
#include "storage/metric.h"

#include <QFuture>
#include <QMainWindow>
#include <QMap>
#include <QTimer>
#include <memory>

class AlertsPanel;
class ElidedLabel;
class KeyringStore;
class InfoBanner;
class FleetFilterProxyModel;
class FleetTableModel;
class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class PerformancePanel;
class SyncPanel;
class TrayController;
struct AlertNotification;
class QTableView;
class Repository;
class SyncEngine;
class TrendChartView;
struct FleetResult;
struct TrendPoint;
struct SourceRunResult;
struct SyncReport;

// The desktop window: the fleet table read from the cache, a sync engine keeping that cache fresh, and a status
// bar that says how fresh it is.
//
// The GUI thread never touches the database: reads go through the Repository's pool and come back as futures,
// syncs run on the engine's thread. The table is filled from the cache first, so the window shows what was
// known at once, and re-read after every commit of the engine, after every round and every 30 seconds (which
// also moves the "3 min ago" ages on, and picks up what another syncer wrote to a shared cache).
//
// Beside the table, the CPU, memory and disk trends of the current resource over the range chosen in the
// toolbar, re-read when the selection or range changes and after every commit; a click on a point opens the
// raw samples behind it in a DetailDialog.
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
    // The chart range in seconds (one of rangeSpans()); setting it re-reads the charts.
    qint64 range() const;
    void setRange(qint64 seconds);
    static QList<qint64> rangeSpans();

    // Applies a configuration the Settings dialog has written, without a restart (see the .cpp).
    void applyConfig(const Config &config);

Q_SIGNALS:
    // The cache moved to another database, or a damaged cache file was replaced by another: the window over it
    // is a new one (main() replaces this one).
    void reopenRequested(const RunSetup &setup);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void connectEngine();
    void createToolBar();
    void createTable();
    void createCharts();
    void createStatusBar();
    void restoreSettings();
    void saveSettings() const;

    void applyFleet(const FleetResult &result);
    void onSourceStarted(const QString &source);
    void onSourceFinished(const SourceRunResult &result);
    void onRoundFinished(const SyncReport &report);
    void onTick();
    void onCurrentRowChanged();
    void reloadCharts();
    void openDetail(Metric metric, const TrendPoint &point);
    void openThresholds();
    void openExport();
    void openSettings(const QString &source = {});
    void startEngine(const Config &withTokens);
    void loadRules();
    void applyRules(const AlertRuleSet &rules);
    void applyChartThresholds();
    void selectResource(qint64 id);
    void createTray();
    void showFromTray();
    void quit();
    void showAlertInWindow(const AlertNotification &notification);

    void updateStatus();
    void updateCacheStatus();
    void updateEmptyState();
    void updateBanners();
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
    InfoBanner *m_firstStartBanner = nullptr; // "only this machine is watched: add a cloud account"
    InfoBanner *m_sourceBanner = nullptr; // a source that keeps failing, with the way to fix it
    InfoBanner *m_alertBanner = nullptr; // without a tray: the last notification, in the window
    QWidget *m_fleetPane = nullptr; // the banners above the table
    QList<QAction *> m_addSourceActions; // offered by the first-start banner
    QList<QAction *> m_sourceErrorActions; // offered beside a failing source
    QSplitter *m_splitter = nullptr;
    QStackedWidget *m_chartStack = nullptr;
    QTabWidget *m_tabs = nullptr;
    SyncPanel *m_syncPanel = nullptr;
    PerformancePanel *m_performancePanel = nullptr;
    TrayController *m_tray = nullptr;
    AlertsPanel *m_alertsPanel = nullptr;
    int m_alertsTab = -1;
    QAction *m_thresholdsAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_showAlertsAction = nullptr;
    KeyringStore *m_keyring = nullptr;
    bool m_engineStarted = false; // false until the keyring's tokens are known
    AlertRuleSet m_rules; // [alerts] with the thresholds stored in the cache (Thresholds dialog)
    bool m_quitting = false; // Quit was asked for: closing the window ends OpsDeck even with a tray
    QLabel *m_chartHint = nullptr;
    QLabel *m_chartHeading = nullptr;
    QMap<Metric, TrendChartView *> m_charts;
    QComboBox *m_rangeBox = nullptr;
    QLabel *m_cacheLabel = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLineEdit *m_filter = nullptr;
    QAction *m_syncAction = nullptr;
    QAction *m_findAction = nullptr;
    QLabel *m_statusLabel = nullptr;
    ElidedLabel *m_errorLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QTimer m_tick;
    QFuture<void> m_baselines; // loading the query baselines; waited for before the repository goes

    qint64 m_resourceId = 0; // the resource the charts show; 0 = none
    QString m_resourceName;
    quint64 m_chartGeneration = 0; // bumped on every chart read: replies of an older one are dropped
    bool m_autoSelected = false; // the first row was selected when the table first filled
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
