#include "csvwriter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFileDevice>
#include <QIODevice>
#include <QRegularExpression>

namespace {

// What a spreadsheet reads as a number: optional sign, digits with an optional decimal point, optional
// exponent. ASCII digits only ([0-9], not \d, which also matches other scripts' digits), and no "inf" or
// "nan": a spreadsheet evaluates "-inf" as a formula.
bool isPlainNumber(const QString &cell)
{
    static const QRegularExpression number(
        QStringLiteral(R"(\A[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\z)"));
    return number.match(cell).hasMatch();
}

bool startsLikeFormula(const QString &cell)
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

bool needsQuotes(const QString &cell)
{
    for (const QChar c : cell) {
        if (c == u',' || c == u'"' || c == u'\r' || c == u'\n')
            return true;
    }
    return false;
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

void CsvWriter::writeRow(const QStringList &cells)
{
    if (!ok())
        return;

    QString line;
    if (cells.isEmpty() || (cells.size() == 1 && cells.front().isEmpty())) {
        // A bare CRLF would be a blank line, which many readers skip instead of reading one empty field.
        line = QStringLiteral("\"\"");
    } else {
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i > 0)
                line += QLatin1Char(',');
            line += encodeCell(cells.at(i));
        }
    }
    line += QLatin1String("\r\n");

    const QByteArray bytes = line.toUtf8();
    if (!m_device->isWritable() || m_device->write(bytes) != bytes.size()) {
        const auto *file = qobject_cast<const QFileDevice *>(m_device);
        const QString cause = m_device->isWritable() ? m_device->errorString()
                                                     : QCoreApplication::translate("CsvWriter", "not open for writing");
        m_errorString = file && !file->fileName().isEmpty()
            ? QCoreApplication::translate("CsvWriter", "Could not write the CSV report to %1: %2")
                  .arg(file->fileName(), cause)
            : QCoreApplication::translate("CsvWriter", "Could not write the CSV report: %1").arg(cause);
        return;
    }
    ++m_rows;
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
    if (unixSeconds == 0)
        return {};
    return QDateTime::fromSecsSinceEpoch(unixSeconds, Qt::UTC).toString(Qt::ISODate);
}

QString CsvWriter::formatNumber(double value, int decimals)
{
    if (!qIsFinite(value))
        return {};
    QString text = QString::number(value, 'f', qBound(0, decimals, 15));
    // -0.001 rounds to "-0.00"; a signed zero in a report reads as a bug.
    if (text.startsWith(QLatin1Char('-'))) {
        bool allZero = true;
        for (qsizetype i = 1; i < text.size() && allZero; ++i)
            allZero = text.at(i) == u'0' || text.at(i) == u'.';
        if (allZero)
            text.remove(0, 1);
    }
    return text;
}
