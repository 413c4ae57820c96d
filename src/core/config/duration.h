#pragma once

#include <QString>
#include <optional>

// Durations as written in config and on the command line: "90s", "30m", "1h30m", "7d", "2w".
// A bare number is refused: a unit is always required, so "30" cannot mean minutes to one reader and
// seconds to another.
//
// Grammar: one or more groups of a whole number and a unit, largest unit first, each unit at most once; spaces
// are allowed between groups and before a unit ("1h30m", "1h 30m", "2w3d"). Units, lower case only (an "M" could be
// read as months): s seconds, m minutes, h hours, d days, w weeks. "0s" is valid; negative numbers, fractions ("1.5h")
// and durations above 36500d (100 years) are refused. The error names the text and shows the accepted form.
std::optional<qint64> parseDuration(const QString &text, QString *error = nullptr);

// The shortest exact spelling of a duration ("1h30m"), the inverse of parseDuration. Uses d, h, m and s
// only (30 days is "30d", not "4w2d"); 0 is "0s", negative values get a leading '-'.
QString formatDuration(qint64 seconds);

// A point in time for --from/--to: ISO 8601 ("2026-11-01T00:00:00Z", "2026-11-01", offsets allowed;
// no zone means UTC) or relative to `now` ("-7d", "-12h", "now"). Returns Unix seconds.
//
// Accepted exactly:
//   YYYY-MM-DD                                   midnight UTC
//   YYYY-MM-DDThh:mm[:ss[.fff]][Z|±hh[:mm]]      'T' may be a space; no zone means UTC; fractions are dropped
//   now | now±DURATION | ±DURATION               relative to `now`, DURATION as parseDuration ("-1h30m", "+1h")
// A bare duration without a sign ("7d") is refused, so the direction is never a guess.
std::optional<qint64> parseTimeSpec(const QString &text, qint64 now, QString *error = nullptr);
