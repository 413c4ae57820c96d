#include "sources/procparsers.h"

#include <QFile>
#include <QTest>

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(OPSDECK_FIXTURES "/proc/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s: %s", qPrintable(file.fileName()), qPrintable(file.errorString()));
    return file.readAll();
}

} // namespace

class TestProcParsers : public QObject
{
    Q_OBJECT

private slots:
    void parseProcStat_data();
    void parseProcStat();
    void parseCpuCount_data();
    void parseCpuCount();
    void parseMemInfo_data();
    void parseMemInfo();
    void cpuPercent_data();
    void cpuPercent();
    void memoryPercent_data();
    void memoryPercent();
    void countersToString();
    void countersFromString_data();
    void countersFromString();
};

void TestProcParsers::parseProcStat_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint64>("total");
    QTest::addColumn<quint64>("idle");

    // Expected sums worked out from the fixture's aggregate line: the first eight columns, idle + iowait.
    QTest::newRow("2 cores, 10 columns") << fixture(QStringLiteral("stat-2core")) << true << quint64(176783799)
                                         << quint64(170338407);
    // guest 47066403 and guest_nice 424115 are already inside user and nice: adding them would be wrong.
    QTest::newRow("64 cores, busy guests")
        << fixture(QStringLiteral("stat-64core")) << true << quint64(3575354128) << quint64(3202888862);
    QTest::newRow("linux 2.6.0, 7 columns")
        << fixture(QStringLiteral("stat-linux26-7col")) << true << quint64(53846359) << quint64(36054483);
    QTest::newRow("linux 2.4, 4 columns")
        << fixture(QStringLiteral("stat-linux24-4col")) << true << quint64(91162067) << quint64(89077952);
    QTest::newRow("linux 2.5.41, 5 columns")
        << QByteArray("cpu  100 20 30 400 50\ncpu0 100 20 30 400 50\n") << true << quint64(600) << quint64(450);
    QTest::newRow("future kernel, 12 columns")
        << QByteArray("cpu  1 2 3 4 5 6 7 8 9 10 11 12\n") << true << quint64(36) << quint64(9);
    QTest::newRow("aggregate line not first")
        << QByteArray("intr 1 2 3\ncpu  10 0 10 70 10 0 0 0 0 0\n") << true << quint64(100) << quint64(80);
    QTest::newRow("first aggregate line wins")
        << QByteArray("cpu  10 0 10 80 0 0 0 0\ncpu  99 99 99 99 99 99 99 99\n") << true << quint64(100) << quint64(80);
    QTest::newRow("tab separated") << QByteArray("cpu\t10\t0\t10\t80\n") << true << quint64(100) << quint64(80);
    QTest::newRow("counters beyond 32 bits")
        << QByteArray("cpu  5000000000 0 0 7000000000\n") << true << quint64(12000000000) << quint64(7000000000);

    QTest::newRow("empty") << fixture(QStringLiteral("stat-empty")) << false << quint64(0) << quint64(0);
    QTest::newRow("garbage") << fixture(QStringLiteral("stat-garbage")) << false << quint64(0) << quint64(0);
    QTest::newRow("non-numeric column") << fixture(QStringLiteral("stat-bad-columns")) << false << quint64(0)
                                        << quint64(0);
    QTest::newRow("3 columns") << QByteArray("cpu  1 2 3\n") << false << quint64(0) << quint64(0);
    QTest::newRow("negative column") << QByteArray("cpu  1 2 -3 4\n") << false << quint64(0) << quint64(0);
    QTest::newRow("only per-cpu lines") << QByteArray("cpu0 1 2 3 4\ncpu1 1 2 3 4\n") << false << quint64(0)
                                        << quint64(0);
    QTest::newRow("cpu prefix of another word") << QByteArray("cpufreq 1 2 3 4\n") << false << quint64(0) << quint64(0);
}

void TestProcParsers::parseProcStat()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(quint64, total);
    QFETCH(quint64, idle);

    const std::optional<CpuCounters> counters = ::parseProcStat(text);
    QCOMPARE(counters.has_value(), valid);
    if (valid) {
        QCOMPARE(counters->total, total);
        QCOMPARE(counters->idle, idle);
    }
}

void TestProcParsers::parseCpuCount_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("count");

    QTest::newRow("2 cores") << fixture(QStringLiteral("stat-2core")) << 2;
    QTest::newRow("64 cores") << fixture(QStringLiteral("stat-64core")) << 64;
    QTest::newRow("linux 2.4, 1 core") << fixture(QStringLiteral("stat-linux24-4col")) << 1;
    QTest::newRow("aggregate only") << QByteArray("cpu  1 2 3 4\n") << 0;
    QTest::newRow("empty") << fixture(QStringLiteral("stat-empty")) << 0;
    QTest::newRow("garbage") << fixture(QStringLiteral("stat-garbage")) << 0;
}

void TestProcParsers::parseCpuCount()
{
    QFETCH(QByteArray, text);
    QFETCH(int, count);
    QCOMPARE(::parseCpuCount(text), count);
}

void TestProcParsers::parseMemInfo_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint64>("totalKb");
    QTest::addColumn<quint64>("availableKb");

    QTest::newRow("linux 6") << fixture(QStringLiteral("meminfo")) << true << quint64(16318584) << quint64(9463212);
    QTest::newRow("order does not matter") << QByteArray("MemAvailable: 250 kB\nMemFree: 1 kB\nMemTotal: 1000 kB\n")
                                           << true << quint64(1000) << quint64(250);
    QTest::newRow("no unit") << QByteArray("MemTotal:1000\nMemAvailable:0\n") << true << quint64(1000) << quint64(0);

    // Kernels before 3.14 have no MemAvailable; guessing it from MemFree + Cached is what the field replaced.
    QTest::newRow("linux 3.10, no MemAvailable")
        << fixture(QStringLiteral("meminfo-linux310")) << false << quint64(0) << quint64(0);
    QTest::newRow("no MemTotal") << QByteArray("MemFree: 1 kB\nMemAvailable: 250 kB\n") << false << quint64(0)
                                 << quint64(0);
    QTest::newRow("non-numeric") << QByteArray("MemTotal: lots kB\nMemAvailable: 250 kB\n") << false << quint64(0)
                                 << quint64(0);
    QTest::newRow("no value") << QByteArray("MemTotal:\nMemAvailable: 250 kB\n") << false << quint64(0) << quint64(0);
    QTest::newRow("empty") << QByteArray() << false << quint64(0) << quint64(0);
    QTest::newRow("garbage") << fixture(QStringLiteral("stat-garbage")) << false << quint64(0) << quint64(0);
}

void TestProcParsers::parseMemInfo()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(quint64, totalKb);
    QFETCH(quint64, availableKb);

    const std::optional<MemInfo> info = ::parseMemInfo(text);
    QCOMPARE(info.has_value(), valid);
    if (valid) {
        QCOMPARE(info->totalKb, totalKb);
        QCOMPARE(info->availableKb, availableKb);
    }
}

void TestProcParsers::cpuPercent_data()
{
    QTest::addColumn<quint64>("totalBefore");
    QTest::addColumn<quint64>("idleBefore");
    QTest::addColumn<quint64>("totalAfter");
    QTest::addColumn<quint64>("idleAfter");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("percent");

    QTest::newRow("Δtotal 1000, Δidle 250")
        << quint64(10000) << quint64(8500) << quint64(11000) << quint64(8750) << true << 75.0;
    QTest::newRow("idle throughout") << quint64(10000) << quint64(8500) << quint64(10400) << quint64(8900) << true
                                     << 0.0;
    QTest::newRow("busy throughout") << quint64(10000) << quint64(8500) << quint64(10400) << quint64(8500) << true
                                     << 100.0;
    QTest::newRow("one tick, busy") << quint64(10000) << quint64(8500) << quint64(10001) << quint64(8500) << true
                                    << 100.0;
    // From a real 64-core reading: 64 cores × 1 s at 100 Hz, 1600 ticks of it idle.
    QTest::newRow("64 cores, one second")
        << quint64(3575354128) << quint64(3202888862) << quint64(3575360528) << quint64(3202890462) << true << 75.0;
    // Near the top of the quint64 range the delta is taken in integers, so no precision is lost.
    QTest::newRow("huge counters") << quint64(18446744073709000000ULL) << quint64(18446744073708000000ULL)
                                   << quint64(18446744073709001000ULL) << quint64(18446744073708000250ULL) << true
                                   << 75.0;
    // Idle cannot really grow faster than total; if accounting says so, the result is clamped, not negative.
    QTest::newRow("idle grew more than total, clamped")
        << quint64(10000) << quint64(8500) << quint64(10100) << quint64(8800) << true << 0.0;

    QTest::newRow("no progress") << quint64(10000) << quint64(8500) << quint64(10000) << quint64(8500) << false << 0.0;
    QTest::newRow("reboot: counters went backwards")
        << quint64(10000) << quint64(8500) << quint64(900) << quint64(700) << false << 0.0;
    QTest::newRow("idle went backwards") << quint64(10000) << quint64(8500) << quint64(11000) << quint64(8400) << false
                                         << 0.0;
    QTest::newRow("total went backwards, idle forwards")
        << quint64(10000) << quint64(8500) << quint64(9999) << quint64(8600) << false << 0.0;
}

void TestProcParsers::cpuPercent()
{
    QFETCH(quint64, totalBefore);
    QFETCH(quint64, idleBefore);
    QFETCH(quint64, totalAfter);
    QFETCH(quint64, idleAfter);
    QFETCH(bool, valid);
    QFETCH(double, percent);

    const std::optional<double> result
        = ::cpuPercent(CpuCounters { totalBefore, idleBefore }, CpuCounters { totalAfter, idleAfter });
    QCOMPARE(result.has_value(), valid);
    if (valid)
        QCOMPARE(*result, percent);
}

void TestProcParsers::memoryPercent_data()
{
    QTest::addColumn<quint64>("totalKb");
    QTest::addColumn<quint64>("availableKb");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<double>("percent");

    QTest::newRow("quarter available") << quint64(1000) << quint64(250) << true << 75.0;
    QTest::newRow("linux 6 fixture") << quint64(16318584) << quint64(9463212) << true
                                     << 100.0 * (1.0 - 9463212.0 / 16318584.0);
    QTest::newRow("all available") << quint64(1000) << quint64(1000) << true << 0.0;
    QTest::newRow("nothing available") << quint64(1000) << quint64(0) << true << 100.0;
    QTest::newRow("available above total, clamped") << quint64(1000) << quint64(1200) << true << 0.0;
    QTest::newRow("no total") << quint64(0) << quint64(0) << false << 0.0;
}

void TestProcParsers::memoryPercent()
{
    QFETCH(quint64, totalKb);
    QFETCH(quint64, availableKb);
    QFETCH(bool, valid);
    QFETCH(double, percent);

    const std::optional<double> result = ::memoryPercent(MemInfo { totalKb, availableKb });
    QCOMPARE(result.has_value(), valid);
    if (valid)
        QCOMPARE(*result, percent);
}

void TestProcParsers::countersToString()
{
    const CpuCounters counters { 18446744073709551615ULL, 170338407 };
    QCOMPARE(counters.toString(), QStringLiteral("18446744073709551615 170338407"));
    const std::optional<CpuCounters> back = CpuCounters::fromString(counters.toString());
    QVERIFY(back);
    QCOMPARE(back->total, counters.total);
    QCOMPARE(back->idle, counters.idle);
}

void TestProcParsers::countersFromString_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint64>("total");
    QTest::addColumn<quint64>("idle");

    QTest::newRow("plain") << QStringLiteral("176783799 170338407") << true << quint64(176783799) << quint64(170338407);
    QTest::newRow("extra spaces") << QStringLiteral("  10   5 ") << true << quint64(10) << quint64(5);
    QTest::newRow("zero") << QStringLiteral("0 0") << true << quint64(0) << quint64(0);

    QTest::newRow("empty (no state yet)") << QString() << false << quint64(0) << quint64(0);
    QTest::newRow("one number") << QStringLiteral("10") << false << quint64(0) << quint64(0);
    QTest::newRow("three numbers") << QStringLiteral("10 5 1") << false << quint64(0) << quint64(0);
    QTest::newRow("not numbers") << QStringLiteral("total idle") << false << quint64(0) << quint64(0);
    QTest::newRow("negative") << QStringLiteral("-10 5") << false << quint64(0) << quint64(0);
    QTest::newRow("idle above total") << QStringLiteral("5 10") << false << quint64(0) << quint64(0);
    QTest::newRow("overflow") << QStringLiteral("18446744073709551616 0") << false << quint64(0) << quint64(0);
}

void TestProcParsers::countersFromString()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(quint64, total);
    QFETCH(quint64, idle);

    const std::optional<CpuCounters> counters = CpuCounters::fromString(text);
    QCOMPARE(counters.has_value(), valid);
    if (valid) {
        QCOMPARE(counters->total, total);
        QCOMPARE(counters->idle, idle);
    }
}

QTEST_GUILESS_MAIN(TestProcParsers)
#include "tst_procparsers.moc"
