// The CSV writer as a round trip: arbitrary rows of arbitrary cells are written, then read back by a strict
// RFC 4180 reader written here from the RFC (not from the writer), and every cell must come back byte for byte —
// except that a cell a spreadsheet would evaluate as a formula comes back with the single-quote prefix. The input
// is UTF-8 text; byte 0x01 ends a row and 0x00 ends a cell (both are rare in real cells, so the writer still sees
// every other control character).

#include "fuzzcheck.h"
#include "report/csvwriter.h"

#include <QBuffer>

#include <cstdint>
#include <optional>

namespace {

using Record = QList<QByteArray>;

// RFC 4180 section 2, strictly: records end with CRLF (the last one too), fields are separated by commas, a field
// is either quoted — any bytes, with "" for a quote — or unquoted without comma, quote, CR or LF. Anything else,
// including text after a closing quote, is a rejection.
std::optional<QList<Record>> readStrict(const QByteArray &csv)
{
    QList<Record> records;
    qsizetype i = 0;
    const qsizetype n = csv.size();
    while (i < n) {
        Record record;
        while (true) {
            QByteArray field;
            if (i < n && csv[i] == '"') {
                ++i;
                while (true) {
                    if (i >= n)
                        return std::nullopt; // unterminated quote
                    if (csv[i] == '"') {
                        if (i + 1 < n && csv[i + 1] == '"') {
                            field += '"';
                            i += 2;
                            continue;
                        }
                        ++i;
                        break;
                    }
                    field += csv[i++];
                }
            } else {
                while (i < n && csv[i] != ',' && csv[i] != '\r') {
                    if (csv[i] == '"' || csv[i] == '\n')
                        return std::nullopt;
                    field += csv[i++];
                }
            }
            record << field;
            if (i < n && csv[i] == ',') {
                ++i;
                continue;
            }
            if (i + 1 < n && csv[i] == '\r' && csv[i + 1] == '\n') {
                i += 2;
                break;
            }
            return std::nullopt; // a record must end with CRLF
        }
        records << record;
    }
    return records;
}

bool isFormulaLead(QChar c)
{
    return c == u'=' || c == u'@' || c == u'\t' || c == u'\r';
}

// What the cell must read back as. '=', '@', TAB and CR always get the prefix; '+' and '-' get it unless the cell
// is a plain number, which the reader cannot decide independently, so both spellings are accepted for those.
bool readsBackAs(const QString &cell, const QByteArray &read)
{
    const QByteArray utf8 = cell.toUtf8();
    const QByteArray prefixed = '\'' + utf8;
    if (cell.isEmpty())
        return read.isEmpty();
    if (isFormulaLead(cell.front()))
        return read == prefixed;
    if (cell.front() == u'+' || cell.front() == u'-')
        return read == utf8 || read == prefixed;
    return read == utf8;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<QStringList> rows;
    if (!text.isEmpty()) {
        for (const QString &row : text.split(QChar(1)))
            rows << row.split(QChar(0));
    }

    QByteArray csv;
    QBuffer buffer(&csv);
    FUZZ_CHECK(buffer.open(QIODevice::WriteOnly));
    CsvWriter writer(&buffer);
    for (const QStringList &row : std::as_const(rows))
        writer.writeRow(row);
    writer.writeRow({}); // an empty record must still be a record
    FUZZ_CHECK(writer.flush() && writer.ok());
    FUZZ_CHECK(writer.rowsWritten() == rows.size() + 1);

    const std::optional<QList<Record>> read = readStrict(csv);
    FUZZ_CHECK(read.has_value());
    FUZZ_CHECK(read->size() == rows.size() + 1);
    for (qsizetype r = 0; r < rows.size(); ++r) {
        const QStringList &row = rows.at(r);
        const Record &record = read->at(r);
        FUZZ_CHECK(record.size() == row.size());
        for (qsizetype c = 0; c < row.size(); ++c) {
            FUZZ_CHECK(readsBackAs(row.at(c), record.at(c)));
            // The QString and the byte-appending encoders are two spellings of one rule.
            QByteArray appended;
            CsvWriter::appendCell(appended, row.at(c));
            FUZZ_CHECK(appended == CsvWriter::encodeCell(row.at(c)).toUtf8());
        }
    }
    FUZZ_CHECK(read->back() == Record { QByteArray() });
    return 0;
}
