#pragma once

// What the suites that run the real opsdeck binary share: the outcome of one run, and a strict RFC 4180 reader
// for the CSV reports (independent of CsvWriter, so the writer is checked against the standard, not itself).

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <optional>

namespace {

struct Result
{
    bool started = false;
    bool finished = false;
    QProcess::ExitStatus exitStatus = QProcess::CrashExit;
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;

    QString stdOut() const { return QString::fromUtf8(out); }
    QString stdErr() const { return QString::fromUtf8(err); }
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
    // The code a shell would see; -1 for a crash or a hang.
    int code() const { return finished && exitStatus == QProcess::NormalExit ? exitCode : -1; }
    QByteArray describe() const
    {
        return QStringLiteral("exit %1%2 after %3 ms\n--- stdout ---\n%4\n--- stderr ---\n%5")
            .arg(exitCode)
            .arg(!finished                               ? QStringLiteral(" (timed out)")
                     : exitStatus == QProcess::CrashExit ? QStringLiteral(" (crashed)")
                                                         : QString())
            .arg(elapsedMs)
            .arg(stdOut().left(3000), stdErr().left(3000))
            .toUtf8();
    }
};

// RFC 4180: fields separated by ',', records ended by CRLF, a field in double quotes may hold ',', CR, LF and
// '""' for a quote. Strict: a bare LF, text after a closing quote or an unterminated quote is an error.
inline std::optional<QList<QStringList>> parseCsv(const QByteArray &bytes, QString *error)
{
    const QString text = QString::fromUtf8(bytes);
    QList<QStringList> records;
    QStringList record;
    QString field;
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto fail = [&](const QString &why) -> std::optional<QList<QStringList>> {
        *error = QStringLiteral("CSV offset %1: %2").arg(i).arg(why);
        return std::nullopt;
    };
    if (n == 0)
        return records;
    bool fieldStart = true;
    while (i < n) {
        const QChar c = text.at(i);
        if (fieldStart && c == u'"') {
            ++i;
            for (;;) {
                if (i >= n)
                    return fail(QStringLiteral("unterminated quoted field"));
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
            if (i < n && text.at(i) != u',' && text.at(i) != u'\r')
                return fail(QStringLiteral("text after a closing quote"));
            fieldStart = false;
            continue;
        }
        if (c == u',') {
            record << field;
            field.clear();
            fieldStart = true;
            ++i;
        } else if (c == u'\r') {
            if (i + 1 >= n || text.at(i + 1) != u'\n')
                return fail(QStringLiteral("CR not followed by LF"));
            record << field;
            records << record;
            record.clear();
            field.clear();
            fieldStart = true;
            i += 2;
        } else if (c == u'\n') {
            return fail(QStringLiteral("bare LF: records must end with CRLF"));
        } else if (c == u'"') {
            return fail(QStringLiteral("quote inside an unquoted field"));
        } else {
            field += c;
            fieldStart = false;
            ++i;
        }
    }
    if (!fieldStart || !record.isEmpty()) { // last record without CRLF
        record << field;
        records << record;
    }
    return records;
}

inline bool isIsoUtcSeconds(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"));
    return re.match(text).hasMatch() && QDateTime::fromString(text, Qt::ISODate).isValid();
}

// Runs a program to its end (or kills it after timeoutMs) with no standard input.
inline Result runProgram(const QString &program, const QStringList &args, const QProcessEnvironment &env,
                  const QString &workingDirectory, int timeoutMs)
{
    Result r;
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(workingDirectory);
    QElapsedTimer clock;
    clock.start();
    p.start();
    r.started = p.waitForStarted(timeoutMs);
    if (r.started) {
        p.closeWriteChannel();
        r.finished = p.waitForFinished(timeoutMs);
        if (!r.finished) {
            p.kill();
            p.waitForFinished(5000);
        }
    }
    r.elapsedMs = clock.elapsed();
    r.exitStatus = p.exitStatus();
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace
