// The Thresholds dialog against a seeded cache: what is edited is what the database holds after Save, a problem is
// shown in its row with its field marked and Save disabled until it is fixed, the replay's figures and shaded
// periods are those of AlertReplay run directly over the same samples, a resource override changes them (it wins
// over a tag's), and edits in quick succession give one replay of the last edit.
#include "alerts/alertreplay.h"
#include "elidedlabel.h"
#include "query/repository.h"
#include "replaychartview.h"
#include "storage/alertrulestore.h"
#include "storage/database.h"
#include "storage/metricstore.h"
#include "thresholdsdialog.h"

#include <QAreaSeries>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSqlQuery>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

namespace {

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 3600;
constexpr qint64 Day = 86400;

// web-1's cpu, one sample a minute for 3 days. Every 8 hours: 25 min at 85 % then 15 min at 93 % (fires warning,
// escalates), 10 min back at 40 % (resolves), 20 min at 85 % again (fires again within the hour: a flap); 4 hours
// later a 12-minute stretch at 74 % (only a warning below 74 sees it). At 2 h past every fourth hour a 3-minute blip
// to 86 %, shorter than `for`. Otherwise 40–46 %.
double cpuAt(qint64 ts)
{
    const qint64 phase = ts % (8 * Hour);
    if (phase < 25 * Minute)
        return 85;
    if (phase < 40 * Minute)
        return 93;
    if (phase < 50 * Minute)
        return 40;
    if (phase < 70 * Minute)
        return 85;
    if (phase >= 4 * Hour && phase < 4 * Hour + 12 * Minute)
        return 74;
    if (ts % (4 * Hour) >= 2 * Hour && ts % (4 * Hour) < 2 * Hour + 3 * Minute)
        return 86;
    return 40 + double(ts / Minute % 7);
}

} // namespace

class TestThresholdsDialog : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    DatabaseUrl m_url;
    std::unique_ptr<Repository> m_repository;
    QHash<QString, qint64> m_ids;
    QList<AlertSample> m_cpu; // web-1's cpu, as seeded
    int m_databases = 0;

    std::unique_ptr<ThresholdsDialog> openDialog(const char *resource = "web-1")
    {
        auto dialog = std::make_unique<ThresholdsDialog>(m_repository.get(), AlertConfig(),
                                                         m_ids.value(QLatin1String(resource)));
        dialog->show();
        QSignalSpy loaded(dialog.get(), &ThresholdsDialog::rulesLoaded);
        if (!dialog->isLoaded() && !loaded.wait(5000))
            qFatal("the dialog did not load its rules");
        return dialog;
    }

    static QDoubleSpinBox *percentAt(QTableWidget *table, int row, int column)
    {
        return qobject_cast<QDoubleSpinBox *>(table->cellWidget(row, column));
    }

    static QString problemAt(QTableWidget *table, int row, int column)
    {
        const auto *label = qobject_cast<ElidedLabel *>(table->cellWidget(row, column));
        return label ? label->fullText() : QStringLiteral("<no label>");
    }

    // Adds an override through the buttons and fields, as a user does; returns its row.
    static int addOverride(ThresholdsDialog *dialog, AlertScope scope, const QString &target, Metric metric)
    {
        QTableWidget *table = dialog->overridesTable();
        dialog->addButton()->click();
        const int row = table->rowCount() - 1;
        auto *scopeBox = qobject_cast<QComboBox *>(table->cellWidget(row, ThresholdsDialog::OverrideScope));
        scopeBox->setCurrentIndex(scopeBox->findData(int(scope)));
        auto *targetEdit = qobject_cast<QLineEdit *>(table->cellWidget(row, ThresholdsDialog::OverrideTarget));
        targetEdit->clear();
        QTest::keyClicks(targetEdit, target);
        auto *metricBox = qobject_cast<QComboBox *>(table->cellWidget(row, ThresholdsDialog::OverrideMetric));
        metricBox->setCurrentIndex(metricBox->findData(int(metric)));
        return row;
    }

    // The replay the dialog shows once it settles on `rule` (earlier replies are skipped).
    static ReplayResult replayFor(ThresholdsDialog *dialog, const AlertRule &rule)
    {
        QSignalSpy shown(dialog, &ThresholdsDialog::replayShown);
        const auto current = [&] { return dialog->replayChart()->result(); };
        if (current().request.rule == rule && current().samples > 0 && !dialog->isReplaying())
            return current();
        for (int i = 0; i < 20 && (shown.isEmpty() || shown.last().first().value<ReplayResult>().request.rule != rule);
             ++i)
            shown.wait(5000);
        return current();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ReplayResult>();
        m_url = *DatabaseUrl::parse(QStringLiteral("sqlite://") + m_dir.filePath(QStringLiteral("cache.db")));
        QString error;
        {
            const auto db = Database::open(m_url, QStringLiteral("seed"), &error);
            QVERIFY2(db, qPrintable(error));
            MetricStore store(*db);
            const qint64 end = QDateTime::currentSecsSinceEpoch() / Minute * Minute;
            QVERIFY(store.transaction());
            for (const auto &[name, kind, tags] :
                 { std::tuple { "web-1", "droplet", QStringList { QStringLiteral("prod"), QStringLiteral("web") } },
                   std::tuple { "db-1", "database", QStringList { QStringLiteral("prod") } } }) {
                ResourceInfo info;
                info.externalId = QLatin1String(name);
                info.name = QLatin1String(name);
                info.kind = QLatin1String(kind);
                info.tags = tags;
                const auto ids = store.upsertResources(QStringLiteral("do"), { info }, end);
                QVERIFY2(ids, qPrintable(store.lastError()));
                m_ids.insert(info.name, ids->value(info.externalId));
            }
            QList<SampleRow> rows;
            for (qint64 ts = end - 3 * Day; ts <= end; ts += Minute) {
                m_cpu << AlertSample { ts, cpuAt(ts) };
                rows << SampleRow { m_ids.value(QStringLiteral("web-1")), Metric::Cpu, ts, cpuAt(ts) };
                rows << SampleRow { m_ids.value(QStringLiteral("db-1")), Metric::Cpu, ts, 20 };
            }
            QVERIFY(store.writeSamples(rows) == rows.size());
            QVERIFY(store.commit());
        }
        Database::close(QStringLiteral("seed"));
    }

    void init()
    {
        // Every test starts from nothing saved.
        m_repository = std::make_unique<Repository>(m_url);
        QCOMPARE(m_repository->saveAlertRules(AlertRuleSet()).result(), QString());
    }

    void cleanup() { m_repository.reset(); }

    void editsAreSavedToTheDatabase()
    {
        auto dialog = openDialog();
        QTableWidget *defaults = dialog->defaultsTable();
        QCOMPARE(defaults->rowCount(), 3);
        QCOMPARE(percentAt(defaults, 0, ThresholdsDialog::DefaultWarning)->value(), 80.0); // DESIGN.md's cpu 80/90
        percentAt(defaults, 0, ThresholdsDialog::DefaultWarning)->setValue(75);
        qobject_cast<QSpinBox *>(defaults->cellWidget(2, ThresholdsDialog::DefaultFor))->setValue(600);

        const int row = addOverride(dialog.get(), AlertScope::Tag, QStringLiteral("prod"), Metric::Memory);
        percentAt(dialog->overridesTable(), row, ThresholdsDialog::OverrideCritical)->setValue(97);
        QVERIFY(dialog->problems().isEmpty());
        QVERIFY(dialog->saveButton()->isEnabled());

        QSignalSpy saved(dialog.get(), &ThresholdsDialog::saved);
        dialog->saveButton()->click();
        // A fast save may answer within click(): count, don't wait for a new emission.
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 5000);
        QCOMPARE(dialog->result(), int(QDialog::Accepted));

        // Read back from the database on a connection of our own.
        {
            QString error;
            const auto db = Database::open(m_url, QStringLiteral("check"), &error);
            QVERIFY2(db, qPrintable(error));
            AlertRuleSet stored;
            AlertRuleStore store(*db);
            QVERIFY2(store.load(&stored), qPrintable(store.lastError()));
            QCOMPARE(stored.defaultRule(Metric::Cpu), (AlertRule { Metric::Cpu, 75, 90, 300, 5 }));
            QCOMPARE(stored.defaultRule(Metric::Disk), (AlertRule { Metric::Disk, 80, 90, 600, 5 }));
            QCOMPARE(stored.overrides().size(), 1);
            const AlertOverride o = stored.overrides().first();
            QCOMPARE(o.scope, AlertScope::Tag);
            QCOMPARE(o.target, QStringLiteral("prod"));
            QCOMPARE(o.metric, Metric::Memory);
            QCOMPARE(o.critical, std::optional<double>(97));
            QVERIFY(!o.warning && !o.forSeconds && !o.clearMargin); // left to inherit
        }
        Database::close(QStringLiteral("check"));

        // Opened again, the dialog shows what was saved, the unset fields as the inherited values.
        auto again = openDialog();
        QCOMPARE(percentAt(again->defaultsTable(), 0, ThresholdsDialog::DefaultWarning)->value(), 75.0);
        QCOMPARE(again->overridesTable()->rowCount(), 1);
        QDoubleSpinBox *warning = percentAt(again->overridesTable(), 0, ThresholdsDialog::OverrideWarning);
        QCOMPARE(warning->text(), QStringLiteral("85 %")); // memory's default warning, greyed
        QVERIFY(warning->property("inherited").toBool());
    }

    void problemIsShownAtTheField_data()
    {
        QTest::addColumn<bool>("inOverride");
        QTest::addColumn<int>("column");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("fixed");
        QTest::newRow("override critical below the default warning")
            << true << int(ThresholdsDialog::OverrideCritical) << 60.0 << 95.0;
        QTest::newRow("override clear margin above warning")
            << true << int(ThresholdsDialog::OverrideClearMargin) << 85.0 << 10.0;
        QTest::newRow("default critical below warning") << false << int(ThresholdsDialog::DefaultCritical) << 70.0
                                                        << 92.0;
    }
    void problemIsShownAtTheField()
    {
        QFETCH(bool, inOverride);
        QFETCH(int, column);
        QFETCH(double, value);
        QFETCH(double, fixed);
        auto dialog = openDialog();
        QTableWidget *table = inOverride ? dialog->overridesTable() : dialog->defaultsTable();
        const int row = inOverride ? addOverride(dialog.get(), AlertScope::Resource, QStringLiteral("web-1"),
                                                 Metric::Cpu)
                                   : 0;
        const int problemColumn = inOverride ? int(ThresholdsDialog::OverrideProblem) : int(ThresholdsDialog::DefaultProblem);
        QVERIFY(dialog->saveButton()->isEnabled() == !inOverride); // an override that sets nothing is a problem too
        percentAt(table, row, column)->setValue(value);

        const QStringList problems = dialog->rules().validate();
        QCOMPARE(problems.size(), 1);
        QCOMPARE(dialog->problems(), problems);
        QCOMPARE(problemAt(table, row, problemColumn), problems.first());
        QVERIFY(percentAt(table, row, column)->property("invalid").toBool());
        for (int other : { 1, 2, 4 }) { // the warning, critical and clear margin columns of either table
            const int c = inOverride ? other + 2 : other;
            if (c != column && c != (inOverride ? int(ThresholdsDialog::OverrideFor) : int(ThresholdsDialog::DefaultFor)))
                QVERIFY2(!percentAt(table, row, c)->property("invalid").toBool(), qPrintable(QString::number(c)));
        }
        QVERIFY(!dialog->saveButton()->isEnabled());
        // The other rows say nothing.
        if (inOverride)
            QCOMPARE(problemAt(dialog->defaultsTable(), 0, ThresholdsDialog::DefaultProblem), QString());

        percentAt(table, row, column)->setValue(fixed);
        QVERIFY(dialog->problems().isEmpty());
        QCOMPARE(problemAt(table, row, problemColumn), QString());
        QVERIFY(!percentAt(table, row, column)->property("invalid").toBool());
        QVERIFY(dialog->saveButton()->isEnabled());
    }

    void replayFiguresMatchAlertReplay()
    {
        auto dialog = openDialog();
        const AlertRule rule { Metric::Cpu, 80, 90, 300, 5 };
        const ReplayResult shown = replayFor(dialog.get(), rule);
        QVERIFY2(shown.error.isEmpty(), qPrintable(shown.error));
        QCOMPARE(shown.request.resourceId, m_ids.value(QStringLiteral("web-1")));
        QCOMPARE(shown.samples, m_cpu.size());

        const AlertReplayResult direct = AlertReplay::replay(rule, m_cpu, AlertReplay::DefaultFlapWindowSeconds,
                                                             m_ids.value(QStringLiteral("web-1")));
        QCOMPARE(shown.replay, direct);
        // The seeded history has something to say: surges fire, dips flap, blips are kept quiet by `for`.
        QVERIFY(direct.fired >= 9);
        QVERIFY(direct.flaps >= 1);
        QVERIFY(direct.escalations >= 1);
        QVERIFY(direct.cancelled >= 1);

        const QString summary = dialog->replaySummary();
        QVERIFY2(summary.contains(ThresholdsDialog::tr("%n times", nullptr, direct.fired)), qPrintable(summary));
        QVERIFY2(summary.contains(ThresholdsDialog::durationText(direct.firingSeconds)), qPrintable(summary));
        QVERIFY2(summary.contains(direct.flaps == 1 ? ThresholdsDialog::tr("once")
                                                    : ThresholdsDialog::tr("%n times", nullptr, direct.flaps)),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QLatin1String("history there is (3 d)")), qPrintable(summary)); // 3 days, not 30

        // The chart shades exactly the periods of the result, each in its level's series.
        for (AlertLevel level : { AlertLevel::Warning, AlertLevel::Critical }) {
            QList<QPair<qint64, qint64>> expected;
            for (const AlertFiringPeriod &p : direct.periods) {
                if (p.level == level)
                    expected.append({ p.from, std::max(p.to, p.from + 1) });
            }
            QVERIFY(!expected.isEmpty());
            QCOMPARE(dialog->replayChart()->shadedPeriods(level), expected);
        }
        // The line is downsampled to about the chart's width; the replay ran on every sample.
        QVERIFY(shown.series.size() <= std::max(2000, int(shown.request.width)));
        QVERIFY(shown.series.size() < m_cpu.size());
        QCOMPARE(dialog->replayChart()->warningSeries()->points().first().y(), 80.0);
        QCOMPARE(dialog->replayChart()->criticalSeries()->points().first().y(), 90.0);
    }

    void resourceOverrideChangesTheReplay()
    {
        auto dialog = openDialog();
        const AlertReplayResult before = replayFor(dialog.get(), AlertRule { Metric::Cpu, 80, 90, 300, 5 }).replay;

        // A tag override for prod, then a resource override for web-1: the resource's wins where both set a field.
        int row = addOverride(dialog.get(), AlertScope::Tag, QStringLiteral("prod"), Metric::Cpu);
        percentAt(dialog->overridesTable(), row, ThresholdsDialog::OverrideWarning)->setValue(85);
        percentAt(dialog->overridesTable(), row, ThresholdsDialog::OverrideCritical)->setValue(95);
        row = addOverride(dialog.get(), AlertScope::Resource, QStringLiteral("web-1"), Metric::Cpu);
        percentAt(dialog->overridesTable(), row, ThresholdsDialog::OverrideWarning)->setValue(70);
        QVERIFY(dialog->problems().isEmpty());

        const AlertRule expected { Metric::Cpu, 70, 95, 300, 5 };
        const ReplayResult shown = replayFor(dialog.get(), expected);
        QCOMPARE(shown.request.rule, expected);
        QVERIFY2(dialog->ruleText().contains(QLatin1String("70 %")) && dialog->ruleText().contains(QLatin1String("95 %")),
                 qPrintable(dialog->ruleText()));
        QCOMPARE(shown.replay, AlertReplay::replay(expected, m_cpu, AlertReplay::DefaultFlapWindowSeconds,
                                                   m_ids.value(QStringLiteral("web-1"))));
        // 70 catches the 74–83 % climbs the default of 80 did not, and no surge reaches 95.
        QVERIFY(shown.replay.fired > before.fired);
        QVERIFY(shown.replay.escalations == 0);
        QVERIFY(dialog->replayChart()->shadedPeriods(AlertLevel::Critical).isEmpty());

        // Another resource keeps the tag's rule.
        dialog->replayResourceBox()->setCurrentIndex(
            dialog->replayResourceBox()->findData(m_ids.value(QStringLiteral("db-1"))));
        const ReplayResult other = replayFor(dialog.get(), AlertRule { Metric::Cpu, 85, 95, 300, 5 });
        QCOMPARE(other.request.resourceId, m_ids.value(QStringLiteral("db-1")));
        QCOMPARE(other.replay.fired, 0);
        QVERIFY2(dialog->replaySummary().contains(QLatin1String("never")), qPrintable(dialog->replaySummary()));
    }

    void quickEditsGiveOneReplayOfTheLast()
    {
        auto dialog = openDialog();
        replayFor(dialog.get(), AlertRule { Metric::Cpu, 80, 90, 300, 5 });
        QSignalSpy shown(dialog.get(), &ThresholdsDialog::replayShown);
        QDoubleSpinBox *warning = percentAt(dialog->defaultsTable(), 0, ThresholdsDialog::DefaultWarning);
        for (double v : { 81.0, 82.0, 83.0, 84.0 })
            warning->setValue(v);
        QVERIFY(dialog->isReplaying());
        QVERIFY(shown.wait(5000));
        QVERIFY(!shown.wait(ThresholdsDialog::ReplayDebounceMs * 2)); // nothing more comes
        QCOMPARE(shown.size(), 1);
        QCOMPARE(shown.first().first().value<ReplayResult>().request.rule.warning, 84.0);
        QVERIFY(!dialog->isReplaying());
    }

    void saveErrorIsReported()
    {
        auto dialog = openDialog();
        percentAt(dialog->defaultsTable(), 1, ThresholdsDialog::DefaultWarning)->setValue(70);
        // The cache becomes read-only behind the dialog's back.
        {
            QString error;
            const auto db = Database::open(m_url, QStringLiteral("lock"), &error);
            QVERIFY2(db, qPrintable(error));
            QSqlQuery q(*db);
            QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER no_rules BEFORE INSERT ON alert_rules"
                                          " BEGIN SELECT RAISE(ABORT, 'alert_rules is read-only here'); END")));
        }
        QSignalSpy failed(dialog.get(), &ThresholdsDialog::saveFailed);
        dialog->saveButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 5000);
        QVERIFY2(dialog->statusText().contains(QLatin1String("not saved"))
                     && dialog->statusText().contains(QLatin1String("read-only here")),
                 qPrintable(dialog->statusText()));
        QVERIFY(dialog->isVisible());
        QVERIFY(dialog->saveButton()->isEnabled()); // try again once fixed
        {
            QSqlQuery q(QSqlDatabase::database(QStringLiteral("lock")));
            QVERIFY(q.exec(QStringLiteral("DROP TRIGGER no_rules")));
        }
        Database::close(QStringLiteral("lock"));
    }
};

QTEST_MAIN(TestThresholdsDialog)
#include "tst_thresholdsdialog.moc"
