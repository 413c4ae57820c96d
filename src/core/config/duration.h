#pragma once

#include <QString>
#include <optional>

// Durations as written in config and on the command line: "90s", "30m", "1h30m", "7d", "2w".
// A bare number is refused: a unit is always required, so "30" cannot mean minutes to one reader and
// seconds to another.
std::optional<qint64> parseDuration(const QString &text, QString *error = nullptr);

// The shortest exact spelling of a duration ("1h30m"), the inverse of parseDuration.
QString formatDuration(qint64 seconds);

// A point in time for --from/--to: ISO 8601 ("2026-11-01T00:00:00Z", "2026-11-01", offsets allowed;
// no zone means UTC) or relative to `now` ("-7d", "-12h", "now"). Returns Unix seconds.
std::optional<qint64> parseTimeSpec(const QString &text, qint64 now, QString *error = nullptr);
