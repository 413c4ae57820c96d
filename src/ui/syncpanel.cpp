#include "syncpanel.h"
#include "fleettablemodel.h"
#include "query/repository.h"
#include "relativetime.h"
#include "sync/syncreport.h"
#include "synclogmodel.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QFont>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPalette>
#include <QSortFilterProxyModel>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace {

constexpr int LogLimit = 500;
constexpr qint64 Hour = 3600;
// Budgets are re-read this often while the panel is shown: the last hour slides even when nothing syncs.
constexpr int RefreshEveryTicks = 60;

QString typeText(const QString &type)
{
    if (type == QLatin1String("local"))
        return SyncPanel::tr("This computer");
    if (type == QLatin1String("digitalocean"))
        return SyncPanel::tr("DigitalOcean");
    if (type == QLatin1String("prometheus"))
        return SyncPanel::tr("Prometheus");
    if (type == QLatin1String("node_exporter"))
        return SyncPanel::tr("node_exporter");
    return type;
}

} // namespace

SyncPanel::SyncPanel(Repository *repository, const Config &config, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
    , m_sources(statesOf(config))
{
    buildUi();
    fillSourceList();
    updateSourceRows();
    updateEmptyState();
    refresh();
}

SyncPanel::~SyncPanel() = default;

QList<SyncPanel::SourceState> SyncPanel::statesOf(const Config &config)
{
    QList<SourceState> states;
    for (const SourceConfig &source : config.sources) {
        SourceState state;
        state.config = source;
        if (source.type == QLatin1String("digitalocean"))
            state.budget = source.options.value(QStringLiteral("requests_per_hour")).toLongLong();
        states << state;
    }
    return states;
}

void SyncPanel::setSources(const Config &config)
{
    QList<SourceState> states = statesOf(config);
    for (SourceState &state : states) {
        const int row = rowOf(state.config.name);
        if (row < 0)
            continue;
        const SourceState &old = m_sources.at(row);
        state.last = old.last;
        state.apiCalls = old.apiCalls;
        // A new interval moves the next sync; a running sync of the old configuration still finishes.
        state.running = old.running;
        state.done = old.done;
        state.total = old.total;
    }
    m_sources = states;
    fillSourceList();
    updateSourceRows();
    updateEmptyState();
    refresh();
}

// The rows of the sources table and the entries of the log's source filter, for m_sources.
void SyncPanel::fillSourceList()
{
    m_sourceTable->setRowCount(int(m_sources.size()));
    for (int row = 0; row < m_sources.size(); ++row) {
        for (int column = 0; column < SourceColumnCount; ++column) {
            if (!m_sourceTable->item(row, column))
                m_sourceTable->setItem(row, column, new QTableWidgetItem);
        }
    }
    const QString selected = m_filter->currentData().toString();
    const QSignalBlocker blocker(m_filter);
    m_filter->clear();
    m_filter->addItem(tr("All sources"), QString());
    for (const SourceState &source : std::as_const(m_sources))
        m_filter->addItem(source.config.name, source.config.name);
    m_filter->setCurrentIndex(std::max(0, m_filter->findData(selected)));
    applyFilter();
}

void SyncPanel::buildUi()
{
    setAccessibleName(tr("Sync"));

    auto *sourcesTitle = new QLabel(tr("Sources"), this);
    QFont titleFont = sourcesTitle->font();
    titleFont.setBold(true);
    sourcesTitle->setFont(titleFont);

    m_sourceTable = new QTableWidget(int(m_sources.size()), SourceColumnCount, this);
    m_sourceTable->setAccessibleName(tr("Sources and their syncs"));
    m_sourceTable->setHorizontalHeaderLabels(
        { tr("Source"), tr("Type"), tr("Last sync"), tr("Next sync"), tr("API budget (last hour)") });
    m_sourceTable->horizontalHeaderItem(BudgetColumn)
        ->setToolTip(tr("API calls of the last hour, from the sync log, against the source's requests_per_hour"));
    m_sourceTable->verticalHeader()->hide();
    m_sourceTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_sourceTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_sourceTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_sourceTable->setWordWrap(false);
    m_sourceTable->setAlternatingRowColors(true);
    m_sourceTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_sourceTable->horizontalHeader()->setSectionResizeMode(LastSyncColumn, QHeaderView::Stretch);
    m_sourceTable->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    auto *logTitle = new QLabel(tr("Sync log"), this);
    logTitle->setFont(titleFont);

    m_filter = new QComboBox(this);
    m_filter->setAccessibleName(tr("Show syncs of"));
    auto *filterLabel = new QLabel(tr("&Show:"), this);
    filterLabel->setBuddy(m_filter);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &SyncPanel::applyFilter);

    m_model = new SyncLogModel(this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(SyncLogModel::SortRole);
    m_proxy->setFilterRole(SyncLogModel::SourceRole);
    m_proxy->setFilterKeyColumn(SyncLogModel::Source);

    m_logView = new QTableView(this);
    m_logView->setAccessibleName(tr("Sync log"));
    m_logView->setModel(m_proxy);
    m_logView->setSortingEnabled(true);
    m_logView->sortByColumn(SyncLogModel::Started, Qt::DescendingOrder);
    m_logView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_logView->setWordWrap(false);
    m_logView->verticalHeader()->hide();
    m_logView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_logView->horizontalHeader()->setStretchLastSection(true);

    m_empty = new QLabel(this);
    m_empty->setAccessibleName(tr("Sync log status"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_logStack = new QStackedWidget(this);
    m_logStack->addWidget(m_empty);
    m_logStack->addWidget(m_logView);

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(logTitle);
    filterRow->addStretch(1);
    filterRow->addWidget(filterLabel);
    filterRow->addWidget(m_filter);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(sourcesTitle);
    layout->addWidget(m_sourceTable);
    layout->addLayout(filterRow);
    layout->addWidget(m_logStack, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(1000);
    connect(m_timer, &QTimer::timeout, this, &SyncPanel::tick);
}

qint64 SyncPanel::currentTime() const
{
    return m_fixedNow > 0 ? m_fixedNow : QDateTime::currentSecsSinceEpoch();
}

void SyncPanel::setNow(qint64 secsSinceEpoch)
{
    m_fixedNow = secsSinceEpoch;
    m_model->setNow(currentTime());
    updateSourceRows();
}

int SyncPanel::rowOf(const QString &source) const
{
    for (int i = 0; i < m_sources.size(); ++i) {
        if (m_sources.at(i).config.name == source)
            return i;
    }
    return -1;
}

void SyncPanel::refresh()
{
    if (!m_repository)
        return;
    const quint64 generation = ++m_generation;
    const qint64 now = currentTime();
    // One for issuing the reads, released at the end: an answer the cache has ready runs its continuation at
    // once, and must not count the refresh as finished before the other reads are even asked.
    m_pending = 2;

    m_repository->syncLog({}, 0, LogLimit).then(this, [this, generation](const SyncLogResult &result) {
        if (generation != m_generation)
            return;
        m_logError = result.error;
        m_model->setNow(currentTime());
        m_model->setRuns(result.runs);
        m_loaded = true;
        updateEmptyState();
        finishOne(generation);
    });

    for (const SourceState &source : std::as_const(m_sources)) {
        const QString name = source.config.name;
        ++m_pending;
        // The newest run of each source: the log above may not reach back to a source that syncs rarely.
        m_repository->syncLog(name, 0, 1).then(this, [this, generation, name](const SyncLogResult &result) {
            if (generation != m_generation)
                return;
            const int row = rowOf(name);
            if (row >= 0 && result.error.isEmpty())
                m_sources[row].last = result.runs.isEmpty() ? std::nullopt : std::optional(result.runs.first());
            finishOne(generation);
        });
        if (source.budget <= 0)
            continue;
        ++m_pending;
        // Asked from the start of the minute, so the views of one minute share a cached answer; the runs are
        // then counted from exactly one hour ago.
        const qint64 since = now - Hour;
        m_repository->syncLog(name, since - since % 60, 100'000)
            .then(this, [this, generation, name, since](const SyncLogResult &result) {
                if (generation != m_generation)
                    return;
                const int row = rowOf(name);
                if (row >= 0 && result.error.isEmpty()) {
                    qint64 calls = 0;
                    for (const SyncRunRecord &run : result.runs) {
                        if (run.startedAt >= since)
                            calls += run.apiCalls;
                    }
                    m_sources[row].apiCalls = calls;
                }
                finishOne(generation);
            });
    }
    finishOne(generation);
}

void SyncPanel::finishOne(quint64 generation)
{
    if (generation != m_generation)
        return;
    updateSourceRows();
    if (--m_pending == 0)
        Q_EMIT refreshed();
}

void SyncPanel::setNextSync(const QString &source, qint64 unixSeconds)
{
    const int row = rowOf(source);
    if (row < 0)
        return;
    m_sources[row].nextSync = unixSeconds;
    updateSourceRows();
}

void SyncPanel::sourceStarted(const QString &source)
{
    const int row = rowOf(source);
    if (row < 0)
        return;
    m_sources[row].running = true;
    m_sources[row].done = 0;
    m_sources[row].total = 0;
    updateSourceRows();
}

void SyncPanel::sourceProgress(const QString &source, int done, int total)
{
    const int row = rowOf(source);
    if (row < 0)
        return;
    m_sources[row].running = true;
    m_sources[row].done = done;
    m_sources[row].total = total;
    updateSourceRows();
}

void SyncPanel::sourceFinished(const SourceRunResult &result)
{
    const int row = rowOf(result.name);
    if (row >= 0) {
        m_sources[row].running = false;
        updateSourceRows();
    }
    // Queued, so that the Repository (following the same engine) has dropped the cached log before it is re-read,
    // whichever of the two was connected first.
    QTimer::singleShot(0, this, &SyncPanel::refresh);
}

QString SyncPanel::countdownText(qint64 seconds)
{
    const QLocale locale;
    if (seconds <= 0)
        return tr("due now");
    if (seconds < 60)
        return tr("in %1 s").arg(locale.toString(seconds));
    if (seconds < Hour)
        return tr("in %1 min %2 s").arg(locale.toString(seconds / 60), locale.toString(seconds % 60));
    return tr("in %1 h %2 min").arg(locale.toString(seconds / Hour), locale.toString(seconds % Hour / 60));
}

QString SyncPanel::budgetText(qint64 used, qint64 limit)
{
    const QLocale locale;
    const double percent = limit > 0 ? 100.0 * double(used) / double(limit) : 0;
    return tr("%1 of %2 (%3 %)")
        .arg(locale.toString(used), locale.toString(limit), locale.toString(percent, 'f', percent < 10 ? 1 : 0));
}

void SyncPanel::updateSourceRows()
{
    const qint64 now = currentTime();
    const QPalette palette = this->palette();
    for (int row = 0; row < m_sources.size(); ++row) {
        const SourceState &source = m_sources.at(row);
        auto *name = m_sourceTable->item(row, NameColumn);
        auto *type = m_sourceTable->item(row, TypeColumn);
        auto *last = m_sourceTable->item(row, LastSyncColumn);
        auto *next = m_sourceTable->item(row, NextSyncColumn);
        auto *budget = m_sourceTable->item(row, BudgetColumn);

        name->setText(source.config.name);
        type->setText(typeText(source.config.type));
        if (!source.config.enabled)
            name->setToolTip(tr("Disabled in the configuration: set enabled = true in [source.%1] to sync it")
                                 .arg(source.config.name));

        // Last sync: its age and how it went; a failure says what went wrong.
        QColor lastBackground;
        if (source.running) {
            last->setText(source.total > 0 ? tr("syncing now: %1 of %2 requests").arg(source.done).arg(source.total)
                                           : tr("syncing now…"));
            last->setToolTip({});
        } else if (!source.last) {
            last->setText(m_loaded ? tr("never") : QString());
            last->setToolTip({});
        } else {
            const SyncRunRecord &run = *source.last;
            const qint64 at = run.finishedAt > 0 ? run.finishedAt : run.startedAt;
            const QString age = RelativeTime::ago(now - at);
            const QString error = SyncLogModel::errorText(run);
            if (run.status == QLatin1String("failed")) {
                last->setText(tr("%1 — failed: %2").arg(age, error));
                lastBackground = FleetTableModel::levelBackground(FleetTableModel::Critical, palette);
            } else {
                last->setText(tr("%1 — %2").arg(age, SyncLogModel::statusText(run.status)));
            }
            QString tip = RelativeTime::absolute(at);
            if (!error.isEmpty())
                tip += QLatin1Char('\n') + error;
            last->setToolTip(tip);
        }
        last->setBackground(lastBackground.isValid() ? QBrush(lastBackground) : QBrush());
        last->setForeground(lastBackground.isValid() ? QBrush(palette.color(QPalette::Text)) : QBrush());

        // Next sync: the engine's schedule when it told us one still ahead, else the last sync plus the interval.
        qint64 due = 0;
        if (source.nextSync > now)
            due = source.nextSync;
        else if (source.last)
            due = (source.last->finishedAt > 0 ? source.last->finishedAt : source.last->startedAt)
                + source.config.intervalSeconds;
        if (!source.config.enabled)
            next->setText(tr("disabled"));
        else if (source.running)
            next->setText(tr("now"));
        else if (due > 0)
            next->setText(countdownText(due - now));
        else
            next->setText(tr("not scheduled yet"));
        next->setToolTip(due > 0 && source.config.enabled ? RelativeTime::absolute(due) : QString());

        // Budget: DigitalOcean's hourly request limit; the other sources have none.
        QColor budgetBackground;
        if (source.budget <= 0) {
            budget->setText(tr("no limit"));
            budget->setToolTip(tr("This source has no API request limit"));
        } else if (!source.apiCalls) {
            budget->setText(QString());
            budget->setToolTip({});
        } else {
            budget->setText(budgetText(*source.apiCalls, source.budget));
            budget->setToolTip(tr("Counted from the sync log; set requests_per_hour in [source.%1] to change the limit")
                                   .arg(source.config.name));
            if (*source.apiCalls >= source.budget)
                budgetBackground = FleetTableModel::levelBackground(FleetTableModel::Critical, palette);
            else if (*source.apiCalls * 5 >= source.budget * 4)
                budgetBackground = FleetTableModel::levelBackground(FleetTableModel::Warning, palette);
        }
        budget->setTextAlignment(source.budget > 0 ? (Qt::AlignRight | Qt::AlignVCenter)
                                                   : (Qt::AlignLeft | Qt::AlignVCenter));
        budget->setBackground(budgetBackground.isValid() ? QBrush(budgetBackground) : QBrush());
        budget->setForeground(budgetBackground.isValid() ? QBrush(palette.color(QPalette::Text)) : QBrush());
    }
    // Show every source without a scroll bar, up to a handful.
    const int visibleRows = std::clamp(int(m_sources.size()), 1, 8);
    int height = m_sourceTable->horizontalHeader()->sizeHint().height() + 2 * m_sourceTable->frameWidth();
    for (int row = 0; row < visibleRows; ++row)
        height += row < m_sources.size() ? m_sourceTable->rowHeight(row)
                                         : m_sourceTable->verticalHeader()->defaultSectionSize();
    m_sourceTable->setFixedHeight(height);
}

QString SyncPanel::emptyStateText() const
{
    return m_empty->text();
}

bool SyncPanel::isEmptyStateShown() const
{
    return m_logStack->currentWidget() == m_empty;
}

void SyncPanel::updateEmptyState()
{
    QString text;
    if (!m_loaded)
        text = tr("Reading the sync log…");
    else if (!m_logError.isEmpty())
        text = tr("Could not read the sync log: %1").arg(m_logError);
    else if (m_model->rowCount() == 0)
        text = tr("No syncs yet — press Sync now (Ctrl+R)");
    else if (m_proxy->rowCount() == 0)
        text = tr("No syncs of %1 yet — press Sync now (Ctrl+R)").arg(m_filter->currentText());
    m_empty->setText(text);
    m_logStack->setCurrentWidget(text.isEmpty() ? static_cast<QWidget *>(m_logView) : m_empty);
}

void SyncPanel::applyFilter()
{
    const QString source = m_filter->currentData().toString();
    if (source.isEmpty())
        m_proxy->setFilterRegularExpression(QString());
    else
        m_proxy->setFilterRegularExpression(
            QRegularExpression(QRegularExpression::anchoredPattern(QRegularExpression::escape(source))));
    updateEmptyState();
}

std::optional<qint64> SyncPanel::apiCallsLastHour(const QString &source) const
{
    const int row = rowOf(source);
    return row >= 0 ? m_sources.at(row).apiCalls : std::nullopt;
}

QString SyncPanel::sourceCellText(const QString &source, SourceColumn column) const
{
    const int row = rowOf(source);
    return row >= 0 ? m_sourceTable->item(row, column)->text() : QString();
}

void SyncPanel::tick()
{
    m_model->setNow(currentTime());
    updateSourceRows();
    if (++m_ticks % RefreshEveryTicks == 0)
        refresh();
}

void SyncPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_timer->start();
    updateSourceRows();
}

void SyncPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}

void SyncPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The tints are blended into the palette: a theme switch re-mixes them.
    if (event->type() == QEvent::PaletteChange)
        updateSourceRows();
}
