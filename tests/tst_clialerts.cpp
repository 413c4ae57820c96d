// Runs the real opsdeck binary against the DigitalOcean test server, as cron does (a new process per --sync), with
// droplets whose CPU is forced high and then back down: the alerts fire across two processes (the evaluator's state
// survives between them), show in `--sync --json` alerts.firing, resolve, and `--export alerts` lists their history.
// Alerts are data, not errors: the exit code stays 0 while they fire.
#include "fakedigitalocean.h"

#include "clitestsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <memory>

namespace {

constexpr int TimeoutMs = 60000;
constexpr qint64 Step = 300; // the test server's sample interval
const QString TokenVariable = QStringLiteral("OPSDECK_CLIALERTS_TOKEN");

// The first sample time at or after ts.
qint64 stepAtOrAfter(qint64 ts)
{
    return (ts + Step - 1) / Step * Step;
}

QString iso(qint64 ts)
{
    return QDateTime::fromSecsSinceEpoch(ts, Qt::UTC).toString(Qt::ISODate);
}

} // namespace

class tst_CliAlerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void cpuAlertsFireAcrossSyncsAndResolve();

private:
    Result run(const QStringList &args) const { return runProgram(m_binary, args, m_env, m_dir->path(), TimeoutMs); }
    QString path(const QString &relative) const { return m_dir->filePath(relative); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeDigitalOcean> m_fake;
    QProcessEnvironment m_env;
    QString m_binary = QStringLiteral(OPSDECK_BINARY);
};

void tst_CliAlerts::initTestCase()
{
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
}

void tst_CliAlerts::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "OPSDECK_CONFIG", "OPSDECK_DB", "XDG_CONFIG_DIRS", "XDG_DATA_DIRS", "DIGITALOCEAN_TOKEN",
                              "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" })
        m_env.remove(QLatin1String(name));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
    m_env.insert(QStringLiteral("XDG_CACHE_HOME"), path(QStringLiteral("cache")));
    m_env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
    m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    m_env.insert(TokenVariable, QStringLiteral("fake-do-token"));
}

void tst_CliAlerts::cleanup()
{
    m_fake.reset();
    m_dir.reset();
}

void tst_CliAlerts::cpuAlertsFireAcrossSyncsAndResolve()
{
    FakeDigitalOcean::Options options;
    options.droplets = 3;
    options.databases = 0;
    options.apps = 0;
    options.rebootAgoSeconds = 0;
    m_fake = std::make_unique<FakeDigitalOcean>(options);
    QVERIFY(m_fake->start());

    // cpu 80/90 with for=30m; memory and disk (pseudo-random, below 95 %) never alert.
    const QByteArray ini = "[storage]\nurl=sqlite://" + path(QStringLiteral("opsdeck.db")).toUtf8()
        + "\n\n[alerts]\ncpu.warning=80\ncpu.critical=90\nmemory.warning=98\nmemory.critical=99\n"
          "disk.warning=98\ndisk.critical=99\nfor=30m\nclear_margin=5\n\n"
          "[source.do]\ntype=digitalocean\napi_url="
        + m_fake->url().toUtf8() + "\ntoken_env=" + TokenVariable.toUtf8() + "\nbackfill=1d\n";
    const QString config = path(QStringLiteral("opsdeck.ini"));
    QFile file(config);
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(ini) == ini.size());
    file.close();
    const QStringList common { QStringLiteral("--config"), config };
    const QStringList sync = QStringList { QStringLiteral("--sync"), QStringLiteral("--json") } + common;

    // Three syncs, each a new process, 30 min apart on the server's clock. web-00 and web-01 run at 97 % from 15
    // min before the first: pending after it, firing after the second — only if the second process continues the
    // first's condition (alone, its own 25 min of high samples are short of `for`) — and resolved by the third.
    const qint64 t0 = QDateTime::currentSecsSinceEpoch();
    for (int droplet = 0; droplet < 3; ++droplet)
        m_fake->setCpuPercent(droplet, 10, 0);
    const qint64 highFrom = t0 - 3600 - 900;
    m_fake->setCpuPercent(0, 97, highFrom);
    m_fake->setCpuPercent(1, 97, highFrom);
    const qint64 startedAt = stepAtOrAfter(highFrom);

    m_fake->setClockOffset(-3600);
    Result r = run(sync);
    QVERIFY2(r.code() == 0, r.describe());
    QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
    QVERIFY2(r.json().value(QLatin1String("alerts")).toObject().value(QLatin1String("firing")).toArray().isEmpty(),
             r.describe());

    m_fake->setClockOffset(-1800);
    r = run(sync);
    QVERIFY2(r.code() == 0, r.describe()); // alerts firing do not change the exit code
    QCOMPARE(r.json().value(QLatin1String("status")).toString(), QStringLiteral("ok"));
    const QJsonArray firing = r.json().value(QLatin1String("alerts")).toObject().value(QLatin1String("firing")).toArray();
    QVERIFY2(firing.size() == 2, r.describe());
    QStringList resources;
    for (const QJsonValue &v : firing) {
        const QJsonObject a = v.toObject();
        resources << a.value(QLatin1String("resource")).toString();
        QCOMPARE(a.value(QLatin1String("metric")).toString(), QStringLiteral("cpu"));
        QCOMPARE(a.value(QLatin1String("level")).toString(), QStringLiteral("critical"));
        QVERIFY2(std::abs(a.value(QLatin1String("value")).toDouble() - 97) < 0.01, r.describe());
        QCOMPARE(a.value(QLatin1String("threshold")).toDouble(), 90.0);
    }
    resources.sort();
    QCOMPARE(resources, (QStringList { QStringLiteral("web-00"), QStringLiteral("web-01") }));

    // Back down from just after the data the second sync saw.
    const qint64 lowFrom = m_fake->now() + 1;
    m_fake->setCpuPercent(0, 5, lowFrom);
    m_fake->setCpuPercent(1, 5, lowFrom);
    m_fake->setClockOffset(0);
    r = run(sync);
    QVERIFY2(r.code() == 0, r.describe());
    QVERIFY2(r.json().value(QLatin1String("alerts")).toObject().value(QLatin1String("firing")).toArray().isEmpty(),
             r.describe());

    r = run(QStringList { QStringLiteral("--export"), QStringLiteral("alerts"), QStringLiteral("--out"),
                          QStringLiteral("-") }
            + common);
    QVERIFY2(r.code() == 0, r.describe());
    QString error;
    const auto csv = parseCsv(r.out, &error);
    QVERIFY2(csv, qPrintable(error));
    QCOMPARE(csv->value(0),
             QString::fromLatin1("started_at,resolved_at,resource,metric,level,value,threshold,state").split(u','));
    QVERIFY2(csv->size() == 3, r.describe());
    QStringList exported;
    for (qsizetype i = 1; i < csv->size(); ++i) {
        const QStringList row = csv->at(i);
        exported << row.value(2);
        QCOMPARE(row.value(0), iso(startedAt)); // when the value reached the threshold, not when `for` ran out
        QCOMPARE(row.value(1), iso(stepAtOrAfter(lowFrom))); // the first sample below the clear margin
        QCOMPARE(row.value(3), QStringLiteral("cpu"));
        QCOMPARE(row.value(4), QStringLiteral("critical"));
        QVERIFY2(std::abs(row.value(5).toDouble() - 97) < 0.01, qPrintable(row.join(u',')));
        QCOMPARE(row.value(6).toDouble(), 90.0);
        QCOMPARE(row.value(7), QStringLiteral("resolved"));
    }
    exported.sort();
    QCOMPARE(exported, resources);

    // The history says which thresholds were in force: [alerts] of this configuration, not the built-in defaults.
    r = run(QStringList { QStringLiteral("--export"), QStringLiteral("history"), QStringLiteral("--resolution"),
                          QStringLiteral("hour"), QStringLiteral("--out"), QStringLiteral("-") }
            + common);
    QVERIFY2(r.code() == 0, r.describe());
    const auto history = parseCsv(r.out, &error);
    QVERIFY2(history && history->size() > 1, qPrintable(error));
    QCOMPARE(
        history->value(0),
        QString::fromLatin1("timestamp,resource,kind,source,metric,min,avg,max,count,warning,critical").split(u','));
    const QMap<QString, QStringList> thresholds {
        { QStringLiteral("cpu"), { QStringLiteral("80.00"), QStringLiteral("90.00") } },
        { QStringLiteral("memory"), { QStringLiteral("98.00"), QStringLiteral("99.00") } },
        { QStringLiteral("disk"), { QStringLiteral("98.00"), QStringLiteral("99.00") } }
    };
    for (qsizetype i = 1; i < history->size(); ++i) {
        const QStringList row = history->at(i);
        QCOMPARE(row.mid(9), thresholds.value(row.value(4)));
    }
}

QTEST_GUILESS_MAIN(tst_CliAlerts)
#include "tst_clialerts.moc"
