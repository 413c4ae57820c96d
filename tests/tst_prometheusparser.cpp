#include "sources/prometheusparser.h"

#include <QFile>
#include <QTest>

#include <cmath>

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(OPSDECK_FIXTURES "/prometheus/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s: %s", qPrintable(file.fileName()), qPrintable(file.errorString()));
    return file.readAll();
}

// A series flattened for comparison: "a=x,b=y|ts:value ts:value".
QString flatten(const PrometheusSeries &series)
{
    QStringList labels;
    for (auto it = series.metric.cbegin(); it != series.metric.cend(); ++it)
        labels << it.key() + QLatin1Char('=') + it.value();
    QStringList points;
    for (const PrometheusPoint &point : series.points)
        points << QString::number(point.ts, 'f', 3) + QLatin1Char(':') + QString::number(point.value);
    return labels.join(QLatin1Char(',')) + QLatin1Char('|') + points.join(QLatin1Char(' '));
}

} // namespace

class TestPrometheusParser : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void retention_data();
    void retention();
};

void TestPrometheusParser::parse_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("series");
    QTest::addColumn<QString>("error"); // the exact error; empty when valid

    const auto f = [](const char *name) { return fixture(QString::fromUtf8(name)); };

    QTest::newRow("API docs example")
        << f("matrix-docs-example.json")
        << QStringList { QStringLiteral("__name__=up,instance=localhost:9090,job=prometheus|"
                                        "1435781430.781:1 1435781445.781:1 1435781460.781:1"),
                         QStringLiteral("__name__=up,instance=localhost:9091,job=node|"
                                        "1435781430.781:0 1435781445.781:0 1435781460.781:1") }
        << QString();
    // Captured from Debian 12's Prometheus 2.42 (memory % of a node_exporter target, step 5 s).
    QTest::newRow("real Prometheus 2.42 matrix")
        << f("matrix-memory-real.json")
        << QStringList { QStringLiteral("instance=127.0.0.1:19178,job=node|1795303495.000:4.88577 "
                                        "1795303500.000:5.83083 1795303505.000:5.23189 1795303510.000:5.18006") }
        << QString();
    QTest::newRow("real instant vector")
        << f("vector-facts-real.json")
        << QStringList { QStringLiteral("instance=127.0.0.1:19178,opsdeck_fact=vcpus|1795303518.596:2"),
                         QStringLiteral("instance=127.0.0.1:19178,nodename=vm,opsdeck_fact=uname|1795303518.596:1") }
        << QString();
    QTest::newRow("NaN, infinities, numbers, warnings")
        << f("matrix-special-values.json")
        << QStringList { QStringLiteral("instance=db-1:9100|1700000000.000:nan 1700000060.000:inf "
                                        "1700000120.000:-inf 1700000180.000:100 1700000240.000:12.5") }
        << QString();
    QTest::newRow("empty result") << f("matrix-empty.json") << QStringList() << QString();

    // Errors carry Prometheus' own words.
    QTest::newRow("bad_data: parse error")
        << f("error-bad-data-real.json") << QStringList()
        << QStringLiteral("Prometheus error (bad_data): 1:12: parse error: unclosed left parenthesis");
    QTest::newRow("bad_data: too many points")
        << f("error-too-many-points-real.json") << QStringList()
        << QStringLiteral("Prometheus error (bad_data): exceeded maximum resolution of 11,000 points per "
                          "timeseries. Try decreasing the query resolution (?step=XX)");
    QTest::newRow("bad_data: end before start")
        << f("error-end-before-start-real.json") << QStringList()
        << QStringLiteral("Prometheus error (bad_data): invalid parameter \"end\": end timestamp must not be before "
                          "start time");
    QTest::newRow("execution error")
        << f("error-execution.json") << QStringList()
        << QStringLiteral("Prometheus error (execution): query processing would load too many samples into memory "
                          "in query execution");
    QTest::newRow("error without details") << QByteArray("{\"status\":\"error\"}") << QStringList()
                                           << QStringLiteral("Prometheus error (unknown): no message");
    QTest::newRow("scalar") << f("scalar.json") << QStringList()
                            << QStringLiteral(
                                   "unexpected Prometheus result type \"scalar\" (expected a matrix or a vector)");
    QTest::newRow("bad point") << f("matrix-bad-point.json") << QStringList()
                               << QStringLiteral(
                                      "not a Prometheus API response: point 2 of series 1 is not [time, \"value\"]");
    QTest::newRow("truncated") << f("matrix-truncated.json") << QStringList()
                               << QStringLiteral("not a Prometheus API response: invalid JSON at offset 120 "
                                                 "(invalid termination by number)");
    QTest::newRow("html") << f("html-502.txt") << QStringList()
                          << QStringLiteral("not a Prometheus API response: invalid JSON at offset 1 (illegal value)");
    QTest::newRow("empty body") << QByteArray() << QStringList()
                                << QStringLiteral("not a Prometheus API response: invalid JSON at offset 0 (illegal "
                                                  "value)");
    QTest::newRow("array") << QByteArray("[]") << QStringList()
                           << QStringLiteral("not a Prometheus API response: the JSON is not an object");
    QTest::newRow("no status") << QByteArray("{\"data\":{}}") << QStringList()
                               << QStringLiteral("not a Prometheus API response: no \"status\":\"success\"");
}

void TestPrometheusParser::parse()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, series);
    QFETCH(QString, error);

    QString message;
    const std::optional<QList<PrometheusSeries>> parsed = PrometheusParser::parse(json, &message);
    if (!error.isEmpty()) {
        QVERIFY(!parsed);
        QCOMPARE(message, error);
        return;
    }
    QVERIFY2(parsed, qPrintable(message));
    QStringList flat;
    for (const PrometheusSeries &one : *parsed)
        flat << flatten(one);
    QCOMPARE(flat, series);
}

void TestPrometheusParser::retention_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("seconds"); // -1: unknown

    const auto info = [](const char *retention) -> QByteArray {
        return QByteArray("{\"status\":\"success\",\"data\":{\"storageRetention\":\"") + retention + "\"}}";
    };
    QTest::newRow("real 2.42 default") << fixture(QStringLiteral("runtimeinfo-real.json")) << qint64(15 * 86400);
    QTest::newRow("one year") << info("1y") << qint64(365 * 86400);
    QTest::newRow("weeks and days") << info("2w3d") << qint64(17 * 86400);
    QTest::newRow("with a size limit") << info("30d or 10GiB") << qint64(30 * 86400);
    QTest::newRow("hours") << info("36h") << qint64(36 * 3600);
    QTest::newRow("size only") << info("10GiB") << qint64(-1);
    QTest::newRow("missing") << QByteArray("{\"status\":\"success\",\"data\":{}}") << qint64(-1);
    QTest::newRow("not json") << QByteArray("nope") << qint64(-1);
}

void TestPrometheusParser::retention()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, seconds);
    QCOMPARE(PrometheusParser::parseRetentionSeconds(json).value_or(-1), seconds);
}

QTEST_GUILESS_MAIN(TestPrometheusParser)
#include "tst_prometheusparser.moc"
