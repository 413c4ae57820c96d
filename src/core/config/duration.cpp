#include "duration.h"

#include <QCoreApplication>
#include <QDate>
#include <QRegularExpression>

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Duration)
};

constexpr qint64 Minute = 60;
constexpr qint64 Hour = 60 * Minute;
constexpr qint64 Day = 24 * Hour;
constexpr qint64 Week = 7 * Day;
constexpr qint64 MaxDuration = 36500 * Day;

// Largest first: the order in which groups must appear.
struct Unit
{
    QChar letter;
    qint64 seconds;
};
const Unit Units[] = { { QLatin1Char('w'), Week },
                       { QLatin1Char('d'), Day },
                       { QLatin1Char('h'), Hour },
                       { QLatin1Char('m'), Minute },
                       { QLatin1Char('s'), 1 } };

QString durationForm()
{
    return Text::tr("a whole number followed by a unit — s (seconds), m (minutes), h (hours), d (days), "
                    "w (weeks) — largest unit first, e.g. 90s, 30m, 1h30m, 7d");
}

QString timeSpecForms()
{
    return Text::tr("accepted: an ISO 8601 date or time (2026-11-01T00:00:00Z, 2026-11-01T02:00:00+02:00, "
                    "2026-11-01 for midnight UTC; no zone means UTC) or a time relative to now "
                    "(-7d, -12h, -1h30m, +1h, now, now-7d)");
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

// Parses the duration grammar; on failure *reason says what is wrong (without repeating the text).
std::optional<qint64> parseDurationBody(const QString &text, QString *reason)
{
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        *reason = Text::tr("it is empty; expected %1").arg(durationForm());
        return std::nullopt;
    }
    if (t.startsWith(QLatin1Char('-')) || t.startsWith(QLatin1Char('+'))) {
        *reason = Text::tr("a duration has no sign; expected %1").arg(durationForm());
        return std::nullopt;
    }

    qint64 total = 0;
    int lastUnit = -1;
    int i = 0;
    const int n = t.size();
    while (i < n) {
        while (i < n && t.at(i).isSpace())
            ++i;
        const int digitsStart = i;
        while (i < n && t.at(i) >= QLatin1Char('0') && t.at(i) <= QLatin1Char('9'))
            ++i;
        if (i == digitsStart) {
            *reason = Text::tr("expected %1").arg(durationForm());
            return std::nullopt;
        }
        const QString digits = t.mid(digitsStart, i - digitsStart);
        while (i < n && t.at(i).isSpace())
            ++i;
        if (i < n && (t.at(i) == QLatin1Char('.') || t.at(i) == QLatin1Char(','))) {
            *reason = Text::tr("fractions are not allowed; use a smaller unit (1h30m rather than 1.5h)");
            return std::nullopt;
        }
        if (i == n) {
            *reason = lastUnit < 0 ? Text::tr("a unit is required (%1s for seconds, %1m for minutes); expected %2")
                                         .arg(digits, durationForm())
                                   : Text::tr("\"%1\" has no unit; expected %2").arg(digits, durationForm());
            return std::nullopt;
        }
        const int unitStart = i;
        while (i < n && t.at(i).isLetter())
            ++i;
        const QString unitText = t.mid(unitStart, i - unitStart);
        int unit = -1;
        for (int u = 0; u < int(std::size(Units)); ++u) {
            if (unitText.size() == 1 && unitText.at(0) == Units[u].letter)
                unit = u;
        }
        if (unit < 0) {
            if (unitText.size() == 1 && unitText.at(0).isUpper())
                *reason = Text::tr("units are lower case (\"%1\" is not a unit); expected %2")
                              .arg(unitText, durationForm());
            else if (unitText.isEmpty())
                *reason = Text::tr("unexpected \"%1\"; expected %2").arg(t.mid(i, 1), durationForm());
            else
                *reason = Text::tr("\"%1\" is not a unit; expected %2").arg(unitText, durationForm());
            return std::nullopt;
        }
        if (unit <= lastUnit) {
            *reason = Text::tr("units must go from the largest to the smallest, each at most once (1h30m, not 30m1h)");
            return std::nullopt;
        }
        lastUnit = unit;
        // More than 11 digits exceeds the limit in any unit, and keeps the multiplication from overflowing.
        const qint64 value = digits.size() > 11 ? MaxDuration + 1 : digits.toLongLong();
        total += value * Units[unit].seconds;
        if (total > MaxDuration) {
            *reason = Text::tr("too long; the maximum is 36500d (100 years)");
            return std::nullopt;
        }
        while (i < n && t.at(i).isSpace())
            ++i;
    }
    return total;
}

std::optional<qint64> parseIsoTime(const QString &t, QString *reason)
{
    static const QRegularExpression re(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})"
        "(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d+))?)?(?:([Zz])|([+-])(\\d{2})(?::?(\\d{2}))?)?)?$"));
    const QRegularExpressionMatch m = re.match(t);
    if (!m.hasMatch()) {
        *reason = timeSpecForms();
        return std::nullopt;
    }
    const int year = m.captured(1).toInt();
    const int month = m.captured(2).toInt();
    const int day = m.captured(3).toInt();
    if (!QDate::isValid(year, month, day)) {
        *reason = Text::tr("there is no such date; %1").arg(timeSpecForms());
        return std::nullopt;
    }
    const int hour = m.captured(4).toInt();
    const int minute = m.captured(5).toInt();
    const int second = m.captured(6).toInt();
    if (hour > 23 || minute > 59 || second > 59) {
        *reason = Text::tr("the time of day is out of range (00:00:00 to 23:59:59); %1").arg(timeSpecForms());
        return std::nullopt;
    }
    qint64 offset = 0;
    if (m.capturedLength(9) > 0) {
        const int offsetHours = m.captured(10).toInt();
        const int offsetMinutes = m.captured(11).toInt();
        if (offsetHours > 23 || offsetMinutes > 59) {
            *reason = Text::tr("the UTC offset is out of range (-23:59 to +23:59); %1").arg(timeSpecForms());
            return std::nullopt;
        }
        offset = offsetHours * Hour + offsetMinutes * Minute;
        if (m.captured(9) == QLatin1String("-"))
            offset = -offset;
    }
    // Julian day 2440588 is 1970-01-01: no time zone database involved.
    const qint64 days = QDate(year, month, day).toJulianDay() - 2440588;
    return days * Day + hour * Hour + minute * Minute + second - offset;
}

} // namespace

std::optional<qint64> parseDuration(const QString &text, QString *error)
{
    QString reason;
    const std::optional<qint64> seconds = parseDurationBody(text, &reason);
    if (!seconds)
        setError(error, Text::tr("invalid duration \"%1\": %2").arg(text.trimmed(), reason));
    return seconds;
}

QString formatDuration(qint64 seconds)
{
    if (seconds == 0)
        return QStringLiteral("0s");
    QString out;
    quint64 rest = seconds < 0 ? quint64(0) - quint64(seconds) : quint64(seconds);
    if (seconds < 0)
        out += QLatin1Char('-');
    for (const Unit &unit : Units) {
        if (unit.seconds == Week)
            continue;
        const quint64 count = rest / quint64(unit.seconds);
        if (count > 0) {
            out += QString::number(count) + unit.letter;
            rest -= count * quint64(unit.seconds);
        }
    }
    return out;
}

std::optional<qint64> parseTimeSpec(const QString &text, qint64 now, QString *error)
{
    const QString t = text.trimmed();
    QString reason;
    std::optional<qint64> result;

    QString relative;
    if (t.compare(QLatin1String("now"), Qt::CaseInsensitive) == 0)
        return now;
    if (t.startsWith(QLatin1String("now"), Qt::CaseInsensitive))
        relative = t.mid(3).trimmed();
    else if (t.startsWith(QLatin1Char('-')) || t.startsWith(QLatin1Char('+')))
        relative = t;

    if (!relative.isEmpty()) {
        const bool sign = relative.startsWith(QLatin1Char('-')) || relative.startsWith(QLatin1Char('+'));
        if (!sign) {
            reason = timeSpecForms();
        } else if (const std::optional<qint64> d = parseDurationBody(relative.mid(1), &reason)) {
            result = relative.startsWith(QLatin1Char('-')) ? now - *d : now + *d;
        } else {
            reason = Text::tr("the duration after the sign is not valid: %1").arg(reason);
        }
    } else if (t.isEmpty()) {
        reason = Text::tr("it is empty; %1").arg(timeSpecForms());
    } else if (QString ignored; parseDurationBody(t, &ignored)) {
        reason = Text::tr("a duration needs a sign to be a time: -%1 is %1 ago, +%1 is %1 from now; %2")
                     .arg(t, timeSpecForms());
    } else {
        result = parseIsoTime(t, &reason);
    }

    if (!result)
        setError(error, Text::tr("invalid time \"%1\": %2").arg(t, reason));
    return result;
}
