#include "sources/digitaloceanparser.h"

#include <QFile>
#include <QTest>

using namespace DigitalOceanParser;
using PointList = QList<DigitalOceanPoint>;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(OPSDECK_FIXTURES "/digitalocean/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(name));
    return file.readAll();
}

QList<DigitalOceanSeries> matrixFixture(const QString &name)
{
    QString error;
    const auto series = parseMatrix(fixture(name), &error);
    if (!series)
        qFatal("fixture %s: %s", qPrintable(name), qPrintable(error));
    return *series;
}

// One cumulative counter series of the cpu endpoint.
DigitalOceanSeries mode(const QString &name, const QList<std::pair<qint64, double>> &values)
{
    DigitalOceanSeries series;
    series.labels.insert(QStringLiteral("mode"), name);
    for (const auto &[ts, value] : values)
        series.points.append({ ts, value });
    return series;
}

void comparePoints(const PointList &actual, const PointList &expected)
{
    QCOMPARE(actual.size(), expected.size());
    for (qsizetype i = 0; i < actual.size(); ++i) {
        QCOMPARE(actual.at(i).ts, expected.at(i).ts);
        QVERIFY2(qAbs(actual.at(i).value - expected.at(i).value) < 1e-9,
                 qPrintable(QStringLiteral("at %1: %2 != %3")
                                .arg(actual.at(i).ts)
                                .arg(actual.at(i).value, 0, 'g', 17)
                                .arg(expected.at(i).value, 0, 'g', 17)));
    }
}

} // namespace

Q_DECLARE_METATYPE(DigitalOceanSeries)
Q_DECLARE_METATYPE(PointList)

class TestDigitalOceanParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void droplets_data();
    void droplets();
    void dropletFacts();
    void databases();
    void databasesNull();
    void apps();
    void appsAbsent();
    void typeErrors_data();
    void typeErrors();
    void matrixValues();
    void cpu_data();
    void cpu();
    void cpuFixtureDropsReboot();
    void memory();
    void diskRootOnly();
    void averageOfComponents();
    void errorMessage_data();
    void errorMessage();
};

void TestDigitalOceanParser::droplets_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("nextPage");
    QTest::addColumn<qint64>("total");

    QTest::newRow("first of two pages") << QStringLiteral("droplets-page1.json") << 2 << 2 << qint64(3);
    QTest::newRow("last page: first and prev only") << QStringLiteral("droplets-last-page.json") << 1 << 0 << qint64(3);
    QTest::newRow("single page: \"pages\":{}") << QStringLiteral("droplets-empty-pages.json") << 1 << 0 << qint64(1);
    QTest::newRow("no links at all") << QStringLiteral("droplets-no-links.json") << 0 << 0 << qint64(0);
}

void TestDigitalOceanParser::droplets()
{
    QFETCH(QString, file);
    QFETCH(int, count);
    QFETCH(int, nextPage);
    QFETCH(qint64, total);

    QString error;
    const auto page = parseDroplets(fixture(file), &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->resources.size(), count);
    QCOMPARE(page->nextPage, nextPage);
    QCOMPARE(page->total, total);
}

void TestDigitalOceanParser::dropletFacts()
{
    QString error;
    const auto page = parseDroplets(fixture(QStringLiteral("droplets-page1.json")), &error);
    QVERIFY2(page, qPrintable(error));
    const ResourceInfo &web = page->resources.at(0);
    QCOMPARE(web.externalId, QStringLiteral("3164444"));
    QCOMPARE(web.name, QStringLiteral("example.com"));
    QCOMPARE(web.kind, QStringLiteral("droplet"));
    QCOMPARE(web.region, QStringLiteral("nyc3")); // from the region object
    QCOMPARE(web.status, QStringLiteral("active"));
    QCOMPARE(web.vcpus, 1);
    QCOMPARE(web.memoryMb, qint64(1024));
    QCOMPARE(web.diskGb, qint64(25));
    QCOMPARE(web.tags, (QStringList { QStringLiteral("web"), QStringLiteral("env:prod") }));
    QCOMPARE(page->resources.at(1).status, QStringLiteral("off"));

    const auto last = parseDroplets(fixture(QStringLiteral("droplets-last-page.json")), &error);
    QVERIFY2(last, qPrintable(error));
    QVERIFY(last->resources.at(0).tags.isEmpty()); // "tags": null
}

void TestDigitalOceanParser::databases()
{
    QString error;
    const auto databases = parseDatabases(fixture(QStringLiteral("databases.json")), &error);
    QVERIFY2(databases, qPrintable(error));
    QCOMPARE(databases->size(), 2);
    const DigitalOceanDatabase &mysql = databases->at(0);
    QCOMPARE(mysql.engine, QStringLiteral("mysql"));
    QCOMPARE(mysql.resource.externalId, QStringLiteral("9cc10173-e9ea-4176-9dbc-a4cee4c4ff30"));
    QCOMPARE(mysql.resource.name, QStringLiteral("backend"));
    QCOMPARE(mysql.resource.kind, QStringLiteral("database"));
    QCOMPARE(mysql.resource.region, QStringLiteral("nyc3")); // a plain slug for databases
    QCOMPARE(mysql.resource.status, QStringLiteral("online"));
    QCOMPARE(mysql.resource.vcpus, 2);
    QCOMPARE(mysql.resource.memoryMb, qint64(4096));
    QCOMPARE(mysql.resource.diskGb, qint64(60));
    QCOMPARE(mysql.resource.tags, QStringList { QStringLiteral("production") });
    const DigitalOceanDatabase &pg = databases->at(1);
    QCOMPARE(pg.engine, QStringLiteral("pg"));
    QCOMPARE(pg.resource.vcpus, 1);
    QCOMPARE(pg.resource.memoryMb, qint64(1024));
    QCOMPARE(pg.resource.diskGb, qint64(0)); // no storage_size_mib
    QVERIFY(pg.resource.tags.isEmpty());
}

void TestDigitalOceanParser::databasesNull()
{
    QString error;
    const auto databases = parseDatabases(fixture(QStringLiteral("databases-null.json")), &error);
    QVERIFY2(databases, qPrintable(error));
    QVERIFY(databases->isEmpty());
}

void TestDigitalOceanParser::apps()
{
    QString error;
    const auto page = parseApps(fixture(QStringLiteral("apps.json")), &error);
    QVERIFY2(page, qPrintable(error));
    QCOMPARE(page->resources.size(), 2);
    QCOMPARE(page->nextPage, 2);
    QCOMPARE(page->total, qint64(3));
    const ResourceInfo &app = page->resources.at(0);
    QCOMPARE(app.externalId, QStringLiteral("4f6c71e2-1e90-4762-9fee-6cc4a0a9f2cf"));
    QCOMPARE(app.name, QStringLiteral("sample-golang")); // spec.name
    QCOMPARE(app.kind, QStringLiteral("app"));
    QCOMPARE(app.region, QStringLiteral("ams"));
    QCOMPARE(app.status, QStringLiteral("active"));
    const ResourceInfo &undeployed = page->resources.at(1);
    QCOMPARE(undeployed.region, QStringLiteral("nyc")); // no region object: spec.region
    QCOMPARE(undeployed.status, QStringLiteral("undeployed"));
}

void TestDigitalOceanParser::appsAbsent()
{
    QString error;
    const auto page = parseApps(fixture(QStringLiteral("apps-none.json")), &error);
    QVERIFY2(page, qPrintable(error));
    QVERIFY(page->resources.isEmpty());
    QCOMPARE(page->nextPage, 0);
}

void TestDigitalOceanParser::typeErrors_data()
{
    QTest::addColumn<QString>("parser");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");

    QTest::newRow("droplets: garbage") << QStringLiteral("droplets") << QByteArray("<html>502</html>")
                                       << QStringLiteral("not JSON");
    QTest::newRow("droplets: top-level array")
        << QStringLiteral("droplets") << QByteArray("[]") << QStringLiteral("expected a JSON object, found an array");
    QTest::newRow("droplets: missing") << QStringLiteral("droplets") << QByteArray("{\"meta\":{}}")
                                       << QStringLiteral("droplets: expected an array, found nothing");
    QTest::newRow("droplets: object") << QStringLiteral("droplets") << QByteArray("{\"droplets\":{\"id\":1}}")
                                      << QStringLiteral("droplets: expected an array, found an object");
    QTest::newRow("droplet memory as string")
        << QStringLiteral("droplets") << QByteArray("{\"droplets\":[{\"id\":1,\"name\":\"a\",\"memory\":\"1024\"}]}")
        << QStringLiteral("droplets[0].memory: expected a whole number, found a string");
    QTest::newRow("droplet region as slug")
        << QStringLiteral("droplets") << QByteArray("{\"droplets\":[{\"id\":1,\"name\":\"a\",\"region\":\"nyc3\"}]}")
        << QStringLiteral("droplets[0].region: expected an object, found a string");
    QTest::newRow("droplet id as object")
        << QStringLiteral("droplets") << QByteArray("{\"droplets\":[{\"id\":{},\"name\":\"a\"}]}")
        << QStringLiteral("droplets[0].id: expected an id");
    QTest::newRow("droplet tag as number")
        << QStringLiteral("droplets") << QByteArray("{\"droplets\":[{\"id\":1,\"name\":\"a\",\"tags\":[5]}]}")
        << QStringLiteral("droplets[0].tags[0]: expected a string, found a number");
    QTest::newRow("next without page")
        << QStringLiteral("droplets")
        << QByteArray("{\"droplets\":[],\"links\":{\"pages\":{\"next\":\"https://api.digitalocean.com/v2/droplets\"}}}")
        << QStringLiteral("links.pages.next: expected a URL with a page number");
    QTest::newRow("meta.total as string")
        << QStringLiteral("droplets") << QByteArray("{\"droplets\":[],\"meta\":{\"total\":\"3\"}}")
        << QStringLiteral("meta.total: expected a whole number, found a string");
    QTest::newRow("database region as object")
        << QStringLiteral("databases")
        << QByteArray(
               "{\"databases\":[{\"id\":\"x\",\"name\":\"d\",\"engine\":\"pg\",\"region\":{\"slug\":\"nyc3\"}}]}")
        << QStringLiteral("databases[0].region: expected a string, found an object");
    QTest::newRow("database without engine")
        << QStringLiteral("databases") << QByteArray("{\"databases\":[{\"id\":\"x\",\"name\":\"d\"}]}")
        << QStringLiteral("databases[0].engine: expected a string, found nothing");
    QTest::newRow("databases as string") << QStringLiteral("databases") << QByteArray("{\"databases\":\"none\"}")
                                         << QStringLiteral("databases: expected an array, found a string");
    QTest::newRow("app without spec") << QStringLiteral("apps") << QByteArray("{\"apps\":[{\"id\":\"x\"}]}")
                                      << QStringLiteral("apps[0].spec: expected an object, found nothing");
    QTest::newRow("apps as number") << QStringLiteral("apps") << QByteArray("{\"apps\":7}")
                                    << QStringLiteral("apps: expected an array, found a number");
    QTest::newRow("matrix: no data") << QStringLiteral("matrix") << QByteArray("{\"status\":\"success\"}")
                                     << QStringLiteral("data: expected an object, found nothing");
    QTest::newRow("matrix: error status")
        << QStringLiteral("matrix") << QByteArray("{\"status\":\"error\",\"error\":\"bad query\"}")
        << QStringLiteral("status is \"error\": bad query");
    QTest::newRow("matrix: vector") << QStringLiteral("matrix")
                                    << QByteArray("{\"data\":{\"resultType\":\"vector\",\"result\":[]}}")
                                    << QStringLiteral("data.resultType: expected \"matrix\", found \"vector\"");
    QTest::newRow("matrix: result as string")
        << QStringLiteral("matrix") << QByteArray("{\"data\":{\"result\":\"none\"}}")
        << QStringLiteral("data.result: expected an array, found a string");
    QTest::newRow("matrix: value as object")
        << QStringLiteral("matrix")
        << QByteArray("{\"data\":{\"result\":[{\"metric\":{},\"values\":[[1700000000,{\"v\":1}]]}]}}")
        << QStringLiteral("data.result[0].values[0]: expected the value as a string, found an object");
    QTest::newRow("matrix: value not a number")
        << QStringLiteral("matrix")
        << QByteArray("{\"data\":{\"result\":[{\"metric\":{},\"values\":[[1700000000,\"twelve\"]]}]}}")
        << QStringLiteral("data.result[0].values[0]: expected a number in a string, found \"twelve\"");
    QTest::newRow("matrix: timestamp as string")
        << QStringLiteral("matrix")
        << QByteArray("{\"data\":{\"result\":[{\"metric\":{},\"values\":[[\"1700000000\",\"1\"]]}]}}")
        << QStringLiteral("data.result[0].values[0]: expected [timestamp, \"value\"]");
    QTest::newRow("matrix: label as number")
        << QStringLiteral("matrix") << QByteArray("{\"data\":{\"result\":[{\"metric\":{\"mode\":1},\"values\":[]}]}}")
        << QStringLiteral("data.result[0].metric.mode: expected a string, found a number");
}

void TestDigitalOceanParser::typeErrors()
{
    QFETCH(QString, parser);
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);

    QString error;
    bool parsed = true;
    if (parser == QLatin1String("droplets"))
        parsed = parseDroplets(body, &error).has_value();
    else if (parser == QLatin1String("databases"))
        parsed = parseDatabases(body, &error).has_value();
    else if (parser == QLatin1String("apps"))
        parsed = parseApps(body, &error).has_value();
    else
        parsed = parseMatrix(body, &error).has_value();
    QVERIFY(!parsed);
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestDigitalOceanParser::matrixValues()
{
    const QList<DigitalOceanSeries> series = matrixFixture(QStringLiteral("app_cpu_percentage.json"));
    QCOMPARE(series.size(), 2);
    QCOMPARE(series.at(0).labels.value(QStringLiteral("app_component")), QStringLiteral("web"));
    QCOMPARE(series.at(0).points.size(), 2);
    QCOMPARE(series.at(0).points.at(0).ts, qint64(1700000000));
    QCOMPARE(series.at(0).points.at(0).value, 12.5); // from the string "12.5"
    QCOMPARE(series.at(1).points.size(), 1); // "NaN" skipped

    QVERIFY(matrixFixture(QStringLiteral("no-agent.json")).isEmpty());
}

void TestDigitalOceanParser::cpu_data()
{
    QTest::addColumn<QList<DigitalOceanSeries>>("series");
    QTest::addColumn<PointList>("expected");

    QTest::newRow("one interval, 2 vCPUs busy 25 %")
        << QList<DigitalOceanSeries> { mode(QStringLiteral("idle"), { { 0, 1000 }, { 300, 1450 } }),
                                       mode(QStringLiteral("user"), { { 0, 500 }, { 300, 600 } }),
                                       mode(QStringLiteral("system"), { { 0, 100 }, { 300, 150 } }) }
        << PointList { { 300, 25.0 } };
    QTest::newRow("a timestamp missing in one mode is skipped")
        << QList<DigitalOceanSeries> { mode(QStringLiteral("idle"), { { 0, 0 }, { 300, 150 }, { 600, 300 } }),
                                       mode(QStringLiteral("user"), { { 0, 0 }, { 600, 300 } }) }
        << PointList { { 600, 50.0 } };
    QTest::newRow("reboot: negative delta drops the interval") << QList<DigitalOceanSeries> {
        mode(QStringLiteral("idle"), { { 0, 9000 }, { 300, 9300 }, { 600, 100 }, { 900, 370 } }),
        mode(QStringLiteral("user"), { { 0, 900 }, { 300, 900 }, { 600, 5 }, { 900, 35 } })
    } << PointList { { 300, 0.0 }, { 900, 10.0 } };
    QTest::newRow("no time passed: dropped")
        << QList<DigitalOceanSeries> { mode(QStringLiteral("idle"), { { 0, 10 }, { 300, 10 } }),
                                       mode(QStringLiteral("user"), { { 0, 10 }, { 300, 10 } }) }
        << PointList {};
    QTest::newRow("no idle series") << QList<DigitalOceanSeries> { mode(QStringLiteral("user"),
                                                                        { { 0, 1 }, { 300, 2 } }) }
                                    << PointList {};
    QTest::newRow("same mode twice is added up")
        << QList<DigitalOceanSeries> { mode(QStringLiteral("idle"), { { 0, 0 }, { 300, 100 } }),
                                       mode(QStringLiteral("idle"), { { 0, 0 }, { 300, 50 } }),
                                       mode(QStringLiteral("user"), { { 0, 0 }, { 300, 150 } }) }
        << PointList { { 300, 50.0 } };
    QTest::newRow("single point: no interval")
        << QList<DigitalOceanSeries> { mode(QStringLiteral("idle"), { { 0, 10 } }) } << PointList {};
}

void TestDigitalOceanParser::cpu()
{
    QFETCH(QList<DigitalOceanSeries>, series);
    QFETCH(PointList, expected);
    comparePoints(cpuPercent(series), expected);
}

void TestDigitalOceanParser::cpuFixtureDropsReboot()
{
    comparePoints(cpuPercent(matrixFixture(QStringLiteral("cpu.json"))),
                  { { 1700000300, 15.0 }, { 1700000600, 100.0 * (1.0 - 300.0 / 390.0) }, { 1700001200, 15.0 } });
}

void TestDigitalOceanParser::memory()
{
    comparePoints(memoryPercent(matrixFixture(QStringLiteral("memory_total.json")),
                                matrixFixture(QStringLiteral("memory_available.json"))),
                  { { 1700000000, 25.0 }, { 1700000300, 50.0 } });
}

void TestDigitalOceanParser::diskRootOnly()
{
    comparePoints(diskPercent(matrixFixture(QStringLiteral("filesystem_size.json")),
                              matrixFixture(QStringLiteral("filesystem_free.json"))),
                  { { 1700000000, 25.0 }, { 1700000300, 90.0 } });
}

void TestDigitalOceanParser::averageOfComponents()
{
    comparePoints(averagePercent(matrixFixture(QStringLiteral("app_cpu_percentage.json"))),
                  { { 1700000000, 25.0 }, { 1700000300, 30.0 } });
}

void TestDigitalOceanParser::errorMessage_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    QTest::newRow("documented") << fixture(QStringLiteral("error.json"))
                                << QStringLiteral("Unable to authenticate you (unauthorized)");
    QTest::newRow("id only") << QByteArray("{\"id\":\"not_found\"}") << QStringLiteral("not_found");
    QTest::newRow("not JSON") << QByteArray("<html>") << QString();
}

void TestDigitalOceanParser::errorMessage()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    QCOMPARE(parseErrorMessage(body), expected);
}

QTEST_GUILESS_MAIN(TestDigitalOceanParser)
#include "tst_digitaloceanparser.moc"
