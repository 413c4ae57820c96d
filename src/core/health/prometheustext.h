#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSet>
#include <QString>

// Writes the Prometheus text exposition format (version 0.0.4): a # HELP and # TYPE line once per metric family,
// then its samples. Label values are escaped (\\, \", \n); values are written so Prometheus parses them exactly
// (integers without a fraction, NaN, +Inf/-Inf). Families must be added whole, one after another.
//
// Names come from code, not from users, so a wrong one is a programming error; but one bad line makes Prometheus
// reject the whole scrape, so the writer never emits it. A family with an invalid metric name
// ([a-zA-Z_:][a-zA-Z0-9_:]*), an unknown type or a name already written is left out together with all its samples;
// a sample with an invalid label name ([a-zA-Z_][a-zA-Z0-9_]*, no colon), a repeated label name or a sample of the
// wrong kind for its family (sample() on a histogram, histogram() on a counter, a histogram with an "le" label,
// bounds that do not match the counts or do not increase) is left out alone. Each omission logs a warning naming
// the metric; the rest of the text stays valid.
class PrometheusText final
{
public:
    using Labels = QList<QPair<QString, QString>>;

    static constexpr const char *ContentType = "text/plain; version=0.0.4; charset=utf-8";

    // Starts a family; type is counter | gauge | histogram.
    void family(const QString &name, const QString &type, const QString &help);
    // One sample of the current family (counter/gauge).
    void sample(const Labels &labels, double value);
    void sample(double value) { sample({}, value); }
    // A whole histogram of the current family: cumulative counts per upper bound, then +Inf, _sum and _count.
    // A last bound of +Inf is allowed and taken as the +Inf bucket (its count must then equal count).
    void histogram(const Labels &labels, const QList<double> &bounds, const QList<qint64> &cumulative, qint64 count,
                   double sum);

    QByteArray text() const { return m_text; }

    static QString escapeLabelValue(const QString &value);
    static QByteArray formatValue(double value);

private:
    // A sample line with its value already formatted (histogram counts are qint64 and must not pass through double).
    void line(const QString &name, const Labels &labels, const QByteArray &value);
    bool acceptsLabels(const Labels &labels) const;

    QString m_name;
    QString m_type;
    bool m_skipping = false; // the current family was refused: its samples are dropped too
    QSet<QString> m_families;
    QByteArray m_text;
};
