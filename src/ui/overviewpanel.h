#pragma once

#include "config/config.h"
#include "query/readmodels.h"
#include "storage/metric.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTableWidget;
class QTimer;
class Repository;
class TrendChartView;

// The Overview tab: how many resources there are by kind and by status, the ten busiest by CPU, memory and disk
// (tinted at the warning and critical thresholds), and the fleet's average over the last 24 hours per metric.
// One Repository::summary() read per refresh, never on the GUI thread; refreshed every minute while shown.
class OverviewPanel final : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 Span = 86400; // the average charts' range, seconds
    static constexpr int TopN = 10;
    static constexpr int RefreshIntervalMs = 60'000;

    OverviewPanel(Repository *repository, const AlertConfig &alerts, QWidget *parent = nullptr);
    ~OverviewPanel() override;
    Q_DISABLE_COPY_MOVE(OverviewPanel)

    // Shows `summary` as if a refresh had just read it.
    void showSummary(const FleetSummary &summary);
    const FleetSummary &summary() const { return m_summary; }

    // "5 resources · 3 droplets · 2 databases" and "4 active · 1 off".
    QString kindsText() const;
    QString statusText() const;
    QTableWidget *topTable(Metric metric) const;
    TrendChartView *averageChart(Metric metric) const;
    bool isEmptyStateShown() const;
    QString emptyText() const;

public Q_SLOTS:
    // Reads the summary again; refreshed() follows when it is shown.
    void refresh();

Q_SIGNALS:
    void refreshed();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    static int metricIndex(Metric metric);
    QString metricTitle(Metric metric) const;
    QString kindCountText(const QString &kind, int count) const;
    void fillTopTable(Metric metric);
    void applyLevels();

    Repository *m_repository = nullptr;
    AlertConfig m_alerts;
    FleetSummary m_summary;
    bool m_hasSummary = false;
    quint64 m_generation = 0; // of the newest refresh: older answers are dropped

    QStackedWidget *m_stack = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_kindsLabel = nullptr;
    QLabel *m_statusLabel = nullptr;
    QTableWidget *m_tables[3] = {};
    TrendChartView *m_charts[3] = {};
    QTimer *m_timer = nullptr;
};
