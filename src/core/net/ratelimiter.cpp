#include "ratelimiter.h"

#include <QStringList>
#include <algorithm>

namespace {

constexpr qint64 MinuteMs = 60 * 1000;
constexpr qint64 HourMs = 60 * MinuteMs;
// A server that sends `ratelimit-remaining` without `ratelimit-reset` is assumed to refill within a minute.
constexpr qint64 DefaultServerWindowMs = MinuteMs;
constexpr QLatin1Char FieldSeparator(';');
constexpr QLatin1Char ListSeparator(',');
const QString StateVersion = QStringLiteral("rl1");

// How long until a window of windowMs that may hold at most `limit` of the ascending `sent` times has room for
// one more request at nowMs. A request at t occupies the window until t + windowMs (exclusive).
qint64 windowDelay(const QList<qint64> &sent, qint64 nowMs, qint64 windowMs, int limit)
{
    const auto first = std::upper_bound(sent.cbegin(), sent.cend(), nowMs - windowMs);
    const qint64 inWindow = sent.cend() - first;
    if (inWindow < limit)
        return 0;
    // The (inWindow - limit + 1) oldest requests must leave the window; the last of them decides.
    const qint64 expiring = *(first + (inWindow - limit));
    return std::clamp<qint64>(expiring + windowMs - nowMs, 0, windowMs);
}

} // namespace

RateLimiter::RateLimiter(int perMinute, int perHour)
    : m_perMinute(std::max(1, perMinute))
    , m_perHour(std::max(1, perHour))
{ }

qint64 RateLimiter::delayBeforeNextMs(qint64 nowMs) const
{
    qint64 delay = 0;
    if (m_blockedUntilMs > nowMs)
        delay = std::min(m_blockedUntilMs - nowMs, HourMs);
    // The server's word is an upper bound on what may still go out before its reset.
    if (m_serverRemaining == 0 && m_serverResetMs > nowMs)
        delay = std::max(delay, std::min(m_serverResetMs - nowMs, HourMs));
    delay = std::max(delay, windowDelay(m_sent, nowMs, MinuteMs, m_perMinute));
    delay = std::max(delay, windowDelay(m_sent, nowMs, HourMs, m_perHour));
    return delay;
}

void RateLimiter::recordRequest(qint64 nowMs)
{
    prune(nowMs);
    // Callers record in time order; a clock that stepped back still keeps the list sorted.
    m_sent.insert(std::upper_bound(m_sent.begin(), m_sent.end(), nowMs), nowMs);
    // Only the newest max(perMinute, perHour) times can ever decide a delay: keep memory bounded.
    const qsizetype keep = std::max(m_perMinute, m_perHour);
    if (m_sent.size() > keep)
        m_sent.remove(0, m_sent.size() - keep);
    if (m_serverRemaining > 0 && nowMs < m_serverResetMs)
        --m_serverRemaining;
}

void RateLimiter::learn(qint64 nowMs, qint64 remaining, qint64 resetEpochSeconds)
{
    if (remaining < 0)
        return;
    m_serverRemaining = remaining;
    // A reset in the past or absurdly far ahead (clock skew, garbage) is bounded to the hour window.
    qint64 resetMs = resetEpochSeconds >= 0 ? resetEpochSeconds * 1000 : nowMs + DefaultServerWindowMs;
    if (resetMs <= nowMs && remaining == 0)
        resetMs = nowMs + 1000;
    m_serverResetMs = std::min(resetMs, nowMs + HourMs);
}

void RateLimiter::blockUntil(qint64 untilMs)
{
    m_blockedUntilMs = std::max(m_blockedUntilMs, untilMs);
}

int RateLimiter::remainingThisHour(qint64 nowMs) const
{
    const auto first = std::upper_bound(m_sent.cbegin(), m_sent.cend(), nowMs - HourMs);
    qint64 remaining = std::max<qint64>(0, m_perHour - (m_sent.cend() - first));
    if (m_serverRemaining >= 0 && nowMs < m_serverResetMs)
        remaining = std::min(remaining, m_serverRemaining);
    return int(remaining);
}

// "rl1;<blocked until ms>;<server remaining>;<server reset ms>;<first sent ms>,<delta ms>,<delta ms>…"
// Deltas keep a full hour of 5,000 requests to a few tens of kilobytes.
QString RateLimiter::saveState() const
{
    QStringList sent;
    sent.reserve(m_sent.size());
    qint64 previous = 0;
    for (qint64 t : m_sent) {
        sent.append(QString::number(t - previous));
        previous = t;
    }
    return QStringList { StateVersion, QString::number(m_blockedUntilMs), QString::number(m_serverRemaining),
                         QString::number(m_serverResetMs), sent.join(ListSeparator) }
        .join(FieldSeparator);
}

// Anything that does not parse is ignored: a damaged state costs at most some pacing history, never a sync.
void RateLimiter::restoreState(const QString &state)
{
    const QStringList fields = state.trimmed().split(FieldSeparator);
    if (fields.size() != 5 || fields.at(0) != StateVersion)
        return;
    const auto number = [](const QString &text, qint64 fallback) {
        bool ok = false;
        const qint64 value = text.trimmed().toLongLong(&ok);
        return ok ? value : fallback;
    };
    const qint64 blocked = number(fields.at(1), 0);
    const qint64 serverRemaining = number(fields.at(2), -1);
    const qint64 serverReset = number(fields.at(3), 0);

    QList<qint64> sent;
    qint64 t = 0;
    for (const QString &token : fields.at(4).split(ListSeparator, Qt::SkipEmptyParts)) {
        const qint64 delta = number(token, -1);
        if (delta < 0 || (!sent.isEmpty() && delta > HourMs)) {
            // Past a damaged entry the deltas mean nothing any more.
            break;
        }
        t += delta;
        sent.append(t);
    }
    const qsizetype keep = std::max(m_perMinute, m_perHour);
    if (sent.size() > keep)
        sent.remove(0, sent.size() - keep);

    m_sent = sent;
    m_blockedUntilMs = std::max<qint64>(0, blocked);
    m_serverRemaining = std::max<qint64>(-1, serverRemaining);
    m_serverResetMs = std::max<qint64>(0, serverReset);
}

void RateLimiter::prune(qint64 nowMs)
{
    const auto first = std::upper_bound(m_sent.cbegin(), m_sent.cend(), nowMs - HourMs);
    if (first != m_sent.cbegin())
        m_sent.remove(0, first - m_sent.cbegin());
    if (m_blockedUntilMs <= nowMs)
        m_blockedUntilMs = 0;
    if (m_serverResetMs <= nowMs) {
        m_serverRemaining = -1;
        m_serverResetMs = 0;
    }
}
