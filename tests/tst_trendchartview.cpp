#include "trendchartview.h"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QLabel>
#include <QLineSeries>
#include <QPalette>
#include <QSignalSpy>
#include <QToolTip>
#include <QValueAxis>
#include <QtTest>
#include <cmath>

namespace {

constexpr qint64 Start = 1'800'000'000; // the start of every range, Unix seconds
constexpr qint64 Hour = 3600;
constexpr qint64 Day = 86400;

// `n` raw samples evenly over [Start, Start + span], a slow wave between 10 and 70 %.
TrendResult rawResult(int n, qint64 span = Day)
{
    TrendResult r;
    r.request.from = Start;
    r.request.to = Start + span;
    r.request.width = 1000;
    r.tier = TrendTier::Raw;
    r.points.reserve(n);
    for (int i = 0; i < n; ++i) {
        const qint64 ts = Start + (n > 1 ? span * i / (n - 1) : 0);
        const double v = 40 + 30 * std::sin(i / 7.0);
        r.points << TrendPoint { ts, v, v, v, 1, ts, ts };
    }
    r.rowsRead = n;
    return r;
}

// Hourly rollup buckets over `days`.
TrendResult hourlyResult(int days)
{
    TrendResult r;
    r.request.from = Start;
    r.request.to = Start + days * Day;
    r.tier = TrendTier::Hour;
    for (qint64 ts = Start; ts < r.request.to; ts += Hour) {
        const double v = 50 + 20 * std::sin(double(ts - Start) / Day * 6.28);
        r.points << TrendPoint { ts, v, v - 15, v + 12, 60, ts, ts + Hour - 1 };
    }
    return r;
}

QPalette lightPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    return p;
}

QPalette darkPalette()
{
    QPalette p;
    p.setColor(QPalette::Window, QColor(0x31, 0x36, 0x3b));
    p.setColor(QPalette::WindowText, QColor(0xef, 0xf0, 0xf1));
    p.setColor(QPalette::Base, QColor(0x23, 0x26, 0x29));
    p.setColor(QPalette::Text, QColor(0xef, 0xf0, 0xf1));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    return p;
}

// WCAG relative luminance and contrast ratio.
double luminance(const QColor &c)
{
    auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Lets the chart lay itself out after a change (its layout is activated by a posted event).
void settle()
{
    for (int i = 0; i < 3; ++i)
        QCoreApplication::processEvents();
}

// Where point `index` of the view's series is drawn, in viewport coordinates.
QPoint pointPosition(const TrendChartView &view, int index)
{
    const TrendPoint &p = view.result().points.at(index);
    const QPointF chartPos = view.chart()->mapToPosition(QPointF(double(p.ts) * 1000.0, p.value), view.valueSeries());
    return view.mapFromScene(view.chart()->mapToScene(chartPos));
}

void comparePoints(const TrendPoint &a, const TrendPoint &b)
{
    QCOMPARE(a.ts, b.ts);
    QCOMPARE(a.value, b.value);
    QCOMPARE(a.min, b.min);
    QCOMPARE(a.max, b.max);
    QCOMPARE(a.count, b.count);
    QCOMPARE(a.from, b.from);
    QCOMPARE(a.to, b.to);
}

} // namespace

class TestTrendChartView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void seriesHoldsThePoints();
    void bandForBuckets();
    void thresholdLinesSpanTheRange();
    void axesCoverTheRange();
    void emptyState();
    void errorState();
    void clickOpensPoint_data();
    void clickOpensPoint();
    void clickAwayFromPointsDoesNothing();
    void keyboardMovesAndOpens();
    void hoverShowsToolTip();
    void timeFormat_data();
    void timeFormat();
    void tickCountFitsWidth();
    void toolTipText();
    void coloursFollowPalette_data();
    void coloursFollowPalette();
    void accessibleName();

private:
    std::unique_ptr<TrendChartView> m_view;
};

void TestTrendChartView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QApplication::setPalette(lightPalette());
}

void TestTrendChartView::init()
{
    QApplication::setPalette(lightPalette());
    m_view = std::make_unique<TrendChartView>();
    m_view->setTitle(QStringLiteral("CPU"));
    m_view->setThresholds({ 80, 90 });
    m_view->resize(640, 300);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
}

void TestTrendChartView::seriesHoldsThePoints()
{
    const TrendResult result = rawResult(2000);
    m_view->setResult(result);
    const QList<QPointF> points = m_view->valueSeries()->points();
    QCOMPARE(points.size(), 2000);
    for (int i = 0; i < points.size(); ++i) {
        QCOMPARE(points.at(i).x(), double(result.points.at(i).ts) * 1000.0);
        QCOMPARE(points.at(i).y(), result.points.at(i).value);
    }
    // Raw samples have no spread to show.
    QVERIFY(!m_view->rangeSeries()->isVisible());

    // A new result replaces the old one.
    m_view->setResult(rawResult(10));
    QCOMPARE(m_view->valueSeries()->count(), 10);
}

void TestTrendChartView::bandForBuckets()
{
    const TrendResult result = hourlyResult(7);
    m_view->setResult(result);
    QVERIFY(m_view->rangeSeries()->isVisible());
    const QList<QPointF> upper = m_view->rangeSeries()->upperSeries()->points();
    const QList<QPointF> lower = m_view->rangeSeries()->lowerSeries()->points();
    QCOMPARE(upper.size(), result.points.size());
    QCOMPARE(lower.size(), result.points.size());
    for (int i = 0; i < result.points.size(); ++i) {
        QCOMPARE(upper.at(i), QPointF(double(result.points.at(i).ts) * 1000.0, result.points.at(i).max));
        QCOMPARE(lower.at(i), QPointF(double(result.points.at(i).ts) * 1000.0, result.points.at(i).min));
    }
}

void TestTrendChartView::thresholdLinesSpanTheRange()
{
    const TrendResult result = rawResult(100);
    m_view->setResult(result);
    const double from = double(result.request.from) * 1000.0;
    const double to = double(result.request.to) * 1000.0;
    QVERIFY(m_view->warningSeries()->isVisible());
    QVERIFY(m_view->criticalSeries()->isVisible());
    QCOMPARE(m_view->warningSeries()->points(), QList<QPointF>({ QPointF(from, 80), QPointF(to, 80) }));
    QCOMPARE(m_view->criticalSeries()->points(), QList<QPointF>({ QPointF(from, 90), QPointF(to, 90) }));
    QCOMPARE(m_view->warningSeries()->pen().style(), Qt::CustomDashLine);

    m_view->setThresholds({ 70, 0 }); // an unset threshold draws no line
    QCOMPARE(m_view->warningSeries()->points(), QList<QPointF>({ QPointF(from, 70), QPointF(to, 70) }));
    QVERIFY(!m_view->criticalSeries()->isVisible());
}

void TestTrendChartView::axesCoverTheRange()
{
    TrendResult result = rawResult(50, 6 * Hour);
    // The samples start a while after the range does: the axis still shows the whole range asked for.
    result.points.remove(0, 10);
    m_view->setResult(result);
    QCOMPARE(qint64(m_view->timeAxis()->min() / 1000), result.request.from);
    QCOMPARE(qint64(m_view->timeAxis()->max() / 1000), result.request.to);
    QVERIFY(m_view->timeAxis()->isVisible());
    QCOMPARE(m_view->valueAxis()->min(), 0.0);
    QCOMPARE(m_view->valueAxis()->max(), 100.0);
    QVERIFY(m_view->valueAxis()->labelFormat().endsWith(QLatin1String(" %")));

    // The first rollup bucket starts before the range: the axis keeps the range (and its round ticks), the
    // bucket's line enters from the edge.
    result = hourlyResult(1);
    result.request.from += 20 * 60;
    result.request.to += 20 * 60;
    m_view->setResult(result);
    QCOMPARE(qint64(m_view->timeAxis()->min() / 1000), result.request.from);
    QCOMPARE(qint64(m_view->timeAxis()->max() / 1000), result.request.to);
    settle();
    // Ticks on whole local hours, however the range is shifted.
    QVERIFY(!m_view->timeTicks().isEmpty());
    for (const qint64 tick : m_view->timeTicks()) {
        QVERIFY(tick > result.request.from && tick < result.request.to);
        const QTime local = QDateTime::fromSecsSinceEpoch(tick).time();
        QVERIFY2(local.minute() == 0 && local.second() == 0, qPrintable(local.toString()));
    }

    // Without a range asked for (the fleet average, say), the points' own.
    result = rawResult(20, 2 * Hour);
    const qint64 first = result.points.constFirst().ts;
    const qint64 last = result.points.constLast().ts;
    result.request = {};
    m_view->setResult(result);
    QCOMPARE(qint64(m_view->timeAxis()->min() / 1000), first);
    QCOMPARE(qint64(m_view->timeAxis()->max() / 1000), last);
}

void TestTrendChartView::emptyState()
{
    auto *label = m_view->findChild<QLabel *>(QStringLiteral("chartEmptyState"));
    QVERIFY(label);
    QVERIFY(!label->isVisible()); // nothing asked for yet: no claim that there is nothing

    TrendResult empty = rawResult(0);
    m_view->setResult(empty);
    QCOMPARE(m_view->emptyText(), QStringLiteral("No samples in this range yet"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), m_view->emptyText());
    QVERIFY(!m_view->timeAxis()->isVisible()); // no empty grid
    QVERIFY(!m_view->valueAxis()->isVisible());
    QVERIFY(!m_view->warningSeries()->isVisible());
    QCOMPARE(m_view->valueSeries()->count(), 0);

    m_view->setResult(rawResult(5));
    QVERIFY(m_view->emptyText().isEmpty());
    QVERIFY(!label->isVisible());
    QVERIFY(m_view->timeAxis()->isVisible());
}

void TestTrendChartView::errorState()
{
    m_view->setResult(rawResult(5));
    TrendResult failed = rawResult(0);
    failed.error = QStringLiteral("cannot read a trend from the cache: database is locked");
    m_view->setResult(failed);
    auto *label = m_view->findChild<QLabel *>(QStringLiteral("chartEmptyState"));
    QVERIFY(label->isVisible());
    QCOMPARE(label->text(), QStringLiteral("Cannot read a trend from the cache: database is locked"));
    QVERIFY(!m_view->timeAxis()->isVisible());
    QCOMPARE(m_view->valueSeries()->count(), 0);
    QVERIFY(m_view->accessibleDescription().contains(QLatin1String("database is locked")));
}

void TestTrendChartView::clickOpensPoint_data()
{
    QTest::addColumn<bool>("buckets");
    QTest::addColumn<int>("index");
    QTest::newRow("raw, first") << false << 0;
    QTest::newRow("raw, middle") << false << 23;
    QTest::newRow("raw, last") << false << 59;
    QTest::newRow("hourly, middle") << true << 100;
    QTest::newRow("hourly, last") << true << 167;
}

void TestTrendChartView::clickOpensPoint()
{
    QFETCH(bool, buckets);
    QFETCH(int, index);
    const TrendResult result = buckets ? hourlyResult(7) : rawResult(60);
    m_view->setResult(result);
    settle();

    QSignalSpy clicked(m_view.get(), &TrendChartView::pointClicked);
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, pointPosition(*m_view, index));
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), index);
    comparePoints(clicked.at(0).at(1).value<TrendPoint>(), result.points.at(index));
    QCOMPARE(m_view->currentIndex(), index);
}

void TestTrendChartView::clickAwayFromPointsDoesNothing()
{
    m_view->setResult(rawResult(5)); // points ~150 px apart
    settle();
    QSignalSpy clicked(m_view.get(), &TrendChartView::pointClicked);
    const QPoint first = pointPosition(*m_view, 0);
    const QPoint second = pointPosition(*m_view, 1);
    QVERIFY(second.x() - first.x() > 4 * TrendChartView::PickTolerance);

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, (first + second) / 2);
    QCOMPARE(clicked.size(), 0);
    // Below the plot, on the time axis' labels.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, QPoint(second.x(), m_view->height() - 2));
    QCOMPARE(clicked.size(), 0);
    // A few pixels off still hits.
    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, second + QPoint(TrendChartView::PickTolerance - 2, 30));
    QCOMPARE(clicked.size(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 1);
}

void TestTrendChartView::keyboardMovesAndOpens()
{
    const TrendResult result = rawResult(30);
    m_view->setResult(result);
    settle();
    QCOMPARE(m_view->focusPolicy(), Qt::StrongFocus);
    QSignalSpy clicked(m_view.get(), &TrendChartView::pointClicked);

    QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, pointPosition(*m_view, 10));
    QCOMPARE(clicked.size(), 1);
    QTest::keyClick(m_view.get(), Qt::Key_Right);
    QCOMPARE(m_view->currentIndex(), 11);
    QTest::keyClick(m_view.get(), Qt::Key_Return);
    QCOMPARE(clicked.size(), 2);
    QCOMPARE(clicked.at(1).at(0).toInt(), 11);
    comparePoints(clicked.at(1).at(1).value<TrendPoint>(), result.points.at(11));

    QTest::keyClick(m_view.get(), Qt::Key_Left);
    QTest::keyClick(m_view.get(), Qt::Key_Left);
    QTest::keyClick(m_view.get(), Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(clicked.size(), 3);
    QCOMPARE(clicked.at(2).at(0).toInt(), 9);

    QTest::keyClick(m_view.get(), Qt::Key_End);
    QCOMPARE(m_view->currentIndex(), 29);
    QTest::keyClick(m_view.get(), Qt::Key_Right); // stays on the last point
    QCOMPARE(m_view->currentIndex(), 29);
    QTest::keyClick(m_view.get(), Qt::Key_Home);
    QCOMPARE(m_view->currentIndex(), 0);
    QTest::keyClick(m_view.get(), Qt::Key_Escape);
    QCOMPARE(m_view->currentIndex(), -1);
    QTest::keyClick(m_view.get(), Qt::Key_Return); // nothing highlighted: nothing to open
    QCOMPARE(clicked.size(), 3);
    QTest::keyClick(m_view.get(), Qt::Key_Right); // from nothing, Right starts at the first point
    QCOMPARE(m_view->currentIndex(), 0);
    QVERIFY(m_view->accessibleDescription().contains(QLatin1String("%")));

    // A new result drops the highlight: its indexes mean other points.
    m_view->setResult(rawResult(5));
    QCOMPARE(m_view->currentIndex(), -1);
}

void TestTrendChartView::hoverShowsToolTip()
{
    const TrendResult result = hourlyResult(1);
    m_view->setResult(result);
    settle();
    QTest::mouseMove(m_view->viewport(), pointPosition(*m_view, 5));
    QTRY_COMPARE(m_view->currentIndex(), 5);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), m_view->pointText(5));
    QVERIFY(QToolTip::text().contains(QLatin1String("60 samples")));

    // Between points (hourly buckets lie ~27 px apart here) nothing is highlighted.
    const QPoint gap = (pointPosition(*m_view, 5) + pointPosition(*m_view, 6)) / 2;
    QTest::mouseMove(m_view->viewport(), gap);
    QTRY_COMPARE(m_view->currentIndex(), -1);
}

void TestTrendChartView::timeFormat_data()
{
    QTest::addColumn<qint64>("span");
    QTest::addColumn<bool>("buckets");
    QTest::addColumn<QString>("format");
    QTest::newRow("1 h") << Hour << false << QStringLiteral("HH:mm");
    QTest::newRow("24 h") << Day << false << QStringLiteral("HH:mm");
    QTest::newRow("7 days") << 7 * Day << false << QStringLiteral("ddd HH:mm");
    // The first hourly bucket starts before the range: still a week's labels.
    QTest::newRow("7 days, hourly") << 7 * Day << true << QStringLiteral("ddd HH:mm");
    QTest::newRow("30 days") << 30 * Day << false << QStringLiteral("MMM d");
    QTest::newRow("30 days, hourly") << 30 * Day << true << QStringLiteral("MMM d");
}

void TestTrendChartView::timeFormat()
{
    QFETCH(qint64, span);
    QFETCH(bool, buckets);
    QFETCH(QString, format);
    TrendResult result = rawResult(200, span);
    if (buckets) {
        result = hourlyResult(int(span / Day));
        result.request.from += 20 * 60;
        result.request.to += 20 * 60;
    }
    m_view->setResult(result);
    settle();
    QCOMPARE(m_view->timeAxisFormat(), format);
    QCOMPARE(TrendChartView::timeFormat(span), format);
    if (!format.contains(QLatin1String("HH"))) {
        // Dates alone: a day or more between ticks, or labels repeat.
        const QList<qint64> ticks = m_view->timeTicks();
        for (qsizetype i = 1; i < ticks.size(); ++i)
            QVERIFY(ticks.at(i) - ticks.at(i - 1) >= Day);
    }
}

void TestTrendChartView::tickCountFitsWidth()
{
    TrendResult day = rawResult(200, Day);
    // A range that ends at an odd minute, as "the last 24 hours" does.
    day.request.from += 17 * 60 + 23;
    day.request.to += 17 * 60 + 23;
    m_view->setResult(day);
    m_view->resize(320, 300);
    settle();
    const qsizetype narrow = m_view->timeTicks().size();
    m_view->resize(1400, 300);
    settle();
    const qsizetype wide = m_view->timeTicks().size();
    QVERIFY2(narrow < wide, qPrintable(QStringLiteral("%1 ticks at 320 px, %2 at 1400 px").arg(narrow).arg(wide)));

    // The labels ("12:34") fit side by side, sit on round clock times evenly apart, and name those times.
    for (int width : { 320, 640, 1400 }) {
        m_view->resize(width, 300);
        settle();
        const QList<qint64> ticks = m_view->timeTicks();
        const double label = QFontMetricsF(m_view->timeAxis()->labelsFont()).horizontalAdvance(QStringLiteral("23:58"));
        QVERIFY2(ticks.size() * label < m_view->chart()->plotArea().width(), qPrintable(QString::number(ticks.size())));
        QVERIFY(ticks.size() >= 2);
        const qint64 step = ticks.at(1) - ticks.at(0);
        QCOMPARE(Day % step, 0);
        const QStringList labels = m_view->timeAxis()->categoriesLabels();
        QCOMPARE(labels.size(), ticks.size());
        for (qsizetype i = 0; i < ticks.size(); ++i) {
            const QDateTime local = QDateTime::fromSecsSinceEpoch(ticks.at(i));
            QCOMPARE(local.time().msecsSinceStartOfDay() / 1000 % step, 0);
            if (i > 0)
                QCOMPARE(ticks.at(i) - ticks.at(i - 1), step);
            QCOMPARE(labels.at(i), QLocale().toString(local, m_view->timeAxisFormat()));
            QCOMPARE(m_view->timeAxis()->endValue(labels.at(i)), double(ticks.at(i)) * 1000.0);
        }
    }

    // Beyond a week the labels are dates: whole local days apart, at midnight.
    TrendResult month = hourlyResult(30);
    m_view->setResult(month);
    m_view->resize(900, 300);
    settle();
    QVERIFY(m_view->timeTicks().size() >= 2);
    for (const qint64 tick : m_view->timeTicks())
        QCOMPARE(QDateTime::fromSecsSinceEpoch(tick).time(), QTime(0, 0));
    QCOMPARE((m_view->timeTicks().at(1) - m_view->timeTicks().at(0)) % Day, 0);
}

void TestTrendChartView::toolTipText()
{
    TrendResult result = rawResult(3);
    result.points[1].value = 42.25;
    m_view->setResult(result);
    const QString raw = m_view->pointText(1);
    QVERIFY2(raw.startsWith(QLatin1String("42.3 %\n")), qPrintable(raw)); // one decimal
    QVERIFY(
        raw.contains(QLocale().toString(QDateTime::fromSecsSinceEpoch(result.points.at(1).ts), QLocale::ShortFormat)));
    QVERIFY(!raw.contains(QLatin1String("samples")));

    result = hourlyResult(1);
    result.points[2] = TrendPoint { Start + 2 * Hour, 55.56, 12, 97.04, 60, Start + 2 * Hour, Start + 3 * Hour - 1 };
    m_view->setResult(result);
    const QString bucket = m_view->pointText(2);
    QVERIFY2(bucket.contains(QLatin1String("Average 55.6 %")), qPrintable(bucket));
    QVERIFY2(bucket.contains(QStringLiteral("Min 12.0 % · max 97.0 %")), qPrintable(bucket));
    QVERIFY2(bucket.contains(QLatin1String("60 samples")), qPrintable(bucket));
    // The bucket ends where the next one starts.
    const QLocale locale;
    QVERIFY2(
        bucket.contains(locale.toString(QDateTime::fromSecsSinceEpoch(Start + 3 * Hour).time(), QLocale::ShortFormat)),
        qPrintable(bucket));
    QVERIFY(m_view->pointText(-1).isEmpty());
    QVERIFY(m_view->pointText(1000).isEmpty());
}

void TestTrendChartView::coloursFollowPalette_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << lightPalette();
    QTest::newRow("dark") << darkPalette();
}

void TestTrendChartView::coloursFollowPalette()
{
    QFETCH(QPalette, palette);
    m_view->setResult(hourlyResult(1));
    // The application's palette changes while the chart is shown, as when the desktop switches to dark mode.
    QApplication::setPalette(palette);
    settle();
    const QColor base = palette.color(QPalette::Base);
    QCOMPARE(m_view->chart()->backgroundBrush().color(), base);
    QCOMPARE(m_view->chart()->titleBrush().color(), palette.color(QPalette::Text));
    // Lines and labels stand out from the background (WCAG's 3:1 for graphics).
    for (const QColor &line : { m_view->valueSeries()->pen().color(), m_view->warningSeries()->pen().color(),
                                m_view->criticalSeries()->pen().color(), m_view->timeAxis()->labelsBrush().color() }) {
        QVERIFY2(contrast(line, base) >= 3.0, qPrintable(line.name()));
    }
    // Amber and red, told apart.
    const QColor warning = m_view->warningSeries()->pen().color();
    const QColor critical = m_view->criticalSeries()->pen().color();
    QVERIFY(warning.hue() >= 25 && warning.hue() <= 50);
    QVERIFY(critical.hue() <= 10 || critical.hue() >= 350);
    const QImage image = m_view->grab().toImage();
    QCOMPARE(image.pixelColor(2, image.height() / 2), base);
}

void TestTrendChartView::accessibleName()
{
    QCOMPARE(m_view->accessibleName(), QStringLiteral("CPU trend chart"));
    m_view->setTitle(QStringLiteral("Memory"));
    QCOMPARE(m_view->accessibleName(), QStringLiteral("Memory trend chart"));
    m_view->setResult(rawResult(12));
    QVERIFY(m_view->accessibleDescription().startsWith(QLatin1String("12 points")));
}

QTEST_MAIN(TestTrendChartView)
#include "tst_trendchartview.moc"
