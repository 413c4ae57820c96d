#include "sources/nodeexporterparser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <cmath>

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(OPSDECK_FIXTURES "/nodeexporter/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s: %s", qPrintable(file.fileName()), qPrintable(file.errorString()));
    return file.readAll();
}

// Every sample of a text, flattened for comparison: "name{a=x,b=y} value [ts]".
QStringList flatten(const QByteArray &text, bool *ok, QString *error)
{
    QStringList out;
    *ok = NodeExporterParser::parseExposition(
        text,
        [&](const ExpositionSample &sample) {
            QString line = QString::fromUtf8(sample.name);
            QStringList labels;
            for (const auto &label : sample.labels)
                labels << QString::fromUtf8(label.first) + QLatin1Char('=') + QString::fromUtf8(label.second);
            if (!labels.isEmpty())
                line += QLatin1Char('{') + labels.join(QLatin1Char(',')) + QLatin1Char('}');
            line += QLatin1Char(' ') + QString::number(sample.value);
            if (sample.timestampMs)
                line += QLatin1Char(' ') + QString::number(*sample.timestampMs);
            out << line;
        },
        error);
    return out;
}

} // namespace

class TestNodeExporterParser : public QObject
{
    Q_OBJECT

private slots:
    void exposition_data();
    void exposition();
    void parse_data();
    void parse();
    void cpuPercent_data();
    void cpuPercent();
    void countersFromString_data();
    void countersFromString();
    void countersRoundTrip();
    void hugeInput();
};

void TestNodeExporterParser::exposition_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QStringList>("samples"); // empty with an error
    QTest::addColumn<QString>("error"); // a part of the expected error, empty when valid

    const auto ok = [](const char *tag, const char *text, const QStringList &samples) {
        QTest::newRow(tag) << QByteArray(text) << samples << QString();
    };
    const auto bad = [](const char *tag, const char *text, const char *error) {
        QTest::newRow(tag) << QByteArray(text) << QStringList() << QString::fromUtf8(error);
    };

    ok("empty", "", {});
    ok("only comments", "# HELP x y\n# TYPE x gauge\n#\n# EOF\n\n", {});
    ok("plain", "up 1\n", { QStringLiteral("up 1") });
    ok("no final newline", "a 1\nb 2", { QStringLiteral("a 1"), QStringLiteral("b 2") });
    ok("CRLF", "a 1\r\nb{x=\"y\"} 2\r\n", { QStringLiteral("a 1"), QStringLiteral("b{x=y} 2") });
    ok("timestamp", "a 1.5 1700000000123\n", { QStringLiteral("a 1.5 1700000000123") });
    ok("negative timestamp", "a 1 -5\n", { QStringLiteral("a 1 -5") });
    ok("exponent", "a 1.5e+10\nb -2E-3\n", { QStringLiteral("a 1.5e+10"), QStringLiteral("b -0.002") });
    ok("NaN and infinities", "a NaN\nb +Inf\nc -Inf\nd Inf\n",
       { QStringLiteral("a nan"), QStringLiteral("b inf"), QStringLiteral("c -inf"), QStringLiteral("d inf") });
    ok("colon in name", "job:rate5m 3\n", { QStringLiteral("job:rate5m 3") });
    ok("escapes", "a{v=\"q\\\"b\\\\n\\nz\"} 1\n", { QStringLiteral("a{v=q\"b\\n\nz} 1") });
    ok("unknown escape kept", "a{v=\"C:\\temp\"} 1\n", { QStringLiteral("a{v=C:\\temp} 1") });
    ok("braces and commas inside a value", "a{v=\"}{,=\"} 1\n", { QStringLiteral("a{v=}{,=} 1") });
    ok("empty label value", "a{v=\"\"} 1\n", { QStringLiteral("a{v=} 1") });
    ok("empty label set", "a{} 1\n", { QStringLiteral("a 1") });
    ok("trailing comma and spaces", "a { x = \"1\" , y=\"2\", } 7\n", { QStringLiteral("a{x=1,y=2} 7") });
    ok("tabs and indentation", "  \ta\t{x=\"1\"}\t7\t \n", { QStringLiteral("a{x=1} 7") });
    ok("utf-8 value", "a{v=\"héllo ✓\"} 1\n", { QStringLiteral("a{v=héllo ✓} 1") });

    bad("html page", "<html>\n", "line 1: expected a metric name");
    bad("name only", "a 1\nup\n", "line 2: metric up has no value");
    bad("value not a number", "a 1\n\n# c\nb one\n", "line 4: value \"one\" of b is not a number");
    bad("bad timestamp", "a 1 12.5\n", "line 1: timestamp \"12.5\" is not an integer");
    bad("extra token", "a 1 2 3\n", "line 1: unexpected text after the timestamp");
    bad("unterminated value", "a{x=\"1} 2\n", "line 1: unterminated value of label x");
    bad("unquoted value", "a{x=1} 2\n", "line 1: expected a quoted value for label x");
    bad("missing equals", "a{x} 2\n", "line 1: expected '=' after label x");
    bad("missing comma", "a{x=\"1\" y=\"2\"} 2\n", "line 1: expected ',' or '}' after label x");
    bad("unclosed braces", "a{x=\"1\"\n", "line 1: expected ',' or '}' after label x");
    bad("label name starts with a digit", "a{1x=\"1\"} 2\n", "line 1: expected a label name or '}'");
    bad("name starts with a digit", "ok 1\n9lives 1\n", "line 2: expected a metric name");
    bad("json", "{\"status\":\"success\"}\n", "line 1: expected a metric name");
}

void TestNodeExporterParser::exposition()
{
    QFETCH(QByteArray, text);
    QFETCH(QStringList, samples);
    QFETCH(QString, error);

    bool ok = false;
    QString message;
    const QStringList parsed = flatten(text, &ok, &message);
    if (error.isEmpty()) {
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(parsed, samples);
    } else {
        QVERIFY(!ok);
        QVERIFY2(message.startsWith(error), qPrintable(message));
    }
}

void TestNodeExporterParser::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error"); // start of the expected error; empty when valid
    QTest::addColumn<QString>("nodename");
    QTest::addColumn<int>("vcpus");
    QTest::addColumn<double>("cpuTotal"); // -1: no CPU counters
    QTest::addColumn<double>("cpuIdle");
    QTest::addColumn<double>("memory"); // -1: no memory %
    QTest::addColumn<double>("disk"); // -1: no disk %

    // A real scrape of Debian 12's prometheus-node-exporter 1.5 on a 2-vCPU VM; expectations worked out from the
    // file: the sums over both CPUs of every mode (total) and of idle + iowait.
    QTest::newRow("node_exporter 1.5, real scrape")
        << fixture(QStringLiteral("node-exporter-1.5-debian12.txt")) << QString() << QStringLiteral("vm") << 2
        << 8133.19 << 4475.68
        << 100.0 * (1.0 - 24101244928.0 / 25276510208.0)
        // df: used = size − free = 21219549184, used / (used + avail 81525731328)
        << 100.0 * 21219549184.0 / (21219549184.0 + 81525731328.0);
    // Guest modes left out of the total (they are inside user/nice), NaN softirq ignored, the ext4 device chosen
    // over the rootfs entry, escapes in the node name.
    QTest::newRow("edge cases") << fixture(QStringLiteral("edge-cases.txt")) << QString()
                                << QStringLiteral("web-1 \"blue\"\\rack\n2") << 3 << 485.5 << 312.5 << 75.0
                                << 100.0 * 700000.0 / 950000.0;
    QTest::newRow("no free bytes: 1 - avail/size") << QByteArray("node_filesystem_size_bytes{mountpoint=\"/\"} 200\n"
                                                                 "node_filesystem_avail_bytes{mountpoint=\"/\"} 150\n")
                                                   << QString() << QString() << 0 << -1.0 << -1.0 << -1.0 << 25.0;
    QTest::newRow("collectors disabled") << QByteArray("node_uname_info{nodename=\"db\"} 1\n") << QString()
                                         << QStringLiteral("db") << 0 << -1.0 << -1.0 << -1.0 << -1.0;
    QTest::newRow("memory total 0") << QByteArray("node_memory_MemTotal_bytes 0\nnode_memory_MemAvailable_bytes 0\n")
                                    << QString() << QString() << 0 << -1.0 << -1.0 << -1.0 << -1.0;
    QTest::newRow("not node_exporter") << QByteArray("process_cpu_seconds_total 5\n") << QString() << QString() << 0
                                       << -1.0 << -1.0 << -1.0 << -1.0;
    QTest::newRow("html error page") << fixture(QStringLiteral("garbage-html.txt"))
                                     << QStringLiteral("line 1: expected a metric name") << QString() << 0 << -1.0
                                     << -1.0 << -1.0 << -1.0;
    QTest::newRow("truncated body") << fixture(QStringLiteral("truncated.txt"))
                                    << QStringLiteral("line 401: unterminated value of label mountpoint") << QString()
                                    << 0 << -1.0 << -1.0 << -1.0 << -1.0;
}

void TestNodeExporterParser::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    QFETCH(QString, nodename);
    QFETCH(int, vcpus);
    QFETCH(double, cpuTotal);
    QFETCH(double, cpuIdle);
    QFETCH(double, memory);
    QFETCH(double, disk);

    QString message;
    const std::optional<NodeMetrics> metrics = NodeExporterParser::parse(text, &message);
    if (!error.isEmpty()) {
        QVERIFY(!metrics);
        QVERIFY2(message.startsWith(error), qPrintable(message));
        return;
    }
    QVERIFY2(metrics, qPrintable(message));
    QCOMPARE(metrics->nodename, nodename);
    QCOMPARE(metrics->vcpus, vcpus);
    QCOMPARE(bool(metrics->cpu), cpuTotal >= 0);
    if (metrics->cpu) {
        QCOMPARE(metrics->cpu->total, cpuTotal);
        QCOMPARE(metrics->cpu->idle, cpuIdle);
    }
    QCOMPARE(metrics->memoryPercent().value_or(-1.0), memory);
    QCOMPARE(metrics->diskPercent().value_or(-1.0), disk);
}

void TestNodeExporterParser::cpuPercent_data()
{
    QTest::addColumn<double>("total1");
    QTest::addColumn<double>("idle1");
    QTest::addColumn<double>("total2");
    QTest::addColumn<double>("idle2");
    QTest::addColumn<double>("percent"); // -1: no value

    QTest::newRow("75 % busy") << 1000.0 << 850.0 << 1100.0 << 875.0 << 75.0;
    QTest::newRow("idle") << 10.0 << 5.0 << 12.0 << 7.0 << 0.0;
    QTest::newRow("fully busy") << 10.0 << 5.0 << 12.0 << 5.0 << 100.0;
    QTest::newRow("fractional seconds") << 8133.19 << 4475.68 << 8135.19 << 4476.18 << 75.0;
    QTest::newRow("no time passed") << 10.0 << 5.0 << 10.0 << 5.0 << -1.0;
    QTest::newRow("reboot") << 100000.0 << 90000.0 << 50.0 << 40.0 << -1.0;
    QTest::newRow("idle went backwards") << 100.0 << 50.0 << 110.0 << 49.0 << -1.0;
}

void TestNodeExporterParser::cpuPercent()
{
    QFETCH(double, total1);
    QFETCH(double, idle1);
    QFETCH(double, total2);
    QFETCH(double, idle2);
    QFETCH(double, percent);

    const std::optional<double> value
        = NodeExporterParser::cpuPercent(NodeCpuCounters { total1, idle1 }, NodeCpuCounters { total2, idle2 });
    QCOMPARE(bool(value), percent >= 0);
    if (value)
        QVERIFY2(std::abs(*value - percent) < 1e-9, qPrintable(QString::number(*value, 'g', 17)));
}

void TestNodeExporterParser::countersFromString_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");

    QTest::newRow("integers") << QStringLiteral("100 80") << true;
    QTest::newRow("fractions") << QStringLiteral("8133.19 4475.68") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("one number") << QStringLiteral("100") << false;
    QTest::newRow("three numbers") << QStringLiteral("1 2 3") << false;
    QTest::newRow("idle above total") << QStringLiteral("10 20") << false;
    QTest::newRow("negative") << QStringLiteral("10 -1") << false;
    QTest::newRow("not numbers") << QStringLiteral("a b") << false;
    QTest::newRow("infinite") << QStringLiteral("inf 1") << false;
}

void TestNodeExporterParser::countersFromString()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QCOMPARE(bool(NodeCpuCounters::fromString(text)), valid);
}

void TestNodeExporterParser::countersRoundTrip()
{
    const NodeCpuCounters counters { 123456789.123456, 98765432.0000001 };
    const std::optional<NodeCpuCounters> back = NodeCpuCounters::fromString(counters.toString());
    QVERIFY(back);
    QCOMPARE(back->total, counters.total); // exact: 17 significant digits
    QCOMPARE(back->idle, counters.idle);
}

// A scrape of a big machine with many filesystems and devices can be megabytes: it must parse quickly and the
// values of interest must still be found at the end.
void TestNodeExporterParser::hugeInput()
{
    QByteArray text;
    constexpr int Cpus = 256;
    for (int cpu = 0; cpu < Cpus; ++cpu) {
        for (const char *mode : { "idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user" }) {
            text += "node_cpu_seconds_total{cpu=\"" + QByteArray::number(cpu) + "\",mode=\"" + mode + "\"} "
                + (qstrcmp(mode, "idle") == 0 ? "3" : "1") + '\n';
        }
    }
    for (int i = 0; i < 300000; ++i)
        text += "node_network_receive_bytes_total{device=\"veth" + QByteArray::number(i) + "\"} 1.5e+09\n";
    text += "node_uname_info{nodename=\"big\"} 1\n";

    QElapsedTimer timer;
    timer.start();
    QString error;
    const std::optional<NodeMetrics> metrics = NodeExporterParser::parse(text, &error);
    QVERIFY2(metrics, qPrintable(error));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(metrics->nodename, QStringLiteral("big"));
    QCOMPARE(metrics->vcpus, Cpus);
    QCOMPARE(metrics->cpu->total, 10.0 * Cpus);
    QCOMPARE(metrics->cpu->idle, 4.0 * Cpus);
}

QTEST_GUILESS_MAIN(TestNodeExporterParser)
#include "tst_nodeexporterparser.moc"
