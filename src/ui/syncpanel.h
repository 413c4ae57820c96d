#pragma once

#include "config/config.h"
#include "storage/metricstore.h"

#include <QHash>
#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTableWidget;
class QTimer;
class Repository;
class SyncLogModel;
struct SourceRunResult;

// The Sync tab: per configured source its last sync, a countdown to the next one and, for DigitalOcean, the API
// budget used in the last hour against requests_per_hour; below, the sync log with a source filter.
//
// Everything is read through the Repository (refresh()); the GUI thread never waits for the database. The engine's
// signals go to sourceStarted()/sourceProgress()/sourceFinished(), its schedule to setNextSync().
class SyncPanel final : public QWidget
{
    Q_OBJECT
public:
    enum SourceColumn { NameColumn, TypeColumn, LastSyncColumn, NextSyncColumn, BudgetColumn, SourceColumnCount };

    SyncPanel(Repository *repository, const Config &config, QWidget *parent = nullptr);
    ~SyncPanel() override;
    Q_DISABLE_COPY_MOVE(SyncPanel)

    // API calls of `source` in the last hour, as last read (nullopt until read, and for sources without a budget).
    std::optional<qint64> apiCallsLastHour(const QString &source) const;
    // The text of a source's cell, for tests and accessibility checks.
    QString sourceCellText(const QString &source, SourceColumn column) const;
    QString emptyStateText() const;
    bool isEmptyStateShown() const;
    SyncLogModel *logModel() const { return m_model; }
    QSortFilterProxyModel *logProxy() const { return m_proxy; }
    QComboBox *sourceFilter() const { return m_filter; }
    // The clock (Unix seconds); the panel follows the real one unless a test sets it.
    void setNow(qint64 secsSinceEpoch);
    // The sources of a changed configuration (Settings applied): rows follow it, what is known of a source that
    // stays is kept.
    void setSources(const Config &config);

    static QString countdownText(qint64 seconds);
    static QString budgetText(qint64 used, qint64 limit);

public Q_SLOTS:
    // Re-reads the log, the sources' last syncs and the budgets; refreshed() follows when all are in.
    void refresh();
    void setNextSync(const QString &source, qint64 unixSeconds);
    void sourceStarted(const QString &source);
    void sourceProgress(const QString &source, int done, int total);
    void sourceFinished(const SourceRunResult &result);

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct SourceState
    {
        SourceConfig config;
        std::optional<SyncRunRecord> last;
        qint64 nextSync = 0; // from setNextSync(); 0 = derive from the last sync and the interval
        bool running = false;
        int done = 0;
        int total = 0;
        std::optional<qint64> apiCalls; // last hour
        qint64 budget = 0; // requests_per_hour; 0 = none
    };

    void buildUi();
    static QList<SourceState> statesOf(const Config &config);
    void fillSourceList();
    void tick();
    void updateSourceRows();
    void updateEmptyState();
    void applyFilter();
    void finishOne(quint64 generation);
    qint64 currentTime() const;
    int rowOf(const QString &source) const;

    Repository *m_repository = nullptr;
    QList<SourceState> m_sources;
    QTableWidget *m_sourceTable = nullptr;
    QComboBox *m_filter = nullptr;
    QStackedWidget *m_logStack = nullptr;
    QLabel *m_empty = nullptr;
    QTableView *m_logView = nullptr;
    SyncLogModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTimer *m_timer = nullptr;
    QString m_logError;
    bool m_loaded = false;
    quint64 m_generation = 0; // answers of an older refresh() are dropped
    int m_pending = 0;
    qint64 m_fixedNow = 0;
    int m_ticks = 0;
};
