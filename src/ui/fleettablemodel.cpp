#include "fleettablemodel.h"
#include "relativetime.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QSet>

namespace {

std::optional<Metric> metricOf(int column)
{
    switch (column) {
    case FleetTableModel::Cpu:
        return Metric::Cpu;
    case FleetTableModel::Memory:
        return Metric::Memory;
    case FleetTableModel::Disk:
        return Metric::Disk;
    default:
        return std::nullopt;
    }
}

bool isNumeric(int column)
{
    return metricOf(column).has_value();
}

QColor blend(const QColor &base, const QColor &tint, double amount)
{
    return QColor::fromRgbF(float(base.redF() * (1 - amount) + tint.redF() * amount),
                            float(base.greenF() * (1 - amount) + tint.greenF() * amount),
                            float(base.blueF() * (1 - amount) + tint.blueF() * amount));
}

bool sameRow(const FleetRow &a, const FleetRow &b)
{
    return a.id == b.id && a.name == b.name && a.kind == b.kind && a.source == b.source && a.region == b.region
        && a.status == b.status && a.tags == b.tags && a.vcpus == b.vcpus && a.memoryMb == b.memoryMb
        && a.diskGb == b.diskGb && a.cpu == b.cpu && a.memory == b.memory && a.disk == b.disk
        && a.metricsUpdatedAt == b.metricsUpdatedAt;
}

QString sizeText(qint64 megabytes)
{
    const QLocale locale;
    if (megabytes >= 1024)
        return FleetTableModel::tr("%1 GB").arg(locale.toString(double(megabytes) / 1024.0, 'g', 3));
    return FleetTableModel::tr("%1 MB").arg(locale.toString(megabytes));
}

} // namespace

FleetTableModel::FleetTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentSecsSinceEpoch())
{ }

FleetTableModel::~FleetTableModel() = default;

void FleetTableModel::setRows(const QList<FleetRow> &rows)
{
    QHash<qint64, qsizetype> incoming;
    incoming.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i)
        incoming.insert(rows.at(i).id, i);
    if (incoming.size() != rows.size()) {
        // Ids are primary keys; should they ever repeat, matching rows by id is meaningless.
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }

    // Remove the resources that are gone, bottom up and in contiguous runs, so persistent indexes of the others
    // (selection, current row) survive.
    for (qsizetype last = m_rows.size() - 1; last >= 0;) {
        if (incoming.contains(m_rows.at(last).id)) {
            --last;
            continue;
        }
        qsizetype first = last;
        while (first > 0 && !incoming.contains(m_rows.at(first - 1).id))
            --first;
        beginRemoveRows({}, int(first), int(last));
        m_rows.remove(first, last - first + 1);
        endRemoveRows();
        last = first - 1;
    }

    // Update the ones still there in place; only the changed span is announced.
    QSet<qint64> kept;
    int firstChanged = -1;
    int lastChanged = -1;
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        const FleetRow &fresh = rows.at(incoming.value(m_rows.at(i).id));
        kept.insert(fresh.id);
        if (sameRow(m_rows.at(i), fresh))
            continue;
        m_rows[i] = fresh;
        if (firstChanged < 0)
            firstChanged = int(i);
        lastChanged = int(i);
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));

    QList<FleetRow> added;
    for (const FleetRow &row : rows) {
        if (!kept.contains(row.id))
            added << row;
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows << added;
        endInsertRows();
    }
}

void FleetTableModel::setRules(const AlertRuleSet &rules)
{
    m_rules = rules;
    emitAllChanged();
}

void FleetTableModel::setSourceIntervals(const QHash<QString, qint64> &seconds, qint64 fallbackSeconds)
{
    m_intervals = seconds;
    m_fallbackInterval = fallbackSeconds;
    emitAllChanged();
}

void FleetTableModel::setNow(qint64 secsSinceEpoch)
{
    if (secsSinceEpoch == m_now)
        return;
    m_now = secsSinceEpoch;
    emitAllChanged();
}

void FleetTableModel::emitAllChanged()
{
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

qint64 FleetTableModel::staleAfterSeconds(const QString &source) const
{
    return std::max(MinimumStaleSeconds, 3 * m_intervals.value(source, m_fallbackInterval));
}

bool FleetTableModel::isStale(const FleetRow &row) const
{
    return row.metricsUpdatedAt <= 0 || m_now - row.metricsUpdatedAt > staleAfterSeconds(row.source);
}

std::optional<double> FleetTableModel::metricValue(Column column, const FleetRow &row) const
{
    switch (column) {
    case Cpu:
        return row.cpu;
    case Memory:
        return row.memory;
    case Disk:
        return row.disk;
    default:
        return std::nullopt;
    }
}

FleetTableModel::Level FleetTableModel::level(Column column, const FleetRow &row) const
{
    const auto metric = metricOf(column);
    const auto value = metricValue(column, row);
    if (!metric || !value)
        return Normal;
    const AlertRule rule = m_rules.ruleFor(row, *metric);
    if (*value >= rule.critical)
        return Critical;
    if (*value >= rule.warning)
        return Warning;
    return Normal;
}

QColor FleetTableModel::levelBackground(Level level, const QPalette &palette)
{
    if (level == Normal)
        return {};
    const QColor base = palette.color(QPalette::Base);
    const bool dark = base.lightness() < 128;
    // Dark bases need more of the tint to show; both stay far enough from the text colour to read.
    if (level == Warning)
        return blend(base, QColor(0xf5, 0xa6, 0x23), dark ? 0.45 : 0.38);
    return blend(base, QColor(0xe5, 0x39, 0x35), dark ? 0.50 : 0.32);
}

QString FleetTableModel::percentText(const std::optional<double> &value)
{
    if (!value)
        return {};
    return tr("%1 %").arg(QLocale().toString(*value, 'f', 1));
}

QString FleetTableModel::kindText(const QString &kind)
{
    if (kind == QLatin1String("host"))
        return tr("Host");
    if (kind == QLatin1String("droplet"))
        return tr("Droplet");
    if (kind == QLatin1String("database"))
        return tr("Database");
    if (kind == QLatin1String("app"))
        return tr("App");
    return kind;
}

int FleetTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FleetTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FleetTableModel::display(Column column, const FleetRow &row) const
{
    switch (column) {
    case Name:
        return row.name;
    case Kind:
        return kindText(row.kind);
    case Source:
        return row.source;
    case Region:
        return row.region;
    case Status:
        return row.status;
    case Cpu:
    case Memory:
    case Disk:
        return percentText(metricValue(column, row));
    case LastUpdated:
        return row.metricsUpdatedAt > 0 ? RelativeTime::ago(m_now - row.metricsUpdatedAt) : tr("never");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant FleetTableModel::sortValue(Column column, const FleetRow &row) const
{
    switch (column) {
    case Cpu:
    case Memory:
    case Disk: {
        const auto value = metricValue(column, row);
        return value ? *value : -1.0;
    }
    case LastUpdated:
        return row.metricsUpdatedAt;
    default:
        return display(column, row);
    }
}

QString FleetTableModel::toolTip(Column column, const FleetRow &row) const
{
    QStringList lines;
    if (column == LastUpdated) {
        return row.metricsUpdatedAt > 0 ? RelativeTime::absolute(row.metricsUpdatedAt) : tr("No readings yet");
    }
    if (isStale(row)) {
        lines << (row.metricsUpdatedAt > 0
                      ? tr("Stale: updated %1").arg(RelativeTime::ago(m_now - row.metricsUpdatedAt))
                      : tr("No readings yet"));
    }
    if (column == Name) {
        QStringList size;
        if (row.vcpus > 0)
            size << tr("%n vCPU", nullptr, row.vcpus);
        if (row.memoryMb > 0)
            size << tr("%1 memory").arg(sizeText(row.memoryMb));
        if (row.diskGb > 0)
            size << tr("%1 disk").arg(sizeText(row.diskGb * 1024));
        if (!size.isEmpty())
            lines << size.join(QStringLiteral(" · "));
        if (!row.tags.isEmpty())
            lines << tr("Tags: %1").arg(row.tags.join(QStringLiteral(", ")));
    }
    if (const auto metric = metricOf(column)) {
        const AlertRule thresholds = m_rules.ruleFor(row, *metric);
        const QLocale locale;
        switch (level(column, row)) {
        case Critical:
            lines << tr("Critical: at or above %1 %").arg(locale.toString(thresholds.critical));
            break;
        case Warning:
            lines << tr("Warning: at or above %1 %").arg(locale.toString(thresholds.warning));
            break;
        case Normal:
            break;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

QString FleetTableModel::filterText(const FleetRow &row) const
{
    QStringList parts { row.name, row.kind, kindText(row.kind), row.source, row.region, row.status };
    parts << row.tags;
    return parts.join(QLatin1Char('\n')).toLower();
}

QVariant FleetTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const FleetRow &row = m_rows.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(column, row);
    case Qt::ToolTipRole: {
        const QString tip = toolTip(column, row);
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole: {
        const QColor color = levelBackground(level(column, row), QGuiApplication::palette());
        return color.isValid() ? QVariant(color) : QVariant();
    }
    case Qt::ForegroundRole:
        // A tinted cell keeps the full text colour so it stays readable on its tint.
        if (level(column, row) != Normal)
            return QGuiApplication::palette().color(QPalette::Text);
        if (isStale(row))
            return QGuiApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::FontRole: {
        const bool stale = isStale(row);
        const bool critical = level(column, row) == Critical;
        if (!stale && !critical)
            return {};
        QFont font;
        font.setItalic(stale);
        font.setBold(critical); // not only colour tells it
        return font;
    }
    case Qt::AccessibleDescriptionRole:
        switch (level(column, row)) {
        case Critical:
            return tr("critical");
        case Warning:
            return tr("warning");
        case Normal:
            return isStale(row) ? tr("stale") : QVariant();
        }
        return {};
    case SortRole:
        return sortValue(column, row);
    case LevelRole:
        return int(level(column, row));
    case StaleRole:
        return isStale(row);
    case IdRole:
        return row.id;
    case FilterTextRole:
        return filterText(row);
    default:
        return {};
    }
}

QVariant FleetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return isNumeric(section) ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (const auto metric = metricOf(section)) {
            const AlertRule t = m_rules.defaultRule(*metric);
            const QLocale locale;
            return tr("Latest reading; warning at %1 %, critical at %2 % unless a resource has its own thresholds")
                .arg(locale.toString(t.warning), locale.toString(t.critical));
        }
        if (section == LastUpdated)
            return tr("Age of the newest reading");
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Name");
    case Kind:
        return tr("Kind");
    case Source:
        return tr("Source");
    case Region:
        return tr("Region");
    case Status:
        return tr("Status");
    case Cpu:
        return tr("CPU");
    case Memory:
        return tr("Memory");
    case Disk:
        return tr("Disk");
    case LastUpdated:
        return tr("Last updated");
    default:
        return {};
    }
}
