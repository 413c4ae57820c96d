#pragma once

#include "alerts/alertreplay.h"
#include "query/readmodels.h"

#include <QChartView>
#include <QColor>

class QAreaSeries;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

// The replay of the Thresholds dialog as a chart: the metric's series over the replayed range, the rule's warning
// and critical levels as dashed lines, and the periods the rule would have been firing shaded behind it — warning
// amber, critical red — so a threshold can be tuned by looking at when it would have gone off.
//
// Periods are drawn from the replay result (computed on every raw sample), the line from the downsampled series;
// a spike LTTB dropped still shows as its shaded period. With no samples the chart gives way to a sentence.
// Every update is one QXYSeries::replace() per series.
class ReplayChartView final : public QChartView
{
    Q_OBJECT
public:
    explicit ReplayChartView(QWidget *parent = nullptr);
    ~ReplayChartView() override;
    Q_DISABLE_COPY_MOVE(ReplayChartView)

    void setResult(const ReplayResult &result);
    const ReplayResult &result() const { return m_result; }
    // Back to no result; `message` stands in for the chart (default: "Replaying…").
    void clear(const QString &message = QString());

    // The periods shaded for `level`, read back from what is drawn (from/to in Unix seconds).
    QList<QPair<qint64, qint64>> shadedPeriods(AlertLevel level) const;
    // What is shown instead of the chart; empty while the chart shows a series.
    QString emptyText() const;

    QLineSeries *valueSeries() const { return m_line; }
    QLineSeries *warningSeries() const { return m_warning; }
    QLineSeries *criticalSeries() const { return m_critical; }
    QAreaSeries *firingSeries(AlertLevel level) const
    {
        return level == AlertLevel::Critical ? m_criticalArea : m_warningArea;
    }
    QDateTimeAxis *timeAxis() const { return m_timeAxis; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyPalette();
    void updateEmptyState();

    QChart *m_chart = nullptr;
    QLineSeries *m_line = nullptr;
    QLineSeries *m_warning = nullptr;
    QLineSeries *m_critical = nullptr;
    QLineSeries *m_warningUpper = nullptr;
    QLineSeries *m_criticalUpper = nullptr;
    QAreaSeries *m_warningArea = nullptr;
    QAreaSeries *m_criticalArea = nullptr;
    QDateTimeAxis *m_timeAxis = nullptr;
    QValueAxis *m_valueAxis = nullptr;
    QLabel *m_emptyLabel = nullptr;

    ReplayResult m_result;
    bool m_hasResult = false;
    QString m_clearedText;
};
