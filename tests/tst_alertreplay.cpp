#include "alerts/alertreplay.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

namespace {

AlertRule rule(qint64 forSeconds = 300)
{
    AlertRule r;
    r.metric = Metric::Cpu;
    r.warning = 80;
    r.critical = 90;
    r.forSeconds = forSeconds;
    r.clearMargin = 5;
    return r;
}

// "0=85 60=86.5": ts=value pairs.
QList<AlertSample> samples(const QString &text)
{
    QList<AlertSample> list;
    for (const QString &pair : text.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        list.append(
            { pair.section(QLatin1Char('='), 0, 0).toLongLong(), pair.section(QLatin1Char('='), 1).toDouble() });
    return list;
}

// "300-600 warning, 600-900 critical open"
QString shown(const QList<AlertFiringPeriod> &periods)
{
    QStringList parts;
    for (const AlertFiringPeriod &p : periods)
        parts << QStringLiteral("%1-%2 %3%4")
                     .arg(QString::number(p.from), QString::number(p.to), alertLevelName(p.level),
                          p.open ? QStringLiteral(" open") : QString());
    return parts.join(QLatin1String(", "));
}

// A day of a noisy metric, one sample a minute, with busy hours, spikes, flapping and gaps.
QList<AlertSample> noisyDay(quint32 seed)
{
    QRandomGenerator random(seed);
    QList<AlertSample> list;
    qint64 ts = 1'790'000'000;
    double level = 50;
    for (int i = 0; i < 1440; ++i) {
        ts += 60;
        if (random.bounded(200) == 0)
            ts += 60 * (10 + random.bounded(60)); // a gap of 10–70 minutes
        if (random.bounded(90) == 0)
            level = 40 + random.bounded(60.0); // the load changes
        const double value = std::clamp(level + random.bounded(16.0) - 8, 0.0, 100.0);
        list.append({ ts, value });
    }
    return list;
}

} // namespace

class TestAlertReplay : public QObject
{
    Q_OBJECT

private slots:
    void summary_data();
    void summary();
    void flapWindow_data();
    void flapWindow();
    void noSamples();
    void replayEqualsLive_data();
    void replayEqualsLive();
};

void TestAlertReplay::summary_data()
{
    QTest::addColumn<qint64>("forSeconds");
    QTest::addColumn<QString>("samples");
    QTest::addColumn<int>("fired");
    QTest::addColumn<qint64>("firingSeconds");
    QTest::addColumn<int>("flaps");
    QTest::addColumn<int>("escalations");
    QTest::addColumn<int>("cancelled");
    QTest::addColumn<QString>("periods");

    QTest::newRow("quiet") << qint64(300) << QStringLiteral("0=10 60=20 120=79") << 0 << qint64(0) << 0 << 0 << 0
                           << QString();
    QTest::newRow("short spikes kept quiet by for")
        << qint64(300) << QStringLiteral("0=85 60=50 120=95 240=50") << 0 << qint64(0) << 0 << 0 << 2 << QString();
    QTest::newRow("one firing") << qint64(300) << QStringLiteral("0=85 300=85 600=85 900=70 960=70") << 1 << qint64(600)
                                << 0 << 0 << 0 << QStringLiteral("300-900 warning");
    QTest::newRow("escalated and back") << qint64(0) << QStringLiteral("0=85 100=95 200=84 300=70") << 1 << qint64(300)
                                        << 0 << 1 << 0
                                        << QStringLiteral("0-100 warning, 100-200 critical, 200-300 warning");
    QTest::newRow("still firing at the end") << qint64(0) << QStringLiteral("0=50 100=85 400=86") << 1 << qint64(300)
                                             << 0 << 0 << 0 << QStringLiteral("100-400 warning open");
    QTest::newRow("flapping") << qint64(0) << QStringLiteral("0=85 600=70 1200=85 1800=70 2400=85 9000=70") << 3
                              << qint64(600 + 600 + 6600) << 2 << 0 << 0
                              << QStringLiteral("0-600 warning, 1200-1800 warning, 2400-9000 warning");
    QTest::newRow("returning after more than an hour is no flap")
        << qint64(0) << QStringLiteral("0=85 600=70 4201=85 4800=70") << 2 << qint64(1199) << 0 << 0 << 0
        << QStringLiteral("0-600 warning, 4201-4800 warning");
}

void TestAlertReplay::summary()
{
    QFETCH(qint64, forSeconds);
    QFETCH(QString, samples);
    QFETCH(int, fired);
    QFETCH(qint64, firingSeconds);
    QFETCH(int, flaps);
    QFETCH(int, escalations);
    QFETCH(int, cancelled);
    QFETCH(QString, periods);

    const AlertReplayResult result = AlertReplay::replay(rule(forSeconds), ::samples(samples));
    QCOMPARE(shown(result.periods), periods);
    QCOMPARE(result.fired, fired);
    QCOMPARE(result.firingSeconds, firingSeconds);
    QCOMPARE(result.flaps, flaps);
    QCOMPARE(result.escalations, escalations);
    QCOMPARE(result.cancelled, cancelled);
}

void TestAlertReplay::flapWindow_data()
{
    QTest::addColumn<qint64>("refireAfter");
    QTest::addColumn<int>("flaps");

    QTest::newRow("within the hour") << qint64(1800) << 1;
    QTest::newRow("exactly an hour") << qint64(3600) << 1;
    QTest::newRow("just over an hour") << qint64(3601) << 0;
}

void TestAlertReplay::flapWindow()
{
    QFETCH(qint64, refireAfter);
    QFETCH(int, flaps);

    const QList<AlertSample> list { { 0, 85 }, { 60, 50 }, { 60 + refireAfter, 85 } };
    QCOMPARE(AlertReplay::replay(rule(0), list).flaps, flaps);
    QCOMPARE(AlertReplay::replay(rule(0), list, refireAfter - 1).flaps, 0);
}

void TestAlertReplay::noSamples()
{
    const AlertReplayResult result = AlertReplay::replay(rule(), {});
    QCOMPARE(result, AlertReplayResult());
}

void TestAlertReplay::replayEqualsLive_data()
{
    QTest::addColumn<quint32>("seed");
    QTest::addColumn<qint64>("forSeconds");
    QTest::addColumn<int>("chunk"); // samples per sync
    QTest::addColumn<int>("overlap"); // samples each sync fetches again

    QTest::newRow("seed 1, for 5m, 30 a sync") << quint32(1) << qint64(300) << 30 << 5;
    QTest::newRow("seed 2, for 5m, one at a time") << quint32(2) << qint64(300) << 1 << 0;
    QTest::newRow("seed 3, for 0, 7 a sync") << quint32(3) << qint64(0) << 7 << 3;
    QTest::newRow("seed 4, for 15m, 100 a sync") << quint32(4) << qint64(900) << 100 << 20;
    QTest::newRow("seed 5, for 1h, 13 a sync") << quint32(5) << qint64(3600) << 13 << 13;
}

void TestAlertReplay::replayEqualsLive()
{
    QFETCH(quint32, seed);
    QFETCH(qint64, forSeconds);
    QFETCH(int, chunk);
    QFETCH(int, overlap);

    const QList<AlertSample> day = noisyDay(seed);
    const AlertRule r = rule(forSeconds);
    const AlertReplayResult replayed = AlertReplay::replay(r, day, AlertReplay::DefaultFlapWindowSeconds, 9);
    QVERIFY2(replayed.fired > 0, "the data should make the rule fire");

    // Live: each sync is a new run that restores the stored state and re-fetches an overlap.
    QByteArray stored = QJsonDocument(AlertEvaluatorState().toJson()).toJson();
    QList<AlertTransition> live;
    for (qsizetype from = 0; from < day.size(); from += chunk) {
        AlertEvaluator evaluator;
        evaluator.importState(*AlertEvaluatorState::fromJson(QJsonDocument::fromJson(stored).object()));
        const qsizetype start = std::max<qsizetype>(0, from - overlap);
        live += evaluator.feed(9, Metric::Cpu, day.mid(start, from + chunk - start), r);
        stored = QJsonDocument(evaluator.exportState().toJson()).toJson();
    }
    const AlertReplayResult summarised = AlertReplay::summarise(live, day.last().ts);
    QCOMPARE(summarised.transitions.size(), replayed.transitions.size());
    QCOMPARE(summarised, replayed);
}

QTEST_GUILESS_MAIN(TestAlertReplay)
#include "tst_alertreplay.moc"
