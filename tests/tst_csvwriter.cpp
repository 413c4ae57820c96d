#include "report/csvwriter.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QStringDecoder>
#include <QTest>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <optional>

namespace {

// A strict RFC 4180 reader, deliberately sharing no code with CsvWriter so a round trip checks the format
// rather than the writer against itself: UTF-8 without BOM, every record ended by CRLF, quotes only around
// a whole field. Anything else (a bare LF, text after a closing quote, a quote inside an unquoted field)
// is a parse failure.
std::optional<QList<QStringList>> parseCsv(const QByteArray &bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return std::nullopt;
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;

    QList<QStringList> rows;
    QStringList row;
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        QString field;
        if (text.at(i) == u'"') {
            ++i;
            for (;;) {
                if (i >= n)
                    return std::nullopt;
                if (text.at(i) == u'"') {
                    if (i + 1 < n && text.at(i + 1) == u'"') {
                        field += u'"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text.at(i++);
            }
        } else {
            while (i < n && text.at(i) != u',' && text.at(i) != u'\r' && text.at(i) != u'\n') {
                if (text.at(i) == u'"')
                    return std::nullopt;
                field += text.at(i++);
            }
        }
        row.append(field);
        if (i < n && text.at(i) == u',') {
            ++i;
            if (i == n)
                return std::nullopt;
            continue;
        }
        if (i + 1 < n && text.at(i) == u'\r' && text.at(i + 1) == u'\n') {
            i += 2;
            rows.append(row);
            row.clear();
            continue;
        }
        return std::nullopt;
    }
    return rows;
}

QByteArray writeRows(const QList<QStringList> &rows)
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    CsvWriter writer(&buffer);
    for (const QStringList &row : rows)
        writer.writeRow(row);
    return writer.ok() ? buffer.data() : QByteArray();
}

} // namespace

class TestCsvWriter : public QObject
{
    Q_OBJECT

private slots:
    void encodedCell_data() { addCellRows(); }
    void encodedCell();
    void roundTrip_data() { addCellRows(); }
    void roundTrip();
    void roundTripAllCells();
    void emptyRecords();
    void utf8WithoutBom();
    void streamsRows();
    void reportsFullDisk_data();
    void reportsFullDisk();
    void reportsClosedDevice();
    void formatTimestamp_data();
    void formatTimestamp();
    void formatNumber_data();
    void formatNumber();
    void formattedNegativeNumbersStayNumbers();
    void appendHelpersMatchFormatters_data() { addCellRows(); }
    void appendHelpersMatchFormatters();
    void fastTimestampsMatchQDateTime();
    void fastNumbersRoundLikePrintf();
    void encodedChunksCountRows();

private:
    static void addCellRows();
};

// One table for both the exact encoding and the round trip: the cell, how it must appear in the file,
// and what a reader gets back (the original, or "'" + original when neutralised).
void TestCsvWriter::addCellRows()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<QString>("encoded");
    QTest::addColumn<bool>("neutralised");

    auto row = [](const char *name, const QString &cell, const QString &encoded, bool neutralised) {
        QTest::newRow(name) << cell << encoded << neutralised;
    };
    row("plain", QStringLiteral("web-01"), QStringLiteral("web-01"), false);
    row("empty", QString(), QString(), false);
    row("space inside", QStringLiteral("fra1 db"), QStringLiteral("fra1 db"), false);
    row("leading space kept", QStringLiteral(" web"), QStringLiteral(" web"), false);
    row("comma", QStringLiteral("a,b"), QStringLiteral("\"a,b\""), false);
    row("quote", QStringLiteral("say \"hi\""), QStringLiteral("\"say \"\"hi\"\"\""), false);
    row("only a quote", QStringLiteral("\""), QStringLiteral("\"\"\"\""), false);
    row("LF", QStringLiteral("line1\nline2"), QStringLiteral("\"line1\nline2\""), false);
    row("CRLF", QStringLiteral("line1\r\nline2"), QStringLiteral("\"line1\r\nline2\""), false);
    row("CR inside", QStringLiteral("a\rb"), QStringLiteral("\"a\rb\""), false);
    row("non-ASCII", QStringLiteral("Köln-db-ü"), QStringLiteral("Köln-db-ü"), false);
    row("emoji", QStringLiteral("db-🔥-prod"), QStringLiteral("db-🔥-prod"), false);
    row("CJK with comma", QStringLiteral("東京,大阪"), QStringLiteral("\"東京,大阪\""), false);
    row("equals inside", QStringLiteral("a=b"), QStringLiteral("a=b"), false);
    row("already quoted text", QStringLiteral("'=1"), QStringLiteral("'=1"), false);

    // Formula injection: neutralised with a leading single quote, then quoted if needed.
    row("HYPERLINK", QStringLiteral("=HYPERLINK(\"http://x\")"), QStringLiteral("\"'=HYPERLINK(\"\"http://x\"\")\""),
        true);
    row("=1+1", QStringLiteral("=1+1"), QStringLiteral("'=1+1"), true);
    row("@sum", QStringLiteral("@sum"), QStringLiteral("'@sum"), true);
    row("@SUM(A1:A9)", QStringLiteral("@SUM(A1:A9)"), QStringLiteral("'@SUM(A1:A9)"), true);
    row("tab cmd", QStringLiteral("\tcmd"), QStringLiteral("'\tcmd"), true);
    row("CR cmd", QStringLiteral("\rcmd"), QStringLiteral("\"'\rcmd\""), true);
    row("DDE", QStringLiteral("+cmd|' /C calc'!A0"), QStringLiteral("'+cmd|' /C calc'!A0"), true);
    row("-1+1", QStringLiteral("-1+1"), QStringLiteral("'-1+1"), true);
    row("minus alone", QStringLiteral("-"), QStringLiteral("'-"), true);
    row("-inf", QStringLiteral("-inf"), QStringLiteral("'-inf"), true);
    row("-nan", QStringLiteral("-nan"), QStringLiteral("'-nan"), true);
    row("-0x10", QStringLiteral("-0x10"), QStringLiteral("'-0x10"), true);
    row("number with trailing space", QStringLiteral("-1.5 "), QStringLiteral("'-1.5 "), true);
    row("formula with comma", QStringLiteral("=SUM(1,2)"), QStringLiteral("\"'=SUM(1,2)\""), true);
    row("non-ASCII digits", QStringLiteral("-١٢"), QStringLiteral("'-١٢"), true);

    // Numbers are not formulas and stay numbers.
    row("+1", QStringLiteral("+1"), QStringLiteral("+1"), false);
    row("-1", QStringLiteral("-1"), QStringLiteral("-1"), false);
    row("-1.5", QStringLiteral("-1.5"), QStringLiteral("-1.5"), false);
    row("-3.50", QStringLiteral("-3.50"), QStringLiteral("-3.50"), false);
    row("-12", QStringLiteral("-12"), QStringLiteral("-12"), false);
    row("-.5", QStringLiteral("-.5"), QStringLiteral("-.5"), false);
    row("-5.", QStringLiteral("-5."), QStringLiteral("-5."), false);
    row("-1e5", QStringLiteral("-1e5"), QStringLiteral("-1e5"), false);
    row("+2.5E-3", QStringLiteral("+2.5E-3"), QStringLiteral("+2.5E-3"), false);
    row("positive", QStringLiteral("42.00"), QStringLiteral("42.00"), false);
}

void TestCsvWriter::encodedCell()
{
    QFETCH(QString, cell);
    QFETCH(QString, encoded);

    QCOMPARE(CsvWriter::encodeCell(cell), encoded);
    QCOMPARE(writeRows({ { QStringLiteral("a"), cell, QStringLiteral("z") } }),
             QStringLiteral("a,%1,z\r\n").arg(encoded).toUtf8());
}

void TestCsvWriter::roundTrip()
{
    QFETCH(QString, cell);
    QFETCH(bool, neutralised);
    const QString expected = neutralised ? QLatin1Char('\'') + cell : cell;

    // The cell first, in the middle, last and alone: quoting must not depend on the position.
    const QList<QStringList> rows = {
        { QStringLiteral("timestamp"), QStringLiteral("resource"), QStringLiteral("value") },
        { cell, QStringLiteral("x"), QStringLiteral("y") },
        { QStringLiteral("x"), cell, QStringLiteral("y") },
        { QStringLiteral("x"), QStringLiteral("y"), cell },
        { cell },
    };
    const auto parsed = parseCsv(writeRows(rows));
    QVERIFY2(parsed, "the writer's output is not valid RFC 4180");
    QCOMPARE(parsed->size(), rows.size());
    QCOMPARE(parsed->at(0), rows.at(0));
    QCOMPARE(parsed->at(1), QStringList({ expected, QStringLiteral("x"), QStringLiteral("y") }));
    QCOMPARE(parsed->at(2), QStringList({ QStringLiteral("x"), expected, QStringLiteral("y") }));
    QCOMPARE(parsed->at(3), QStringList({ QStringLiteral("x"), QStringLiteral("y"), expected }));
    QCOMPARE(parsed->at(4), QStringList { expected });
}

// Every case in one record: cell boundaries survive whatever sits next to them.
void TestCsvWriter::roundTripAllCells()
{
    const QStringList cells = {
        QStringLiteral("web-01"),
        QString(),
        QStringLiteral("a,b"),
        QStringLiteral("say \"hi\""),
        QStringLiteral("line1\r\nline2"),
        QStringLiteral("a\rb"),
        QStringLiteral("Köln-db-ü"),
        QStringLiteral("db-🔥-prod"),
        QStringLiteral("=HYPERLINK(\"http://x\")"),
        QStringLiteral("+1"),
        QStringLiteral("-1"),
        QStringLiteral("-1.5"),
        QStringLiteral("@sum"),
        QStringLiteral("\tcmd"),
        QStringLiteral("\rcmd"),
        QString(),
    };
    QStringList expected = cells;
    for (const int i : { 8, 12, 13, 14 })
        expected[i] = QLatin1Char('\'') + cells.at(i);

    const auto parsed = parseCsv(writeRows({ cells, cells }));
    QVERIFY(parsed);
    QCOMPARE(parsed->size(), 2);
    for (const QStringList &row : *parsed) {
        QCOMPARE(row.size(), expected.size());
        for (qsizetype i = 0; i < row.size(); ++i)
            QCOMPARE(row.at(i), expected.at(i));
    }
}

void TestCsvWriter::emptyRecords()
{
    // A lone empty field is written as "" so that no reader mistakes it for a blank line to skip.
    QCOMPARE(writeRows({ { QString() } }), QByteArray("\"\"\r\n"));
    QCOMPARE(writeRows({ QStringList() }), QByteArray("\"\"\r\n"));
    QCOMPARE(writeRows({ { QString(), QString() } }), QByteArray(",\r\n"));

    const auto parsed = parseCsv(writeRows({ { QString() }, { QString(), QString() } }));
    QVERIFY(parsed);
    QCOMPARE(*parsed, QList<QStringList>({ { QString() }, { QString(), QString() } }));
}

void TestCsvWriter::utf8WithoutBom()
{
    const QByteArray bytes = writeRows({ { QStringLiteral("Köln-db-ü"), QStringLiteral("🔥") } });
    QCOMPARE(bytes, QByteArray("K\xC3\xB6ln-db-\xC3\xBC,\xF0\x9F\x94\xA5\r\n"));
}

// Rows reach the device as they are written, not when the writer goes away.
void TestCsvWriter::streamsRows()
{
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    CsvWriter writer(&buffer);
    writer.writeRow({ QStringLiteral("resource"), QStringLiteral("cpu") });
    QCOMPARE(buffer.data(), QByteArray("resource,cpu\r\n"));
    writer.writeRow({ QStringLiteral("web-01"), CsvWriter::formatNumber(12.3456) });
    QCOMPARE(buffer.data(), QByteArray("resource,cpu\r\nweb-01,12.35\r\n"));
    QCOMPARE(writer.rowsWritten(), 2);
    QVERIFY(writer.flush());
    QVERIFY(writer.ok());
    QVERIFY(writer.errorString().isEmpty());
}

void TestCsvWriter::reportsFullDisk_data()
{
    QTest::addColumn<bool>("unbuffered");
    QTest::newRow("buffered") << false;
    QTest::newRow("unbuffered") << true;
}

// /dev/full fails every write with ENOSPC: the real "disk full" path, without filling a disk.
void TestCsvWriter::reportsFullDisk()
{
    QFETCH(bool, unbuffered);
    QFile file(QStringLiteral("/dev/full"));
    if (!file.exists())
        QSKIP("/dev/full is not available");
    QVERIFY(file.open(QIODevice::WriteOnly | (unbuffered ? QIODevice::Unbuffered : QIODevice::NotOpen)));

    CsvWriter writer(&file);
    for (int i = 0; i < 10; ++i)
        writer.writeRow({ QStringLiteral("web-01"), QStringLiteral("42.00") });
    QCOMPARE(writer.flush(), false);
    QVERIFY(!writer.ok());
    QVERIFY2(writer.errorString().contains(QLatin1String("/dev/full")), qPrintable(writer.errorString()));
    // The cause as the system words it (localised by strerror), not a generic "write failed".
    QVERIFY2(writer.errorString().contains(QString::fromLocal8Bit(std::strerror(ENOSPC))),
             qPrintable(writer.errorString()));
    if (unbuffered)
        QCOMPARE(writer.rowsWritten(), 0);

    // The first error is kept: later rows are dropped, not retried into a half-written line.
    const QString first = writer.errorString();
    writer.writeRow({ QStringLiteral("x") });
    QCOMPARE(writer.errorString(), first);
}

void TestCsvWriter::reportsClosedDevice()
{
    QBuffer closed;
    CsvWriter writer(&closed);
    QVERIFY(writer.ok());
    writer.writeRow({ QStringLiteral("a") });
    QVERIFY(!writer.ok());
    QVERIFY(!writer.errorString().isEmpty());
    QCOMPARE(writer.rowsWritten(), 0);

    CsvWriter nowhere(nullptr);
    QVERIFY(!nowhere.ok());
    nowhere.writeRow({ QStringLiteral("a") });
    QVERIFY(!nowhere.flush());
}

void TestCsvWriter::formatTimestamp_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<QString>("formatted");

    QTest::newRow("no time") << qint64(0) << QString();
    QTest::newRow("epoch + 1 s") << qint64(1) << QStringLiteral("1970-01-01T00:00:01Z");
    QTest::newRow("design example") << qint64(1793491200) << QStringLiteral("2026-11-01T00:00:00Z");
    QTest::newRow("leap day 2000") << qint64(951782400) << QStringLiteral("2000-02-29T00:00:00Z");
    QTest::newRow("end of leap day 2024") << qint64(1709251199) << QStringLiteral("2024-02-29T23:59:59Z");
    QTest::newRow("past 32-bit time_t") << qint64(2147483648) << QStringLiteral("2038-01-19T03:14:08Z");
    QTest::newRow("end of 2099") << qint64(4102444799) << QStringLiteral("2099-12-31T23:59:59Z");
    QTest::newRow("before epoch") << qint64(-1) << QStringLiteral("1969-12-31T23:59:59Z");
}

void TestCsvWriter::formatTimestamp()
{
    QFETCH(qint64, seconds);
    QFETCH(QString, formatted);

    // Whatever the machine's zone: reports are in UTC.
    const QByteArray oldTz = qgetenv("TZ");
    qputenv("TZ", "Pacific/Chatham");
    const QString actual = CsvWriter::formatTimestamp(seconds);
    if (oldTz.isNull())
        qunsetenv("TZ");
    else
        qputenv("TZ", oldTz);
    QCOMPARE(actual, formatted);
}

void TestCsvWriter::formatNumber_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("decimals");
    QTest::addColumn<QString>("formatted");

    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    QTest::newRow("rounds") << 12.3456 << 2 << QStringLiteral("12.35");
    QTest::newRow("zero") << 0.0 << 2 << QStringLiteral("0.00");
    QTest::newRow("hundred") << 100.0 << 2 << QStringLiteral("100.00");
    QTest::newRow("binary noise") << 0.1 + 0.2 << 2 << QStringLiteral("0.30");
    QTest::newRow("negative") << -3.5 << 2 << QStringLiteral("-3.50");
    QTest::newRow("negative zero") << -0.0 << 2 << QStringLiteral("0.00");
    QTest::newRow("rounds to zero") << -0.001 << 2 << QStringLiteral("0.00");
    QTest::newRow("large") << 1e6 << 2 << QStringLiteral("1000000.00");
    QTest::newRow("one decimal") << 12.34 << 1 << QStringLiteral("12.3");
    QTest::newRow("integer") << 2048.0 << 0 << QStringLiteral("2048");
    QTest::newRow("negative zero, no decimals") << -0.4 << 0 << QStringLiteral("0");
    QTest::newRow("negative decimals clamp") << 7.25 << -1 << QStringLiteral("7");
    QTest::newRow("NaN") << nan << 2 << QString();
    QTest::newRow("+inf") << inf << 2 << QString();
    QTest::newRow("-inf") << -inf << 2 << QString();
}

void TestCsvWriter::formatNumber()
{
    QFETCH(double, value);
    QFETCH(int, decimals);
    QFETCH(QString, formatted);

    QCOMPARE(CsvWriter::formatNumber(value, decimals), formatted);
}

// What formatNumber produces must pass through writeRow untouched, or every negative value would become
// text in the spreadsheet.
void TestCsvWriter::formattedNegativeNumbersStayNumbers()
{
    for (const double v : { -0.5, -3.5, -12.0, -99.999, -1e9 }) {
        const QString text = CsvWriter::formatNumber(v);
        QCOMPARE(CsvWriter::encodeCell(text), text);
    }
}

// The history export formats every row through the append*() helpers: they must write exactly what the
// QString formatters and writeRow() write.
void TestCsvWriter::appendHelpersMatchFormatters()
{
    QFETCH(QString, cell);
    QFETCH(QString, encoded);
    QByteArray out = "x,";
    CsvWriter::appendCell(out, cell);
    QCOMPARE(out, "x," + encoded.toUtf8());
}

void TestCsvWriter::fastTimestampsMatchQDateTime()
{
    // Every day boundary of 1970–2200 and pseudo-random seconds in between, before the epoch too.
    quint64 state = 0x9E3779B97F4A7C15ull;
    for (qint64 day = -3650; day < 84000; ++day) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        for (const qint64 t : { day * 86400, day * 86400 + qint64(state >> 47) % 86400, day * 86400 + 86399 }) {
            if (t == 0)
                continue;
            QByteArray fast;
            CsvWriter::appendTimestamp(fast, t);
            const QString expected = QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(Qt::ISODate);
            if (fast != expected.toLatin1())
                QFAIL(
                    qPrintable(QStringLiteral("%1: %2, expected %3").arg(t).arg(QString::fromLatin1(fast), expected)));
        }
    }
    QByteArray none;
    CsvWriter::appendTimestamp(none, 0);
    QVERIFY(none.isEmpty());
}

void TestCsvWriter::fastNumbersRoundLikePrintf()
{
    // Correctly rounded from the binary value; an exact tie goes to even, as printf and spreadsheets do.
    const QList<QPair<double, QByteArray>> cases {
        { 0.125, "0.12" },
        { 0.375, "0.38" },
        { 99.995, "100.00" },
        { 1.005, "1.00" },
        { 12.345, "12.35" },
        { -0.004, "0.00" },
        { 1e15 + 0.25, "1000000000000000.25" },
    };
    for (const auto &c : cases) {
        QByteArray out;
        CsvWriter::appendNumber(out, c.first);
        QCOMPARE(out, c.second);
        QCOMPARE(CsvWriter::formatNumber(c.first), QString::fromLatin1(c.second));
    }
    char expected[64];
    quint64 state = 42;
    for (int i = 0; i < 100000; ++i) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        const double v = double(state >> 11) / double(1ull << 53) * 200.0 - 50.0;
        std::snprintf(expected, sizeof expected, "%.2f", v);
        QByteArray out;
        CsvWriter::appendNumber(out, v);
        const QByteArray want = QByteArray(expected) == "-0.00" ? QByteArray("0.00") : QByteArray(expected);
        if (out != want)
            QFAIL(qPrintable(QStringLiteral("%1: %2, printf says %3")
                                 .arg(v, 0, 'g', 17)
                                 .arg(QString::fromLatin1(out), QString::fromLatin1(want))));
    }
}

void TestCsvWriter::encodedChunksCountRows()
{
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    CsvWriter writer(&buffer);
    writer.writeRow({ QStringLiteral("a"), QStringLiteral("b") });
    QVERIFY(writer.writeEncoded("1,2\r\n3,4\r\n", 2));
    QVERIFY(writer.writeEncoded(QByteArrayView(), 0));
    QCOMPARE(writer.rowsWritten(), 3);
    QCOMPARE(buffer.data(), QByteArray("a,b\r\n1,2\r\n3,4\r\n"));

    QFile full(QStringLiteral("/dev/full"));
    if (!full.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        QSKIP("/dev/full is not available");
    CsvWriter failing(&full);
    QVERIFY(!failing.writeEncoded("1,2\r\n", 1));
    QCOMPARE(failing.rowsWritten(), 0);
    QVERIFY(failing.errorString().contains(QLatin1String("/dev/full")));
}

QTEST_GUILESS_MAIN(TestCsvWriter)
#include "tst_csvwriter.moc"
