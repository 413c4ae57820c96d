#include "performancepanel.h"
#include "query/repository.h"
#include "querystatsmodel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

PerformancePanel::PerformancePanel(Repository *repository, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
{
    setAccessibleName(tr("Performance"));

    m_model = new QueryStatsModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(QueryStatsModel::SortRole);

    m_view = new QTableView(this);
    m_view->setAccessibleName(tr("Query timings"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(QueryStatsModel::Query, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(QueryStatsModel::Query, QHeaderView::Stretch);

    auto *queries = new QGroupBox(tr("Queries"), this);
    auto *queriesLayout = new QVBoxLayout(queries);
    queriesLayout->addWidget(m_view);

    auto *cache = new QGroupBox(tr("Cache"), this);
    cache->setAccessibleName(tr("Query cache"));
    auto *form = new QFormLayout(cache);
    const QString names[CacheFieldCount] = { tr("Hit rate:"), tr("Size:"),      tr("Entries:"),  tr("Hits:"),
                                             tr("Misses:"),   tr("Evictions:"), tr("Fresh for:") };
    for (int i = 0; i < CacheFieldCount; ++i) {
        m_cacheLabels[i] = new QLabel(cache);
        m_cacheLabels[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_cacheLabels[i]->setAccessibleName(QString(names[i]).remove(QLatin1Char(':')));
        form->addRow(names[i], m_cacheLabels[i]);
    }
    m_cacheLabels[Ttl]->setToolTip(tr("How long a result is served from memory before it is read again"));
    m_cacheLabels[Evictions]->setToolTip(tr("Results dropped to stay within the cache's size"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(queries, 1);
    layout->addWidget(cache);

    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &PerformancePanel::refresh);
    refresh();
}

PerformancePanel::~PerformancePanel() = default;

void PerformancePanel::refresh()
{
    if (!m_repository)
        return;
    m_model->setStats(m_repository->tracker().snapshot());
    showCacheStats(m_repository->cache().stats());
}

QString PerformancePanel::bytesText(qint64 bytes)
{
    const QLocale locale;
    if (bytes < 1024 * 1024)
        return tr("%1 KB").arg(locale.toString(double(bytes) / 1024.0, 'f', bytes < 10 * 1024 ? 1 : 0));
    return tr("%1 MB").arg(locale.toString(double(bytes) / (1024.0 * 1024.0), 'f', bytes < 10 * 1024 * 1024 ? 1 : 0));
}

QString PerformancePanel::ttlText(qint64 ms)
{
    const QLocale locale;
    if (ms < 60'000 || ms % 60'000 != 0)
        return tr("%1 s").arg(locale.toString(double(ms) / 1000.0, 'g', 4));
    return tr("%1 min").arg(locale.toString(ms / 60'000));
}

void PerformancePanel::showCacheStats(const QueryCacheStats &stats)
{
    const QLocale locale;
    m_cacheLabels[HitRate]->setText(stats.hits + stats.misses > 0
                                        ? tr("%1 %").arg(locale.toString(100.0 * stats.hitRate(), 'f', 1))
                                        : tr("no reads yet"));
    m_cacheLabels[Size]->setText(tr("%1 of %2").arg(bytesText(stats.bytes), bytesText(stats.maxBytes)));
    m_cacheLabels[Entries]->setText(locale.toString(stats.entries));
    m_cacheLabels[Hits]->setText(
        stats.staleHits > 0
            ? tr("%1 (%2 stale while refreshing)").arg(locale.toString(stats.hits), locale.toString(stats.staleHits))
            : locale.toString(stats.hits));
    m_cacheLabels[Misses]->setText(locale.toString(stats.misses));
    m_cacheLabels[Evictions]->setText(locale.toString(stats.evictions));
    m_cacheLabels[Ttl]->setText(ttlText(stats.ttlMs));
    // Screen readers speak a named label's description, not its text.
    for (QLabel *label : m_cacheLabels)
        label->setAccessibleDescription(label->text());
}

QString PerformancePanel::cacheText(CacheField field) const
{
    return m_cacheLabels[field]->text();
}

void PerformancePanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void PerformancePanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}
