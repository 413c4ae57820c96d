#include "querystatsmodel.h"
#include "fleettablemodel.h"

#include <QFont>
#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <algorithm>

namespace {

bool isNumeric(int column)
{
    return column != QueryStatsModel::Query && column != QueryStatsModel::Rating
        && column != QueryStatsModel::Regression;
}

FleetTableModel::Level levelOf(QueryRating rating)
{
    switch (rating) {
    case QueryRating::Critical:
        return FleetTableModel::Critical;
    case QueryRating::Slow:
        return FleetTableModel::Warning;
    default:
        return FleetTableModel::Normal;
    }
}

} // namespace

QueryStatsModel::QueryStatsModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QueryStatsModel::~QueryStatsModel() = default;

void QueryStatsModel::setStats(QList<QueryStats> stats)
{
    std::sort(stats.begin(), stats.end(), [](const QueryStats &a, const QueryStats &b) { return a.name < b.name; });
    const bool sameQueries = std::equal(stats.cbegin(), stats.cend(), m_stats.cbegin(), m_stats.cend(),
                                        [](const QueryStats &a, const QueryStats &b) { return a.name == b.name; });
    if (!sameQueries) {
        beginResetModel();
        m_stats = std::move(stats);
        endResetModel();
        return;
    }
    m_stats = std::move(stats);
    if (!m_stats.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_stats.size()) - 1, ColumnCount - 1));
}

QString QueryStatsModel::millisecondsText(qint64 ns)
{
    const double ms = double(ns) / 1e6;
    // Three significant digits or so: enough to compare, no noise.
    const int decimals = ms < 1 ? 3 : ms < 10 ? 2 : ms < 100 ? 1 : 0;
    return tr("%1 ms").arg(QLocale().toString(ms, 'f', decimals));
}

QString QueryStatsModel::ratingText(QueryRating rating)
{
    switch (rating) {
    case QueryRating::Excellent:
        return tr("EXCELLENT");
    case QueryRating::Good:
        return tr("GOOD");
    case QueryRating::Slow:
        return tr("SLOW");
    case QueryRating::Critical:
        return tr("CRITICAL");
    }
    return {};
}

QString QueryStatsModel::regressionText(const QueryStats &stats)
{
    if (!stats.regression || !stats.baselineP50Ns || *stats.baselineP50Ns <= 0)
        return {};
    const double factor = double(stats.p50Ns) / double(*stats.baselineP50Ns);
    return tr("%1× baseline").arg(QLocale().toString(factor, 'f', 1));
}

int QueryStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_stats.size());
}

int QueryStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueryStatsModel::display(Column column, const QueryStats &stats) const
{
    const QLocale locale;
    switch (column) {
    case Query:
        return stats.name;
    case Count:
        return locale.toString(stats.count);
    case P50:
        return millisecondsText(stats.p50Ns);
    case P95:
        return millisecondsText(stats.p95Ns);
    case P99:
        return millisecondsText(stats.p99Ns);
    case Slow:
        return locale.toString(stats.slow);
    case Critical:
        return locale.toString(stats.critical);
    case Rating:
        return ratingText(stats.rating);
    case Regression:
        return regressionText(stats);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant QueryStatsModel::sortValue(Column column, const QueryStats &stats) const
{
    switch (column) {
    case Count:
        return stats.count;
    case P50:
        return stats.p50Ns;
    case P95:
        return stats.p95Ns;
    case P99:
        return stats.p99Ns;
    case Slow:
        return stats.slow;
    case Critical:
        return stats.critical;
    case Rating:
        return int(stats.rating);
    case Regression:
        return stats.regression && stats.baselineP50Ns && *stats.baselineP50Ns > 0
            ? double(stats.p50Ns) / double(*stats.baselineP50Ns)
            : 0.0;
    default:
        return display(column, stats);
    }
}

QVariant QueryStatsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QueryStats &stats = m_stats.at(index.row());
    const auto column = Column(index.column());
    const FleetTableModel::Level level = column == Rating ? levelOf(stats.rating) : FleetTableModel::Normal;
    switch (role) {
    case Qt::DisplayRole:
        return display(column, stats);
    case Qt::ToolTipRole:
        if (column == Regression) {
            if (!stats.baselineP50Ns)
                return tr("No baseline yet: it is saved when OpsDeck quits");
            return tr("Baseline P50: %1").arg(millisecondsText(*stats.baselineP50Ns));
        }
        if (column == P50 || column == P95 || column == P99)
            return tr("Fastest %1, slowest %2").arg(millisecondsText(stats.minNs), millisecondsText(stats.maxNs));
        return {};
    case Qt::TextAlignmentRole:
        return isNumeric(column) ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    case Qt::BackgroundRole: {
        const QColor color = FleetTableModel::levelBackground(level, QGuiApplication::palette());
        return color.isValid() ? QVariant(color) : QVariant();
    }
    case Qt::ForegroundRole:
        if (level != FleetTableModel::Normal)
            return QGuiApplication::palette().color(QPalette::Text);
        return {};
    case Qt::FontRole:
        if (level == FleetTableModel::Critical || (column == Regression && stats.regression)) {
            QFont font;
            font.setBold(true); // not only colour tells it
            return font;
        }
        return {};
    case SortRole:
        return sortValue(column, stats);
    case RatingRole:
        return int(stats.rating);
    default:
        return {};
    }
}

QVariant QueryStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole)
        return isNumeric(section) ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case P50:
            return tr("Median duration: half of the runs were faster");
        case P95:
            return tr("95th percentile: the rating is judged on it");
        case P99:
            return tr("99th percentile");
        case Slow:
            return tr("Runs slower than the slow threshold");
        case Critical:
            return tr("Runs slower than the critical threshold");
        case Regression:
            return tr("Median against the median of earlier sessions");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Query:
        return tr("Query");
    case Count:
        return tr("Count");
    case P50:
        return tr("P50");
    case P95:
        return tr("P95");
    case P99:
        return tr("P99");
    case Slow:
        return tr("Slow");
    case Critical:
        return tr("Critical");
    case Rating:
        return tr("Rating");
    case Regression:
        return tr("Regression");
    default:
        return {};
    }
}
