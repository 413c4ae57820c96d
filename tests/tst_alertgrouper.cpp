#include "alerts/alertevaluator.h"
#include "alerts/alertgrouper.h"
#include "alerts/recordingnotifier.h"

#include <QTest>
#include <memory>

namespace {

constexpr qint64 T0 = 1'790'000'000;
constexpr qint64 Minute = 60;

AlertTransition transition(qint64 resourceId, AlertState state, AlertLevel level, double value, qint64 at,
                           Metric metric = Metric::Cpu, qint64 since = -1)
{
    AlertTransition t;
    t.resourceId = resourceId;
    t.metric = metric;
    t.state = state;
    t.level = level;
    t.value = value;
    t.threshold = level == AlertLevel::Critical ? 90 : 80;
    t.at = at;
    t.since = since < 0 ? at - 5 * Minute : since;
    return t;
}

AlertTransition firing(qint64 resourceId, double value, qint64 at, AlertLevel level = AlertLevel::Warning)
{
    return transition(resourceId, AlertState::Firing, level, value, at);
}

AlertTransition resolved(qint64 resourceId, qint64 at, AlertLevel level = AlertLevel::Warning)
{
    return transition(resourceId, AlertState::Resolved, level, 50, at);
}

QString dropletName(qint64 id)
{
    return QStringLiteral("web-%1").arg(id, 4, 10, QLatin1Char('0'));
}

} // namespace

class TestAlertGrouper : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void burstBecomesOneNotification();
    void singleAlertText();
    void maxNamed_data();
    void maxNamed();
    void windowGroupsABurst();
    void nextBurstAfterTheWindow();
    void onlyFiringAndEscalationNotify_data();
    void onlyFiringAndEscalationNotify();
    void cooldown_data();
    void cooldown();
    void escalationBreaksThroughCooldown();
    void flappingInputDoesNotRepeat();
    void acknowledge();
    void acknowledgeEndsAfterStayingResolved();
    void acknowledgeUnseenAlert();
    void snooze();
    void pause();
    void unknownNameShowsId();
    void resolutionsAreToldGrouped_data();
    void resolutionsAreToldGrouped();
    void resolutionTellsOnlyWhatWasTold_data();
    void resolutionTellsOnlyWhatWasTold();
    void firingAgainAfterAToldResolutionIsNews();
    void flappingAcrossBurstsStaysQuiet();
    void resolvedAlertsAreForgotten();
    void acknowledgementsRoundTrip();
    void restoredFiringResolutionIsTold();
    void longNamesAreShortened();

private:
    AlertGrouper &grouper(AlertGrouper::Options options = AlertGrouper::Options());

    qint64 m_now = T0;
    RecordingNotifier m_notifier;
    std::unique_ptr<AlertGrouper> m_grouper;
};

void TestAlertGrouper::init()
{
    m_now = T0;
    m_notifier.clear();
    m_grouper.reset();
}

AlertGrouper &TestAlertGrouper::grouper(AlertGrouper::Options options)
{
    m_grouper = std::make_unique<AlertGrouper>(&m_notifier, dropletName, options, [this] { return m_now; });
    return *m_grouper;
}

void TestAlertGrouper::burstBecomesOneNotification()
{
    // After an incident 12 droplets cross their CPU thresholds in the same sync.
    AlertGrouper &g = grouper();
    AlertEvaluator evaluator;
    AlertRule rule;
    rule.forSeconds = 0;
    const double values[] = { 85, 96, 91, 82, 99, 88, 93, 81, 84, 97, 86, 83 };
    for (int i = 0; i < 12; ++i) {
        evaluator.feed(i + 1, Metric::Cpu, T0 - 600, 40, rule);
        g.add(evaluator.feed(i + 1, Metric::Cpu, T0 - 60, values[i], rule));
    }
    QVERIFY(g.dueAt());
    QVERIFY(g.flush());

    QCOMPARE(m_notifier.count(), 1);
    const AlertNotification n = m_notifier.notifications().first();
    QCOMPARE(n.title, QStringLiteral("12 alerts (5 critical)"));
    QCOMPARE(n.level, AlertLevel::Critical);
    const QStringList lines = n.body.split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), 6);
    QCOMPARE(lines[0], QStringLiteral("web-0005 CPU 99 % (critical ≥ 90 %, for 0s)"));
    QVERIFY(lines[1].startsWith(QLatin1String("web-0010 CPU 97 %")));
    QVERIFY(lines[2].startsWith(QLatin1String("web-0002 CPU 96 %")));
    QVERIFY(lines[3].startsWith(QLatin1String("web-0007 CPU 93 %")));
    QVERIFY(lines[4].startsWith(QLatin1String("web-0003 CPU 91 %")));
    QCOMPARE(lines[5], QStringLiteral("and 7 more"));
    // Every alert travels with it, worst first.
    QCOMPARE(n.transitions.size(), 12);
    QCOMPARE(n.transitions.first().resourceId, qint64(5));
    QCOMPARE(n.transitions.last().resourceId, qint64(8)); // 81 %, the mildest
    QVERIFY(!g.dueAt());
    QVERIFY(!g.flush());
    QCOMPARE(m_notifier.count(), 1);
}

void TestAlertGrouper::singleAlertText()
{
    AlertGrouper &g = grouper();
    g.add(
        transition(3, AlertState::Escalated, AlertLevel::Critical, 95.6, T0 - 60, Metric::Cpu, T0 - 60 - 7 * 60 - 20));
    QVERIFY(g.flush());
    const AlertNotification n = m_notifier.notifications().first();
    QCOMPARE(n.title, QStringLiteral("Critical: web-0003 CPU 96 %"));
    QCOMPARE(n.body, QStringLiteral("web-0003 CPU 96 % (critical ≥ 90 %, for 7m)"));
    QCOMPARE(n.level, AlertLevel::Critical);

    m_now += 3600;
    g.add(transition(4, AlertState::Firing, AlertLevel::Warning, 88, T0, Metric::Disk, T0 - 2 * 3600 - 30 * 60));
    g.add(transition(5, AlertState::Firing, AlertLevel::Warning, 86, T0, Metric::Memory));
    QVERIFY(g.flush());
    const AlertNotification two = m_notifier.notifications().last();
    QCOMPARE(two.title, QStringLiteral("2 alerts"));
    QCOMPARE(two.level, AlertLevel::Warning);
    QCOMPARE(two.body,
             QStringLiteral("web-0004 disk 88 % (warning ≥ 80 %, for 2h30m)\nweb-0005 memory 86 % (warning ≥ 80 %, "
                            "for 5m)"));
}

void TestAlertGrouper::maxNamed_data()
{
    QTest::addColumn<int>("alerts");
    QTest::addColumn<int>("maxNamed");
    QTest::addColumn<int>("lines");
    QTest::addColumn<QString>("last");

    QTest::newRow("fits") << 5 << 5 << 5 << QStringLiteral("web-0001 CPU 81 % (warning ≥ 80 %, for 5m)");
    QTest::newRow("one more") << 6 << 5 << 6 << QStringLiteral("and 1 more");
    QTest::newRow("three named") << 40 << 3 << 4 << QStringLiteral("and 37 more");
}

void TestAlertGrouper::maxNamed()
{
    QFETCH(int, alerts);
    QFETCH(int, maxNamed);
    QFETCH(int, lines);
    QFETCH(QString, last);

    AlertGrouper::Options options;
    options.maxNamed = maxNamed;
    AlertGrouper &g = grouper(options);
    for (int i = 1; i <= alerts; ++i)
        g.add(firing(i, 80 + i, T0));
    QVERIFY(g.flush());
    const QStringList body = m_notifier.notifications().first().body.split(QLatin1Char('\n'));
    QCOMPARE(body.size(), lines);
    QCOMPARE(body.last(), last);
    QCOMPARE(m_notifier.notifications().first().transitions.size(), alerts);
}

void TestAlertGrouper::windowGroupsABurst()
{
    AlertGrouper &g = grouper(); // 10 s window
    g.add(firing(1, 85, T0));
    QCOMPARE(g.dueAt(), std::optional<qint64>(T0 + 10));
    m_now += 4;
    g.add(firing(2, 86, T0 + 4));
    m_now += 5;
    QVERIFY(!g.flushDue());
    QCOMPARE(m_notifier.count(), 0);
    m_now += 1;
    QVERIFY(g.flushDue());
    QCOMPARE(m_notifier.count(), 1);
    QCOMPARE(m_notifier.notifications().first().transitions.size(), 2);
}

void TestAlertGrouper::nextBurstAfterTheWindow()
{
    AlertGrouper &g = grouper();
    g.add(firing(1, 85, T0));
    m_now += 11;
    // No timer fired in between: adding sends the previous burst first.
    g.add(firing(2, 86, T0 + 11));
    QCOMPARE(m_notifier.count(), 1);
    QCOMPARE(m_notifier.notifications().first().transitions.first().resourceId, qint64(1));
    QCOMPARE(g.dueAt(), std::optional<qint64>(T0 + 21));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.count(), 2);
    QCOMPARE(m_notifier.notifications().last().transitions.first().resourceId, qint64(2));
}

void TestAlertGrouper::onlyFiringAndEscalationNotify_data()
{
    QTest::addColumn<QStringList>("states"); // "firing warning", in order, for one resource
    QTest::addColumn<QString>("notified"); // the level notified, "" = nothing

    QTest::newRow("pending") << QStringList { QStringLiteral("pending warning") } << QString();
    QTest::newRow("cancelled") << QStringList { QStringLiteral("pending warning"), QStringLiteral("cancelled warning") }
                               << QString();
    QTest::newRow("firing") << QStringList { QStringLiteral("firing warning") } << QStringLiteral("warning");
    QTest::newRow("escalated in the burst: once, at the worse level")
        << QStringList { QStringLiteral("firing warning"), QStringLiteral("escalated critical") }
        << QStringLiteral("critical");
    QTest::newRow("escalated then back in the burst: its level now")
        << QStringList { QStringLiteral("firing warning"), QStringLiteral("escalated critical"),
                         QStringLiteral("deescalated warning") }
        << QStringLiteral("warning");
    QTest::newRow("fired and resolved within the burst")
        << QStringList { QStringLiteral("firing warning"), QStringLiteral("resolved warning") } << QString();
    QTest::newRow("resolved and fired again within the burst")
        << QStringList { QStringLiteral("firing warning"), QStringLiteral("resolved warning"),
                         QStringLiteral("firing critical") }
        << QStringLiteral("critical");
    QTest::newRow("resolution alone") << QStringList { QStringLiteral("resolved warning") } << QString();
    QTest::newRow("de-escalation alone") << QStringList { QStringLiteral("deescalated warning") } << QString();
}

void TestAlertGrouper::onlyFiringAndEscalationNotify()
{
    QFETCH(QStringList, states);
    QFETCH(QString, notified);

    AlertGrouper &g = grouper();
    qint64 at = T0;
    for (const QString &s : states) {
        const AlertState state = *alertStateFromName(s.section(QLatin1Char(' '), 0, 0));
        const AlertLevel level = *alertLevelFromName(s.section(QLatin1Char(' '), 1));
        g.add(transition(1, state, level, level == AlertLevel::Critical ? 95 : 85, at++));
    }
    QCOMPARE(g.flush(), !notified.isEmpty());
    QCOMPARE(m_notifier.count(), notified.isEmpty() ? 0 : 1);
    if (!notified.isEmpty())
        QCOMPARE(alertLevelName(m_notifier.notifications().first().level), notified);
}

void TestAlertGrouper::cooldown_data()
{
    QTest::addColumn<qint64>("after");
    QTest::addColumn<bool>("notified");

    QTest::newRow("a minute later") << qint64(60) << false;
    QTest::newRow("just inside the cooldown") << qint64(30 * Minute - 1) << false;
    QTest::newRow("the cooldown has passed") << qint64(30 * Minute) << true;
    QTest::newRow("hours later") << qint64(5 * 3600) << true;
}

void TestAlertGrouper::cooldown()
{
    QFETCH(qint64, after);
    QFETCH(bool, notified);

    AlertGrouper &g = grouper();
    g.add(firing(1, 85, T0));
    QVERIFY(g.flush());
    // Resolved and firing again within one burst: the user never heard of the resolution.
    m_now += after;
    g.add(resolved(1, T0 + after - 5));
    g.add(firing(1, 86, T0 + after));
    g.add(firing(2, 84, T0 + after)); // another resource is not held back
    QVERIFY(g.flush());
    const AlertNotification n = m_notifier.notifications().last();
    QCOMPARE(n.transitions.size(), notified ? 2 : 1);
    QCOMPARE(n.body.contains(QLatin1String("web-0001")), notified);
}

void TestAlertGrouper::escalationBreaksThroughCooldown()
{
    AlertGrouper &g = grouper();
    g.add(firing(1, 85, T0));
    QVERIFY(g.flush());
    m_now += Minute;
    g.add(transition(1, AlertState::Escalated, AlertLevel::Critical, 95, T0 + Minute));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.count(), 2);
    QCOMPARE(m_notifier.notifications().last().level, AlertLevel::Critical);

    // Down and up again within the cooldown: told already.
    m_now += Minute;
    g.add(transition(1, AlertState::DeEscalated, AlertLevel::Warning, 84, T0 + 2 * Minute));
    g.add(transition(1, AlertState::Escalated, AlertLevel::Critical, 95, T0 + 3 * Minute));
    QVERIFY(!g.flush());
    // Resolved and firing at warning: less than what was told a minute ago.
    g.add(resolved(1, T0 + 4 * Minute, AlertLevel::Critical));
    g.add(firing(1, 85, T0 + 5 * Minute));
    QVERIFY(!g.flush());
    QCOMPARE(m_notifier.count(), 2);
}

void TestAlertGrouper::flappingInputDoesNotRepeat()
{
    // A CPU swinging between 95 % and 50 % every 5 minutes, synced every 10 minutes for 25 minutes, with `for` 0:
    // the evaluator fires and resolves again and again; the user hears of it once.
    AlertGrouper &g = grouper();
    AlertEvaluator evaluator;
    AlertRule rule;
    rule.forSeconds = 0;
    int firings = 0;
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 2; ++i) {
            const qint64 ts = T0 + (round * 2 + i) * 5 * Minute;
            const QList<AlertTransition> t = evaluator.feed(1, Metric::Cpu, ts, i == 0 ? 50 : 95, rule);
            for (const AlertTransition &x : t)
                firings += x.state == AlertState::Firing ? 1 : 0;
            g.add(t);
        }
        m_now = T0 + (round * 2 + 1) * 5 * Minute;
        g.flush();
    }
    QCOMPARE(firings, 3);
    QCOMPARE(m_notifier.count(), 1);
}

void TestAlertGrouper::acknowledge()
{
    AlertGrouper &g = grouper();
    g.add(firing(1, 85, T0));
    QVERIFY(g.flush());
    g.acknowledge(1, Metric::Cpu);
    QVERIFY(g.isAcknowledged(1, Metric::Cpu));

    // It flaps for hours: never again, though the cooldown passes.
    for (int i = 1; i <= 6; ++i) {
        m_now = T0 + i * 40 * Minute;
        g.add(resolved(1, m_now - 20 * Minute));
        g.add(firing(1, 86, m_now));
        QVERIFY(!g.flush());
    }
    QVERIFY(g.isAcknowledged(1, Metric::Cpu));
    // Worse than what was acknowledged: told.
    m_now += Minute;
    g.add(transition(1, AlertState::Escalated, AlertLevel::Critical, 95, m_now));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.count(), 2);
    // The same alert on another metric is another alert.
    m_now += Minute;
    g.add(transition(1, AlertState::Firing, AlertLevel::Warning, 85, m_now, Metric::Disk));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.count(), 3);
}

void TestAlertGrouper::acknowledgeEndsAfterStayingResolved()
{
    AlertGrouper &g = grouper();
    g.add(firing(1, 85, T0));
    QVERIFY(g.flush());
    g.acknowledge(1, Metric::Cpu);
    g.add(resolved(1, T0 + 10 * Minute));
    m_now = T0 + 3 * 3600;
    // Fired again 1 h 0 min 1 s after resolving: a new alert.
    g.add(firing(1, 85, T0 + 10 * Minute + 3601));
    QVERIFY(!g.isAcknowledged(1, Metric::Cpu));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.count(), 2);
}

void TestAlertGrouper::acknowledgeUnseenAlert()
{
    // After a restart the Alerts tab shows an alert this grouper never saw fire: acknowledging it silences it.
    AlertGrouper &g = grouper();
    g.acknowledge(1, Metric::Cpu);
    g.add(transition(1, AlertState::Escalated, AlertLevel::Critical, 95, T0));
    QVERIFY(!g.flush());
    QCOMPARE(m_notifier.count(), 0);
}

void TestAlertGrouper::snooze()
{
    AlertGrouper &g = grouper();
    g.snooze(1, T0 + 3600);
    QCOMPARE(g.snoozedUntil(1), T0 + 3600);
    QCOMPARE(g.snoozedUntil(2), qint64(0));
    g.add(firing(1, 99, T0, AlertLevel::Critical));
    g.add(firing(2, 85, T0));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.notifications().last().transitions.size(), 1);
    QCOMPARE(m_notifier.notifications().last().transitions.first().resourceId, qint64(2));

    // Not told later either: it was snoozed when it fired.
    m_now = T0 + 3600;
    QCOMPARE(g.snoozedUntil(1), qint64(0));
    QVERIFY(!g.flush());
    // A new alert after the snooze is.
    g.add(resolved(1, m_now, AlertLevel::Critical));
    g.add(transition(1, AlertState::Firing, AlertLevel::Warning, 85, m_now, Metric::Memory));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.notifications().last().transitions.first().resourceId, qint64(1));

    g.snooze(3, m_now + 3600);
    g.unsnooze(3);
    g.add(firing(3, 85, m_now));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.count(), 3);
}

void TestAlertGrouper::pause()
{
    AlertGrouper &g = grouper();
    g.pauseUntil(T0 + 3600);
    g.add(firing(1, 99, T0, AlertLevel::Critical));
    g.add(firing(2, 85, T0));
    QVERIFY(!g.flush());
    m_now = T0 + 3600;
    g.add(firing(3, 85, m_now));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.count(), 1);
    QCOMPARE(m_notifier.notifications().first().transitions.size(), 1);
}

void TestAlertGrouper::unknownNameShowsId()
{
    RecordingNotifier notifier;
    AlertGrouper g(
        &notifier, [](qint64) { return QString(); }, AlertGrouper::Options(), [this] { return m_now; });
    g.add(firing(77, 85, T0));
    QVERIFY(g.flush());
    QCOMPARE(notifier.notifications().first().title, QStringLiteral("Warning: #77 CPU 85 %"));
}

void TestAlertGrouper::resolutionsAreToldGrouped_data()
{
    QTest::addColumn<int>("firingAgain"); // alerts still firing in the burst, ids 101…
    QTest::addColumn<int>("resolving"); // told alerts resolving in the burst, ids 1…
    QTest::addColumn<QString>("title");
    QTest::addColumn<QString>("firstLine");
    QTest::addColumn<QString>("lastLine");

    QTest::newRow("one") << 0 << 1 << QStringLiteral("Resolved: web-0001 CPU 42 %")
                         << QStringLiteral("web-0001 CPU back to 42 % (threshold 80 %) after 18m")
                         << QStringLiteral("web-0001 CPU back to 42 % (threshold 80 %) after 18m");
    QTest::newRow("a burst of twelve") << 0 << 12 << QStringLiteral("12 alerts resolved")
                                       << QStringLiteral("web-0001 CPU back to 42 % (threshold 80 %) after 18m")
                                       << QStringLiteral("and 7 more");
    QTest::newRow("firing and resolved together")
        << 1 << 2 << QStringLiteral("Warning: web-0101 CPU 85 %, 2 resolved")
        << QStringLiteral("web-0101 CPU 85 % (warning ≥ 80 %, for 5m)")
        << QStringLiteral("web-0002 CPU back to 42 % (threshold 80 %) after 18m");
}

void TestAlertGrouper::resolutionsAreToldGrouped()
{
    QFETCH(int, firingAgain);
    QFETCH(int, resolving);
    QFETCH(QString, title);
    QFETCH(QString, firstLine);
    QFETCH(QString, lastLine);

    AlertGrouper &g = grouper();
    for (int i = 1; i <= resolving; ++i)
        g.add(firing(i, 85, T0 - 13 * Minute));
    QVERIFY(g.flush());
    m_now = T0 + 3600;
    for (int i = 1; i <= resolving; ++i) {
        AlertTransition t = transition(i, AlertState::Resolved, AlertLevel::Warning, 42, T0, Metric::Cpu, T0 - 60);
        g.add(t);
    }
    for (int i = 101; i <= 100 + firingAgain; ++i)
        g.add(firing(i, 85, T0));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.count(), 2); // the firing, then ONE notification for the whole burst
    const AlertNotification n = m_notifier.notifications().last();
    QCOMPARE(n.title, title);
    const QStringList lines = n.body.split(QLatin1Char('\n'));
    QCOMPARE(lines.first(), firstLine);
    QCOMPARE(lines.last(), lastLine);
    QVERIFY(lines.size() <= 6);
    QCOMPARE(n.resolved.size(), resolving);
    QCOMPARE(n.transitions.size(), firingAgain);
    QCOMPARE(n.isResolvedOnly(), firingAgain == 0);
    QVERIFY(!g.flush());
}

void TestAlertGrouper::resolutionTellsOnlyWhatWasTold_data()
{
    QTest::addColumn<QString>("silence");
    QTest::addColumn<bool>("told");
    QTest::newRow("told firing") << QString() << true;
    QTest::newRow("acknowledged") << QStringLiteral("acknowledge") << false;
    QTest::newRow("snoozed") << QStringLiteral("snooze") << false;
    QTest::newRow("paused") << QStringLiteral("pause") << false;
    QTest::newRow("never told: fired while paused") << QStringLiteral("pause before") << false;
}

void TestAlertGrouper::resolutionTellsOnlyWhatWasTold()
{
    QFETCH(QString, silence);
    QFETCH(bool, told);

    AlertGrouper &g = grouper();
    if (silence == QLatin1String("pause before"))
        g.pauseUntil(T0 + 60);
    g.add(firing(1, 85, T0));
    g.flush();
    if (silence == QLatin1String("acknowledge"))
        g.acknowledge(1, Metric::Cpu);
    else if (silence == QLatin1String("snooze"))
        g.snooze(1, T0 + 7200);
    else if (silence == QLatin1String("pause"))
        g.pauseUntil(T0 + 7200);
    m_now = T0 + 3600;
    g.add(resolved(1, T0 + 3600));
    QCOMPARE(g.flush(), told);
    QCOMPARE(m_notifier.count(), silence == QLatin1String("pause before") ? 0 : (told ? 2 : 1));
    if (told)
        QVERIFY(m_notifier.notifications().last().isResolvedOnly());
}

void TestAlertGrouper::firingAgainAfterAToldResolutionIsNews()
{
    // Within the cooldown: the user's last word was "resolved", so firing again must be told.
    AlertGrouper &g = grouper();
    g.add(firing(1, 85, T0));
    QVERIFY(g.flush());
    m_now += 5 * Minute;
    g.add(resolved(1, T0 + 5 * Minute));
    QVERIFY(g.flush());
    m_now += 5 * Minute;
    g.add(firing(1, 88, T0 + 10 * Minute));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.count(), 3);
    QCOMPARE(m_notifier.notifications().last().title, QStringLiteral("Warning: web-0001 CPU 88 %"));
}

void TestAlertGrouper::flappingAcrossBurstsStaysQuiet()
{
    // Firing and resolving every 5 minutes, one sync per change, for an hour: firing, resolved, firing — then quiet
    // until the cooldown has passed, and the last word is never a wrong "resolved".
    AlertGrouper &g = grouper();
    QStringList told;
    for (int i = 0; i < 12; ++i) {
        m_now = T0 + i * 5 * Minute;
        g.add(i % 2 == 0 ? firing(1, 85, m_now) : resolved(1, m_now));
        if (g.flush())
            told << (m_notifier.notifications().last().isResolvedOnly() ? QStringLiteral("resolved")
                                                                        : QStringLiteral("firing"));
    }
    // 0 firing, 5 resolved, 10 firing (a told resolution lifts the cooldown); then one resolution per flap window
    // (1 h) and one firing per cooldown (30 min, from 10) keep it quiet until 40, when nothing has been resolved.
    QCOMPARE(told,
             (QStringList { QStringLiteral("firing"), QStringLiteral("resolved"), QStringLiteral("firing"),
                            QStringLiteral("firing") }));
}

void TestAlertGrouper::resolvedAlertsAreForgotten()
{
    AlertGrouper &g = grouper();
    for (int i = 1; i <= 50; ++i)
        g.add(firing(i, 85, T0));
    QVERIFY(g.flush());
    g.acknowledge(7, Metric::Cpu);
    QCOMPARE(g.trackedAlerts(), 50);
    m_now = T0 + 600;
    for (int i = 1; i <= 50; ++i)
        g.add(resolved(i, T0 + 600));
    QVERIFY(g.flush());
    // Hours later: cooldowns over, the acknowledgement's flap window passed.
    m_now = T0 + 4 * 3600;
    g.add(firing(99, 85, m_now));
    g.add(resolved(99, m_now + 1));
    g.flush();
    QCOMPARE(g.trackedAlerts(), 0);
    QVERIFY(!g.isAcknowledged(7, Metric::Cpu));
}

void TestAlertGrouper::acknowledgementsRoundTrip()
{
    AlertGrouper &g = grouper();
    g.add(transition(1, AlertState::Firing, AlertLevel::Warning, 85, T0));
    g.flush();
    g.acknowledge(1, Metric::Cpu);
    g.acknowledge(2, Metric::Disk); // not seen firing: every level
    g.add(transition(2, AlertState::Resolved, AlertLevel::Warning, 50, T0 + 60, Metric::Disk));
    const QList<AlertAcknowledgement> acks = g.acknowledgements();
    QCOMPARE(acks.size(), 2);

    RecordingNotifier notifier;
    AlertGrouper restored(&notifier, dropletName, AlertGrouper::Options(), [this] { return m_now; });
    for (const AlertAcknowledgement &ack : acks)
        restored.restoreAcknowledgement(ack);
    QVERIFY(restored.isAcknowledged(1, Metric::Cpu));
    QCOMPARE(restored.acknowledgements().size(), 2);
    QCOMPARE(restored.acknowledgements().at(1).resolvedAt, T0 + 60);
    // The warning stays quiet, the escalation is told.
    restored.add(transition(1, AlertState::Firing, AlertLevel::Warning, 86, T0 + 120));
    QVERIFY(!restored.flush());
    restored.add(transition(1, AlertState::Escalated, AlertLevel::Critical, 96, T0 + 180));
    QVERIFY(restored.flush());
    QCOMPARE(notifier.count(), 1);
}

void TestAlertGrouper::restoredFiringResolutionIsTold()
{
    // After a restart: what was firing is not announced again, but its end is.
    AlertGrouper &g = grouper();
    g.restoreFiring(transition(4, AlertState::Firing, AlertLevel::Critical, 95, T0 - 3600, Metric::Disk, T0 - 3600));
    QVERIFY(!g.flush());
    g.add(transition(4, AlertState::Resolved, AlertLevel::Critical, 70, T0, Metric::Disk, T0 - 600));
    QVERIFY(g.flush());
    QCOMPARE(m_notifier.notifications().first().body,
             QStringLiteral("web-0004 disk back to 70 % (threshold 90 %) after 1h"));
}

void TestAlertGrouper::longNamesAreShortened()
{
    RecordingNotifier notifier;
    const QString longName = QStringLiteral("payments-api-production-eu-west-autoscaled-7f9c2d");
    AlertGrouper g(
        &notifier, [&](qint64) { return longName; }, AlertGrouper::Options(), [this] { return m_now; });
    g.add(firing(1, 85, T0));
    QVERIFY(g.flush());
    const QString body = notifier.notifications().first().body;
    QVERIFY2(body.startsWith(QStringLiteral("payments-api-producti…")), qPrintable(body));
    QVERIFY2(body.contains(QLatin1String("ed-7f9c2d CPU 85 %")), qPrintable(body));
    QVERIFY(body.size() < 80);
}

QTEST_GUILESS_MAIN(TestAlertGrouper)
#include "tst_alertgrouper.moc"
