#include "csvwriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileDevice>
#include <QIODevice>

#include <algorithm>
#include <charconv>

namespace {

bool isDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// What a spreadsheet reads as a number: optional sign, digits with an optional decimal point, optional
// exponent. ASCII digits only (not other scripts' digits), and no "inf" or "nan": a spreadsheet evaluates
// "-inf" as a formula.
bool isPlainNumber(QStringView cell)
{
    qsizetype i = 0;
    const qsizetype n = cell.size();
    auto digits = [&] {
        const qsizetype start = i;
        while (i < n && isDigit(cell[i]))
            ++i;
        return i - start;
    };
    if (i < n && (cell[i] == u'+' || cell[i] == u'-'))
        ++i;
    qsizetype mantissa = digits();
    if (i < n && cell[i] == u'.') {
        ++i;
        mantissa += digits();
    }
    if (mantissa == 0)
        return false;
    if (i < n && (cell[i] == u'e' || cell[i] == u'E')) {
        ++i;
        if (i < n && (cell[i] == u'+' || cell[i] == u'-'))
            ++i;
        if (digits() == 0)
            return false;
    }
    return i == n;
}

bool startsLikeFormula(QStringView cell)
{
    if (cell.isEmpty())
        return false;
    switch (cell.front().unicode()) {
    case u'=':
    case u'@':
    case u'\t':
    case u'\r':
        return true;
    case u'+':
    case u'-':
        return !isPlainNumber(cell);
    default:
        return false;
    }
}

bool needsQuotes(QStringView cell)
{
    for (const QChar c : cell) {
        if (c == u',' || c == u'"' || c == u'\r' || c == u'\n')
            return true;
    }
    return false;
}

void appendTwoDigits(char *at, int value)
{
    at[0] = char('0' + value / 10);
    at[1] = char('0' + value % 10);
}

} // namespace

CsvWriter::CsvWriter(QIODevice *device)
    : m_device(device)
{
    if (!m_device)
        m_errorString = QCoreApplication::translate("CsvWriter", "No output for the CSV report");
}

QString CsvWriter::encodeCell(const QString &cell)
{
    QString text = startsLikeFormula(cell) ? QString(QLatin1Char('\'') + cell) : cell;
    if (!needsQuotes(text))
        return text;
    text.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

void CsvWriter::appendCell(QByteArray &out, QStringView cell)
{
    const bool quote = needsQuotes(cell);
    if (quote)
        out += '"';
    if (startsLikeFormula(cell))
        out += '\'';
    if (!quote) {
        out += cell.toUtf8();
        return;
    }
    const QByteArray utf8 = cell.toUtf8();
    for (const char c : utf8) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

void CsvWriter::writeRow(const QStringList &cells)
{
    if (!ok())
        return;

    QByteArray line;
    if (cells.isEmpty() || (cells.size() == 1 && cells.front().isEmpty())) {
        // A bare CRLF would be a blank line, which many readers skip instead of reading one empty field.
        line = "\"\"";
    } else {
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i > 0)
                line += ',';
            appendCell(line, cells.at(i));
        }
    }
    line += "\r\n";
    if (writeBytes(line))
        ++m_rows;
}

bool CsvWriter::writeEncoded(QByteArrayView bytes, qint64 rows)
{
    if (!ok())
        return false;
    if (writeBytes(bytes))
        m_rows += rows;
    return ok();
}

bool CsvWriter::writeBytes(QByteArrayView bytes)
{
    if (!m_device->isWritable() || m_device->write(bytes.data(), bytes.size()) != bytes.size()) {
        const auto *file = qobject_cast<const QFileDevice *>(m_device);
        const QString cause = m_device->isWritable() ? m_device->errorString()
                                                     : QCoreApplication::translate("CsvWriter", "not open for writing");
        m_errorString = file && !file->fileName().isEmpty()
            ? QCoreApplication::translate("CsvWriter", "Could not write the CSV report to %1: %2")
                  .arg(file->fileName(), cause)
            : QCoreApplication::translate("CsvWriter", "Could not write the CSV report: %1").arg(cause);
        return false;
    }
    return true;
}

bool CsvWriter::flush()
{
    // QFileDevice keeps its own buffer: a full disk only shows when that buffer reaches the kernel.
    auto *file = qobject_cast<QFileDevice *>(m_device);
    if (ok() && file && !file->flush()) {
        m_errorString = QCoreApplication::translate("CsvWriter", "Could not write the CSV report to %1: %2")
                            .arg(file->fileName(), file->errorString());
    }
    return ok();
}

QString CsvWriter::formatTimestamp(qint64 unixSeconds)
{
    QByteArray text;
    appendTimestamp(text, unixSeconds);
    return QString::fromLatin1(text);
}

QString CsvWriter::formatNumber(double value, int decimals)
{
    QByteArray text;
    appendNumber(text, value, decimals);
    return QString::fromLatin1(text);
}

void CsvWriter::appendTimestamp(QByteArray &out, qint64 unixSeconds)
{
    if (unixSeconds == 0)
        return;
    // Days to civil date in the proleptic Gregorian calendar (H. Hinnant's algorithm): QDateTime would cost more
    // than everything else in a row of a history export.
    qint64 days = unixSeconds / 86400;
    qint64 secs = unixSeconds % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
        out += QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(Qt::ISODate).toLatin1();
        return;
    }
    char text[20]
        = { '0', '0', '0', '0', '-', '0', '0', '-', '0', '0', 'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z' };
    appendTwoDigits(text, int(year / 100));
    appendTwoDigits(text + 2, int(year % 100));
    appendTwoDigits(text + 5, month);
    appendTwoDigits(text + 8, day);
    appendTwoDigits(text + 11, int(secs / 3600));
    appendTwoDigits(text + 14, int(secs / 60 % 60));
    appendTwoDigits(text + 17, int(secs % 60));
    out.append(text, sizeof text);
}

void CsvWriter::appendNumber(QByteArray &out, double value, int decimals)
{
    if (!qIsFinite(value))
        return;
    // Room for the 309 integer digits of DBL_MAX, a sign, a point and 15 decimals.
    char text[340];
    const auto result
        = std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, qBound(0, decimals, 15));
    if (result.ec != std::errc())
        return;
    const char *begin = text;
    // -0.001 rounds to "-0.00"; a signed zero in a report reads as a bug.
    if (*begin == '-'
        && std::all_of(begin + 1, static_cast<const char *>(result.ptr), [](char c) { return c == '0' || c == '.'; }))
        ++begin;
    out.append(begin, result.ptr - begin);
}
