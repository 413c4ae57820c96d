#include "health/prometheustext.h"
#include "sources/nodeexporterparser.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

using WriterCall = std::function<void(PrometheusText &)>;
Q_DECLARE_METATYPE(WriterCall)

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();
constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

struct ParsedSample
{
    QString name;
    PrometheusText::Labels labels;
    QByteArray value;
};

struct ParsedFamily
{
    QString name;
    QString type;
    QString help;
    bool hasHelp = false;
    QList<ParsedSample> samples;
};

// A deliberately strict reader of what PrometheusText writes: HELP and TYPE before the samples of a family, each
// family once, sample names that belong to the family (with _bucket/_sum/_count for histograms), only the three
// escapes of the format, every line ending in \n. Anything else fails with the line number.
class StrictParser
{
public:
    bool parse(const QByteArray &text, QString *error)
    {
        if (!text.isEmpty() && !text.endsWith('\n'))
            return fail(error, 0, QStringLiteral("text does not end with a newline"));
        const QList<QByteArray> lines = text.split('\n');
        for (qsizetype n = 0; n + 1 < lines.size(); ++n) {
            m_line = QString::fromUtf8(lines.at(n));
            m_pos = 0;
            QString why;
            if (!parseLine(&why))
                return fail(error, n + 1, why);
        }
        return true;
    }

    QList<ParsedFamily> families;

private:
    static bool fail(QString *error, qsizetype line, const QString &why)
    {
        *error = QStringLiteral("line %1: %2").arg(line).arg(why);
        return false;
    }

    bool parseLine(QString *why)
    {
        if (m_line.startsWith(QLatin1String("# HELP "))) {
            m_pos = 7;
            const QString name = readName(true);
            if (name.isEmpty() || !eat(QLatin1Char(' ')))
                return (*why = QStringLiteral("bad HELP line"), false);
            if (!startFamily(name, why))
                return false;
            QString help;
            while (m_pos < m_line.size()) {
                const QChar c = m_line.at(m_pos++);
                if (c != QLatin1Char('\\')) {
                    help += c;
                    continue;
                }
                if (m_pos >= m_line.size())
                    return (*why = QStringLiteral("dangling backslash in HELP"), false);
                const QChar e = m_line.at(m_pos++);
                if (e == QLatin1Char('\\'))
                    help += e;
                else if (e == QLatin1Char('n'))
                    help += QLatin1Char('\n');
                else
                    return (*why = QStringLiteral("unknown escape in HELP"), false);
            }
            families.last().help = help;
            families.last().hasHelp = true;
            return true;
        }
        if (m_line.startsWith(QLatin1String("# TYPE "))) {
            m_pos = 7;
            const QString name = readName(true);
            if (name.isEmpty() || !eat(QLatin1Char(' ')))
                return (*why = QStringLiteral("bad TYPE line"), false);
            if (families.isEmpty() || families.last().name != name || !families.last().samples.isEmpty()
                || !families.last().type.isEmpty()) {
                if (!startFamily(name, why))
                    return false;
            }
            const QString type = m_line.mid(m_pos);
            if (type != QLatin1String("counter") && type != QLatin1String("gauge")
                && type != QLatin1String("histogram"))
                return (*why = QStringLiteral("unknown type ") + type, false);
            families.last().type = type;
            return true;
        }
        if (m_line.startsWith(QLatin1Char('#')) || m_line.isEmpty())
            return (*why = QStringLiteral("PrometheusText writes no other comments or blank lines"), false);

        ParsedSample sample;
        sample.name = readName(true);
        if (sample.name.isEmpty())
            return (*why = QStringLiteral("no metric name"), false);
        if (eat(QLatin1Char('{'))) {
            while (!eat(QLatin1Char('}'))) {
                if (!sample.labels.isEmpty() && !eat(QLatin1Char(',')))
                    return (*why = QStringLiteral("expected , between labels"), false);
                const QString label = readName(false);
                if (label.isEmpty() || !eat(QLatin1Char('=')) || !eat(QLatin1Char('"')))
                    return (*why = QStringLiteral("bad label"), false);
                QString value;
                for (;;) {
                    if (m_pos >= m_line.size())
                        return (*why = QStringLiteral("unterminated label value"), false);
                    const QChar c = m_line.at(m_pos++);
                    if (c == QLatin1Char('"'))
                        break;
                    if (c != QLatin1Char('\\')) {
                        value += c;
                        continue;
                    }
                    const QChar e = m_pos < m_line.size() ? m_line.at(m_pos++) : QChar();
                    if (e == QLatin1Char('\\') || e == QLatin1Char('"'))
                        value += e;
                    else if (e == QLatin1Char('n'))
                        value += QLatin1Char('\n');
                    else
                        return (*why = QStringLiteral("unknown escape in label value"), false);
                }
                sample.labels.append({ label, value });
            }
        }
        if (!eat(QLatin1Char(' ')))
            return (*why = QStringLiteral("expected a space before the value"), false);
        sample.value = m_line.mid(m_pos).toUtf8();
        if (sample.value.isEmpty() || sample.value.contains(' '))
            return (*why = QStringLiteral("bad value (timestamps are not written)"), false);
        if (families.isEmpty() || families.last().type.isEmpty())
            return (*why = QStringLiteral("sample before its TYPE line"), false);
        const ParsedFamily &family = families.last();
        const bool histogram = family.type == QLatin1String("histogram");
        const bool belongs = histogram ? (sample.name == family.name + QLatin1String("_bucket")
                                          || sample.name == family.name + QLatin1String("_sum")
                                          || sample.name == family.name + QLatin1String("_count"))
                                       : sample.name == family.name;
        if (!belongs)
            return (*why = QStringLiteral("sample %1 outside its family %2").arg(sample.name, family.name), false);
        families.last().samples.append(sample);
        return true;
    }

    bool startFamily(const QString &name, QString *why)
    {
        for (const ParsedFamily &family : std::as_const(families)) {
            if (family.name == name)
                return (*why = QStringLiteral("family %1 appears twice").arg(name), false);
        }
        ParsedFamily family;
        family.name = name;
        families.append(family);
        return true;
    }

    QString readName(bool metric)
    {
        const qsizetype start = m_pos;
        while (m_pos < m_line.size()) {
            const QChar c = m_line.at(m_pos);
            const bool letter = (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
                || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) || c == QLatin1Char('_')
                || (metric && c == QLatin1Char(':'));
            const bool digit = c >= QLatin1Char('0') && c <= QLatin1Char('9');
            if (!letter && !(digit && m_pos > start))
                break;
            ++m_pos;
        }
        return m_line.mid(start, m_pos - start);
    }

    bool eat(QChar c)
    {
        if (m_pos < m_line.size() && m_line.at(m_pos) == c) {
            ++m_pos;
            return true;
        }
        return false;
    }

    QString m_line;
    qsizetype m_pos = 0;
};

QList<ParsedFamily> parseStrict(const QByteArray &text)
{
    StrictParser parser;
    QString error;
    if (!parser.parse(text, &error))
        qWarning("%s\n--- text ---\n%s", qPrintable(error), text.constData());
    return parser.families;
}

// The same text through the project's own exposition parser (what scrapes node_exporter), flattened.
QStringList viaNodeExporterParser(const QByteArray &text)
{
    QStringList out;
    QString error;
    const bool ok = NodeExporterParser::parseExposition(
        text,
        [&](const ExpositionSample &sample) {
            QString line = QString::fromUtf8(sample.name);
            for (const auto &label : sample.labels)
                line += QLatin1Char(' ') + QString::fromUtf8(label.first) + QLatin1Char('=')
                    + QString::fromUtf8(label.second);
            out << line + QLatin1String(" -> ") + QString::number(sample.value, 'g', 17);
        },
        &error);
    if (!ok)
        out << QStringLiteral("ERROR ") + error;
    return out;
}

} // namespace

class TestPrometheusText : public QObject
{
    Q_OBJECT

private slots:
    void escapeLabelValue_data();
    void escapeLabelValue();
    void formatValue_data();
    void formatValue();
    void formatValueRoundTrips();
    void integersExact_data();
    void integersExact();
    void familyAndSamples();
    void helpEscaping_data();
    void helpEscaping();
    void histogramBlock();
    void histogramWithInfBound();
    void parsedBack();
    void refused_data();
    void refused();
};

void TestPrometheusText::escapeLabelValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("escaped");

    QTest::newRow("plain") << QStringLiteral("do-fra1") << QStringLiteral("do-fra1");
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("backslash") << QStringLiteral("C:\\data\\") << QStringLiteral("C:\\\\data\\\\");
    QTest::newRow("double quote") << QStringLiteral("say \"hi\"") << QStringLiteral("say \\\"hi\\\"");
    QTest::newRow("newline") << QStringLiteral("line1\nline2") << QStringLiteral("line1\\nline2");
    QTest::newRow("all three") << QStringLiteral("a\\\"\nb") << QStringLiteral("a\\\\\\\"\\nb");
    QTest::newRow("escape-looking text") << QStringLiteral("\\n") << QStringLiteral("\\\\n");
    QTest::newRow("single quote and tab kept") << QStringLiteral("it's\there") << QStringLiteral("it's\there");
    QTest::newRow("unicode kept") << QStringLiteral("Zürich ✓") << QStringLiteral("Zürich ✓");
}

void TestPrometheusText::escapeLabelValue()
{
    QFETCH(QString, value);
    QFETCH(QString, escaped);
    QCOMPARE(PrometheusText::escapeLabelValue(value), escaped);
}

void TestPrometheusText::formatValue_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("text");

    QTest::newRow("zero") << 0.0 << QByteArray("0");
    QTest::newRow("negative zero") << -0.0 << QByteArray("0");
    QTest::newRow("one") << 1.0 << QByteArray("1");
    QTest::newRow("minus one") << -1.0 << QByteArray("-1");
    QTest::newRow("11 digits, not 1.23457e+10") << 12345678901.0 << QByteArray("12345678901");
    QTest::newRow("2^53") << 9007199254740992.0 << QByteArray("9007199254740992");
    QTest::newRow("1e18") << 1e18 << QByteArray("1000000000000000000");
    QTest::newRow("-2^62") << -4611686018427387904.0 << QByteArray("-4611686018427387904");
    QTest::newRow("beyond qint64") << 1e19 << QByteArray("1e+19");
    QTest::newRow("0.1 without noise") << 0.1 << QByteArray("0.1");
    QTest::newRow("0.5") << 0.5 << QByteArray("0.5");
    QTest::newRow("-2.25") << -2.25 << QByteArray("-2.25");
    QTest::newRow("third") << 1.0 / 3.0 << QByteArray("0.3333333333333333");
    QTest::newRow("0.1+0.2 needs 17 digits") << 0.1 + 0.2 << QByteArray("0.30000000000000004");
    QTest::newRow("timestamp with fraction") << 1700000000.25 << QByteArray("1700000000.25");
    QTest::newRow("fixed down to 1e-4, as %g") << 0.0005 << QByteArray("0.0005");
    QTest::newRow("exponent below, as %g") << 0.00001 << QByteArray("1e-05");
    QTest::newRow("small") << 1e-9 << QByteArray("1e-09");
    QTest::newRow("fixed while digits last") << 1234567.5 << QByteArray("1234567.5");
    QTest::newRow("exponent beyond its digits") << 1.5e20 << QByteArray("1.5e+20");
    QTest::newRow("huge") << 1e300 << QByteArray("1e+300");
    QTest::newRow("max") << std::numeric_limits<double>::max() << QByteArray("1.7976931348623157e+308");
    QTest::newRow("denormal") << 5e-324 << QByteArray("5e-324");
    QTest::newRow("NaN") << NaN << QByteArray("NaN");
    QTest::newRow("+Inf") << Inf << QByteArray("+Inf");
    QTest::newRow("-Inf") << -Inf << QByteArray("-Inf");
}

void TestPrometheusText::formatValue()
{
    QFETCH(double, value);
    QFETCH(QByteArray, text);
    QCOMPARE(PrometheusText::formatValue(value), text);
}

// Whatever the double, Prometheus (Go's strconv.ParseFloat, like toDouble here) reads back the very same value.
void TestPrometheusText::formatValueRoundTrips()
{
    QRandomGenerator random(20240611);
    for (int i = 0; i < 20000; ++i) {
        double value = 0;
        switch (i % 4) {
        case 0: // any bit pattern that is a finite double
            do {
                const quint64 bits = random.generate64();
                std::memcpy(&value, &bits, sizeof value);
            } while (!std::isfinite(value));
            break;
        case 1:
            value = random.generateDouble() * 100.0; // percentages
            break;
        case 2:
            value = std::round(random.generateDouble() * 1e15) / 1000.0; // milliseconds as seconds
            break;
        default:
            value = double(qint64(random.generate64() >> (random.bounded(63) + 1))); // counters
            break;
        }
        const QByteArray text = PrometheusText::formatValue(value);
        bool ok = false;
        const double back = text.toDouble(&ok);
        QVERIFY2(ok && back == value, text.constData());
        QVERIFY2(text.size() <= 24, text.constData());
    }
}

void TestPrometheusText::integersExact_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QByteArray>("line");

    QTest::newRow("bytes") << 12345678901.0 << QByteArray("opsdeck_bytes_total 12345678901\n");
    QTest::newRow("2^53 - 1") << 9007199254740991.0 << QByteArray("opsdeck_bytes_total 9007199254740991\n");
    QTest::newRow("epoch ms") << 1718000000123.0 << QByteArray("opsdeck_bytes_total 1718000000123\n");
    QTest::newRow("2^63 - 1024") << 9223372036854774784.0 << QByteArray("opsdeck_bytes_total 9223372036854774784\n");
}

void TestPrometheusText::integersExact()
{
    QFETCH(double, value);
    QFETCH(QByteArray, line);
    PrometheusText text;
    text.family(QStringLiteral("opsdeck_bytes_total"), QStringLiteral("counter"), QStringLiteral("Bytes."));
    text.sample(value);
    QVERIFY2(text.text().endsWith(line), text.text().constData());
}

void TestPrometheusText::familyAndSamples()
{
    PrometheusText text;
    text.family(QStringLiteral("opsdeck_sync_runs_total"), QStringLiteral("counter"),
                QStringLiteral("Sync runs by source and result."));
    text.sample(
        { { QStringLiteral("source"), QStringLiteral("do") }, { QStringLiteral("result"), QStringLiteral("ok") } }, 42);
    text.sample(
        { { QStringLiteral("source"), QStringLiteral("prom") }, { QStringLiteral("result"), QStringLiteral("error") } },
        3);
    text.family(QStringLiteral("opsdeck_up"), QStringLiteral("gauge"), QString());
    text.sample(1);
    text.family(QStringLiteral("opsdeck:ratio"), QStringLiteral("gauge"), QStringLiteral("Colons are allowed."));
    text.sample({ { QStringLiteral("_private"), QStringLiteral("x") } }, 0.75);

    QCOMPARE(text.text(),
             QByteArray("# HELP opsdeck_sync_runs_total Sync runs by source and result.\n"
                        "# TYPE opsdeck_sync_runs_total counter\n"
                        "opsdeck_sync_runs_total{source=\"do\",result=\"ok\"} 42\n"
                        "opsdeck_sync_runs_total{source=\"prom\",result=\"error\"} 3\n"
                        "# TYPE opsdeck_up gauge\n" // no HELP line for an empty help
                        "opsdeck_up 1\n"
                        "# HELP opsdeck:ratio Colons are allowed.\n"
                        "# TYPE opsdeck:ratio gauge\n"
                        "opsdeck:ratio{_private=\"x\"} 0.75\n"));
    QCOMPARE(QByteArray(PrometheusText::ContentType), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
}

void TestPrometheusText::helpEscaping_data()
{
    QTest::addColumn<QString>("help");
    QTest::addColumn<QByteArray>("line");

    QTest::newRow("plain") << QStringLiteral("Samples written.") << QByteArray("# HELP m Samples written.\n");
    QTest::newRow("backslash") << QStringLiteral("Path like C:\\x") << QByteArray("# HELP m Path like C:\\\\x\n");
    QTest::newRow("newline") << QStringLiteral("two\nlines") << QByteArray("# HELP m two\\nlines\n");
    QTest::newRow("quote kept") << QStringLiteral("the \"source\" label")
                                << QByteArray("# HELP m the \"source\" label\n");
    QTest::newRow("unicode") << QStringLiteral("Größe in µs")
                             << QByteArray("# HELP m Gr\xc3\xb6\xc3\x9f"
                                           "e in \xc2\xb5s\n");
}

void TestPrometheusText::helpEscaping()
{
    QFETCH(QString, help);
    QFETCH(QByteArray, line);
    PrometheusText text;
    text.family(QStringLiteral("m"), QStringLiteral("gauge"), help);
    QVERIFY2(text.text().startsWith(line), text.text().constData());
    const QList<ParsedFamily> families = parseStrict(text.text());
    QCOMPARE(families.size(), 1);
    QCOMPARE(families.first().help, help);
}

void TestPrometheusText::histogramBlock()
{
    PrometheusText text;
    text.family(QStringLiteral("opsdeck_sync_duration_seconds"), QStringLiteral("histogram"),
                QStringLiteral("Duration of a sync run."));
    text.histogram({ { QStringLiteral("source"), QStringLiteral("do") } }, { 0.001, 0.1, 1, 2.5, 10 },
                   { 0, 4, 9, 9, 11 }, 12, 31.125);
    text.histogram({ { QStringLiteral("source"), QStringLiteral("local") } }, { 0.001, 0.1, 1, 2.5, 10 },
                   { 1, 1, 1, 1, 1 }, 1, 0.0005);

    QCOMPARE(text.text(),
             QByteArray("# HELP opsdeck_sync_duration_seconds Duration of a sync run.\n"
                        "# TYPE opsdeck_sync_duration_seconds histogram\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"do\",le=\"0.001\"} 0\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"do\",le=\"0.1\"} 4\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"do\",le=\"1\"} 9\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"do\",le=\"2.5\"} 9\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"do\",le=\"10\"} 11\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"do\",le=\"+Inf\"} 12\n"
                        "opsdeck_sync_duration_seconds_sum{source=\"do\"} 31.125\n"
                        "opsdeck_sync_duration_seconds_count{source=\"do\"} 12\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"local\",le=\"0.001\"} 1\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"local\",le=\"0.1\"} 1\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"local\",le=\"1\"} 1\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"local\",le=\"2.5\"} 1\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"local\",le=\"10\"} 1\n"
                        "opsdeck_sync_duration_seconds_bucket{source=\"local\",le=\"+Inf\"} 1\n"
                        "opsdeck_sync_duration_seconds_sum{source=\"local\"} 0.0005\n"
                        "opsdeck_sync_duration_seconds_count{source=\"local\"} 1\n"));

    const QList<ParsedFamily> families = parseStrict(text.text());
    QCOMPARE(families.size(), 1);
    QCOMPARE(families.first().type, QStringLiteral("histogram"));
    QCOMPARE(families.first().samples.size(), 16);
}

// A caller that lists +Inf among the bounds gets one +Inf bucket, not two; counts beyond 2^53 stay exact.
void TestPrometheusText::histogramWithInfBound()
{
    PrometheusText text;
    text.family(QStringLiteral("h"), QStringLiteral("histogram"), QStringLiteral("H."));
    const qint64 big = (qint64(1) << 53) + 1;
    text.histogram({}, { 1, Inf }, { big - 1, big }, big, 2.5);
    QCOMPARE(text.text(),
             QByteArray("# HELP h H.\n# TYPE h histogram\n"
                        "h_bucket{le=\"1\"} 9007199254740992\n"
                        "h_bucket{le=\"+Inf\"} 9007199254740993\n"
                        "h_sum 2.5\n"
                        "h_count 9007199254740993\n"));
}

// Everything the writer produces reads back to what went in, with a strict parser and with the one OpsDeck uses
// for node_exporter.
void TestPrometheusText::parsedBack()
{
    const QString nasty = QStringLiteral("we\"ird\\name\nwith \\n and \\\" inside ✓");
    PrometheusText text;
    text.family(QStringLiteral("opsdeck_source_errors_total"), QStringLiteral("counter"),
                QStringLiteral("Errors per source\nsecond \\ line"));
    text.sample({ { QStringLiteral("source"), nasty }, { QStringLiteral("kind"), QString() } }, 12345678901.0);
    text.family(QStringLiteral("opsdeck_values"), QStringLiteral("gauge"), QStringLiteral("Special values."));
    text.sample({ { QStringLiteral("v"), QStringLiteral("nan") } }, NaN);
    text.sample({ { QStringLiteral("v"), QStringLiteral("inf") } }, Inf);
    text.sample({ { QStringLiteral("v"), QStringLiteral("-inf") } }, -Inf);
    text.sample({ { QStringLiteral("v"), QStringLiteral("third") } }, 1.0 / 3.0);
    text.family(QStringLiteral("opsdeck_query_seconds"), QStringLiteral("histogram"), QStringLiteral("Queries."));
    text.histogram({ { QStringLiteral("q"), nasty } }, { 0.005, 0.05 }, { 3, 7 }, 8, 0.1 + 0.2);

    const QList<ParsedFamily> families = parseStrict(text.text());
    QCOMPARE(families.size(), 3);
    QCOMPARE(families.at(0).help, QStringLiteral("Errors per source\nsecond \\ line"));
    QCOMPARE(families.at(0).samples.size(), 1);
    QCOMPARE(families.at(0).samples.first().labels,
             PrometheusText::Labels({ { QStringLiteral("source"), nasty }, { QStringLiteral("kind"), QString() } }));
    QCOMPARE(families.at(0).samples.first().value, QByteArray("12345678901"));

    QStringList values;
    for (const ParsedSample &sample : families.at(1).samples)
        values << QString::fromUtf8(sample.value);
    QCOMPARE(values,
             QStringList({ QStringLiteral("NaN"), QStringLiteral("+Inf"), QStringLiteral("-Inf"),
                           QStringLiteral("0.3333333333333333") }));
    QCOMPARE(families.at(1).samples.last().value.toDouble(), 1.0 / 3.0);

    const QList<ParsedSample> &histogram = families.at(2).samples;
    QCOMPARE(histogram.size(), 5);
    QCOMPARE(histogram.at(0).labels.last(), qMakePair(QStringLiteral("le"), QStringLiteral("0.005")));
    QCOMPARE(histogram.at(0).labels.first().second, nasty);
    QCOMPARE(histogram.at(2).labels.last(), qMakePair(QStringLiteral("le"), QStringLiteral("+Inf")));
    QCOMPARE(histogram.at(3).name, QStringLiteral("opsdeck_query_seconds_sum"));
    QCOMPARE(histogram.at(3).value.toDouble(), 0.1 + 0.2);

    const QString nastyFlat = nasty;
    QCOMPARE(
        viaNodeExporterParser(text.text()),
        QStringList({
            QStringLiteral("opsdeck_source_errors_total source=") + nastyFlat + QStringLiteral(" kind= -> 12345678901"),
            QStringLiteral("opsdeck_values v=nan -> nan"),
            QStringLiteral("opsdeck_values v=inf -> inf"),
            QStringLiteral("opsdeck_values v=-inf -> -inf"),
            QStringLiteral("opsdeck_values v=third -> 0.33333333333333331"),
            QStringLiteral("opsdeck_query_seconds_bucket q=") + nastyFlat + QStringLiteral(" le=0.005 -> 3"),
            QStringLiteral("opsdeck_query_seconds_bucket q=") + nastyFlat + QStringLiteral(" le=0.05 -> 7"),
            QStringLiteral("opsdeck_query_seconds_bucket q=") + nastyFlat + QStringLiteral(" le=+Inf -> 8"),
            QStringLiteral("opsdeck_query_seconds_sum q=") + nastyFlat + QStringLiteral(" -> 0.30000000000000004"),
            QStringLiteral("opsdeck_query_seconds_count q=") + nastyFlat + QStringLiteral(" -> 8"),
        }));
}

// What the writer refuses to write, and that the text around it stays valid: a family before and after every bad
// call still comes out whole.
void TestPrometheusText::refused_data()
{
    QTest::addColumn<WriterCall>("bad");
    QTest::addColumn<QString>("warning");
    QTest::addColumn<int>("families"); // in the text afterwards: before, after and a refused sample's family

    using Call = WriterCall;
    const auto family = [](const char *name, const char *type) {
        return Call([=](PrometheusText &t) {
            t.family(QString::fromUtf8(name), QString::fromUtf8(type), QStringLiteral("Bad."));
            t.sample(1);
        });
    };
    QTest::newRow("name starts with a digit")
        << family("1opsdeck", "gauge") << QStringLiteral("not a valid metric name") << 2;
    QTest::newRow("name with a dash") << family("opsdeck-up", "gauge") << QStringLiteral("not a valid metric name")
                                      << 2;
    QTest::newRow("name with a space") << family("opsdeck up", "gauge") << QStringLiteral("not a valid metric name")
                                       << 2;
    QTest::newRow("empty name") << family("", "gauge") << QStringLiteral("not a valid metric name") << 2;
    QTest::newRow("non-ASCII name") << family("größe", "gauge") << QStringLiteral("not a valid metric name") << 2;
    QTest::newRow("unknown type") << family("opsdeck_s", "summary")
                                  << QStringLiteral("is not counter, gauge or histogram") << 2;
    QTest::newRow("family twice") << family("before_total", "counter") << QStringLiteral("already written") << 2;
    QTest::newRow("label with colon") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_labels"), QStringLiteral("gauge"), QStringLiteral("B."));
        t.sample({ { QStringLiteral("a:b"), QStringLiteral("x") } }, 1);
    }) << QStringLiteral("not a valid label name")
                                      << 3;
    QTest::newRow("label starts with a digit") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_labels"), QStringLiteral("gauge"), QStringLiteral("B."));
        t.sample({ { QStringLiteral("0a"), QStringLiteral("x") } }, 1);
    }) << QStringLiteral("not a valid label name")
                                               << 3;
    QTest::newRow("label twice") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_labels"), QStringLiteral("gauge"), QStringLiteral("B."));
        t.sample({ { QStringLiteral("a"), QStringLiteral("x") }, { QStringLiteral("a"), QStringLiteral("y") } }, 1);
    }) << QStringLiteral("given twice")
                                 << 3;
    QTest::newRow("sample on a histogram") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_histogram"), QStringLiteral("histogram"), QStringLiteral("B."));
        t.sample(1);
    }) << QStringLiteral("it is a histogram")
                                           << 3;
    QTest::newRow("histogram on a counter") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_total"), QStringLiteral("counter"), QStringLiteral("B."));
        t.histogram({}, { 1 }, { 1 }, 1, 1);
    }) << QStringLiteral("not a histogram") << 3;
    QTest::newRow("le given") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_histogram"), QStringLiteral("histogram"), QStringLiteral("B."));
        t.histogram({ { QStringLiteral("le"), QStringLiteral("1") } }, { 1 }, { 1 }, 1, 1);
    }) << QStringLiteral("bucket label")
                              << 3;
    QTest::newRow("lengths differ") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_histogram"), QStringLiteral("histogram"), QStringLiteral("B."));
        t.histogram({}, { 1, 2 }, { 1 }, 1, 1);
    }) << QStringLiteral("differ in length")
                                    << 3;
    QTest::newRow("bounds not increasing") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_histogram"), QStringLiteral("histogram"), QStringLiteral("B."));
        t.histogram({}, { 2, 1 }, { 0, 1 }, 1, 1);
    }) << QStringLiteral("strictly increasing")
                                           << 3;
    QTest::newRow("NaN bound") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_histogram"), QStringLiteral("histogram"), QStringLiteral("B."));
        t.histogram({}, { NaN }, { 0 }, 1, 1);
    }) << QStringLiteral("strictly increasing")
                               << 3;
    QTest::newRow("counts not cumulative") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_histogram"), QStringLiteral("histogram"), QStringLiteral("B."));
        t.histogram({}, { 1, 2 }, { 3, 1 }, 4, 1);
    }) << QStringLiteral("cumulative") << 3;
    QTest::newRow("bucket above count") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_histogram"), QStringLiteral("histogram"), QStringLiteral("B."));
        t.histogram({}, { 1 }, { 5 }, 4, 1);
    }) << QStringLiteral("cumulative") << 3;
    QTest::newRow("+Inf bucket differs from count") << Call([](PrometheusText &t) {
        t.family(QStringLiteral("bad_histogram"), QStringLiteral("histogram"), QStringLiteral("B."));
        t.histogram({}, { 1, Inf }, { 1, 3 }, 4, 1);
    }) << QStringLiteral("+Inf bucket") << 3;
}

void TestPrometheusText::refused()
{
    QFETCH(WriterCall, bad);
    QFETCH(QString, warning);
    QFETCH(int, families);

    PrometheusText text;
    text.family(QStringLiteral("before_total"), QStringLiteral("counter"), QStringLiteral("Before."));
    text.sample(1);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QRegularExpression::escape(warning)));
    bad(text);
    text.family(QStringLiteral("after"), QStringLiteral("gauge"), QStringLiteral("After."));
    text.sample(2);

    const QList<ParsedFamily> parsed = parseStrict(text.text());
    QVERIFY2(!parsed.isEmpty(), text.text().constData());
    QCOMPARE(parsed.first().name, QStringLiteral("before_total"));
    QCOMPARE(parsed.last().name, QStringLiteral("after"));
    // Nothing of the refused call made it into the text: a refused family writes no HELP/TYPE, a refused sample
    // leaves its (valid) family empty.
    QCOMPARE(parsed.size(), families);
    for (const ParsedFamily &family : parsed) {
        if (family.name != QLatin1String("before_total") && family.name != QLatin1String("after"))
            QVERIFY2(family.samples.isEmpty(), text.text().constData());
        else
            QCOMPARE(family.samples.size(), 1);
    }
}

QTEST_APPLESS_MAIN(TestPrometheusText)
#include "tst_prometheustext.moc"
