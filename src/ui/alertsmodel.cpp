#include "alertsmodel.h"
#include "alerts/alertrule.h"
#include "fleettablemodel.h"
#include "relativetime.h"

#include <QDateTime>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPalette>
#include <QPixmap>
#include <limits>

namespace {

QColor levelColour(const QString &level)
{
    return level == QLatin1String("critical") ? QColor(0xd3, 0x2f, 0x2f) : QColor(0xf5, 0xa6, 0x23);
}

FleetTableModel::Level tableLevel(const QString &level)
{
    return level == QLatin1String("critical") ? FleetTableModel::Critical : FleetTableModel::Warning;
}

QString percent(double value)
{
    return AlertsModel::tr("%1 %").arg(QLocale().toString(value, 'f', 1));
}

QString shortTime(qint64 secs)
{
    return QLocale().toString(QDateTime::fromSecsSinceEpoch(secs), QLocale::ShortFormat);
}

} // namespace

AlertsModel::AlertsModel(View view, QObject *parent)
    : QAbstractTableModel(parent)
    , m_view(view)
    , m_now(QDateTime::currentSecsSinceEpoch())
{
    if (view == View::Active)
        m_columns = { Resource, MetricColumn, Level, Current, Peak, Threshold, Since, State };
    else
        m_columns = { Started, Resolved, Duration, Resource, MetricColumn, Level, Peak, Threshold };
}

AlertsModel::~AlertsModel() = default;

void AlertsModel::setEvents(const QList<AlertEventRow> &events)
{
    beginResetModel();
    m_events = events;
    endResetModel();
}

void AlertsModel::setNow(qint64 secsSinceEpoch)
{
    m_now = secsSinceEpoch;
    if (!m_events.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void AlertsModel::setSilences(const QSet<QPair<qint64, int>> &acknowledged, const QHash<qint64, qint64> &snoozedUntil)
{
    if (acknowledged == m_acknowledged && snoozedUntil == m_snoozedUntil)
        return;
    m_acknowledged = acknowledged;
    m_snoozedUntil = snoozedUntil;
    const int state = columnOf(State);
    if (state >= 0 && !m_events.isEmpty())
        Q_EMIT dataChanged(index(0, state), index(rowCount() - 1, state));
}

bool AlertsModel::isAcknowledged(const AlertEventRow &e) const
{
    return m_acknowledged.contains(qMakePair(e.resourceId, int(e.metric)));
}

qint64 AlertsModel::snoozedUntil(const AlertEventRow &e) const
{
    const qint64 until = m_snoozedUntil.value(e.resourceId);
    return until > m_now ? until : 0;
}

QString AlertsModel::durationText(qint64 seconds)
{
    const QLocale locale;
    seconds = std::max<qint64>(seconds, 0);
    if (seconds < 60)
        return tr("%1 s").arg(locale.toString(seconds));
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return tr("%1 min").arg(locale.toString(minutes));
    const qint64 hours = minutes / 60;
    if (hours < 24)
        return minutes % 60 == 0 ? tr("%1 h").arg(locale.toString(hours))
                                 : tr("%1 h %2 min").arg(locale.toString(hours), locale.toString(minutes % 60));
    const qint64 days = hours / 24;
    // The singular is its own string so that English reads well without a translation file loaded.
    const QString dayText = days == 1 ? tr("1 day") : tr("%n days", nullptr, int(days));
    return hours % 24 == 0 ? dayText : tr("%1 %2 h").arg(dayText, locale.toString(hours % 24));
}

QString AlertsModel::metricText(Metric metric)
{
    switch (metric) {
    case Metric::Cpu:
        return tr("CPU");
    case Metric::Memory:
        return tr("Memory");
    case Metric::Disk:
        return tr("Disk");
    }
    return metricName(metric);
}

QString AlertsModel::levelText(const QString &level)
{
    if (level == QLatin1String("critical"))
        return tr("Critical");
    if (level == QLatin1String("warning"))
        return tr("Warning");
    return level;
}

QIcon AlertsModel::levelIcon(const QString &level)
{
    QIcon icon;
    for (const int size : { 16, 24, 32 }) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(QColor(255, 255, 255, 200), std::max(1.0, size / 16.0)));
        painter.setBrush(levelColour(level));
        const qreal inset = size * 0.15;
        painter.drawEllipse(QRectF(inset, inset, size - 2 * inset, size - 2 * inset));
        if (level == QLatin1String("critical")) {
            // An exclamation mark, so critical and warning differ in shape as well as colour.
            painter.setPen(QPen(Qt::white, std::max(1.5, size / 9.0), Qt::SolidLine, Qt::RoundCap));
            painter.drawLine(QPointF(size / 2.0, size * 0.32), QPointF(size / 2.0, size * 0.56));
            painter.drawPoint(QPointF(size / 2.0, size * 0.70));
        }
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString AlertsModel::stateText(bool acknowledged, qint64 snoozedUntil, qint64 now)
{
    QStringList parts;
    if (acknowledged)
        parts << tr("acknowledged");
    if (snoozedUntil > now) {
        const QDateTime until = QDateTime::fromSecsSinceEpoch(snoozedUntil);
        const QDate today = QDateTime::fromSecsSinceEpoch(now).date();
        const QLocale locale;
        if (until.date() == today)
            parts << tr("snoozed until %1").arg(locale.toString(until.time(), QLocale::ShortFormat));
        else if (until.date() == today.addDays(1))
            parts << tr("snoozed until tomorrow %1").arg(locale.toString(until.time(), QLocale::ShortFormat));
        else
            parts << tr("snoozed until %1").arg(locale.toString(until, QLocale::ShortFormat));
    }
    return parts.join(QStringLiteral(", "));
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant AlertsModel::display(Column column, const AlertEventRow &e) const
{
    switch (column) {
    case Resource:
        return e.resource.isEmpty() ? tr("#%1 (removed)").arg(e.resourceId) : e.resource;
    case MetricColumn:
        return metricText(e.metric);
    case Level:
        return levelText(e.level);
    case Current:
        return e.latestAt > 0 ? percent(e.latest) : tr("—");
    case Peak:
        return percent(e.peak);
    case Threshold:
        return tr("≥ %1 %").arg(QLocale().toString(e.threshold, 'f', e.threshold == qRound(e.threshold) ? 0 : 1));
    case Since:
        return tr("for %1").arg(durationText(m_now - e.startedAt));
    case State:
        return stateText(isAcknowledged(e), snoozedUntil(e), m_now);
    case Started:
        return shortTime(e.startedAt);
    case Resolved:
        return e.resolvedAt > 0 ? shortTime(e.resolvedAt) : tr("still firing");
    case Duration:
        return durationText((e.resolvedAt > 0 ? e.resolvedAt : m_now) - e.startedAt);
    }
    return {};
}

QVariant AlertsModel::toolTip(Column column, const AlertEventRow &e) const
{
    switch (column) {
    case Resource: {
        QStringList facts;
        if (!e.kind.isEmpty())
            facts << FleetTableModel::kindText(e.kind);
        if (!e.source.isEmpty())
            facts << tr("source %1").arg(e.source);
        if (e.resource.isEmpty())
            return tr("This resource is no longer in the cache");
        return tr("%1\nDouble-click to show it in the fleet").arg(facts.join(QStringLiteral(", ")));
    }
    case Current:
        if (e.latestAt <= 0)
            return tr("No value of this metric is stored for the resource");
        return tr("The newest sample, %1 (%2)")
            .arg(RelativeTime::ago(m_now - e.latestAt), RelativeTime::absolute(e.latestAt));
    case Peak:
        return tr("The highest sample while the alert fired; %1 when it last changed level").arg(percent(e.value));
    case Since:
    case Started:
        return RelativeTime::absolute(e.startedAt);
    case Resolved:
        return e.resolvedAt > 0 ? RelativeTime::absolute(e.resolvedAt) : QVariant();
    case State:
        if (isAcknowledged(e))
            return tr("Acknowledged: no more notifications of this alert unless it gets worse. It ends once the "
                      "alert has stayed resolved for an hour.");
        if (snoozedUntil(e) > 0)
            return tr("No notifications about this resource until %1").arg(RelativeTime::absolute(snoozedUntil(e)));
        return {};
    default:
        return {};
    }
}

QVariant AlertsModel::sortValue(Column column, const AlertEventRow &e) const
{
    switch (column) {
    case Level:
        return int(alertLevelFromName(e.level).value_or(AlertLevel::Warning));
    case Current:
        return e.latestAt > 0 ? e.latest : -1.0;
    case Peak:
        return e.peak;
    case Threshold:
        return e.threshold;
    case Since:
    case Started:
        return e.startedAt;
    case Resolved:
        // Still firing sorts as the newest.
        return e.resolvedAt > 0 ? e.resolvedAt : std::numeric_limits<qint64>::max();
    case Duration:
        return (e.resolvedAt > 0 ? e.resolvedAt : m_now) - e.startedAt;
    default:
        return display(column, e).toString().toLower();
    }
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_events.size() || index.column() >= m_columns.size())
        return {};
    const AlertEventRow &e = m_events.at(index.row());
    const Column column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(column, e);
    case Qt::ToolTipRole:
        return toolTip(column, e);
    case Qt::DecorationRole: {
        if (column != Level)
            return {};
        // Painted once: views ask for decorations on every repaint.
        static const QIcon critical = levelIcon(QStringLiteral("critical"));
        static const QIcon warning = levelIcon(QStringLiteral("warning"));
        return e.level == QLatin1String("critical") ? critical : warning;
    }
    case Qt::BackgroundRole:
        if (column == Level)
            return FleetTableModel::levelBackground(tableLevel(e.level), QGuiApplication::palette());
        return {};
    case Qt::ForegroundRole:
        if (column == Level)
            return QGuiApplication::palette().color(QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        if (column == Current || column == Peak || column == Threshold)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return int(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole:
        return sortValue(column, e);
    case ResourceIdRole:
        return e.resourceId;
    case MetricRole:
        return int(e.metric);
    case EventIdRole:
        return e.id;
    default:
        return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return {};
    const Column column = m_columns.at(section);
    if (role == Qt::ToolTipRole) {
        switch (column) {
        case Current:
            return tr("The resource's newest value of the metric");
        case Peak:
            return tr("The highest sample while the alert fired");
        case Threshold:
            return tr("The threshold of the alert's level; it resolves once the value falls below it by the clear "
                      "margin");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Resource:
        return tr("Resource");
    case MetricColumn:
        return tr("Metric");
    case Level:
        return tr("Level");
    case Current:
        return tr("Now");
    case Peak:
        return tr("Peak");
    case Threshold:
        return tr("Threshold");
    case Since:
        return tr("Firing");
    case State:
        return tr("State");
    case Started:
        return tr("Started");
    case Resolved:
        return tr("Resolved");
    case Duration:
        return tr("Duration");
    }
    return {};
}
