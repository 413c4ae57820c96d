#include "trendchartview.h"
#include "chartstyle.h"

#include <QAreaSeries>
#include <QDateTime>
#include <QCategoryAxis>
#include <QSet>
#include <QFocusEvent>
#include <QFontMetricsF>
#include <QGraphicsLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QMetaMethod>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <utility>

namespace {

constexpr int MinTimeTicks = 2;
constexpr int MaxTimeTicks = 13;
constexpr int TimeLabelGap = 28; // pixels between neighbouring time labels
constexpr double MarkerRadius = 4.5;

using ChartStyle::blend;
using ChartStyle::dashedPen;
using ChartStyle::isDark;

QString percentText(double value)
{
    return TrendChartView::tr("%1 %").arg(QLocale().toString(value, 'f', 1));
}

QFont scaledFont(QFont font, double factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else if (font.pixelSize() > 0)
        font.setPixelSize(std::max(1, int(std::lround(font.pixelSize() * factor))));
    return font;
}

// Tick intervals that read as clock times: each below a day divides a day, so ticks fall on the same times every day.
constexpr qint64 RoundIntervals[]
    = { 60,       120,      300,      600,       900,       1200,       1800,       3600,       2 * 3600,
        3 * 3600, 4 * 3600, 6 * 3600, 8 * 3600,  12 * 3600, 86400,      2 * 86400,  7 * 86400,  14 * 86400 };

// The labelled times in (from, to): multiples of `interval` from local midnight (below a day), or local midnights
// every interval/86400 days counted from the epoch's Julian day (a day and more). Not at the edges, where a
// label would be cut in half.
QList<qint64> roundTicks(qint64 from, qint64 to, qint64 interval)
{
    QList<qint64> ticks;
    const QDate last = QDateTime::fromSecsSinceEpoch(to).date();
    for (QDate day = QDateTime::fromSecsSinceEpoch(from).date(); day <= last; day = day.addDays(1)) {
        const qint64 midnight = QDateTime(day, QTime(0, 0)).toSecsSinceEpoch();
        if (interval >= 86400) {
            if (day.toJulianDay() % (interval / 86400) == 0 && midnight > from && midnight < to)
                ticks << midnight;
            continue;
        }
        const qint64 nextMidnight = QDateTime(day.addDays(1), QTime(0, 0)).toSecsSinceEpoch();
        for (qint64 t = midnight; t < nextMidnight; t += interval) {
            if (t > from && t < to)
                ticks << t;
        }
    }
    return ticks;
}

} // namespace

TrendChartView::TrendChartView(QWidget *parent)
    : QChartView(parent)
    , m_chart(chart())
{
    m_chart->setAnimationOptions(QChart::NoAnimation);
    // The threshold labels and crosshair are drawn in drawForeground(): a partial update would leave old copies
    // of them behind when the axes move.
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    m_chart->legend()->hide();
    m_chart->setBackgroundRoundness(0);
    m_chart->setDropShadowEnabled(false);
    m_chart->setMargins(QMargins(4, 4, 10, 2));
    m_chart->layout()->setContentsMargins(0, 0, 0, 0);
    m_chart->setLocalizeNumbers(true);
    m_chart->setLocale(QLocale());

    // A category axis puts each label on a value of its own, so labels sit on round clock times (09:00, 12:00)
    // while the range still ends at "now"; QDateTimeAxis can only spread them evenly from the range's start.
    m_timeAxis = new QCategoryAxis;
    m_timeAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_valueAxis = new QValueAxis;
    m_valueAxis->setRange(0, 100);
    m_valueAxis->setTickCount(6);
    // With localised numbers QtCharts takes "%.<n>f" and keeps what follows it as a suffix.
    m_valueAxis->setLabelFormat(QStringLiteral("%.0f %"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);

    // The area series does not own its bounds.
    m_bandUpper = new QLineSeries;
    m_bandLower = new QLineSeries;
    m_band = new QAreaSeries(m_bandUpper, m_bandLower);
    m_bandUpper->setParent(m_band);
    m_bandLower->setParent(m_band);
    m_band->setName(tr("Range"));
    m_warning = new QLineSeries;
    m_warning->setName(tr("Warning"));
    m_critical = new QLineSeries;
    m_critical->setName(tr("Critical"));
    m_line = new QLineSeries;
    m_line->setName(tr("Value"));
    // Added last, drawn on top.
    for (QAbstractSeries *series :
         { static_cast<QAbstractSeries *>(m_band), static_cast<QAbstractSeries *>(m_warning),
           static_cast<QAbstractSeries *>(m_critical), static_cast<QAbstractSeries *>(m_line) }) {
        m_chart->addSeries(series);
        series->attachAxis(m_timeAxis);
        series->attachAxis(m_valueAxis);
    }

    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("chartEmptyState"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_emptyLabel->setAttribute(Qt::WA_TransparentForMouseEvents);
    m_emptyLabel->hide();

    setRenderHint(QPainter::Antialiasing);
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    viewport()->setMouseTracking(true);

    connect(m_chart, &QChart::plotAreaChanged, this, [this] {
        updateTicks();
        updateEmptyState();
    });

    applyFonts();
    applyPalette(); // after the series and axes exist: it overrides what the chart theme gave them
    clear();
}

TrendChartView::~TrendChartView() = default;

void TrendChartView::setTitle(const QString &title)
{
    m_title = title;
    m_chart->setTitle(title);
    updateEmptyState();
    updateAccessibleText();
}

void TrendChartView::setThresholds(const MetricThresholds &thresholds)
{
    m_thresholds = thresholds;
    updateThresholdLines();
    viewport()->update();
}

void TrendChartView::clear()
{
    m_hasResult = false;
    m_result = {};
    m_current = -1;
    m_pressIndex = -1;
    m_line->clear();
    m_bandUpper->clear();
    m_bandLower->clear();
    m_band->setVisible(false);
    updateThresholdLines();
    updateEmptyState();
    updateAccessibleText();
    viewport()->update();
}

void TrendChartView::setResult(const TrendResult &result)
{
    m_result = result;
    m_hasResult = true;
    m_current = -1;
    m_pressIndex = -1;

    const QList<TrendPoint> &points = m_result.points;
    qint64 from = m_result.request.from;
    qint64 to = m_result.request.to;
    if (hasPoints()) {
        // The range asked for, even where the first rollup bucket starts before it (its line enters from the
        // left edge): round tick intervals need the range's own length.
        if (to <= from) {
            from = points.constFirst().ts;
            to = points.constLast().ts;
        }

        QList<QPointF> values;
        values.reserve(points.size());
        bool buckets = false;
        for (const TrendPoint &p : points) {
            values.append(QPointF(double(p.ts) * 1000.0, p.value));
            buckets = buckets || p.count > 1;
        }
        // replace(), not append(QList): the latter is quadratic on Qt 6.4.
        m_line->replace(values);

        if (buckets) {
            // The band is filled as one antialiased polygon, and at a vertex per pixel its spikes made that fill
            // cost 5× the rest of the chart (~100 ms for 1,700 points). Points are merged into groups of at least
            // BandPixels px instead, each a flat step from its first to its last point over the lowest min and
            // highest max in it: every sample still lies inside, it looks the same, and it fills in a few ms.
            constexpr int BandPixels = 3;
            const int steps = std::max(2, std::max(viewport()->width(), minimumSizeHint().width()) / BandPixels);
            const qsizetype group = (points.size() + steps - 1) / steps;
            QList<QPointF> upper;
            QList<QPointF> lower;
            upper.reserve(std::min(points.size(), 2 * qsizetype(steps)));
            lower.reserve(upper.capacity());
            for (qsizetype first = 0; first < points.size(); first += group) {
                const qsizetype last = std::min(points.size(), first + group) - 1;
                double high = -std::numeric_limits<double>::infinity();
                double low = std::numeric_limits<double>::infinity();
                for (qsizetype i = first; i <= last; ++i) {
                    const TrendPoint &p = points.at(i);
                    high = std::max(high, p.count > 0 ? p.max : p.value);
                    low = std::min(low, p.count > 0 ? p.min : p.value);
                }
                for (const qsizetype i : { first, last }) {
                    const double x = double(points.at(i).ts) * 1000.0;
                    upper.append(QPointF(x, high));
                    lower.append(QPointF(x, low));
                    if (last == first)
                        break;
                }
            }
            m_bandUpper->replace(upper);
            m_bandLower->replace(lower);
        } else {
            m_bandUpper->clear();
            m_bandLower->clear();
        }
        m_band->setVisible(buckets);
    } else {
        m_line->clear();
        m_bandUpper->clear();
        m_bandLower->clear();
        m_band->setVisible(false);
    }
    if (to <= from) {
        // One point, or no range at all: an hour around it.
        from -= 1800;
        to += 1800;
    }
    m_rangeFrom = from;
    m_rangeTo = to;
    m_timeFormat = timeFormat(to - from);
    m_timeAxis->setRange(double(from) * 1000.0, double(to) * 1000.0);

    updateThresholdLines();
    updateTicks();
    updateEmptyState();
    updateAccessibleText();
    viewport()->update();
}

QString TrendChartView::timeFormat(qint64 spanSeconds)
{
    if (spanSeconds <= 86400)
        return tr("HH:mm", "time axis labels for ranges up to a day (QDateTime format)");
    if (spanSeconds <= 7 * 86400)
        return tr("ddd HH:mm", "time axis labels for ranges up to a week (QDateTime format)");
    return tr("MMM d", "time axis labels for ranges over a week (QDateTime format)");
}

void TrendChartView::updateThresholdLines()
{
    const auto place = [this](QLineSeries *series, double value) {
        const bool shown = hasPoints() && value > 0;
        if (shown)
            series->replace(
                { QPointF(double(m_rangeFrom) * 1000.0, value), QPointF(double(m_rangeTo) * 1000.0, value) });
        else
            series->clear();
        series->setVisible(shown);
    };
    place(m_warning, m_thresholds.warning);
    place(m_critical, m_thresholds.critical);
}

void TrendChartView::updateTicks()
{
    const QRectF plot = m_chart->plotArea();
    const double width = plot.width();
    if (!hasPoints() || width <= 0)
        return;
    // Every 20 % while the labels have room, else 0, 50 and 100 %.
    const double lineHeight = QFontMetricsF(m_valueAxis->labelsFont()).height();
    const int valueTicks = plot.height() >= 8 * lineHeight ? 6 : 3;
    if (valueTicks != m_valueAxis->tickCount())
        m_valueAxis->setTickCount(valueTicks);

    // The widest label the format makes: a Wednesday at 23:58 in September.
    const QDateTime widest(QDate(2024, 9, 25), QTime(23, 58));
    const QString sample = m_chart->locale().toString(widest, m_timeFormat);
    const double labelWidth = QFontMetricsF(m_timeAxis->labelsFont()).horizontalAdvance(sample);
    const int fitting = std::clamp(int(width / (labelWidth + TimeLabelGap)), MinTimeTicks, MaxTimeTicks);
    const qint64 span = m_rangeTo - m_rangeFrom;
    // The shortest round interval that keeps the labels apart; labels without a time of day are a day apart at
    // least, or they repeat.
    qint64 interval = RoundIntervals[std::size(RoundIntervals) - 1];
    for (const qint64 candidate : RoundIntervals) {
        if (candidate * fitting >= span && (span <= 7 * 86400 || candidate >= 86400)) {
            interval = candidate;
            break;
        }
    }
    const QList<qint64> ticks = roundTicks(m_rangeFrom, m_rangeTo, interval);
    if (ticks == m_timeTicks && m_timeAxis->startValue() == double(m_rangeFrom) * 1000.0)
        return;
    m_timeTicks = ticks;
    const QStringList old = m_timeAxis->categoriesLabels();
    for (const QString &label : old)
        m_timeAxis->remove(label);
    m_timeAxis->setStartValue(double(m_rangeFrom) * 1000.0);
    QSet<QString> seen;
    for (const qint64 t : ticks) {
        // Labels name their category: two alike (a repeated clock time across a DST change) cannot both exist.
        const QString label = m_chart->locale().toString(QDateTime::fromSecsSinceEpoch(t), m_timeFormat);
        if (!seen.contains(label)) {
            seen.insert(label);
            m_timeAxis->append(label, double(t) * 1000.0);
        }
    }
}

QString TrendChartView::emptyText() const
{
    if (!m_hasResult)
        return {};
    if (!m_result.error.isEmpty()) {
        // Errors from the engine start in lower case, to follow a colon; here they stand alone.
        QString text = m_result.error;
        text[0] = text.at(0).toUpper();
        return text;
    }
    if (m_result.points.isEmpty())
        return m_noDataText.isEmpty() ? tr("No samples in this range yet") : m_noDataText;
    return {};
}

void TrendChartView::setNoDataText(const QString &text)
{
    m_noDataText = text;
    updateEmptyState();
}

void TrendChartView::updateEmptyState()
{
    const QString text = emptyText();
    const bool chartShown = hasPoints();
    m_timeAxis->setVisible(chartShown);
    m_valueAxis->setVisible(chartShown);

    const QPalette pal = palette();
    QPalette labelPalette = m_emptyLabel->palette();
    if (!m_result.error.isEmpty())
        labelPalette.setColor(QPalette::WindowText, isDark(pal) ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28));
    else
        labelPalette.setColor(QPalette::WindowText, blend(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.6));
    m_emptyLabel->setPalette(labelPalette);
    m_emptyLabel->setText(text);

    QRect area = rect().adjusted(12, 8, -12, -12);
    if (!m_title.isEmpty())
        area.setTop(int(QFontMetricsF(m_chart->titleFont()).height()) + 16);
    m_emptyLabel->setGeometry(area);
    m_emptyLabel->setVisible(!text.isEmpty());
}

void TrendChartView::applyFonts()
{
    QFont title = font();
    title.setBold(true);
    m_chart->setTitleFont(title);
    const QFont labels = scaledFont(font(), 0.9);
    m_timeAxis->setLabelsFont(labels);
    m_valueAxis->setLabelsFont(labels);
}

void TrendChartView::applyPalette()
{
    const QPalette pal = palette();
    const bool dark = isDark(pal);
    const QColor base = pal.color(QPalette::Base);
    const QColor text = pal.color(QPalette::Text);

    // Hues of the fleet table's warning/critical tints, darker on light bases and lighter on dark ones so that
    // thin lines stand out from either.
    m_lineColor = dark ? QColor(0x5c, 0xa8, 0xff) : QColor(0x1f, 0x6f, 0xd1);
    m_warningColor = dark ? QColor(0xf5, 0xb0, 0x3c) : QColor(0xc2, 0x74, 0x00);
    m_criticalColor = dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xd3, 0x2f, 0x2f);
    m_markerOutline = base;
    m_crosshairColor = blend(base, text, 0.45);
    m_labelBackground = base;
    m_labelBackground.setAlphaF(0.8f);

    setBackgroundBrush(base);
    m_chart->setBackgroundBrush(base);
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(text);

    const QColor labels = blend(base, text, 0.72);
    const QColor grid = blend(base, text, dark ? 0.18 : 0.13);
    const QColor axisLine = blend(base, text, 0.35);
    for (QAbstractAxis *axis :
         { static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis) }) {
        axis->setLabelsBrush(labels);
        axis->setGridLinePen(QPen(grid, 1));
        axis->setLinePen(QPen(axisLine, 1));
        axis->setShadesVisible(false);
        axis->setMinorGridLineVisible(false);
    }
    m_valueAxis->setLineVisible(false);

    QPen linePen(m_lineColor, 2);
    m_line->setPen(linePen);
    QColor band = m_lineColor;
    band.setAlphaF(dark ? 0.30f : 0.20f);
    m_band->setBrush(band);
    m_band->setPen(Qt::NoPen);
    m_band->setBorderColor(Qt::transparent);
    m_warning->setPen(dashedPen(m_warningColor));
    m_critical->setPen(dashedPen(m_criticalColor));

    updateEmptyState();
    viewport()->update();
}

void TrendChartView::updateAccessibleText()
{
    setAccessibleName(m_title.isEmpty() ? tr("Trend chart") : tr("%1 trend chart").arg(m_title));
    QString description;
    if (m_current >= 0) {
        description = pointText(m_current);
        description.replace(QLatin1Char('\n'), QLatin1String("; "));
    } else if (hasPoints()) {
        const QLocale locale;
        description = tr("%n points from %1 to %2, latest %3. Left and Right move between points.", nullptr,
                         int(m_result.points.size()))
                          .arg(locale.toString(QDateTime::fromSecsSinceEpoch(m_rangeFrom), QLocale::ShortFormat),
                               locale.toString(QDateTime::fromSecsSinceEpoch(m_rangeTo), QLocale::ShortFormat),
                               percentText(m_result.points.constLast().value));
    } else {
        description = emptyText();
    }
    setAccessibleDescription(description);
}

QPointF TrendChartView::chartPosition(int index) const
{
    const TrendPoint &p = m_result.points.at(index);
    return m_chart->mapToPosition(QPointF(double(p.ts) * 1000.0, p.value), m_line);
}

int TrendChartView::pointAt(const QPoint &pos) const
{
    if (!hasPoints())
        return -1;
    const QPointF at = m_chart->mapFromScene(mapToScene(pos));
    const QRectF plot = m_chart->plotArea().adjusted(-PickTolerance, -PickTolerance, PickTolerance, PickTolerance);
    if (!plot.contains(at))
        return -1;
    const double ms = m_chart->mapToValue(at, m_line).x();
    const QList<TrendPoint> &points = m_result.points;
    const auto next = std::lower_bound(points.cbegin(), points.cend(), ms,
                                       [](const TrendPoint &p, double x) { return double(p.ts) * 1000.0 < x; });
    const int after = int(next - points.cbegin());
    int best = -1;
    double bestDistance = std::numeric_limits<double>::max();
    for (int i : { after - 1, after }) {
        if (i < 0 || i >= points.size())
            continue;
        const double distance = std::abs(chartPosition(i).x() - at.x());
        if (distance < bestDistance) {
            best = i;
            bestDistance = distance;
        }
    }
    return bestDistance <= PickTolerance ? best : -1;
}

QString TrendChartView::pointText(int index) const
{
    if (index < 0 || index >= m_result.points.size())
        return {};
    const TrendPoint &p = m_result.points.at(index);
    const QLocale locale;
    QStringList lines;
    if (p.count > 1) {
        const qint64 from = p.from > 0 ? p.from : p.ts;
        // Rollup buckets end a second before the next one starts: "14:00 – 15:00" reads better than "14:59".
        const qint64 to = p.to < from ? from : ((p.to + 1 - from) % 60 == 0 ? p.to + 1 : p.to);
        const QDateTime start = QDateTime::fromSecsSinceEpoch(from);
        const QDateTime end = QDateTime::fromSecsSinceEpoch(to);
        lines << tr("Average %1").arg(percentText(p.value));
        lines << tr("Min %1 · max %2").arg(percentText(p.min), percentText(p.max));
        lines << tr("%n samples", nullptr, int(std::min<qint64>(p.count, std::numeric_limits<int>::max())));
        lines << tr("%1 – %2").arg(locale.toString(start, QLocale::ShortFormat),
                                   start.date() == end.date() ? locale.toString(end.time(), QLocale::ShortFormat)
                                                              : locale.toString(end, QLocale::ShortFormat));
    } else {
        lines << percentText(p.value);
        lines << locale.toString(QDateTime::fromSecsSinceEpoch(p.ts), QLocale::ShortFormat);
    }
    if (isSignalConnected(QMetaMethod::fromSignal(&TrendChartView::pointClicked)))
        lines << tr("Click or press Enter for the samples");
    return lines.join(QLatin1Char('\n'));
}

void TrendChartView::setCurrentIndex(int index)
{
    if (!hasPoints() || index < -1 || index >= m_result.points.size())
        index = -1;
    if (index == m_current)
        return;
    m_current = index;
    updateAccessibleText();
    viewport()->update();
}

void TrendChartView::showPointToolTip(const QPoint &viewportPos)
{
    if (m_current < 0) {
        QToolTip::hideText();
        return;
    }
    QToolTip::showText(viewport()->mapToGlobal(viewportPos), pointText(m_current), viewport());
}

QSize TrendChartView::sizeHint() const
{
    return { 480, 240 };
}

QSize TrendChartView::minimumSizeHint() const
{
    return { 200, 120 };
}

void TrendChartView::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    switch (event->type()) {
    case QEvent::PaletteChange:
        applyPalette();
        break;
    case QEvent::FontChange:
        applyFonts();
        updateTicks();
        updateEmptyState();
        break;
    case QEvent::LanguageChange:
    case QEvent::LocaleChange:
        m_chart->setLocale(QLocale());
        m_timeFormat = timeFormat(m_rangeTo - m_rangeFrom);
        m_timeTicks.clear(); // the labels' text changes even where the ticks stay
        updateTicks();
        updateEmptyState();
        updateAccessibleText();
        break;
    default:
        break;
    }
}

void TrendChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    updateEmptyState();
}

void TrendChartView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton)
        m_pressIndex = pointAt(event->position().toPoint());
    QChartView::mousePressEvent(event);
    if (m_pressIndex >= 0)
        event->accept(); // the release that makes it a click comes here
}

void TrendChartView::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    const QPoint pos = event->position().toPoint();
    const int index = pointAt(pos);
    if (index == m_current && (index < 0 || QToolTip::isVisible()))
        return;
    setCurrentIndex(index);
    showPointToolTip(pos);
}

void TrendChartView::mouseReleaseEvent(QMouseEvent *event)
{
    QChartView::mouseReleaseEvent(event);
    if (event->button() != Qt::LeftButton)
        return;
    const int pressed = std::exchange(m_pressIndex, -1);
    // A press and release on the same point is a click on it; a drag between points is not.
    if (pressed < 0 || pointAt(event->position().toPoint()) != pressed)
        return;
    setCurrentIndex(pressed);
    Q_EMIT pointClicked(pressed, m_result.points.at(pressed));
}

void TrendChartView::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    // The keyboard's point stays while the chart has focus.
    if (!hasFocus())
        setCurrentIndex(-1);
}

void TrendChartView::keyPressEvent(QKeyEvent *event)
{
    if (!hasPoints()) {
        QChartView::keyPressEvent(event);
        return;
    }
    const int last = int(m_result.points.size()) - 1;
    const int page = std::max(1, int(m_result.points.size() / 10));
    int next = m_current;
    switch (event->key()) {
    case Qt::Key_Right:
        next = m_current < 0 ? 0 : std::min(m_current + 1, last);
        break;
    case Qt::Key_Left:
        next = m_current < 0 ? last : std::max(m_current - 1, 0);
        break;
    case Qt::Key_PageDown:
        next = m_current < 0 ? 0 : std::min(m_current + page, last);
        break;
    case Qt::Key_PageUp:
        next = m_current < 0 ? last : std::max(m_current - page, 0);
        break;
    case Qt::Key_Home:
        next = 0;
        break;
    case Qt::Key_End:
        next = last;
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (m_current < 0) {
            QChartView::keyPressEvent(event);
            return;
        }
        event->accept();
        Q_EMIT pointClicked(m_current, m_result.points.at(m_current));
        return;
    case Qt::Key_Escape:
        if (m_current < 0) {
            QChartView::keyPressEvent(event);
            return;
        }
        next = -1;
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
    setCurrentIndex(next);
    if (m_current >= 0)
        showPointToolTip(mapFromScene(m_chart->mapToScene(chartPosition(m_current))));
    else
        QToolTip::hideText();
}

void TrendChartView::focusInEvent(QFocusEvent *event)
{
    QChartView::focusInEvent(event);
    viewport()->update();
}

void TrendChartView::focusOutEvent(QFocusEvent *event)
{
    QChartView::focusOutEvent(event);
    viewport()->update();
}

void TrendChartView::drawThresholdLabel(QPainter *painter, double value, const QString &text, const QColor &color,
                                        bool above) const
{
    if (value <= 0 || value > 100)
        return;
    const QRectF plot = m_chart->mapRectToScene(m_chart->plotArea());
    const double y
        = m_chart->mapToScene(m_chart->mapToPosition(QPointF(double(m_rangeTo) * 1000.0, value), m_line)).y();
    const QFont font = scaledFont(this->font(), 0.85);
    const QFontMetricsF metrics(font);
    const QSizeF size(metrics.horizontalAdvance(text) + 8, metrics.height());
    double top = above ? y - size.height() - 1 : y + 1;
    if (top < plot.top() || top + size.height() > plot.bottom())
        top = above ? y + 1 : y - size.height() - 1;
    const QRectF box(QPointF(plot.right() - size.width() - 4, top), size);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_labelBackground);
    painter->drawRoundedRect(box, 2, 2);
    painter->setFont(font);
    painter->setPen(color);
    painter->drawText(box, Qt::AlignCenter, text);
}

void TrendChartView::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (hasPoints()) {
        const QLocale locale;
        // Named as well as coloured: the dashes alone do not say which is which.
        if (m_thresholds.critical > 0) {
            drawThresholdLabel(painter, m_thresholds.critical,
                               tr("critical %1 %").arg(locale.toString(m_thresholds.critical)), m_criticalColor, true);
        }
        if (m_thresholds.warning > 0) {
            drawThresholdLabel(painter, m_thresholds.warning,
                               tr("warning %1 %").arg(locale.toString(m_thresholds.warning)), m_warningColor,
                               m_thresholds.warning > m_thresholds.critical);
        }
        if (m_current >= 0) {
            const QRectF plot = m_chart->mapRectToScene(m_chart->plotArea());
            const QPointF at = m_chart->mapToScene(chartPosition(m_current));
            // A rollup bucket that starts before the range lies left of the plot: nothing to mark there.
            if (at.x() >= plot.left() - 1 && at.x() <= plot.right() + 1) {
                painter->setPen(QPen(m_crosshairColor, 1));
                painter->drawLine(QPointF(at.x(), plot.top()), QPointF(at.x(), plot.bottom()));
                if (at.y() >= plot.top() - 1 && at.y() <= plot.bottom() + 1) {
                    painter->setPen(QPen(m_markerOutline, 2));
                    painter->setBrush(m_lineColor);
                    painter->drawEllipse(at, MarkerRadius, MarkerRadius);
                }
            }
        }
    }
    if (hasFocus()) {
        painter->setPen(QPen(palette().color(QPalette::Highlight), 1));
        painter->setBrush(Qt::NoBrush);
        painter->drawRect(sceneRect().adjusted(0.5, 0.5, -0.5, -0.5));
    }
    painter->restore();
}
