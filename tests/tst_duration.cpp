#include "config/duration.h"

#include <QTest>
#include <ctime>

class TestDuration : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void parseDuration_data();
    void parseDuration();
    void parseDurationErrors_data();
    void parseDurationErrors();
    void parseDurationNullError();

    void formatDuration_data();
    void formatDuration();
    void roundTrip_data();
    void roundTrip();

    void parseTimeSpec_data();
    void parseTimeSpec();
    void parseTimeSpecErrors_data();
    void parseTimeSpecErrors();
    void parseTimeSpecRelativeErrors_data();
    void parseTimeSpecRelativeErrors();

private:
    static constexpr qint64 Now = 1790000000;
};

void TestDuration::initTestCase()
{
    // Dates without a zone are UTC whatever the machine's zone is.
    qputenv("TZ", "America/New_York");
    tzset();
}

void TestDuration::parseDuration_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("seconds");

    QTest::newRow("seconds") << QStringLiteral("90s") << qint64(90);
    QTest::newRow("minutes") << QStringLiteral("30m") << qint64(1800);
    QTest::newRow("hours") << QStringLiteral("2h") << qint64(7200);
    QTest::newRow("days") << QStringLiteral("7d") << qint64(604800);
    QTest::newRow("weeks") << QStringLiteral("2w") << qint64(1209600);
    QTest::newRow("zero") << QStringLiteral("0s") << qint64(0);
    QTest::newRow("zero minutes") << QStringLiteral("0m") << qint64(0);
    QTest::newRow("compound") << QStringLiteral("1h30m") << qint64(5400);
    QTest::newRow("all units") << QStringLiteral("1w2d3h4m5s") << qint64(604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5);
    QTest::newRow("skipped units") << QStringLiteral("1d30s") << qint64(86430);
    QTest::newRow("spaces between groups") << QStringLiteral("1h 30m") << qint64(5400);
    QTest::newRow("space before unit") << QStringLiteral("30 m") << qint64(1800);
    QTest::newRow("surrounding spaces") << QStringLiteral("  5m  ") << qint64(300);
    QTest::newRow("leading zeros") << QStringLiteral("007m") << qint64(420);
    QTest::newRow("big number small unit") << QStringLiteral("3600s") << qint64(3600);
    QTest::newRow("maximum") << QStringLiteral("36500d") << qint64(36500) * 86400;
}

void TestDuration::parseDuration()
{
    QFETCH(QString, text);
    QFETCH(qint64, seconds);
    QString error;
    const std::optional<qint64> parsed = ::parseDuration(text, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(*parsed, seconds);
    QVERIFY(error.isEmpty());
}

void TestDuration::parseDurationErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("fragments");

    const QString example = QStringLiteral("1h30m");
    QTest::newRow("empty") << QString() << QStringList { QStringLiteral("empty"), example };
    QTest::newRow("blank") << QStringLiteral("   ") << QStringList { QStringLiteral("empty"), example };
    QTest::newRow("bare number") << QStringLiteral("30")
                                 << QStringList { QStringLiteral("\"30\""), QStringLiteral("unit is required"),
                                                  QStringLiteral("30s"), QStringLiteral("30m") };
    QTest::newRow("negative") << QStringLiteral("-5m")
                              << QStringList { QStringLiteral("\"-5m\""), QStringLiteral("sign") };
    QTest::newRow("plus") << QStringLiteral("+5m") << QStringList { QStringLiteral("sign") };
    QTest::newRow("fraction") << QStringLiteral("1.5h")
                              << QStringList { QStringLiteral("\"1.5h\""), QStringLiteral("fractions"), example };
    QTest::newRow("decimal comma") << QStringLiteral("1,5h") << QStringList { QStringLiteral("fractions") };
    QTest::newRow("upper case M") << QStringLiteral("5M")
                                  << QStringList { QStringLiteral("lower case"), QStringLiteral("\"M\"") };
    QTest::newRow("upper case H") << QStringLiteral("1H") << QStringList { QStringLiteral("lower case") };
    QTest::newRow("unknown unit") << QStringLiteral(
        "5x") << QStringList { QStringLiteral("\"x\" is not a unit"), QStringLiteral("s (seconds)") };
    QTest::newRow("long unit") << QStringLiteral("5min") << QStringList { QStringLiteral("\"min\" is not a unit") };
    QTest::newRow("milliseconds") << QStringLiteral("500ms") << QStringList { QStringLiteral("\"ms\" is not a unit") };
    QTest::newRow("wrong order") << QStringLiteral("30m1h")
                                 << QStringList { QStringLiteral("largest to the smallest"), QStringLiteral("1h30m") };
    QTest::newRow("repeated unit") << QStringLiteral("1h1h") << QStringList { QStringLiteral("at most once") };
    QTest::newRow("trailing number") << QStringLiteral("1h30") << QStringList { QStringLiteral("\"30\" has no unit") };
    QTest::newRow("word") << QStringLiteral("soon") << QStringList { QStringLiteral("\"soon\""), example };
    QTest::newRow("unit only") << QStringLiteral("h") << QStringList { example };
    QTest::newRow("junk inside") << QStringLiteral("1h-30m") << QStringList { example };
    QTest::newRow("too long") << QStringLiteral("36501d") << QStringList { QStringLiteral("maximum is 36500d") };
    QTest::newRow("overflow") << QStringLiteral("99999999999999999999s")
                              << QStringList { QStringLiteral("maximum is 36500d") };
    QTest::newRow("overflow weeks") << QStringLiteral("9999999999w") << QStringList { QStringLiteral("maximum") };
}

void TestDuration::parseDurationErrors()
{
    QFETCH(QString, text);
    QFETCH(QStringList, fragments);
    QString error;
    QVERIFY(!::parseDuration(text, &error).has_value());
    QVERIFY(error.startsWith(QLatin1String("invalid duration")));
    for (const QString &fragment : std::as_const(fragments))
        QVERIFY2(error.contains(fragment), qPrintable(QStringLiteral("missing <%1> in: %2").arg(fragment, error)));
}

void TestDuration::parseDurationNullError()
{
    QVERIFY(!::parseDuration(QStringLiteral("nonsense")).has_value());
    QCOMPARE(::parseDuration(QStringLiteral("1m")), std::optional<qint64>(60));
}

void TestDuration::formatDuration_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << QStringLiteral("0s");
    QTest::newRow("seconds") << qint64(59) << QStringLiteral("59s");
    QTest::newRow("minute") << qint64(60) << QStringLiteral("1m");
    QTest::newRow("minute and a half") << qint64(90) << QStringLiteral("1m30s");
    QTest::newRow("hour and a half") << qint64(5400) << QStringLiteral("1h30m");
    QTest::newRow("day") << qint64(86400) << QStringLiteral("1d");
    QTest::newRow("week stays days") << qint64(604800) << QStringLiteral("7d");
    QTest::newRow("30 days") << qint64(30 * 86400) << QStringLiteral("30d");
    QTest::newRow("every unit") << qint64(90061) << QStringLiteral("1d1h1m1s");
    QTest::newRow("gap") << qint64(86401) << QStringLiteral("1d1s");
    QTest::newRow("negative") << qint64(-90) << QStringLiteral("-1m30s");
}

void TestDuration::formatDuration()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, text);
    QCOMPARE(::formatDuration(seconds), text);
}

void TestDuration::roundTrip_data()
{
    QTest::addColumn<qint64>("seconds");
    for (qint64 s : { 0, 1, 10, 59, 60, 61, 599, 3599, 3600, 3601, 86399, 86400, 90061, 604800, 2592000, 31536000 })
        QTest::addRow("%lld", static_cast<long long>(s)) << s;
}

void TestDuration::roundTrip()
{
    QFETCH(qint64, seconds);
    QCOMPARE(::parseDuration(::formatDuration(seconds)), std::optional<qint64>(seconds));
}

void TestDuration::parseTimeSpec_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("expected");

    const qint64 nov1 = 1793491200; // 2026-11-01T00:00:00Z
    QTest::newRow("now") << QStringLiteral("now") << Now;
    QTest::newRow("NOW") << QStringLiteral("NOW") << Now;
    QTest::newRow("-7d") << QStringLiteral("-7d") << Now - 7 * 86400;
    QTest::newRow("-12h") << QStringLiteral("-12h") << Now - 12 * 3600;
    QTest::newRow("-30m") << QStringLiteral("-30m") << Now - 1800;
    QTest::newRow("-1h30m") << QStringLiteral("-1h30m") << Now - 5400;
    QTest::newRow("+1h") << QStringLiteral("+1h") << Now + 3600;
    QTest::newRow("-0s") << QStringLiteral("-0s") << Now;
    QTest::newRow("now-7d") << QStringLiteral("now-7d") << Now - 7 * 86400;
    QTest::newRow("now+1h") << QStringLiteral("now+1h") << Now + 3600;
    QTest::newRow("now - 2w") << QStringLiteral("now - 2w") << Now - 14 * 86400;
    QTest::newRow("spaces") << QStringLiteral("  -7d ") << Now - 7 * 86400;

    QTest::newRow("iso Z") << QStringLiteral("2026-11-01T00:00:00Z") << nov1;
    QTest::newRow("iso lower z") << QStringLiteral("2026-11-01t00:00:00z") << nov1;
    QTest::newRow("date only is midnight UTC") << QStringLiteral("2026-11-01") << nov1;
    QTest::newRow("no zone is UTC") << QStringLiteral("2026-11-01T00:00:00") << nov1;
    QTest::newRow("space separator") << QStringLiteral("2026-11-01 00:00:00") << nov1;
    QTest::newRow("no seconds") << QStringLiteral("2026-11-01T00:00Z") << nov1;
    QTest::newRow("fraction dropped") << QStringLiteral("2026-11-01T00:00:00.999Z") << nov1;
    QTest::newRow("positive offset") << QStringLiteral("2026-11-01T02:00:00+02:00") << nov1;
    QTest::newRow("negative offset") << QStringLiteral("2026-10-31T19:00:00-05:00") << nov1;
    QTest::newRow("offset without colon") << QStringLiteral("2026-11-01T05:30:00+0530") << nov1;
    QTest::newRow("offset hours only") << QStringLiteral("2026-11-01T01:00:00+01") << nov1;
    QTest::newRow("afternoon") << QStringLiteral("2026-11-01T13:45:30Z") << qint64(1793540730);
    QTest::newRow("epoch") << QStringLiteral("1970-01-01T00:00:00Z") << qint64(0);
    QTest::newRow("leap day") << QStringLiteral("2024-02-29") << qint64(1709164800);
    QTest::newRow("before epoch") << QStringLiteral("1969-12-31T23:59:59Z") << qint64(-1);
}

void TestDuration::parseTimeSpec()
{
    QFETCH(QString, text);
    QFETCH(qint64, expected);
    QString error;
    const std::optional<qint64> parsed = ::parseTimeSpec(text, Now, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(*parsed, expected);
}

void TestDuration::parseTimeSpecErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("fragments");

    QTest::newRow("empty") << QString() << QStringList { QStringLiteral("empty") };
    QTest::newRow("unsigned duration") << QStringLiteral("7d")
                                       << QStringList { QStringLiteral("\"7d\""), QStringLiteral("-7d is 7d ago") };
    QTest::newRow("word") << QStringLiteral("yesterday") << QStringList { QStringLiteral("\"yesterday\"") };
    QTest::newRow("epoch seconds") << QStringLiteral("1790000000") << QStringList { QStringLiteral("\"1790000000\"") };
    QTest::newRow("month 13") << QStringLiteral("2026-13-01") << QStringList { QStringLiteral("no such date") };
    QTest::newRow("february 30") << QStringLiteral("2026-02-30") << QStringList { QStringLiteral("no such date") };
    QTest::newRow("not a leap year") << QStringLiteral("2023-02-29") << QStringList { QStringLiteral("no such date") };
    QTest::newRow("hour 24") << QStringLiteral("2026-11-01T24:00:00Z")
                             << QStringList { QStringLiteral("time of day is out of range") };
    QTest::newRow("minute 60") << QStringLiteral("2026-11-01T00:60Z")
                               << QStringList { QStringLiteral("time of day is out of range") };
    QTest::newRow("offset 25h") << QStringLiteral("2026-11-01T00:00:00+25:00")
                                << QStringList { QStringLiteral("UTC offset") };
    QTest::newRow("slashes") << QStringLiteral("2026/11/01") << QStringList { QStringLiteral("\"2026/11/01\"") };
    QTest::newRow("two-digit year") << QStringLiteral("26-11-01") << QStringList {};
    QTest::newRow("zone without time") << QStringLiteral("2026-11-01Z") << QStringList {};
    QTest::newRow("nowish") << QStringLiteral("nowish") << QStringList { QStringLiteral("\"nowish\"") };
}

void TestDuration::parseTimeSpecRelativeErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("fragment");

    QTest::newRow("bad unit") << QStringLiteral("-7x") << QStringLiteral("\"x\" is not a unit");
    QTest::newRow("bare number") << QStringLiteral("-7") << QStringLiteral("unit is required");
    QTest::newRow("fraction") << QStringLiteral("-1.5h") << QStringLiteral("fractions");
    QTest::newRow("sign only") << QStringLiteral("-") << QStringLiteral("empty");
    QTest::newRow("now dangling") << QStringLiteral("now-") << QStringLiteral("empty");
    QTest::newRow("double sign") << QStringLiteral("--7d") << QStringLiteral("no sign");
}

void TestDuration::parseTimeSpecRelativeErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, fragment);
    QString error;
    QVERIFY(!::parseTimeSpec(text, Now, &error).has_value());
    // Says what is wrong with the duration and what one looks like.
    for (const QString &f : { QStringLiteral("invalid time \"%1\"").arg(text), QStringLiteral("after the sign"),
                              fragment, QStringLiteral("1h30m") })
        QVERIFY2(error.contains(f), qPrintable(QStringLiteral("missing <%1> in: %2").arg(f, error)));
}

void TestDuration::parseTimeSpecErrors()
{
    QFETCH(QString, text);
    QFETCH(QStringList, fragments);
    QString error;
    QVERIFY(!::parseTimeSpec(text, Now, &error).has_value());
    // Every error shows both accepted forms with examples.
    fragments << QStringLiteral("invalid time") << QStringLiteral("2026-11-01T00:00:00Z") << QStringLiteral("-7d")
              << QStringLiteral("now") << QStringLiteral("UTC");
    for (const QString &fragment : std::as_const(fragments))
        QVERIFY2(error.contains(fragment), qPrintable(QStringLiteral("missing <%1> in: %2").arg(fragment, error)));
}

QTEST_GUILESS_MAIN(TestDuration)
#include "tst_duration.moc"
