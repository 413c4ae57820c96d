#include "prometheusparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace {

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

// Prometheus sends values as strings ("1", "NaN", "+Inf") to keep every float representable; some proxies send
// plain numbers. Both are accepted.
std::optional<double> number(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString().trimmed();
    const QString lower = text.toLower();
    if (lower == QLatin1String("nan"))
        return std::numeric_limits<double>::quiet_NaN();
    if (lower == QLatin1String("+inf") || lower == QLatin1String("inf"))
        return std::numeric_limits<double>::infinity();
    if (lower == QLatin1String("-inf"))
        return -std::numeric_limits<double>::infinity();
    bool ok = false;
    const double parsed = text.toDouble(&ok);
    return ok ? std::optional<double>(parsed) : std::nullopt;
}

bool parsePoint(const QJsonValue &value, PrometheusPoint *point)
{
    const QJsonArray pair = value.toArray();
    if (pair.size() != 2)
        return false;
    const std::optional<double> ts = number(pair.at(0));
    const std::optional<double> v = number(pair.at(1));
    if (!ts || !v || !std::isfinite(*ts))
        return false;
    *point = PrometheusPoint { *ts, *v };
    return true;
}

} // namespace

std::optional<QList<PrometheusSeries>> PrometheusParser::parse(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (!document.isObject()) {
        setError(error,
                 parseError.error != QJsonParseError::NoError
                     ? QStringLiteral("not a Prometheus API response: invalid JSON at offset %1 (%2)")
                           .arg(parseError.offset)
                           .arg(parseError.errorString())
                     : QStringLiteral("not a Prometheus API response: the JSON is not an object"));
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    const QString status = root.value(QLatin1String("status")).toString();
    if (status == QLatin1String("error")) {
        const QString type = root.value(QLatin1String("errorType")).toString();
        const QString message = root.value(QLatin1String("error")).toString();
        setError(error,
                 QStringLiteral("Prometheus error (%1): %2")
                     .arg(type.isEmpty() ? QStringLiteral("unknown") : type,
                          message.isEmpty() ? QStringLiteral("no message") : message));
        return std::nullopt;
    }
    if (status != QLatin1String("success")) {
        setError(error, QStringLiteral("not a Prometheus API response: no \"status\":\"success\""));
        return std::nullopt;
    }

    const QJsonObject data = root.value(QLatin1String("data")).toObject();
    const QString resultType = data.value(QLatin1String("resultType")).toString();
    const bool matrix = resultType == QLatin1String("matrix");
    if (!matrix && resultType != QLatin1String("vector")) {
        setError(
            error,
            QStringLiteral("unexpected Prometheus result type \"%1\" (expected a matrix or a vector)").arg(resultType));
        return std::nullopt;
    }
    const QJsonValue resultValue = data.value(QLatin1String("result"));
    if (!resultValue.isArray() && !resultValue.isNull()) {
        setError(error, QStringLiteral("not a Prometheus API response: data.result is not a list"));
        return std::nullopt;
    }

    QList<PrometheusSeries> out;
    const QJsonArray result = resultValue.toArray();
    out.reserve(result.size());
    for (qsizetype i = 0; i < result.size(); ++i) {
        const QJsonObject entry = result.at(i).toObject();
        PrometheusSeries series;
        const QJsonObject labels = entry.value(QLatin1String("metric")).toObject();
        for (auto it = labels.constBegin(); it != labels.constEnd(); ++it)
            series.metric.insert(it.key(), it.value().toString());

        const auto badPoint = [&](qsizetype index) {
            setError(error,
                     QStringLiteral("not a Prometheus API response: point %1 of series %2 is not [time, \"value\"]")
                         .arg(index + 1)
                         .arg(i + 1));
        };
        if (matrix) {
            // Native histograms come as "histograms"; OpsDeck queries only floats, so those are left out.
            const QJsonArray values = entry.value(QLatin1String("values")).toArray();
            series.points.reserve(values.size());
            for (qsizetype j = 0; j < values.size(); ++j) {
                PrometheusPoint point;
                if (!parsePoint(values.at(j), &point)) {
                    badPoint(j);
                    return std::nullopt;
                }
                series.points.append(point);
            }
        } else if (entry.contains(QLatin1String("value"))) {
            PrometheusPoint point;
            if (!parsePoint(entry.value(QLatin1String("value")), &point)) {
                badPoint(0);
                return std::nullopt;
            }
            series.points.append(point);
        }
        out.append(std::move(series));
    }
    return out;
}

std::optional<qint64> PrometheusParser::parseRetentionSeconds(const QByteArray &json)
{
    const QJsonObject data = QJsonDocument::fromJson(json).object().value(QLatin1String("data")).toObject();
    // "15d", or with a size limit as well "15d or 10GiB"; the time part always comes first.
    const QString retention = data.value(QLatin1String("storageRetention")).toString().section(QLatin1Char(' '), 0, 0);
    static const QRegularExpression whole(QStringLiteral("^(?:\\d+(?:y|w|d|h|ms|m|s))+$"));
    if (!whole.match(retention).hasMatch())
        return std::nullopt;
    static const QRegularExpression part(QStringLiteral("(\\d+)(y|w|d|h|ms|m|s)"));
    qint64 seconds = 0;
    for (auto it = part.globalMatch(retention); it.hasNext();) {
        const QRegularExpressionMatch match = it.next();
        bool countOk = false;
        qint64 count = match.captured(1).toLongLong(&countOk);
        const QString unit = match.captured(2);
        qint64 factor = 1;
        if (unit == QLatin1String("y"))
            factor = 365 * 86400;
        else if (unit == QLatin1String("w"))
            factor = 7 * 86400;
        else if (unit == QLatin1String("d"))
            factor = 86400;
        else if (unit == QLatin1String("h"))
            factor = 3600;
        else if (unit == QLatin1String("m"))
            factor = 60;
        else if (unit == QLatin1String("ms"))
            count /= 1000;
        // Found by fuzzing: "99999999999999y" overflowed qint64. No server means that; treat it as not said.
        if (!countOk || count > (std::numeric_limits<qint64>::max() - seconds) / factor)
            return std::nullopt;
        seconds += count * factor;
    }
    return seconds > 0 ? std::optional<qint64>(seconds) : std::nullopt;
}
