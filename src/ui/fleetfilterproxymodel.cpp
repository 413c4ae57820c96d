#include "fleetfilterproxymodel.h"
#include "fleettablemodel.h"

#include <QLocale>
#include <QRegularExpression>

FleetFilterProxyModel::FleetFilterProxyModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(FleetTableModel::SortRole);
    setDynamicSortFilter(true);
    // The C locale's collator compares code points and knows no numeric mode; English rules order names well.
    if (QLocale().language() == QLocale::C)
        m_collator.setLocale(QLocale(QLocale::English));
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
}

void FleetFilterProxyModel::setFilterText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.toLower().split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
    invalidateFilter();
}

bool FleetFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty())
        return true;
    const QString haystack = sourceModel()
                                 ->index(sourceRow, FleetTableModel::Name, sourceParent)
                                 .data(FleetTableModel::FilterTextRole)
                                 .toString();
    for (const QString &word : m_words) {
        if (!haystack.contains(word))
            return false;
    }
    return true;
}

bool FleetFilterProxyModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant l = left.data(sortRole());
    const QVariant r = right.data(sortRole());
    int order = 0;
    if (l.typeId() == QMetaType::QString && r.typeId() == QMetaType::QString)
        order = m_collator.compare(l.toString(), r.toString());
    else
        order = QSortFilterProxyModel::lessThan(left, right) ? -1
                                                             : (QSortFilterProxyModel::lessThan(right, left) ? 1 : 0);
    if (order != 0 || left.column() == FleetTableModel::Name)
        return order < 0;
    // Equal values: order by name, A to Z whichever way the column is sorted, so rows never swap at random.
    const QString ln = left.siblingAtColumn(FleetTableModel::Name).data(sortRole()).toString();
    const QString rn = right.siblingAtColumn(FleetTableModel::Name).data(sortRole()).toString();
    const int byName = m_collator.compare(ln, rn);
    return sortOrder() == Qt::DescendingOrder ? byName > 0 : byName < 0;
}
