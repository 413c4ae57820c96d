#pragma once

#include "config/config.h"
#include "query/readmodels.h"

#include <QChartView>
#include <QColor>

class QAreaSeries;
class QCategoryAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

// One metric of one resource over a time range, as the Repository's trend() returns it: the line of values, the
// min–max band of the samples behind each point when the points summarise buckets, and the warning and critical
// thresholds as dashed lines. The Y axis is fixed at 0–100 %; the time axis is in local time, with a label format
// and a number of ticks that suit the range and the width.
//
// Hovering a point shows its value, time and (for buckets) min/max/count; clicking it — or moving to it with
// Left/Right and pressing Enter — emits pointClicked() so the caller can show the raw samples behind it. With no
// points the chart gives way to a plain sentence (or the result's error) rather than an empty grid.
//
// Colours follow the widget's palette, light or dark, and change with it. There are no animations: a new result
// is one QXYSeries::replace() per series.
class TrendChartView final : public QChartView
{
    Q_OBJECT
public:
    // How far (in pixels, horizontally) from a point the mouse may be to hover or click it.
    static constexpr int PickTolerance = 8;

    explicit TrendChartView(QWidget *parent = nullptr);
    ~TrendChartView() override;
    Q_DISABLE_COPY_MOVE(TrendChartView)

    void setTitle(const QString &title);
    QString title() const { return m_title; }
    // Lines at zero or below are not drawn.
    void setThresholds(const MetricThresholds &thresholds);
    MetricThresholds thresholds() const { return m_thresholds; }

    // Shows `result`: its points (sorted by ts, as the Repository returns them), or its error, or the empty state.
    void setResult(const TrendResult &result);
    const TrendResult &result() const { return m_result; }
    // Back to showing nothing (before the first result arrives).
    void clear();

    // The highlighted point (hover, click or keyboard); -1 for none.
    int currentIndex() const { return m_current; }
    void setCurrentIndex(int index);
    // The point under `pos` (viewport coordinates): the nearest by time within PickTolerance pixels, or -1.
    int pointAt(const QPoint &pos) const;
    // The tooltip of point `index`: value, local time and, for buckets, min/max/count.
    QString pointText(int index) const;
    // What is shown instead of the chart; empty while the chart shows points.
    QString emptyText() const;
    // What an empty chart says instead of "No samples in this range yet" — e.g. that this kind of resource never
    // reports the metric. Empty: the default.
    void setNoDataText(const QString &text);

    QLineSeries *valueSeries() const { return m_line; }
    QAreaSeries *rangeSeries() const { return m_band; }
    QLineSeries *warningSeries() const { return m_warning; }
    QLineSeries *criticalSeries() const { return m_critical; }
    // The time axis: values are milliseconds since the epoch; its labels sit on round local clock times.
    QCategoryAxis *timeAxis() const { return m_timeAxis; }
    // The times (Unix seconds) of the labelled ticks now shown, and the label format (QDateTime) they use.
    QList<qint64> timeTicks() const { return m_timeTicks; }
    QString timeAxisFormat() const { return m_timeFormat; }
    QValueAxis *valueAxis() const { return m_valueAxis; }

    // The time axis' label format for a range of `spanSeconds`.
    static QString timeFormat(qint64 spanSeconds);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void pointClicked(int index, const TrendPoint &point);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    bool hasPoints() const { return !m_result.points.isEmpty() && m_result.error.isEmpty(); }
    QPointF chartPosition(int index) const;
    void applyPalette();
    void applyFonts();
    void updateThresholdLines();
    void updateTicks();
    void updateEmptyState();
    void updateAccessibleText();
    void showPointToolTip(const QPoint &viewportPos);
    void drawThresholdLabel(QPainter *painter, double value, const QString &text, const QColor &color,
                            bool above) const;

    QChart *m_chart = nullptr;
    QLineSeries *m_line = nullptr;
    QAreaSeries *m_band = nullptr;
    QLineSeries *m_bandUpper = nullptr;
    QLineSeries *m_bandLower = nullptr;
    QLineSeries *m_warning = nullptr;
    QLineSeries *m_critical = nullptr;
    QCategoryAxis *m_timeAxis = nullptr;
    QList<qint64> m_timeTicks;
    QString m_timeFormat;
    QValueAxis *m_valueAxis = nullptr;
    QLabel *m_emptyLabel = nullptr;

    QString m_title;
    QString m_noDataText;
    MetricThresholds m_thresholds;
    TrendResult m_result;
    bool m_hasResult = false; // setResult() was called since construction or clear()
    qint64 m_rangeFrom = 0; // the time axis' range, Unix seconds
    qint64 m_rangeTo = 0;
    int m_current = -1;
    QPoint m_pressPos;
    int m_pressIndex = -1;

    QColor m_lineColor;
    QColor m_warningColor;
    QColor m_criticalColor;
    QColor m_markerOutline;
    QColor m_crosshairColor;
    QColor m_labelBackground;
};
