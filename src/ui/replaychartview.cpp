#include "replaychartview.h"
#include "chartstyle.h"
#include "trendchartview.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QValueAxis>

namespace {

// Shading spans the whole value axis, so a period reads as "the alert was up from here to there".
constexpr double AxisMax = 100;

using ChartStyle::blend;
using ChartStyle::dashedPen;
using ChartStyle::isDark;

// The outline of the periods of one level as one polyline along the time axis: up at each start, down at each end.
QList<QPointF> periodOutline(const QList<AlertFiringPeriod> &periods, AlertLevel level)
{
    QList<QPointF> points;
    for (const AlertFiringPeriod &p : periods) {
        if (p.level != level)
            continue;
        const double from = double(p.from) * 1000;
        // A period that began and ended on one sample still gets a visible sliver.
        const double to = double(std::max(p.to, p.from + 1)) * 1000;
        points << QPointF(from, 0) << QPointF(from, AxisMax) << QPointF(to, AxisMax) << QPointF(to, 0);
    }
    return points;
}

} // namespace

ReplayChartView::ReplayChartView(QWidget *parent)
    : QChartView(parent)
    , m_chart(chart())
{
    setObjectName(QStringLiteral("replayChart"));
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->hide();
    m_chart->setBackgroundRoundness(0);
    m_chart->setDropShadowEnabled(false);
    m_chart->setMargins(QMargins(4, 4, 10, 2));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setLocalizeNumbers(true);
    m_chart->setLocale(QLocale());

    m_timeAxis = new QDateTimeAxis;
    m_valueAxis = new QValueAxis;
    m_valueAxis->setRange(0, AxisMax);
    m_valueAxis->setTickCount(6);
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f %"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);

    // Without a lower series an area reaches down to zero.
    m_warningUpper = new QLineSeries;
    m_warningArea = new QAreaSeries(m_warningUpper);
    m_warningUpper->setParent(m_warningArea);
    m_warningArea->setName(tr("Firing (warning)"));
    m_criticalUpper = new QLineSeries;
    m_criticalArea = new QAreaSeries(m_criticalUpper);
    m_criticalUpper->setParent(m_criticalArea);
    m_criticalArea->setName(tr("Firing (critical)"));
    m_warning = new QLineSeries;
    m_warning->setName(tr("Warning"));
    m_critical = new QLineSeries;
    m_critical->setName(tr("Critical"));
    m_line = new QLineSeries;
    m_line->setName(tr("Value"));
    // Shading first, the line last: drawn on top.
    for (QAbstractSeries *series :
         { static_cast<QAbstractSeries *>(m_warningArea), static_cast<QAbstractSeries *>(m_criticalArea),
           static_cast<QAbstractSeries *>(m_warning), static_cast<QAbstractSeries *>(m_critical),
           static_cast<QAbstractSeries *>(m_line) }) {
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("replayChartEmpty"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);

    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    applyPalette();
    clear();
}

ReplayChartView::~ReplayChartView() = default;

void ReplayChartView::setResult(const ReplayResult &result)
{
    m_result = result;
    m_hasResult = true;
    const bool drawn = result.error.isEmpty() && !result.series.isEmpty();
    QList<QPointF> line;
    if (drawn) {
        line.reserve(result.series.size());
        for (const TrendPoint &p : result.series)
            line << QPointF(double(p.ts) * 1000, p.value);
    }
    m_line->replace(line);
    const QList<AlertFiringPeriod> periods = drawn ? result.replay.periods : QList<AlertFiringPeriod>();
    m_warningUpper->replace(periodOutline(periods, AlertLevel::Warning));
    m_criticalUpper->replace(periodOutline(periods, AlertLevel::Critical));

    // The history there is, not the 30 days asked for: three days of data would otherwise be a sliver at the end.
    const qint64 from = drawn ? std::max(result.request.from, result.firstAt) : result.request.from;
    const qint64 to = std::max(result.request.to, from + 60);
    const double x0 = double(from) * 1000;
    const double x1 = double(to) * 1000;
    m_warning->replace(drawn ? QList<QPointF> { { x0, result.request.rule.warning }, { x1, result.request.rule.warning } }
                             : QList<QPointF>());
    m_critical->replace(drawn
                            ? QList<QPointF> { { x0, result.request.rule.critical }, { x1, result.request.rule.critical } }
                            : QList<QPointF>());
    m_timeAxis->setRange(QDateTime::fromSecsSinceEpoch(from), QDateTime::fromSecsSinceEpoch(to));
    m_timeAxis->setFormat(TrendChartView::timeFormat(to - from));
    m_timeAxis->setTickCount(std::clamp(width() / 110, 2, 9));
    updateEmptyState();
}

void ReplayChartView::clear(const QString &message)
{
    m_clearedText = message;
    m_result = ReplayResult();
    m_hasResult = false;
    for (QLineSeries *series : { m_line, m_warning, m_critical, m_warningUpper, m_criticalUpper })
        series->replace(QList<QPointF>());
    updateEmptyState();
}

QList<QPair<qint64, qint64>> ReplayChartView::shadedPeriods(AlertLevel level) const
{
    const QList<QPointF> points = (level == AlertLevel::Critical ? m_criticalUpper : m_warningUpper)->points();
    QList<QPair<qint64, qint64>> periods;
    for (qsizetype i = 0; i + 3 < points.size(); i += 4)
        periods.append({ qint64(points[i].x() / 1000), qint64(points[i + 3].x() / 1000) });
    return periods;
}

QString ReplayChartView::emptyText() const
{
    return m_emptyLabel->isHidden() ? QString() : m_emptyLabel->text();
}

void ReplayChartView::updateEmptyState()
{
    QString text;
    if (!m_hasResult)
        text = m_clearedText.isEmpty() ? tr("Replaying…") : m_clearedText;
    else if (!m_result.error.isEmpty())
        text = m_result.error;
    else if (m_result.series.isEmpty())
        text = tr("No samples of this metric in the replayed range: nothing to show.");
    m_emptyLabel->setText(text);
    m_emptyLabel->setVisible(!text.isEmpty());
    // An empty grid would look like "all zero": hide the plot while the sentence stands in for it.
    for (QAbstractAxis *axis : m_chart->axes())
        axis->setVisible(text.isEmpty());
    m_emptyLabel->setGeometry(rect().adjusted(12, 12, -12, -12));
}

void ReplayChartView::applyPalette()
{
    const QPalette pal = palette();
    const bool dark = isDark(pal);
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);
    // The hues of TrendChartView, so a threshold looks the same on every chart.
    const QColor lineColor = dark ? QColor(0x5c, 0xa8, 0xff) : QColor(0x1f, 0x6f, 0xd1);
    const QColor warningColor = dark ? QColor(0xf5, 0xb0, 0x3c) : QColor(0xc2, 0x74, 0x00);
    const QColor criticalColor = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd3, 0x2f, 0x2f);

    setBackgroundBrush(base);
    m_chart->setBackgroundBrush(base);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    const QColor labels = blend(base, text, 0.72);
    const QColor grid = blend(base, text, dark ? 0.18 : 0.13);
    for (QAbstractAxis *axis : { static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis) }) {
        axis->setLabelsBrush(labels);
        axis->setGridLinePen(QPen(grid, 1));
        axis->setLinePen(QPen(blend(base, text, 0.35), 1));
        axis->setShadesVisible(false);
    }
    m_valueAxis->setLineVisible(false);
    m_line->setPen(QPen(lineColor, 1.5));
    m_warning->setPen(dashedPen(warningColor));
    m_critical->setPen(dashedPen(criticalColor));
    // Light shading: the line must stay readable through it.
    for (auto [area, color] : { std::pair { m_warningArea, warningColor }, std::pair { m_criticalArea, criticalColor } }) {
        QColor fill = color;
        fill.setAlphaF(dark ? 0.30f : 0.22f);
        area->setBrush(fill);
        area->setPen(Qt::NoPen);
    }
    m_emptyLabel->setStyleSheet(QString());
    QPalette labelPalette = m_emptyLabel->palette();
    labelPalette.setColor(QPalette::WindowText, labels);
    m_emptyLabel->setPalette(labelPalette);
}

void ReplayChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void ReplayChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    m_emptyLabel->setGeometry(rect().adjusted(12, 12, -12, -12));
    m_timeAxis->setTickCount(std::clamp(width() / 110, 2, 9));
}

QSize ReplayChartView::sizeHint() const
{
    return { 640, 240 };
}

QSize ReplayChartView::minimumSizeHint() const
{
    return { 320, 160 };
}
