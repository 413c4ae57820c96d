#include "synclogmodel.h"
#include "fleettablemodel.h"
#include "relativetime.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>

namespace {

bool isNumeric(int column)
{
    switch (column) {
    case SyncLogModel::Duration:
    case SyncLogModel::Resources:
    case SyncLogModel::Samples:
    case SyncLogModel::ApiCalls:
    case SyncLogModel::Throttled:
        return true;
    default:
        return false;
    }
}

bool isFailed(const SyncRunRecord &run)
{
    return run.status == QLatin1String("failed");
}

} // namespace

SyncLogModel::SyncLogModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_now(QDateTime::currentSecsSinceEpoch())
{ }

SyncLogModel::~SyncLogModel() = default;

void SyncLogModel::setRuns(const QList<SyncRunRecord> &runs)
{
    beginResetModel();
    m_runs = runs;
    endResetModel();
}

void SyncLogModel::setNow(qint64 secsSinceEpoch)
{
    // Only tooltips depend on the clock: no need to announce a change to the views.
    m_now = secsSinceEpoch;
}

QString SyncLogModel::statusText(const QString &status)
{
    if (status == QLatin1String("ok"))
        return tr("OK");
    if (status == QLatin1String("failed"))
        return tr("Failed");
    if (status == QLatin1String("locked"))
        return tr("Skipped");
    return status;
}

QString SyncLogModel::durationText(qint64 ms)
{
    const QLocale locale;
    if (ms < 1000)
        return tr("%1 ms").arg(locale.toString(ms));
    if (ms < 60'000)
        return tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'f', 1));
    const qint64 seconds = (ms + 500) / 1000;
    return tr("%1 min %2 s").arg(locale.toString(seconds / 60), locale.toString(seconds % 60));
}

QString SyncLogModel::errorText(const SyncRunRecord &run)
{
    if (!run.error.isEmpty())
        return run.error;
    if (isFailed(run))
        return tr("The sync failed without saying why; run opsdeck --sync in a terminal to see its output");
    if (run.status == QLatin1String("locked"))
        return tr("Another OpsDeck was syncing this source at the time");
    return {};
}

int SyncLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs.size());
}

int SyncLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SyncLogModel::display(Column column, const SyncRunRecord &run) const
{
    const QLocale locale;
    switch (column) {
    case Started:
        return locale.toString(QDateTime::fromSecsSinceEpoch(run.startedAt), QLocale::ShortFormat);
    case Source:
        return run.source;
    case Status:
        return statusText(run.status);
    case Duration:
        return durationText(run.durationMs);
    case Resources:
        return locale.toString(run.resources);
    case Samples:
        return locale.toString(run.samples);
    case ApiCalls:
        return locale.toString(run.apiCalls);
    case Throttled:
        return locale.toString(run.throttled);
    case Error:
        return errorText(run);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SyncLogModel::sortValue(Column column, const SyncRunRecord &run) const
{
    switch (column) {
    case Started:
        return run.startedAt;
    case Duration:
        return run.durationMs;
    case Resources:
        return run.resources;
    case Samples:
        return run.samples;
    case ApiCalls:
        return run.apiCalls;
    case Throttled:
        return run.throttled;
    default:
        return display(column, run);
    }
}

QVariant SyncLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SyncRunRecord &run = m_runs.at(index.row());
    const auto column = Column(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(column, run);
    case Qt::ToolTipRole:
        if (column == Started)
            return tr("%1 (%2)").arg(RelativeTime::absolute(run.startedAt), RelativeTime::ago(m_now - run.startedAt));
        if (column == Error || column == Status) {
            const QString error = errorText(run);
            return error.isEmpty() ? QVariant() : QVariant(error);
        }
        if (column == Source)
            return run.sourceType;
        return {};
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole:
        if (isFailed(run))
            return FleetTableModel::levelBackground(FleetTableModel::Critical, QGuiApplication::palette());
        return {};
    case Qt::ForegroundRole:
        // The tint keeps the full text colour so it stays readable in light and dark themes.
        if (isFailed(run))
            return QGuiApplication::palette().color(QPalette::Text);
        return {};
    case Qt::FontRole:
        if (isFailed(run) && column == Status) {
            QFont font;
            font.setBold(true); // not only colour tells it
            return font;
        }
        return {};
    case Qt::AccessibleDescriptionRole:
        return isFailed(run) ? QVariant(tr("failed")) : QVariant();
    case SortRole:
        return sortValue(column, run);
    case SourceRole:
        return run.source;
    case FailedRole:
        return isFailed(run);
    default:
        return {};
    }
}

QVariant SyncLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return isNumeric(section) ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Resources:
            return tr("Resources the source reported");
        case Samples:
            return tr("New samples stored");
        case ApiCalls:
            return tr("Requests made to the provider's API");
        case Throttled:
            return tr("Requests the provider refused for its rate limit");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Started:
        return tr("Started");
    case Source:
        return tr("Source");
    case Status:
        return tr("Status");
    case Duration:
        return tr("Duration");
    case Resources:
        return tr("Resources");
    case Samples:
        return tr("Samples");
    case ApiCalls:
        return tr("API calls");
    case Throttled:
        return tr("Throttled");
    case Error:
        return tr("Error");
    default:
        return {};
    }
}
