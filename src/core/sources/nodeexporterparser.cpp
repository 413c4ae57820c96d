#include "nodeexporterparser.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

bool isLabelNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isLabelNameChar(char c)
{
    return isLabelNameStart(c) || (c >= '0' && c <= '9');
}

bool isMetricNameStart(char c)
{
    return isLabelNameStart(c) || c == ':';
}

bool isMetricNameChar(char c)
{
    return isLabelNameChar(c) || c == ':';
}

// A short, printable excerpt of a bad line for an error message (a binary body must not flood the log).
QString excerpt(QByteArrayView line)
{
    constexpr qsizetype MaxChars = 60;
    QString text = QString::fromUtf8(line.first(std::min(line.size(), MaxChars)));
    for (QChar &c : text) {
        if (!c.isPrint())
            c = QLatin1Char('?');
    }
    if (line.size() > MaxChars)
        text += QStringLiteral("…");
    return text;
}

// Go's strconv.ParseFloat, which Prometheus uses, accepts these spellings case-insensitively.
std::optional<double> parseFloat(QByteArrayView token)
{
    QByteArrayView body = token;
    double sign = 1;
    if (!body.isEmpty() && (body.front() == '+' || body.front() == '-')) {
        sign = body.front() == '-' ? -1 : 1;
        body = body.sliced(1);
    }
    const QByteArray lower = body.toByteArray().toLower();
    if (lower == "inf" || lower == "infinity")
        return sign * std::numeric_limits<double>::infinity();
    if (lower == "nan")
        return std::numeric_limits<double>::quiet_NaN();
    bool ok = false;
    const double value = QByteArray::fromRawData(token.data(), token.size()).toDouble(&ok);
    if (!ok)
        return std::nullopt;
    return value;
}

class LineParser
{
public:
    explicit LineParser(QByteArrayView line)
        : m_line(line)
    { }

    // Fills sample from a sample line; the error says what was expected where.
    bool parse(ExpositionSample &sample, QString *error)
    {
        if (!isMetricNameStart(peek()))
            return fail(error, QStringLiteral("expected a metric name"));
        const qsizetype nameStart = m_pos;
        while (isMetricNameChar(peek()))
            ++m_pos;
        sample.name = m_line.sliced(nameStart, m_pos - nameStart);
        sample.labels.clear();
        sample.timestampMs.reset();

        skipSpaces();
        if (peek() == '{') {
            ++m_pos;
            if (!parseLabels(sample, error))
                return false;
            skipSpaces();
        }

        const QByteArrayView valueToken = token();
        if (valueToken.isEmpty())
            return fail(error, QStringLiteral("metric %1 has no value").arg(QString::fromLatin1(sample.name)));
        const std::optional<double> value = parseFloat(valueToken);
        if (!value)
            return fail(error,
                        QStringLiteral("value \"%1\" of %2 is not a number")
                            .arg(excerpt(valueToken), QString::fromLatin1(sample.name)));
        sample.value = *value;

        skipSpaces();
        const QByteArrayView tsToken = token();
        if (!tsToken.isEmpty()) {
            bool ok = false;
            const qint64 ts = QByteArray::fromRawData(tsToken.data(), tsToken.size()).toLongLong(&ok);
            if (!ok)
                return fail(error, QStringLiteral("timestamp \"%1\" is not an integer").arg(excerpt(tsToken)));
            sample.timestampMs = ts;
        }
        skipSpaces();
        if (m_pos < m_line.size())
            return fail(error, QStringLiteral("unexpected text after the timestamp"));
        return true;
    }

private:
    char peek() const { return m_pos < m_line.size() ? m_line.at(m_pos) : '\0'; }

    void skipSpaces()
    {
        while (m_pos < m_line.size() && isSpace(m_line.at(m_pos)))
            ++m_pos;
    }

    QByteArrayView token()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_line.size() && !isSpace(m_line.at(m_pos)))
            ++m_pos;
        return m_line.sliced(start, m_pos - start);
    }

    bool fail(QString *error, const QString &what)
    {
        if (error)
            *error = what + QStringLiteral(" in \"%1\"").arg(excerpt(m_line));
        return false;
    }

    bool parseLabels(ExpositionSample &sample, QString *error)
    {
        for (;;) {
            skipSpaces();
            if (peek() == '}') { // also after a trailing comma, which the format allows
                ++m_pos;
                return true;
            }
            if (!isLabelNameStart(peek()))
                return fail(error, QStringLiteral("expected a label name or '}'"));
            const qsizetype nameStart = m_pos;
            while (isLabelNameChar(peek()))
                ++m_pos;
            const QByteArrayView name = m_line.sliced(nameStart, m_pos - nameStart);
            skipSpaces();
            if (peek() != '=')
                return fail(error, QStringLiteral("expected '=' after label %1").arg(QString::fromLatin1(name)));
            ++m_pos;
            skipSpaces();
            if (peek() != '"')
                return fail(error,
                            QStringLiteral("expected a quoted value for label %1").arg(QString::fromLatin1(name)));
            ++m_pos;
            QByteArray value;
            bool closed = false;
            while (m_pos < m_line.size()) {
                const char c = m_line.at(m_pos++);
                if (c == '"') {
                    closed = true;
                    break;
                }
                if (c == '\\' && m_pos < m_line.size()) {
                    const char escaped = m_line.at(m_pos++);
                    if (escaped == 'n')
                        value += '\n';
                    else if (escaped == '\\' || escaped == '"')
                        value += escaped;
                    else // not one of the three escapes the format defines: kept literally, as Prometheus does
                        value += QByteArray("\\") + escaped;
                    continue;
                }
                value += c;
            }
            if (!closed)
                return fail(error, QStringLiteral("unterminated value of label %1").arg(QString::fromLatin1(name)));
            sample.labels.append({ name, value });
            skipSpaces();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() != '}')
                return fail(error, QStringLiteral("expected ',' or '}' after label %1").arg(QString::fromLatin1(name)));
        }
    }

    QByteArrayView m_line;
    qsizetype m_pos = 0;
};

struct Filesystem
{
    QByteArray device;
    QByteArray fstype;
    std::optional<double> size;
    std::optional<double> free;
    std::optional<double> avail;
};

} // namespace

QByteArray ExpositionSample::label(QByteArrayView labelName) const
{
    for (const auto &label : labels) {
        if (label.first == labelName)
            return label.second.isNull() ? QByteArray("") : label.second;
    }
    return QByteArray();
}

QString NodeCpuCounters::toString() const
{
    return QString::number(total, 'g', 17) + QLatin1Char(' ') + QString::number(idle, 'g', 17);
}

std::optional<NodeCpuCounters> NodeCpuCounters::fromString(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.size() != 2)
        return std::nullopt;
    bool totalOk = false;
    bool idleOk = false;
    NodeCpuCounters counters;
    counters.total = parts.at(0).toDouble(&totalOk);
    counters.idle = parts.at(1).toDouble(&idleOk);
    if (!totalOk || !idleOk || !std::isfinite(counters.total) || !std::isfinite(counters.idle) || counters.idle < 0
        || counters.idle > counters.total)
        return std::nullopt;
    return counters;
}

std::optional<double> NodeMetrics::memoryPercent() const
{
    if (!memTotalBytes || !memAvailableBytes || !(*memTotalBytes > 0) || !std::isfinite(*memAvailableBytes))
        return std::nullopt;
    return std::clamp(100.0 * (1.0 - *memAvailableBytes / *memTotalBytes), 0.0, 100.0);
}

std::optional<double> NodeMetrics::diskPercent() const
{
    if (!fsSizeBytes || !fsAvailBytes || !(*fsSizeBytes > 0) || !std::isfinite(*fsAvailBytes))
        return std::nullopt;
    if (!fsFreeBytes || !std::isfinite(*fsFreeBytes))
        return std::clamp(100.0 * (1.0 - *fsAvailBytes / *fsSizeBytes), 0.0, 100.0);
    const double used = std::max(0.0, *fsSizeBytes - *fsFreeBytes);
    const double usable = used + std::max(0.0, *fsAvailBytes);
    if (!(usable > 0))
        return std::nullopt;
    return std::clamp(100.0 * used / usable, 0.0, 100.0);
}

bool NodeExporterParser::parseExposition(const QByteArray &text,
                                         const std::function<void(const ExpositionSample &)> &onSample, QString *error)
{
    const QByteArrayView all(text);
    ExpositionSample sample; // reused: its label list keeps its capacity from line to line
    qsizetype start = 0;
    int lineNumber = 0;
    while (start < all.size()) {
        qsizetype end = all.indexOf('\n', start);
        if (end < 0)
            end = all.size();
        QByteArrayView line = all.sliced(start, end - start);
        start = end + 1;
        ++lineNumber;

        if (line.endsWith('\r'))
            line.chop(1);
        qsizetype first = 0;
        while (first < line.size() && isSpace(line.at(first)))
            ++first;
        line = line.sliced(first);
        // Blank lines, comments and the HELP/TYPE metadata carry nothing OpsDeck needs.
        if (line.isEmpty() || line.front() == '#')
            continue;

        QString lineError;
        if (!LineParser(line).parse(sample, &lineError)) {
            if (error)
                *error = QStringLiteral("line %1: %2").arg(lineNumber).arg(lineError);
            return false;
        }
        onSample(sample);
    }
    return true;
}

std::optional<NodeMetrics> NodeExporterParser::parse(const QByteArray &text, QString *error)
{
    NodeMetrics metrics;
    QHash<QByteArray, double> secondsByMode;
    QSet<QByteArray> cpus;
    QList<Filesystem> rootFilesystems; // node_exporter may list "/" more than once (rootfs and the real device)

    const auto rootFilesystem = [&](const ExpositionSample &sample) -> Filesystem * {
        if (sample.label("mountpoint") != "/")
            return nullptr;
        const QByteArray device = sample.label("device");
        const QByteArray fstype = sample.label("fstype");
        for (Filesystem &fs : rootFilesystems) {
            if (fs.device == device && fs.fstype == fstype)
                return &fs;
        }
        rootFilesystems.append(Filesystem { device, fstype, {}, {}, {} });
        return &rootFilesystems.last();
    };

    const bool ok = parseExposition(
        text,
        [&](const ExpositionSample &sample) {
            if (!sample.name.startsWith("node_"))
                return;
            if (sample.name == "node_cpu_seconds_total") {
                const QByteArray cpu = sample.label("cpu");
                if (!cpu.isNull())
                    cpus.insert(cpu);
                if (std::isfinite(sample.value))
                    secondsByMode[sample.label("mode")] += sample.value;
            } else if (sample.name == "node_memory_MemTotal_bytes") {
                metrics.memTotalBytes = sample.value;
            } else if (sample.name == "node_memory_MemAvailable_bytes") {
                metrics.memAvailableBytes = sample.value;
            } else if (sample.name == "node_filesystem_size_bytes") {
                if (Filesystem *fs = rootFilesystem(sample))
                    fs->size = sample.value;
            } else if (sample.name == "node_filesystem_free_bytes") {
                if (Filesystem *fs = rootFilesystem(sample))
                    fs->free = sample.value;
            } else if (sample.name == "node_filesystem_avail_bytes") {
                if (Filesystem *fs = rootFilesystem(sample))
                    fs->avail = sample.value;
            } else if (sample.name == "node_uname_info") {
                metrics.nodename = QString::fromUtf8(sample.label("nodename"));
            }
        },
        error);
    if (!ok)
        return std::nullopt;

    if (!secondsByMode.isEmpty()) {
        NodeCpuCounters counters;
        for (auto it = secondsByMode.cbegin(); it != secondsByMode.cend(); ++it) {
            // Older node_exporters report guest time as modes too; the kernel already counts it in user and nice.
            if (it.key() != "guest" && it.key() != "guest_nice")
                counters.total += it.value();
        }
        counters.idle = secondsByMode.value("idle") + secondsByMode.value("iowait");
        metrics.cpu = counters;
    }
    metrics.vcpus = int(cpus.size());

    // The real device rather than the initramfs "rootfs" entry when both are listed.
    const Filesystem *chosen = nullptr;
    for (const Filesystem &fs : std::as_const(rootFilesystems)) {
        if (!fs.size || !fs.avail)
            continue;
        if (!chosen || (chosen->fstype == "rootfs" && fs.fstype != "rootfs"))
            chosen = &fs;
    }
    if (chosen) {
        metrics.fsSizeBytes = chosen->size;
        metrics.fsFreeBytes = chosen->free;
        metrics.fsAvailBytes = chosen->avail;
    }
    return metrics;
}

std::optional<double> NodeExporterParser::cpuPercent(const NodeCpuCounters &before, const NodeCpuCounters &after)
{
    const double total = after.total - before.total;
    const double idle = after.idle - before.idle;
    // A reboot resets every counter; idle going backwards on its own is a kernel accounting glitch (iowait is known
    // to): neither interval says anything true.
    if (!(total > 0) || idle < 0)
        return std::nullopt;
    return std::clamp(100.0 * (1.0 - idle / total), 0.0, 100.0);
}
