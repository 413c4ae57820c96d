// The value grammars behind the configuration and the command line: durations, --from/--to time specs, database
// URLs and Config::checkValue (what the Settings dialog checks as the user types). The first byte picks the
// grammar, the rest is the text. Properties: errors are never empty, formatDuration() is the exact inverse of
// parseDuration(), redacted URLs never show the password and parse back to the same database.

#include "config/config.h"
#include "config/databaseurl.h"
#include "config/duration.h"
#include "fuzzcheck.h"

#include <cstdint>

namespace {

void fuzzDuration(const QString &text)
{
    QString error;
    const std::optional<qint64> seconds = parseDuration(text, &error);
    if (!seconds) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    FUZZ_CHECK(*seconds >= 0 && *seconds <= 36500LL * 86400);
    FUZZ_CHECK(parseDuration(formatDuration(*seconds)) == seconds);
}

void fuzzTimeSpec(const QString &text)
{
    QString error;
    const qint64 now = 1793491200; // 2026-11-01T00:00:00Z
    const std::optional<qint64> at = parseTimeSpec(text, now, &error);
    FUZZ_CHECK(at || !error.isEmpty());
}

void fuzzDatabaseUrl(const QString &text)
{
    QString error;
    const std::optional<DatabaseUrl> url = DatabaseUrl::parse(text, &error);
    if (!url) {
        FUZZ_CHECK(!error.isEmpty());
        return;
    }
    if (url->isSqlite()) {
        FUZZ_CHECK(!url->path.isEmpty());
        return;
    }
    FUZZ_CHECK(url->port >= 1 && url->port <= 65535);
    FUZZ_CHECK(!url->database.isEmpty());
    const QString shown = url->redacted();
    FUZZ_CHECK(url->password.isEmpty() || shown.contains(QLatin1String(":***@")));
    // The redacted form is the canonical spelling: it must name the same server and database.
    const std::optional<DatabaseUrl> again = DatabaseUrl::parse(shown);
    FUZZ_CHECK(again && again->host == url->host && again->port == url->port && again->database == url->database
               && again->user == url->user && again->options == url->options);
}

void fuzzCheckValue(const QString &text)
{
    static const QStringList sections { QStringLiteral("storage"), QStringLiteral("sync"),
                                        QStringLiteral("source.fuzz") };
    // "key=value": the key chooses the rule, so unknown keys are exercised too.
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    const QString key = eq < 0 ? text : text.left(eq);
    const QString value = eq < 0 ? QString() : text.mid(eq + 1);
    const QStringList types = Config::sourceTypes();
    for (const QString &section : sections) {
        for (const QString &type : types) {
            QString problem;
            const std::optional<QString> kept = Config::checkValue(section, key, value, &problem, type);
            FUZZ_CHECK(kept || !problem.isEmpty());
            if (section != QLatin1String("source.fuzz"))
                break; // storage and sync do not depend on the type
        }
    }
    QString problem;
    FUZZ_CHECK(Config::checkSourceName(text, &problem) || !problem.isEmpty());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    switch (data[0] % 4) {
    case 0:
        fuzzDuration(text);
        break;
    case 1:
        fuzzTimeSpec(text);
        break;
    case 2:
        fuzzDatabaseUrl(text);
        break;
    default:
        fuzzCheckValue(text);
        break;
    }
    return 0;
}
