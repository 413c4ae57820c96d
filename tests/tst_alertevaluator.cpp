#include "alerts/alertevaluator.h"

#include <QJsonDocument>
#include <QTest>

namespace {

AlertRule rule(double warning = 80, double critical = 90, qint64 forSeconds = 300, double clearMargin = 5)
{
    AlertRule r;
    r.metric = Metric::Cpu;
    r.warning = warning;
    r.critical = critical;
    r.forSeconds = forSeconds;
    r.clearMargin = clearMargin;
    return r;
}

// "0=85 60=86.5": ts=value pairs.
QList<AlertSample> samples(const QString &text)
{
    QList<AlertSample> list;
    for (const QString &pair : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        AlertSample s;
        s.ts = pair.section(QLatin1Char('='), 0, 0).toLongLong();
        s.value = pair.section(QLatin1Char('='), 1).toDouble();
        list.append(s);
    }
    return list;
}

// "300 firing warning since 0": what the tables expect.
QStringList shown(const QList<AlertTransition> &transitions)
{
    QStringList lines;
    for (const AlertTransition &t : transitions)
        lines << QStringLiteral("%1 %2 %3 since %4")
                     .arg(QString::number(t.at), alertStateName(t.state), alertLevelName(t.level),
                          QString::number(t.since));
    return lines;
}

QByteArray roundTrip(const AlertEvaluatorState &state)
{
    return QJsonDocument(state.toJson()).toJson(QJsonDocument::Compact);
}

} // namespace

class TestAlertEvaluator : public QObject
{
    Q_OBJECT

private slots:
    void transitions_data();
    void transitions();
    void transitionFields();
    void gaps_data();
    void gaps();
    void outOfOrderAndDuplicates_data();
    void outOfOrderAndDuplicates();
    void refeedIsIdempotent();
    void seriesAreIndependent();
    void ruleSetDrivesEvaluation_data();
    void ruleSetDrivesEvaluation();
    void firingList();
    void stateContinuesAcrossRuns_data();
    void stateContinuesAcrossRuns();
    void stateJsonErrors_data();
    void stateJsonErrors();
    void forget();
    void nonFiniteValuesIgnored();
};

void TestAlertEvaluator::transitions_data()
{
    QTest::addColumn<AlertRule>("rule");
    QTest::addColumn<QString>("samples");
    QTest::addColumn<QStringList>("expected");

    const AlertRule r = rule(); // 80/90, for 300 s, clear margin 5

    QTest::newRow("below the threshold") << r << QStringLiteral("0=50 60=79.9 120=79.99") << QStringList();
    QTest::newRow("crossing starts pending")
        << r << QStringLiteral("0=50 60=81") << QStringList { QStringLiteral("60 pending warning since 60") };
    QTest::newRow("at the threshold counts")
        << r << QStringLiteral("0=80") << QStringList { QStringLiteral("0 pending warning since 0") };
    QTest::newRow("for not yet elapsed") << r << QStringLiteral("0=85 60=85 120=85 180=85 240=85 299=85")
                                         << QStringList { QStringLiteral("0 pending warning since 0") };
    QTest::newRow("for exactly elapsed fires")
        << r << QStringLiteral("0=85 60=85 300=85")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0") };
    QTest::newRow("fires on the first sample after for")
        << r << QStringLiteral("0=85 200=85 400=85 600=85")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("400 firing warning since 0") };
    QTest::newRow("for zero fires at once") << rule(80, 90, 0) << QStringLiteral("0=70 60=85")
                                            << QStringList { QStringLiteral("60 firing warning since 60") };
    QTest::newRow("pending back below the threshold: cancelled")
        << r << QStringLiteral("0=85 60=79.9 120=70")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("60 cancelled warning since 0") };
    QTest::newRow("pending inside the band is cancelled too")
        << r << QStringLiteral("0=85 60=77")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("60 cancelled warning since 0") };
    QTest::newRow("pending restarts the clock")
        << r << QStringLiteral("0=85 200=70 240=85 500=85 540=85")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("200 cancelled warning since 0"),
                         QStringLiteral("240 pending warning since 240"),
                         QStringLiteral("540 firing warning since 240") };
    QTest::newRow("hysteresis band keeps it firing")
        << r << QStringLiteral("0=85 300=85 360=79 420=76 480=75 540=79.9 600=75.01")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0") };
    QTest::newRow("below threshold minus margin resolves")
        << r << QStringLiteral("0=85 300=85 360=75 420=74.9 480=60")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0"),
                         QStringLiteral("420 resolved warning since 0") };
    QTest::newRow("flapping inside the band: one firing, nothing more")
        << r << QStringLiteral("0=85 300=85 360=78 420=81 480=76 540=88 600=75.5 660=80 720=77 780=84")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0") };
    QTest::newRow("flapping around the threshold before for: never fires")
        << r << QStringLiteral("0=85 60=70 120=85 180=70 240=85 300=79")
        << QStringList {
               QStringLiteral("0 pending warning since 0"),     QStringLiteral("60 cancelled warning since 0"),
               QStringLiteral("120 pending warning since 120"), QStringLiteral("180 cancelled warning since 120"),
               QStringLiteral("240 pending warning since 240"), QStringLiteral("300 cancelled warning since 240")
           };
    QTest::newRow("escalation warning to critical")
        << r << QStringLiteral("0=85 300=85 360=95 600=95 660=96")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0"),
                         QStringLiteral("660 escalated critical since 360") };
    QTest::newRow("critical condition shorter than for: stays warning")
        << r << QStringLiteral("0=85 300=85 360=95 600=89 700=95 900=86")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0") };
    QTest::newRow("de-escalation below critical minus margin, then resolution")
        << r << QStringLiteral("0=95 300=95 360=86 420=85 480=84.9 540=76 600=74")
        << QStringList { QStringLiteral("0 pending critical since 0"), QStringLiteral("300 firing critical since 0"),
                         QStringLiteral("480 deescalated warning since 0"),
                         QStringLiteral("600 resolved warning since 0") };
    QTest::newRow("critical straight to ok")
        << r << QStringLiteral("0=95 300=95 360=10")
        << QStringList { QStringLiteral("0 pending critical since 0"), QStringLiteral("300 firing critical since 0"),
                         QStringLiteral("360 resolved critical since 0") };
    QTest::newRow("pending critical falls back to pending warning")
        << r << QStringLiteral("0=95 60=85 300=85")
        << QStringList { QStringLiteral("0 pending critical since 0"), QStringLiteral("60 pending warning since 0"),
                         QStringLiteral("300 firing warning since 0") };
    QTest::newRow("pending warning rises to pending critical")
        << r << QStringLiteral("0=85 100=95 300=95 400=95")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("100 pending critical since 100"),
                         QStringLiteral("300 firing warning since 0"),
                         QStringLiteral("400 escalated critical since 100") };
    QTest::newRow("fires again after resolving")
        << rule(80, 90, 0) << QStringLiteral("0=85 60=50 120=85")
        << QStringList { QStringLiteral("0 firing warning since 0"), QStringLiteral("60 resolved warning since 0"),
                         QStringLiteral("120 firing warning since 120") };
    QTest::newRow("warning equal to critical")
        << rule(90, 90, 0) << QStringLiteral("0=95 60=50")
        << QStringList { QStringLiteral("0 firing critical since 0"), QStringLiteral("60 resolved critical since 0") };
    QTest::newRow("clear margin zero") << rule(80, 90, 0, 0) << QStringLiteral("0=85 60=80 120=79.99")
                                       << QStringList { QStringLiteral("0 firing warning since 0"),
                                                        QStringLiteral("120 resolved warning since 0") };
}

void TestAlertEvaluator::transitions()
{
    QFETCH(AlertRule, rule);
    QFETCH(QString, samples);
    QFETCH(QStringList, expected);

    AlertEvaluator evaluator;
    QCOMPARE(shown(evaluator.feed(7, Metric::Cpu, ::samples(samples), rule)), expected);

    // One sample per call gives the same.
    AlertEvaluator single;
    QList<AlertTransition> one;
    for (const AlertSample &s : ::samples(samples))
        one += single.feed(7, Metric::Cpu, s.ts, s.value, rule);
    QCOMPARE(shown(one), expected);
}

void TestAlertEvaluator::transitionFields()
{
    AlertEvaluator evaluator;
    const QList<AlertTransition> t
        = evaluator.feed(42, Metric::Disk, samples(QStringLiteral("1000=85 1300=91.5 1360=60")), rule(80, 90, 300, 5));
    QCOMPARE(t.size(), 3);
    QCOMPARE(t[1].resourceId, qint64(42));
    QCOMPARE(t[1].metric, Metric::Disk);
    QCOMPARE(t[1].state, AlertState::Firing);
    QCOMPARE(t[1].level, AlertLevel::Warning); // critical only pending: 91.5 at 1300 has lasted 0 s
    QCOMPARE(t[1].value, 91.5);
    QCOMPARE(t[1].threshold, 80.0);
    QCOMPARE(t[1].at, qint64(1300));
    QCOMPARE(t[1].since, qint64(1000));
    QVERIFY(t[1].isFiring());
    QCOMPARE(t[2].state, AlertState::Resolved);
    QCOMPARE(t[2].value, 60.0);
    QCOMPARE(t[2].threshold, 80.0);
    QVERIFY(!t[2].isFiring());
}

void TestAlertEvaluator::gaps_data()
{
    QTest::addColumn<AlertRule>("rule");
    QTest::addColumn<QString>("samples");
    QTest::addColumn<QStringList>("expected");

    // for 300 s: the gap limit is max(600, 900) = 900 s.
    QTest::newRow("gap longer than the limit resets pending")
        << rule() << QStringLiteral("0=85 901=85 1100=85 1201=85")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("901 cancelled warning since 0"),
                         QStringLiteral("901 pending warning since 901"),
                         QStringLiteral("1201 firing warning since 901") };
    QTest::newRow("gap of exactly the limit does not")
        << rule() << QStringLiteral("0=85 900=85")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("900 firing warning since 0") };
    QTest::newRow("gap then a low sample: cancelled once")
        << rule() << QStringLiteral("0=85 1000=50")
        << QStringList { QStringLiteral("0 pending warning since 0"),
                         QStringLiteral("1000 cancelled warning since 0") };
    // for 1 h: the limit is 2 × for = 2 h.
    QTest::newRow("long for: the limit is twice for")
        << rule(80, 90, 3600) << QStringLiteral("0=85 3600=85")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("3600 firing warning since 0") };
    QTest::newRow("long for: longer than twice for resets")
        << rule(80, 90, 3600) << QStringLiteral("0=85 7201=85")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("7201 cancelled warning since 0"),
                         QStringLiteral("7201 pending warning since 7201") };
    QTest::newRow("firing survives a gap")
        << rule() << QStringLiteral("0=85 300=85 5000=84 9000=70")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0"),
                         QStringLiteral("9000 resolved warning since 0") };
    QTest::newRow("escalation pending behind a firing warning resets too")
        << rule() << QStringLiteral("0=85 300=95 1300=95 1500=95 1600=95")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0"),
                         QStringLiteral("1600 escalated critical since 1300") };
}

void TestAlertEvaluator::gaps()
{
    transitions();
}

void TestAlertEvaluator::outOfOrderAndDuplicates_data()
{
    QTest::addColumn<QString>("samples");
    QTest::addColumn<QStringList>("expected");

    QTest::newRow("duplicate timestamp ignored")
        << QStringLiteral("0=85 0=50 300=85")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0") };
    QTest::newRow("older sample ignored")
        << QStringLiteral("0=85 120=85 60=10 300=85")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0") };
    QTest::newRow("late low sample cannot resolve")
        << QStringLiteral("0=85 300=85 360=85 330=10")
        << QStringList { QStringLiteral("0 pending warning since 0"), QStringLiteral("300 firing warning since 0") };
}

void TestAlertEvaluator::outOfOrderAndDuplicates()
{
    QFETCH(QString, samples);
    QFETCH(QStringList, expected);

    AlertEvaluator evaluator;
    QCOMPARE(shown(evaluator.feed(1, Metric::Cpu, ::samples(samples), rule())), expected);
}

void TestAlertEvaluator::refeedIsIdempotent()
{
    // A sync re-fetches an overlapping window: the overlap must not cause anything twice.
    const QList<AlertSample> all = samples(QStringLiteral("0=85 60=85 120=90 180=95 240=95 300=95 360=60 420=60"));
    AlertEvaluator evaluator;
    const QList<AlertTransition> first = evaluator.feed(1, Metric::Cpu, all.mid(0, 6), rule());
    const QList<AlertTransition> again = evaluator.feed(1, Metric::Cpu, all.mid(0, 6), rule());
    QVERIFY(again.isEmpty());
    const QList<AlertTransition> rest = evaluator.feed(1, Metric::Cpu, all.mid(3), rule());

    AlertEvaluator once;
    QCOMPARE(first + rest, once.feed(1, Metric::Cpu, all, rule()));
    QCOMPARE(evaluator.lastSampleAt(1, Metric::Cpu), qint64(420));
}

void TestAlertEvaluator::seriesAreIndependent()
{
    AlertEvaluator evaluator;
    const AlertRule r = rule(80, 90, 0);
    QCOMPARE(evaluator.feed(1, Metric::Cpu, 100, 95, r).size(), 1);
    QCOMPARE(evaluator.feed(1, Metric::Memory, 50, 95, r).size(), 1); // older than cpu's sample: its own series
    QCOMPARE(evaluator.feed(2, Metric::Cpu, 10, 85, r).size(), 1);
    QVERIFY(evaluator.feed(1, Metric::Disk, 10, 50, r).isEmpty());
    QCOMPARE(evaluator.firing().size(), 3);
    QCOMPARE(evaluator.lastSampleAt(1, Metric::Memory), qint64(50));
    QCOMPARE(evaluator.lastSampleAt(3, Metric::Cpu), qint64(0));
    QVERIFY(!evaluator.series(3, Metric::Cpu));
}

void TestAlertEvaluator::ruleSetDrivesEvaluation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QString>("expectedLevel"); // after 10 min at 88 %, "" = none

    // default cpu 80/90; kind droplet 85/95; tag prod 70/87; resource web-0003 89/99.
    QTest::newRow("resource") << QStringLiteral("web-0003") << QStringList { QStringLiteral("prod") } << QString();
    QTest::newRow("tag") << QStringLiteral("web-0004") << QStringList { QStringLiteral("prod") }
                         << QStringLiteral("critical");
    QTest::newRow("kind") << QStringLiteral("web-0005") << QStringList() << QStringLiteral("warning");
}

void TestAlertEvaluator::ruleSetDrivesEvaluation()
{
    QFETCH(QString, name);
    QFETCH(QStringList, tags);
    QFETCH(QString, expectedLevel);

    AlertRuleSet set;
    AlertOverride kind;
    kind.scope = AlertScope::Kind;
    kind.target = QStringLiteral("droplet");
    kind.warning = 85;
    kind.critical = 95;
    AlertOverride tag;
    tag.scope = AlertScope::Tag;
    tag.target = QStringLiteral("prod");
    tag.warning = 70;
    tag.critical = 87;
    AlertOverride resource;
    resource.scope = AlertScope::Resource;
    resource.target = QStringLiteral("web-0003");
    resource.warning = 89;
    resource.critical = 99;
    set.setOverrides({ resource, tag, kind });
    QVERIFY2(set.validate().isEmpty(), qPrintable(set.validate().join(QLatin1Char('\n'))));

    AlertEvaluator evaluator;
    const AlertRule r = set.ruleFor(name, QStringLiteral("droplet"), tags, Metric::Cpu);
    evaluator.feed(1, Metric::Cpu, samples(QStringLiteral("0=88 300=88 600=88")), r);
    const QList<ActiveAlert> firing = evaluator.firing();
    if (expectedLevel.isEmpty()) {
        QVERIFY(firing.isEmpty());
    } else {
        QCOMPARE(firing.size(), 1);
        QCOMPARE(alertLevelName(firing.first().level), expectedLevel);
    }
}

void TestAlertEvaluator::firingList()
{
    AlertEvaluator evaluator;
    const AlertRule r = rule(80, 90, 60);
    evaluator.feed(3, Metric::Cpu, samples(QStringLiteral("0=85 60=86")), r); // warning since 0
    evaluator.feed(1, Metric::Disk, samples(QStringLiteral("0=85 60=95 120=97 180=96")), r); // critical since 60
    evaluator.feed(2, Metric::Memory, samples(QStringLiteral("0=91")), r); // pending critical
    evaluator.feed(4, Metric::Cpu, samples(QStringLiteral("0=91 60=91 120=10")), r); // resolved

    const QList<ActiveAlert> firing = evaluator.firing();
    QCOMPARE(firing.size(), 2);
    QCOMPARE(firing[0].resourceId, qint64(1));
    QCOMPARE(firing[0].metric, Metric::Disk);
    QCOMPARE(firing[0].level, AlertLevel::Critical);
    QCOMPARE(firing[0].value, 96.0);
    QCOMPARE(firing[0].threshold, 90.0);
    QCOMPARE(firing[0].since, qint64(60));
    QCOMPARE(firing[0].startedAt, qint64(0));
    QCOMPARE(firing[0].updatedAt, qint64(180));
    QCOMPARE(firing[1].resourceId, qint64(3));
    QCOMPARE(firing[1].level, AlertLevel::Warning);
    QCOMPARE(firing[1].threshold, 80.0);

    const QList<ActiveAlert> pending = evaluator.pending();
    QCOMPARE(pending.size(), 1);
    QCOMPARE(pending[0].resourceId, qint64(2));
    QCOMPARE(pending[0].level, AlertLevel::Critical);

    const QList<FiringAlert> report
        = evaluator.firingReport([](qint64 id) { return id == 1 ? QStringLiteral("db-main") : QString(); });
    QCOMPARE(report.size(), 2);
    QCOMPARE(report[0].resource, QStringLiteral("db-main"));
    QCOMPARE(report[0].metric, QStringLiteral("disk"));
    QCOMPARE(report[0].level, QStringLiteral("critical"));
    QCOMPARE(report[0].value, 96.0);
    QCOMPARE(report[0].threshold, 90.0);
    QCOMPARE(report[1].resource, QStringLiteral("3")); // no name known: the id
    QCOMPARE(report[1].metric, QStringLiteral("cpu"));
}

void TestAlertEvaluator::stateContinuesAcrossRuns_data()
{
    QTest::addColumn<int>("split");

    // Splits before, inside and after the pending, firing, escalated and resolved stretches of the series below.
    for (int split : { 0, 1, 3, 5, 6, 8, 10, 12, 14, 16 })
        QTest::newRow(qPrintable(QStringLiteral("after %1 samples").arg(split))) << split;
}

void TestAlertEvaluator::stateContinuesAcrossRuns()
{
    QFETCH(int, split);

    const QList<AlertSample> all = samples(QStringLiteral(
        "0=70 60=82.25 120=85 360=88 420=93.5 720=94 780=91 840=84.9 900=84 960=95 1020=99 2000=99 2300=99 "
        "2360=60 2420=81 2700=81"));
    const AlertRule r = rule(80, 90, 300, 5);
    AlertEvaluator uninterrupted;
    const QList<AlertTransition> expected = uninterrupted.feed(5, Metric::Memory, all, r);
    QVERIFY(expected.size() > 6);

    AlertEvaluator first;
    QList<AlertTransition> got = first.feed(5, Metric::Memory, all.mid(0, split), r);
    first.feed(6, Metric::Cpu, 0, 99, r); // another series rides along
    const QByteArray stored = roundTrip(first.exportState());

    QString error;
    const std::optional<AlertEvaluatorState> state
        = AlertEvaluatorState::fromJson(QJsonDocument::fromJson(stored).object(), &error);
    QVERIFY2(state, qPrintable(error));
    QCOMPARE(*state, first.exportState());
    AlertEvaluator second;
    second.importState(*state);
    // The next run re-fetches with an overlap: the already evaluated samples are skipped.
    got += second.feed(5, Metric::Memory, all.mid(std::max(0, split - 2)), r);
    QCOMPARE(shown(got), shown(expected));
    QCOMPARE(got, expected);
    QCOMPARE(second.exportState().series.size(), 2);
    QCOMPARE(*second.series(5, Metric::Memory), *uninterrupted.series(5, Metric::Memory));
}

void TestAlertEvaluator::stateJsonErrors_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::newRow("empty") << QByteArray("{}");
    QTest::newRow("future version") << QByteArray(R"({"version":2,"series":[]})");
    QTest::newRow("series not a list") << QByteArray(R"({"version":1,"series":{}})");
    QTest::newRow("unknown metric") << QByteArray(
        R"({"version":1,"series":[{"resource":1,"metric":"load","last_ts":1,"last_value":1,)"
        R"("warning":{"phase":"ok","since":0,"threshold":80},"critical":{"phase":"ok","since":0,"threshold":90}}]})");
    QTest::newRow("unknown phase") << QByteArray(
        R"({"version":1,"series":[{"resource":1,"metric":"cpu","last_ts":1,"last_value":1,)"
        R"("warning":{"phase":"angry","since":0,"threshold":80},"critical":{"phase":"ok","since":0,"threshold":90}}]})");
    QTest::newRow("missing level") << QByteArray(
        R"({"version":1,"series":[{"resource":1,"metric":"cpu","last_ts":1,"last_value":1,)"
        R"("warning":{"phase":"ok","since":0,"threshold":80}}]})");
}

void TestAlertEvaluator::stateJsonErrors()
{
    QFETCH(QByteArray, json);

    QString error;
    QVERIFY(!AlertEvaluatorState::fromJson(QJsonDocument::fromJson(json).object(), &error));
    QVERIFY(error.startsWith(QLatin1String("alert state: ")));
    QVERIFY(AlertEvaluatorState::fromJson(AlertEvaluatorState().toJson()));
}

void TestAlertEvaluator::forget()
{
    AlertEvaluator evaluator;
    const AlertRule r = rule(80, 90, 0);
    evaluator.feed(1, Metric::Cpu, 0, 95, r);
    evaluator.feed(1, Metric::Disk, 0, 95, r);
    evaluator.feed(2, Metric::Cpu, 0, 95, r);
    evaluator.forget(1);
    QCOMPARE(evaluator.firing().size(), 1);
    QCOMPARE(evaluator.firing().first().resourceId, qint64(2));
    evaluator.clear();
    QVERIFY(evaluator.exportState().series.isEmpty());
}

void TestAlertEvaluator::nonFiniteValuesIgnored()
{
    AlertEvaluator evaluator;
    QVERIFY(evaluator.feed(1, Metric::Cpu, 0, qQNaN(), rule()).isEmpty());
    QVERIFY(evaluator.feed(1, Metric::Cpu, 10, qInf(), rule()).isEmpty());
    QVERIFY(!evaluator.series(1, Metric::Cpu));
}

QTEST_GUILESS_MAIN(TestAlertEvaluator)
#include "tst_alertevaluator.moc"
