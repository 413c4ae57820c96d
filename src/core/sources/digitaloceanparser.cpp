#include "digitaloceanparser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

QString typeOf(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("true/false");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

enum class Need { Optional, Required };

// Reads the fields of one JSON object. The first problem is kept in *error with the field's path
// ("droplets[3].region.slug: expected a string, found a number") and ok() turns false.
class Fields
{
public:
    Fields(QJsonObject object, QString path, QString *error, bool *ok)
        : m_object(std::move(object))
        , m_path(std::move(path))
        , m_error(error)
        , m_ok(ok)
    { }

    QString path(const QString &key) const { return m_path.isEmpty() ? key : m_path + QLatin1Char('.') + key; }

    QString string(const QString &key, Need need = Need::Optional) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString())
            return value.toString();
        check(value, key, need, QStringLiteral("a string"));
        return QString();
    }

    // An id that the API sends as a number (droplets) or a string (apps, databases).
    QString id(const QString &key) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isString() && !value.toString().isEmpty())
            return value.toString();
        // The bound was found by fuzzing: an id of 1e300 made the qint64 cast undefined behaviour.
        if (value.isDouble() && std::floor(value.toDouble()) == value.toDouble() && std::abs(value.toDouble()) < 9e15)
            return QString::number(qint64(value.toDouble()));
        fail(key, QStringLiteral("an id (a string or a whole number)"), value);
        return QString();
    }

    qint64 integer(const QString &key, Need need = Need::Optional) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isDouble()) {
            const double number = value.toDouble();
            if (std::floor(number) == number && std::abs(number) < 9e15)
                return qint64(number);
            fail(key, QStringLiteral("a whole number"), value);
            return 0;
        }
        check(value, key, need, QStringLiteral("a whole number"));
        return 0;
    }

    QJsonObject object(const QString &key, Need need = Need::Optional) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isObject())
            return value.toObject();
        check(value, key, need, QStringLiteral("an object"));
        return QJsonObject();
    }

    QJsonArray array(const QString &key, Need need = Need::Optional) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isArray())
            return value.toArray();
        check(value, key, need, QStringLiteral("an array"));
        return QJsonArray();
    }

    QStringList strings(const QString &key) const
    {
        QStringList result;
        const QJsonArray items = array(key);
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (items.at(i).isString())
                result.append(items.at(i).toString());
            else
                fail(key + QStringLiteral("[%1]").arg(i), QStringLiteral("a string"), items.at(i));
        }
        return result;
    }

    void fail(const QString &key, const QString &expected, const QJsonValue &found) const
    {
        if (*m_ok && m_error)
            *m_error = QStringLiteral("%1: expected %2, found %3").arg(path(key), expected, typeOf(found));
        *m_ok = false;
    }

private:
    // Absent and null are fine for optional fields; anything else of the wrong type is an error.
    void check(const QJsonValue &value, const QString &key, Need need, const QString &expected) const
    {
        if (need == Need::Optional && (value.isUndefined() || value.isNull()))
            return;
        fail(key, expected, value);
    }

    QJsonObject m_object;
    QString m_path;
    QString *m_error;
    bool *m_ok;
};

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

std::optional<QJsonObject> parseObject(const QByteArray &json, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        setError(error,
                 QStringLiteral("not JSON (%1 at byte %2)").arg(parseError.errorString()).arg(parseError.offset));
        return std::nullopt;
    }
    if (!document.isObject()) {
        setError(error,
                 QStringLiteral("expected a JSON object, found %1")
                     .arg(document.isArray() ? QStringLiteral("an array") : QStringLiteral("a scalar")));
        return std::nullopt;
    }
    return document.object();
}

// links.pages.next and meta.total, shared by the paginated lists.
bool readPagination(const Fields &root, DigitalOceanPage *page, QString *error, bool *ok)
{
    const QJsonObject links = root.object(QStringLiteral("links"));
    const QJsonObject pages = Fields(links, QStringLiteral("links"), error, ok).object(QStringLiteral("pages"));
    const QString next = Fields(pages, QStringLiteral("links.pages"), error, ok).string(QStringLiteral("next"));
    const QJsonObject meta = root.object(QStringLiteral("meta"));
    const Fields metaFields(meta, QStringLiteral("meta"), error, ok);
    if (meta.contains(QStringLiteral("total")))
        page->total = metaFields.integer(QStringLiteral("total"));
    if (!*ok)
        return false;
    if (!next.isEmpty()) {
        bool pageOk = false;
        const int number = QUrlQuery(QUrl(next)).queryItemValue(QStringLiteral("page")).toInt(&pageOk);
        if (!pageOk || number < 1) {
            setError(error,
                     QStringLiteral("links.pages.next: expected a URL with a page number, found \"%1\"")
                         .arg(next.left(200)));
            return false;
        }
        page->nextPage = number;
    }
    return true;
}

// "db-s-2vcpu-4gb", "db-amd-4vcpu-16gb": vCPUs and memory per node.
void sizeFromSlug(const QString &slug, ResourceInfo *resource)
{
    static const QRegularExpression pattern(QStringLiteral("(\\d+)vcpu-(\\d+)gb"));
    const QRegularExpressionMatch match = pattern.match(slug);
    if (!match.hasMatch())
        return;
    resource->vcpus = match.captured(1).toInt();
    // Found by fuzzing: "…-999999999999999999gb" overflowed qint64. No such size exists; leave memory unknown.
    const qint64 gb = match.captured(2).toLongLong();
    if (gb <= std::numeric_limits<qint64>::max() / 1024)
        resource->memoryMb = gb * 1024;
}

// Values per timestamp, series with equal labels of interest already added up.
using TimeMap = QMap<qint64, double>;

TimeMap sumByTime(const QList<DigitalOceanSeries> &series)
{
    TimeMap result;
    for (const DigitalOceanSeries &s : series) {
        for (const DigitalOceanPoint &point : s.points)
            result[point.ts] += point.value;
    }
    return result;
}

QList<DigitalOceanPoint> usedPercent(const TimeMap &total, const TimeMap &free)
{
    QList<DigitalOceanPoint> result;
    for (auto it = total.cbegin(); it != total.cend(); ++it) {
        const auto other = free.constFind(it.key());
        // Sums of huge values overflow to infinity and inf/inf is NaN (found by fuzzing): no percentage then.
        if (other == free.cend() || it.value() <= 0 || !std::isfinite(it.value()) || !std::isfinite(*other))
            continue;
        result.append({ it.key(), std::clamp(100.0 * (1.0 - *other / it.value()), 0.0, 100.0) });
    }
    return result;
}

} // namespace

namespace DigitalOceanParser {

std::optional<DigitalOceanPage> parseDroplets(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = parseObject(json, error);
    if (!root)
        return std::nullopt;
    bool ok = true;
    const Fields rootFields(*root, QString(), error, &ok);
    const QJsonArray droplets = rootFields.array(QStringLiteral("droplets"), Need::Required);
    DigitalOceanPage page;
    for (qsizetype i = 0; ok && i < droplets.size(); ++i) {
        const QString path = QStringLiteral("droplets[%1]").arg(i);
        if (!droplets.at(i).isObject()) {
            rootFields.fail(path, QStringLiteral("an object"), droplets.at(i));
            break;
        }
        const Fields f(droplets.at(i).toObject(), path, error, &ok);
        ResourceInfo r;
        r.externalId = f.id(QStringLiteral("id"));
        r.name = f.string(QStringLiteral("name"), Need::Required);
        r.kind = QStringLiteral("droplet");
        r.status = f.string(QStringLiteral("status"));
        r.vcpus = int(f.integer(QStringLiteral("vcpus")));
        r.memoryMb = f.integer(QStringLiteral("memory"));
        r.diskGb = f.integer(QStringLiteral("disk"));
        r.region = Fields(f.object(QStringLiteral("region")), f.path(QStringLiteral("region")), error, &ok)
                       .string(QStringLiteral("slug"));
        r.tags = f.strings(QStringLiteral("tags"));
        page.resources.append(r);
    }
    if (!ok || !readPagination(rootFields, &page, error, &ok))
        return std::nullopt;
    return page;
}

std::optional<DigitalOceanPage> parseApps(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = parseObject(json, error);
    if (!root)
        return std::nullopt;
    bool ok = true;
    const Fields rootFields(*root, QString(), error, &ok);
    // An account without apps gets {} or "apps": null rather than an empty array.
    const QJsonArray apps = rootFields.array(QStringLiteral("apps"));
    DigitalOceanPage page;
    for (qsizetype i = 0; ok && i < apps.size(); ++i) {
        const QString path = QStringLiteral("apps[%1]").arg(i);
        if (!apps.at(i).isObject()) {
            rootFields.fail(path, QStringLiteral("an object"), apps.at(i));
            break;
        }
        const Fields f(apps.at(i).toObject(), path, error, &ok);
        ResourceInfo r;
        r.externalId = f.id(QStringLiteral("id"));
        const Fields spec(f.object(QStringLiteral("spec"), Need::Required), f.path(QStringLiteral("spec")), error, &ok);
        r.name = spec.string(QStringLiteral("name"), Need::Required);
        r.kind = QStringLiteral("app");
        r.region = Fields(f.object(QStringLiteral("region")), f.path(QStringLiteral("region")), error, &ok)
                       .string(QStringLiteral("slug"));
        if (r.region.isEmpty())
            r.region = spec.string(QStringLiteral("region"));
        const QString phase = Fields(f.object(QStringLiteral("active_deployment")),
                                     f.path(QStringLiteral("active_deployment")), error, &ok)
                                  .string(QStringLiteral("phase"));
        // An app that never deployed successfully has no active deployment.
        r.status = phase.isEmpty() ? QStringLiteral("undeployed") : phase.toLower();
        page.resources.append(r);
    }
    if (!ok || !readPagination(rootFields, &page, error, &ok))
        return std::nullopt;
    return page;
}

std::optional<QList<DigitalOceanDatabase>> parseDatabases(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = parseObject(json, error);
    if (!root)
        return std::nullopt;
    bool ok = true;
    const Fields rootFields(*root, QString(), error, &ok);
    // The API answers {"databases": null} for an account without clusters.
    const QJsonArray databases = rootFields.array(QStringLiteral("databases"));
    QList<DigitalOceanDatabase> result;
    for (qsizetype i = 0; ok && i < databases.size(); ++i) {
        const QString path = QStringLiteral("databases[%1]").arg(i);
        if (!databases.at(i).isObject()) {
            rootFields.fail(path, QStringLiteral("an object"), databases.at(i));
            break;
        }
        const Fields f(databases.at(i).toObject(), path, error, &ok);
        DigitalOceanDatabase db;
        ResourceInfo &r = db.resource;
        r.externalId = f.id(QStringLiteral("id"));
        r.name = f.string(QStringLiteral("name"), Need::Required);
        r.kind = QStringLiteral("database");
        r.status = f.string(QStringLiteral("status"));
        r.region = f.string(QStringLiteral("region")); // a slug here, unlike droplets
        r.tags = f.strings(QStringLiteral("tags"));
        sizeFromSlug(f.string(QStringLiteral("size")), &r);
        const qint64 storageMib = f.integer(QStringLiteral("storage_size_mib"));
        r.diskGb = (storageMib + 512) / 1024;
        f.integer(QStringLiteral("num_nodes")); // type-checked only: facts are per node
        db.engine = f.string(QStringLiteral("engine"), Need::Required);
        result.append(db);
    }
    if (!ok)
        return std::nullopt;
    return result;
}

std::optional<QList<DigitalOceanSeries>> parseMatrix(const QByteArray &json, QString *error)
{
    const std::optional<QJsonObject> root = parseObject(json, error);
    if (!root)
        return std::nullopt;
    bool ok = true;
    const Fields rootFields(*root, QString(), error, &ok);
    const QString status = rootFields.string(QStringLiteral("status"));
    if (ok && !status.isEmpty() && status != QLatin1String("success")) {
        setError(error,
                 QStringLiteral("status is \"%1\": %2")
                     .arg(status.left(40), rootFields.string(QStringLiteral("error")).left(300)));
        return std::nullopt;
    }
    const Fields data(rootFields.object(QStringLiteral("data"), Need::Required), QStringLiteral("data"), error, &ok);
    const QString resultType = data.string(QStringLiteral("resultType"));
    if (ok && !resultType.isEmpty() && resultType != QLatin1String("matrix")) {
        setError(error, QStringLiteral("data.resultType: expected \"matrix\", found \"%1\"").arg(resultType.left(40)));
        return std::nullopt;
    }
    const QJsonArray series = data.array(QStringLiteral("result"), Need::Required);
    QList<DigitalOceanSeries> result;
    result.reserve(series.size());
    for (qsizetype i = 0; ok && i < series.size(); ++i) {
        const QString path = QStringLiteral("data.result[%1]").arg(i);
        if (!series.at(i).isObject()) {
            data.fail(QStringLiteral("result[%1]").arg(i), QStringLiteral("an object"), series.at(i));
            break;
        }
        const Fields f(series.at(i).toObject(), path, error, &ok);
        DigitalOceanSeries s;
        const QJsonObject labels = f.object(QStringLiteral("metric"));
        for (auto it = labels.begin(); it != labels.end(); ++it) {
            if (!it.value().isString()) {
                Fields(labels, f.path(QStringLiteral("metric")), error, &ok)
                    .fail(it.key(), QStringLiteral("a string"), it.value());
                break;
            }
            s.labels.insert(it.key(), it.value().toString());
        }
        const QJsonArray values = f.array(QStringLiteral("values"), Need::Required);
        s.points.reserve(values.size());
        for (qsizetype j = 0; ok && j < values.size(); ++j) {
            const QJsonArray pair = values.at(j).toArray();
            const QString where = QStringLiteral("%1.values[%2]").arg(path).arg(j);
            // The range check was found by fuzzing: casting a timestamp like 1e300 to qint64 is undefined behaviour.
            // ±1e12 s is ±31,000 years, far beyond any real sample.
            if (!values.at(j).isArray() || pair.size() != 2 || !pair.at(0).isDouble()
                || !(std::abs(pair.at(0).toDouble()) <= 1e12)) {
                setError(error, QStringLiteral("%1: expected [timestamp, \"value\"]").arg(where));
                ok = false;
                break;
            }
            double value = 0;
            if (pair.at(1).isString()) {
                bool numberOk = false;
                value = pair.at(1).toString().toDouble(&numberOk);
                const QString text = pair.at(1).toString();
                if (!numberOk && text != QLatin1String("NaN") && !text.endsWith(QLatin1String("Inf"))) {
                    setError(
                        error,
                        QStringLiteral("%1: expected a number in a string, found \"%2\"").arg(where, text.left(40)));
                    ok = false;
                    break;
                }
                if (!numberOk || !std::isfinite(value))
                    continue;
            } else if (pair.at(1).isDouble()) {
                value = pair.at(1).toDouble();
            } else {
                setError(error,
                         QStringLiteral("%1: expected the value as a string, found %2").arg(where, typeOf(pair.at(1))));
                ok = false;
                break;
            }
            s.points.append({ qint64(std::floor(pair.at(0).toDouble())), value });
        }
        result.append(std::move(s));
    }
    if (!ok)
        return std::nullopt;
    return result;
}

QString parseErrorMessage(const QByteArray &json)
{
    const QJsonObject object = QJsonDocument::fromJson(json).object();
    const QString message = object.value(QStringLiteral("message")).toString().left(300);
    const QString id = object.value(QStringLiteral("id")).toString().left(80);
    if (message.isEmpty())
        return id;
    return id.isEmpty() ? message : QStringLiteral("%1 (%2)").arg(message, id);
}

QList<DigitalOceanPoint> cpuPercent(const QList<DigitalOceanSeries> &series)
{
    QMap<QString, TimeMap> byMode;
    for (const DigitalOceanSeries &s : series) {
        TimeMap &mode = byMode[s.labels.value(QStringLiteral("mode"))];
        for (const DigitalOceanPoint &point : s.points)
            mode[point.ts] += point.value;
    }
    const auto idle = byMode.constFind(QStringLiteral("idle"));
    if (idle == byMode.cend())
        return {};

    QList<qint64> common;
    for (auto it = idle->cbegin(); it != idle->cend(); ++it) {
        if (std::all_of(byMode.cbegin(), byMode.cend(), [&](const TimeMap &mode) { return mode.contains(it.key()); }))
            common.append(it.key());
    }
    QList<DigitalOceanPoint> result;
    for (qsizetype i = 1; i < common.size(); ++i) {
        const qint64 before = common.at(i - 1);
        const qint64 after = common.at(i);
        double total = 0;
        bool reboot = false;
        for (const TimeMap &mode : byMode) {
            const double delta = mode.value(after) - mode.value(before);
            reboot = reboot || delta < 0;
            total += delta;
        }
        const double idleDelta = idle->value(after) - idle->value(before);
        if (reboot || total <= 0 || !std::isfinite(total) || !std::isfinite(idleDelta))
            continue;
        result.append({ after, std::clamp(100.0 * (1.0 - idleDelta / total), 0.0, 100.0) });
    }
    return result;
}

QList<DigitalOceanPoint> memoryPercent(const QList<DigitalOceanSeries> &total,
                                       const QList<DigitalOceanSeries> &available)
{
    return usedPercent(sumByTime(total), sumByTime(available));
}

QList<DigitalOceanPoint> diskPercent(const QList<DigitalOceanSeries> &size, const QList<DigitalOceanSeries> &free)
{
    const auto root = [](const QList<DigitalOceanSeries> &series) {
        QList<DigitalOceanSeries> result;
        for (const DigitalOceanSeries &s : series) {
            if (s.labels.value(QStringLiteral("mountpoint")) == QLatin1String("/"))
                result.append(s);
        }
        return result;
    };
    return usedPercent(sumByTime(root(size)), sumByTime(root(free)));
}

QList<DigitalOceanPoint> averagePercent(const QList<DigitalOceanSeries> &series)
{
    QMap<qint64, std::pair<double, int>> sums;
    for (const DigitalOceanSeries &s : series) {
        for (const DigitalOceanPoint &point : s.points) {
            auto &sum = sums[point.ts];
            sum.first += point.value;
            ++sum.second;
        }
    }
    QList<DigitalOceanPoint> result;
    result.reserve(sums.size());
    for (auto it = sums.cbegin(); it != sums.cend(); ++it) {
        if (std::isfinite(it->first)) // huge values can add up to ±inf, or NaN when both signs overflow
            result.append({ it.key(), std::clamp(it->first / it->second, 0.0, 100.0) });
    }
    return result;
}

} // namespace DigitalOceanParser
