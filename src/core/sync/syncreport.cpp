#include "syncreport.h"

#include <QDateTime>
#include <QJsonArray>


namespace {

QString isoMs(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QString SyncReport::status() const
{
    if (!fatalError.isEmpty())
        return QStringLiteral("failed");
    int ok = 0;
    for (const SourceRunResult &s : sources)
        ok += s.status == QLatin1String("ok");
    if (ok == sources.size())
        return QStringLiteral("ok");
    return ok == 0 ? QStringLiteral("failed") : QStringLiteral("partial");
}

int SyncReport::exitCode() const
{
    if (!fatalError.isEmpty())
        return 1;
    int ok = 0, failed = 0, locked = 0;
    for (const SourceRunResult &s : sources) {
        if (s.status == QLatin1String("ok"))
            ++ok;
        else if (s.status == QLatin1String("locked"))
            ++locked;
        else
            ++failed;
    }
    // A real failure outranks contention: cron should hear about a broken source even if another was busy.
    if (failed > 0)
        return ok == 0 ? 1 : 3;
    return locked > 0 ? 75 : 0;
}

QJsonObject SyncReport::toJson() const
{
    QJsonArray list;
    qint64 resources = 0, samples = 0, calls = 0, throttled = 0, retries = 0;
    int ok = 0;
    for (const SourceRunResult &s : sources) {
        list.append(QJsonObject { { QStringLiteral("name"), s.name },
                                  { QStringLiteral("type"), s.type },
                                  { QStringLiteral("status"), s.status },
                                  { QStringLiteral("resources"), s.resources },
                                  { QStringLiteral("samples"), s.samples },
                                  { QStringLiteral("api_calls"), s.apiCalls },
                                  { QStringLiteral("throttled"), s.throttled },
                                  { QStringLiteral("retries"), s.retries },
                                  { QStringLiteral("duration_ms"), s.durationMs },
                                  { QStringLiteral("error"), s.error.isEmpty() ? QJsonValue() : QJsonValue(s.error) } });
        resources += s.resources;
        samples += s.samples;
        calls += s.apiCalls;
        throttled += s.throttled;
        retries += s.retries;
        ok += s.status == QLatin1String("ok");
    }
    QJsonArray alerts;
    for (const FiringAlert &a : firing) {
        alerts.append(QJsonObject { { QStringLiteral("resource"), a.resource },
                                    { QStringLiteral("metric"), a.metric },
                                    { QStringLiteral("level"), a.level },
                                    { QStringLiteral("value"), a.value },
                                    { QStringLiteral("threshold"), a.threshold } });
    }
    QJsonObject json { { QStringLiteral("status"), status() },
                       { QStringLiteral("started_at"), isoMs(startedAtMs) },
                       { QStringLiteral("finished_at"), isoMs(finishedAtMs) },
                       { QStringLiteral("duration_ms"), finishedAtMs - startedAtMs },
                       { QStringLiteral("sources"), list },
                       { QStringLiteral("totals"),
                         QJsonObject { { QStringLiteral("sources"), int(sources.size()) },
                                       { QStringLiteral("sources_ok"), ok },
                                       { QStringLiteral("sources_failed"), int(sources.size()) - ok },
                                       { QStringLiteral("resources"), resources },
                                       { QStringLiteral("samples"), samples },
                                       { QStringLiteral("api_calls"), calls },
                                       { QStringLiteral("throttled"), throttled },
                                       { QStringLiteral("retries"), retries } } },
                       { QStringLiteral("alerts"), QJsonObject { { QStringLiteral("firing"), alerts } } } };
    if (!fatalError.isEmpty())
        json.insert(QStringLiteral("error"), fatalError);
    return json;
}

QString SyncReport::toText() const
{
    QString text;
    if (!fatalError.isEmpty())
        return QStringLiteral("sync failed: %1\n").arg(fatalError);
    for (const SourceRunResult &s : sources) {
        if (s.status == QLatin1String("ok")) {
            text += QStringLiteral("%1 (%2): ok — %3 resources, %4 new samples, %5 API calls, %6 ms\n")
                        .arg(s.name, s.type)
                        .arg(s.resources)
                        .arg(s.samples)
                        .arg(s.apiCalls)
                        .arg(s.durationMs);
        } else {
            text += QStringLiteral("%1 (%2): %3 — %4\n").arg(s.name, s.type, s.status, s.error);
        }
    }
    for (const FiringAlert &a : firing) {
        text += QStringLiteral("alert %1: %2 %3 at %4 % (threshold %5 %)\n")
                    .arg(a.level, a.resource, a.metric)
                    .arg(a.value, 0, 'f', 1)
                    .arg(a.threshold, 0, 'f', 0);
    }
    text += QStringLiteral("sync %1 in %2 ms\n").arg(status()).arg(finishedAtMs - startedAtMs);
    return text;
}
