#include "overviewpanel.h"
#include "fleettablemodel.h"
#include "query/repository.h"
#include "trendchartview.h"

#include <QEvent>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace {

const QString Separator = QStringLiteral(" · ");

} // namespace

OverviewPanel::OverviewPanel(Repository *repository, const AlertConfig &alerts, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
    , m_alerts(alerts)
{
    setAccessibleName(tr("Overview"));

    m_emptyLabel = new QLabel(tr("No resources yet. Run a sync (opsdeck --sync) or wait for the next one, and the "
                                 "fleet appears here."),
                              this);
    m_emptyLabel->setAccessibleName(tr("Overview empty"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);

    auto *content = new QWidget(this);
    m_kindsLabel = new QLabel(content);
    m_kindsLabel->setAccessibleName(tr("Resources by kind"));
    m_kindsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_kindsLabel->font();
    bold.setBold(true);
    m_kindsLabel->setFont(bold);
    m_statusLabel = new QLabel(content);
    m_statusLabel->setAccessibleName(tr("Resources by status"));
    m_statusLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *grid = new QGridLayout;
    for (const Metric metric : AllMetrics) {
        const int i = metricIndex(metric);
        auto *table = new QTableWidget(0, 2, content);
        table->setAccessibleName(tr("Top %1 by %2").arg(TopN).arg(metricTitle(metric)));
        table->setHorizontalHeaderLabels({ tr("Resource"), metricTitle(metric) });
        table->setEditTriggers(QAbstractItemView::NoEditTriggers);
        table->setSelectionBehavior(QAbstractItemView::SelectRows);
        table->setWordWrap(false);
        table->verticalHeader()->hide();
        table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
        table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
        m_tables[i] = table;

        auto *chart = new TrendChartView(content);
        chart->setTitle(tr("Fleet average %1, last 24 h").arg(metricTitle(metric)));
        chart->setAccessibleName(tr("Fleet average %1").arg(metricTitle(metric)));
        chart->setThresholds(m_alerts.thresholds.value(metric));
        m_charts[i] = chart;

        auto *box = new QGroupBox(tr("Top %1 by %2").arg(TopN).arg(metricTitle(metric)), content);
        auto *boxLayout = new QVBoxLayout(box);
        boxLayout->addWidget(table);
        grid->addWidget(box, 0, i);
        grid->addWidget(chart, 1, i);
    }
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);

    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_kindsLabel);
    contentLayout->addWidget(m_statusLabel);
    contentLayout->addLayout(grid, 1);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_emptyLabel);
    m_stack->addWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);

    m_timer = new QTimer(this);
    m_timer->setInterval(RefreshIntervalMs);
    connect(m_timer, &QTimer::timeout, this, &OverviewPanel::refresh);
    // No read here: showEvent() reads when the tab is first shown, so a hidden tab costs nothing at start.
}

OverviewPanel::~OverviewPanel() = default;

int OverviewPanel::metricIndex(Metric metric)
{
    return int(metric) - int(Metric::Cpu);
}

QString OverviewPanel::metricTitle(Metric metric) const
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

QString OverviewPanel::kindCountText(const QString &kind, int count) const
{
    if (kind == QLatin1String("host"))
        return count == 1 ? tr("1 host") : tr("%n hosts", nullptr, count);
    if (kind == QLatin1String("droplet"))
        return count == 1 ? tr("1 droplet") : tr("%n droplets", nullptr, count);
    if (kind == QLatin1String("database"))
        return count == 1 ? tr("1 database") : tr("%n databases", nullptr, count);
    if (kind == QLatin1String("app"))
        return count == 1 ? tr("1 app") : tr("%n apps", nullptr, count);
    return tr("%1 %2", "count and kind").arg(QLocale().toString(count), kind);
}

void OverviewPanel::refresh()
{
    if (!m_repository)
        return;
    const quint64 generation = ++m_generation;
    m_repository->summary(Span, TopN).then(this, [this, generation](const FleetSummary &summary) {
        if (generation != m_generation)
            return;
        showSummary(summary);
        Q_EMIT refreshed();
    });
}

void OverviewPanel::showSummary(const FleetSummary &summary)
{
    m_summary = summary;
    m_hasSummary = true;

    if (!summary.error.isEmpty()) {
        m_emptyLabel->setText(tr("The overview could not be read: %1").arg(summary.error));
        m_stack->setCurrentWidget(m_emptyLabel);
        return;
    }
    if (summary.resources == 0) {
        m_emptyLabel->setText(tr("No resources yet. Run a sync (opsdeck --sync) or wait for the next one, and the "
                                 "fleet appears here."));
        m_stack->setCurrentWidget(m_emptyLabel);
        return;
    }

    // Kinds by count, most first (then by name); statuses likewise.
    auto ordered = [](const QMap<QString, int> &counts) {
        QList<QPair<QString, int>> list;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            list.append({ it.key(), it.value() });
        std::stable_sort(list.begin(), list.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
        return list;
    };
    QStringList kinds { summary.resources == 1 ? tr("1 resource") : tr("%n resources", nullptr, summary.resources) };
    for (const auto &[kind, count] : ordered(summary.byKind))
        kinds << kindCountText(kind, count);
    m_kindsLabel->setText(kinds.join(Separator));
    QStringList statuses;
    for (const auto &[status, count] : ordered(summary.byStatus))
        statuses << tr("%1 %2", "count and status")
                        .arg(QLocale().toString(count), status.isEmpty() ? tr("unknown") : status);
    m_statusLabel->setText(statuses.join(Separator));

    for (const Metric metric : AllMetrics) {
        fillTopTable(metric);
        TrendResult result;
        result.request.metric = metric;
        result.request.from = summary.from;
        result.request.to = summary.to;
        result.tier = TrendTier::Hour;
        result.points = summary.average.value(metric);
        m_charts[metricIndex(metric)]->setResult(result);
    }
    m_stack->setCurrentIndex(1);
}

void OverviewPanel::fillTopTable(Metric metric)
{
    QTableWidget *table = m_tables[metricIndex(metric)];
    const QList<FleetRow> rows = m_summary.top.value(metric);
    table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        const FleetRow &r = rows.at(row);
        const std::optional<double> value = metric == Metric::Cpu      ? r.cpu
                                            : metric == Metric::Memory ? r.memory
                                                                       : r.disk;
        auto *name = new QTableWidgetItem(r.name);
        name->setToolTip(tr("%1 (%2, %3)").arg(r.name, FleetTableModel::kindText(r.kind), r.source));
        auto *cell = new QTableWidgetItem(FleetTableModel::percentText(value));
        cell->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        cell->setData(Qt::UserRole, value ? QVariant(*value) : QVariant());
        table->setItem(row, 0, name);
        table->setItem(row, 1, cell);
    }
    applyLevels();
}

void OverviewPanel::applyLevels()
{
    for (const Metric metric : AllMetrics) {
        QTableWidget *table = m_tables[metricIndex(metric)];
        const MetricThresholds t = m_alerts.thresholds.value(metric);
        for (int row = 0; row < table->rowCount(); ++row) {
            QTableWidgetItem *cell = table->item(row, 1);
            if (!cell)
                continue;
            const QVariant v = cell->data(Qt::UserRole);
            FleetTableModel::Level level = FleetTableModel::Normal;
            if (v.isValid()) {
                const double value = v.toDouble();
                if (t.critical > 0 && value >= t.critical)
                    level = FleetTableModel::Critical;
                else if (t.warning > 0 && value >= t.warning)
                    level = FleetTableModel::Warning;
            }
            const QColor background = FleetTableModel::levelBackground(level, palette());
            for (int column = 0; column < 2; ++column) {
                if (QTableWidgetItem *item = table->item(row, column))
                    item->setData(Qt::BackgroundRole, background.isValid() ? QVariant(background) : QVariant());
            }
        }
    }
}

QString OverviewPanel::kindsText() const
{
    return m_kindsLabel->text();
}

QString OverviewPanel::statusText() const
{
    return m_statusLabel->text();
}

QTableWidget *OverviewPanel::topTable(Metric metric) const
{
    return m_tables[metricIndex(metric)];
}

TrendChartView *OverviewPanel::averageChart(Metric metric) const
{
    return m_charts[metricIndex(metric)];
}

bool OverviewPanel::isEmptyStateShown() const
{
    return m_stack->currentWidget() == m_emptyLabel;
}

QString OverviewPanel::emptyText() const
{
    return isEmptyStateShown() ? m_emptyLabel->text() : QString();
}

void OverviewPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
    m_timer->start();
}

void OverviewPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

void OverviewPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyLevels();
}
