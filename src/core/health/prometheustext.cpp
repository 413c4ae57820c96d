#include "health/prometheustext.h"

#include <QLocale>
#include <QLoggingCategory>

#include <cmath>

namespace {

Q_LOGGING_CATEGORY(lcText, "opsdeck.health.prometheustext")

bool isAsciiLetter(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'));
}

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// [a-zA-Z_:][a-zA-Z0-9_:]* — or, for label names, the same without the colon.
bool isName(const QString &name, bool allowColon)
{
    if (name.isEmpty())
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool ok = isAsciiLetter(c) || c == QLatin1Char('_') || (allowColon && c == QLatin1Char(':'))
            || (i > 0 && isAsciiDigit(c));
        if (!ok)
            return false;
    }
    return true;
}

// HELP text escapes only backslash and newline (a double quote stays as it is there).
QString escapeHelp(const QString &help)
{
    QString out;
    out.reserve(help.size());
    for (const QChar c : help) {
        if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\");
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else
            out += c;
    }
    return out;
}

} // namespace

void PrometheusText::family(const QString &name, const QString &type, const QString &help)
{
    m_name = name;
    m_type = type;
    m_skipping = true;
    if (!isName(name, true)) {
        qCWarning(lcText, "metric family \"%s\" left out: not a valid metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)",
                  qUtf8Printable(name));
        return;
    }
    if (type != QLatin1String("counter") && type != QLatin1String("gauge") && type != QLatin1String("histogram")) {
        qCWarning(lcText, "metric family %s left out: type \"%s\" is not counter, gauge or histogram",
                  qUtf8Printable(name), qUtf8Printable(type));
        return;
    }
    // Prometheus rejects the whole scrape when a family appears twice.
    if (m_families.contains(name)) {
        qCWarning(lcText, "metric family %s left out: it was already written", qUtf8Printable(name));
        return;
    }
    m_families.insert(name);
    m_skipping = false;

    const QByteArray utf8Name = name.toUtf8();
    // HELP is optional; an empty one is left out rather than written as a line whose parse varies by parser.
    if (!help.isEmpty())
        m_text += "# HELP " % utf8Name % ' ' % escapeHelp(help).toUtf8() % '\n';
    m_text += "# TYPE " % utf8Name % ' ' % type.toUtf8() % '\n';
}

void PrometheusText::sample(const Labels &labels, double value)
{
    if (!acceptsLabels(labels))
        return;
    if (m_type == QLatin1String("histogram")) {
        qCWarning(lcText, "sample of %s left out: it is a histogram, use histogram()", qUtf8Printable(m_name));
        return;
    }
    line(m_name, labels, formatValue(value));
}

void PrometheusText::histogram(const Labels &labels, const QList<double> &bounds, const QList<qint64> &cumulative,
                               qint64 count, double sum)
{
    if (!acceptsLabels(labels))
        return;
    const auto refuse = [this](const char *why) {
        qCWarning(lcText, "histogram sample of %s left out: %s", qUtf8Printable(m_name), why);
    };
    if (m_type != QLatin1String("histogram"))
        return refuse("the family is not a histogram");
    for (const auto &label : labels) {
        if (label.first == QLatin1String("le"))
            return refuse("\"le\" is the bucket label and cannot be given");
    }
    if (bounds.size() != cumulative.size())
        return refuse("bounds and cumulative counts differ in length");

    // A trailing +Inf bound is the +Inf bucket the writer adds anyway.
    qsizetype finite = bounds.size();
    if (finite > 0 && std::isinf(bounds.last()) && bounds.last() > 0) {
        if (cumulative.last() != count)
            return refuse("the +Inf bucket does not equal count");
        --finite;
    }
    // histogram_quantile() silently returns nonsense on buckets that are not cumulative, so refuse them here.
    for (qsizetype i = 0; i < finite; ++i) {
        if (!std::isfinite(bounds.at(i)) || (i > 0 && !(bounds.at(i) > bounds.at(i - 1))))
            return refuse("bounds must be finite and strictly increasing");
        if (cumulative.at(i) < 0 || (i > 0 && cumulative.at(i) < cumulative.at(i - 1)) || cumulative.at(i) > count)
            return refuse("bucket counts must be cumulative (non-decreasing, at most count)");
    }
    if (count < 0)
        return refuse("count is negative");

    const QString bucketName = m_name + QLatin1String("_bucket");
    for (qsizetype i = 0; i < finite; ++i) {
        Labels withLe = labels;
        withLe.append({ QStringLiteral("le"), QString::fromLatin1(formatValue(bounds.at(i))) });
        line(bucketName, withLe, QByteArray::number(cumulative.at(i)));
    }
    Labels inf = labels;
    inf.append({ QStringLiteral("le"), QStringLiteral("+Inf") });
    line(bucketName, inf, QByteArray::number(count));
    line(m_name + QLatin1String("_sum"), labels, formatValue(sum));
    line(m_name + QLatin1String("_count"), labels, QByteArray::number(count));
}

QString PrometheusText::escapeLabelValue(const QString &value)
{
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        if (c == QLatin1Char('\\'))
            out += QLatin1String("\\\\");
        else if (c == QLatin1Char('"'))
            out += QLatin1String("\\\"");
        else if (c == QLatin1Char('\n'))
            out += QLatin1String("\\n");
        else
            out += c;
    }
    return out;
}

QByteArray PrometheusText::formatValue(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    // Whole numbers below 2^63 are written as integers: %g would turn a byte counter of 12345678901 into
    // 1.23457e+10. Every such double converts to qint64 exactly.
    if (std::trunc(value) == value && std::fabs(value) < 9223372036854775808.0)
        return QByteArray::number(qint64(value));
    // %g with as many significant digits as it takes to read back the same double: as exact as %.17g without its
    // noise (0.1, not 0.10000000000000001), and %g's choice between 0.0005 and 1e-05 — which is what client
    // libraries write into le="…" too, where "5e-04" would be a different label value. Qt's shortest form alone
    // picks whichever is shorter, so it only counts the digits here. Locale independent, unlike printf after
    // QCoreApplication has called setlocale().
    const QByteArray shortest = QByteArray::number(value, 'e', QLocale::FloatingPointShortest);
    int digits = 0;
    for (const char c : shortest) {
        if (c == 'e')
            break;
        if (c >= '0' && c <= '9')
            ++digits;
    }
    return QByteArray::number(value, 'g', qMax(1, digits));
}

void PrometheusText::line(const QString &name, const Labels &labels, const QByteArray &value)
{
    m_text += name.toUtf8();
    if (!labels.isEmpty()) {
        m_text += '{';
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (i > 0)
                m_text += ',';
            m_text += labels.at(i).first.toUtf8() % "=\"" % escapeLabelValue(labels.at(i).second).toUtf8() % '"';
        }
        m_text += '}';
    }
    m_text += ' ' % value % '\n';
}

bool PrometheusText::acceptsLabels(const Labels &labels) const
{
    if (m_skipping)
        return false; // family() already said why
    if (m_name.isEmpty()) {
        qCWarning(lcText, "sample left out: no metric family was started");
        return false;
    }
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const QString &label = labels.at(i).first;
        if (!isName(label, false)) {
            qCWarning(lcText, "sample of %s left out: \"%s\" is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)",
                      qUtf8Printable(m_name), qUtf8Printable(label));
            return false;
        }
        for (qsizetype j = 0; j < i; ++j) {
            if (labels.at(j).first == label) {
                qCWarning(lcText, "sample of %s left out: label %s given twice", qUtf8Printable(m_name),
                          qUtf8Printable(label));
                return false;
            }
        }
    }
    return true;
}
