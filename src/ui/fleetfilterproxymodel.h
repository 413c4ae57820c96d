#pragma once

#include <QCollator>
#include <QSortFilterProxyModel>
#include <QStringList>

// Sorts and filters a FleetTableModel for the fleet view.
//
// Sorting uses the model's SortRole: numbers as numbers, text in natural order ("web-9" before "web-10"), ties
// broken by name so the order never jumps between refreshes. The filter keeps rows whose name, kind, source,
// region, status or tags contain every word typed, ignoring case.
class FleetFilterProxyModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FleetFilterProxyModel(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FleetFilterProxyModel)

    void setFilterText(const QString &text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString m_text;
    QStringList m_words;
    QCollator m_collator;
};
