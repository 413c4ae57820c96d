#pragma once

#include <QList>
#include <QString>

// Paces requests of one source under a per-minute and a per-hour budget (DigitalOcean: 250/min, 5,000/h per
// token), and learns from what the server says: `ratelimit-remaining`/`ratelimit-reset` shrink the budget, a 429
// with `retry-after` blocks until then. Times are milliseconds since the epoch, passed in, so tests need no clock.
//
// The limiter is a sliding window over the timestamps of the requests it allowed. Its state survives between
// separate `opsdeck --sync` processes through saveState()/restoreState() (kept in source_state), so a cron job
// every minute cannot spend the hourly budget in a few runs.
class RateLimiter final
{
public:
    RateLimiter(int perMinute = 250, int perHour = 5000);

    // How long to wait before the next request may go out (0 = now): until both windows have room, a block has
    // passed and, when the server said nothing remains, its reset. Never more than an hour.
    qint64 delayBeforeNextMs(qint64 nowMs) const;
    // Records a request that was sent at nowMs.
    void recordRequest(qint64 nowMs);
    // From response headers: remaining requests in the server's window and when it resets (epoch seconds);
    // pass -1 for what the response did not say. `remaining` caps what goes out before the reset (a minute from
    // now when no reset is given).
    void learn(qint64 nowMs, qint64 remaining, qint64 resetEpochSeconds);
    // A 429: nothing goes out before untilMs.
    void blockUntil(qint64 untilMs);

    // Requests still allowed in the current hour window at nowMs (for the UI's "budget used").
    int remainingThisHour(qint64 nowMs) const;
    int perMinute() const { return m_perMinute; }
    int perHour() const { return m_perHour; }

    // Compact text for source_state: the block, the server's word and the request times of the last hour.
    // restoreState() ignores what it cannot read.
    QString saveState() const;
    void restoreState(const QString &state);

private:
    void prune(qint64 nowMs);

    int m_perMinute;
    int m_perHour;
    QList<qint64> m_sent; // times of allowed requests within the last hour, ascending
    qint64 m_blockedUntilMs = 0;
    qint64 m_serverRemaining = -1;
    qint64 m_serverResetMs = 0;
};
