#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

// One point of a Prometheus series: Unix seconds (fractional, as Prometheus sends them) and the value, which may
// be NaN or ±Inf — callers decide what to do with those.
struct PrometheusPoint
{
    double ts = 0;
    double value = 0;
};

struct PrometheusSeries
{
    QMap<QString, QString> metric; // the labels, __name__ included when the expression kept it
    QList<PrometheusPoint> points; // one point for an instant vector
};

// Parses the JSON envelope of Prometheus' HTTP API (/api/v1/query_range and /api/v1/query):
//   {"status":"success","data":{"resultType":"matrix","result":[{"metric":{…},"values":[[1435781430.781,"1"],…]}]}}
// "vector" results ("value": [ts, "v"]) become series of one point. The error envelope
//   {"status":"error","errorType":"bad_data","error":"…"}
// becomes an error carrying Prometheus' own words, which usually name the problem exactly.
class PrometheusParser final
{
public:
    // nullopt with *error for an error envelope, a body that is not the API's JSON, or an unexpected result type.
    static std::optional<QList<PrometheusSeries>> parse(const QByteArray &json, QString *error);

    // The storage retention from /api/v1/status/runtimeinfo ("15d", "30d or 10GiB", "1y"), in seconds;
    // nullopt when the body does not say (older servers, size-only retention).
    static std::optional<qint64> parseRetentionSeconds(const QByteArray &json);
};
