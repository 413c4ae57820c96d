#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <QtGlobal>

class QIODevice;

// Streams RFC 4180 CSV to a QIODevice: UTF-8 without a byte order mark, records ended by CRLF, a field
// quoted only when it holds a comma, a double quote, CR or LF (quotes inside are doubled). Each row goes
// straight to the device, so an export of millions of samples never sits in memory; the device does the
// buffering.
//
// Cells are untrusted text (resource names, tags, provider error messages) that end up in a spreadsheet,
// so a cell starting with = + - @ TAB or CR is neutralised against formula injection as OWASP recommends:
// it is prefixed with a single quote ('=HYPERLINK(...) is shown as text, not evaluated). A cell that is a
// plain decimal number ("-12", "-3.5", "+1", "-1e5") is left alone: a negative number is not a formula,
// and neutralising it would turn every negative value into text. Leading spaces are not stripped and do
// not trigger neutralisation.
//
// A failed write (disk full, closed pipe) makes ok() false and keeps the device's errorString(); later
// rows are dropped. Buffered devices may only report a full disk when flushed, so call flush() before
// closing and check its result.
class CsvWriter final
{
public:
    explicit CsvWriter(QIODevice *device);

    // A record always has at least one field (RFC 4180): an empty list is written like a single empty
    // cell, as "" so that no reader skips it as a blank line.
    void writeRow(const QStringList &cells);

    // The fast path of long reports: rows already encoded with the append*() helpers below, each ending in CRLF,
    // handed over in large chunks. `rows` is how many records `bytes` holds. Returns ok().
    bool writeEncoded(QByteArrayView bytes, qint64 rows);

    // Pushes the device's buffer to the operating system (QFile, QSaveFile) and returns ok().
    bool flush();

    bool ok() const { return m_errorString.isEmpty(); }
    QString errorString() const { return m_errorString; }
    qint64 rowsWritten() const { return m_rows; }

    // One cell as it appears in the file: neutralised, then quoted when needed.
    static QString encodeCell(const QString &cell);

    // ISO 8601 UTC with a Z ("2026-11-01T00:00:00Z"). 0 means "no time" (a resolved_at that has not
    // happened, a sync that never finished) and gives an empty cell.
    static QString formatTimestamp(qint64 unixSeconds);

    // Fixed-point with `decimals` digits (0..15): 12.3456 → "12.35", 0 → "0.00", 100 → "100.00". Never
    // "-0.00". NaN and infinities give an empty cell: a spreadsheet has no spelling for them.
    // Exact ties round to even, as printf does (0.125 → "0.12").
    static QString formatNumber(double value, int decimals = 2);

    // The same three, appended to `out` as UTF-8 without a QString in between: an export of a million rows
    // formats every cell through these.
    static void appendCell(QByteArray &out, QStringView cell);
    static void appendTimestamp(QByteArray &out, qint64 unixSeconds);
    static void appendNumber(QByteArray &out, double value, int decimals = 2);

private:
    bool writeBytes(QByteArrayView bytes);

    QIODevice *m_device = nullptr;
    QString m_errorString;
    qint64 m_rows = 0;
};
