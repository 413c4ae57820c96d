#pragma once

#include "alerts/alertrule.h"

#include <QList>
#include <QWidget>

class AlertsModel;
class QAbstractItemView;
class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QModelIndex;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;
class QTimer;
class QToolButton;
class Repository;
class TrayController;
struct AlertEventRow;

// The Alerts tab: the alerts firing now (resource, metric, level, current value, peak, threshold, how long, and
// whether they are acknowledged or snoozed) above the history of every alert, filterable and sortable.
//
// Acknowledge (Ctrl+K) stops repeat notifications of the selected alerts; Snooze silences their resources for an
// hour, four hours or until tomorrow 08:00; both go to the TrayController, which keeps them across restarts.
// Double-click or Enter on a row (or Go to resource) emits resourceActivated() for the main window to select it.
// With nothing firing the tab says so, with the thresholds in force.
//
// Everything is read through the Repository (refresh()); the GUI thread never waits for the database.
class AlertsPanel final : public QWidget
{
    Q_OBJECT
public:
    // `tray` may be null: the alerts are shown, acknowledging and snoozing are not offered.
    AlertsPanel(Repository *repository, TrayController *tray, QWidget *parent = nullptr);
    ~AlertsPanel() override;
    Q_DISABLE_COPY_MOVE(AlertsPanel)

    // How many alerts are firing, as last read.
    int activeCount() const { return m_activeCount; }
    // "Alerts" or "Alerts (3)", for the tab.
    static QString tabTitle(int activeCount);
    // The thresholds the empty state names (default: DESIGN.md's).
    void setThresholds(const AlertRuleSet &rules);
    static QString thresholdsText(const AlertRuleSet &rules);

    AlertsModel *activeModel() const { return m_activeModel; }
    AlertsModel *historyModel() const { return m_historyModel; }
    QTableView *activeView() const { return m_activeView; }
    QTableView *historyView() const { return m_historyView; }
    QSortFilterProxyModel *historyProxy() const { return m_historyProxy; }
    QLineEdit *historyFilter() const { return m_filter; }
    bool isEmptyStateShown() const;
    QString emptyStateText() const;
    QString errorText() const;
    // The clock (Unix seconds); the panel follows the real one unless a test sets it.
    void setNow(qint64 secsSinceEpoch);

public Q_SLOTS:
    // Re-reads the active alerts and the history; refreshed() follows when both are in.
    void refresh();
    void acknowledgeSelected();
    void snoozeSelected(qint64 until);
    void unsnoozeSelected();
    void goToSelected();

Q_SIGNALS:
    void resourceActivated(qint64 resourceId);
    void activeCountChanged(int count);
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildUi();
    QAction *createAction(const QString &text, const char *name, const QKeySequence &shortcut = {});
    void applyActive(const QList<AlertEventRow> &events, const QString &error, quint64 generation);
    void applyHistory(const QList<AlertEventRow> &events, const QString &error, quint64 generation);
    void finishOne(quint64 generation);
    void updateSilences();
    void updateActions();
    void updateEmptyState();
    void showContextMenu(QTableView *view, const QPoint &pos);
    // The selected rows of the view that has (or last had) the user's attention.
    QList<AlertEventRow> selectedEvents() const;
    QList<AlertEventRow> selectedIn(const QTableView *view) const;
    qint64 currentTime() const;
    qint64 tomorrowMorning() const;

    Repository *m_repository = nullptr;
    TrayController *m_tray = nullptr;
    AlertRuleSet m_rules;

    AlertsModel *m_activeModel = nullptr;
    AlertsModel *m_historyModel = nullptr;
    QSortFilterProxyModel *m_activeProxy = nullptr;
    QSortFilterProxyModel *m_historyProxy = nullptr;
    QTableView *m_activeView = nullptr;
    QTableView *m_historyView = nullptr;
    const QTableView *m_focusView = nullptr; // the table actions apply to
    QStackedWidget *m_activeStack = nullptr;
    QLabel *m_emptyTitle = nullptr;
    QLabel *m_empty = nullptr; // the thresholds in force
    QLabel *m_error = nullptr;
    QLineEdit *m_filter = nullptr;
    QAction *m_acknowledgeAction = nullptr;
    QMenu *m_snoozeMenu = nullptr;
    QAction *m_snoozeHourAction = nullptr;
    QAction *m_snoozeFourHoursAction = nullptr;
    QAction *m_snoozeTomorrowAction = nullptr;
    QAction *m_unsnoozeAction = nullptr;
    QAction *m_goToAction = nullptr;
    QToolButton *m_snoozeButton = nullptr;
    QTimer *m_timer = nullptr;

    QString m_activeError;
    QString m_historyError;
    bool m_loaded = false;
    int m_activeCount = 0;
    quint64 m_generation = 0; // answers of an older refresh() are dropped
    int m_pending = 0;
    qint64 m_fixedNow = 0;
};
