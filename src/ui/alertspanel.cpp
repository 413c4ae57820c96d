#include "alertspanel.h"
#include "alertsmodel.h"
#include "query/repository.h"
#include "traycontroller.h"

#include <QAction>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSet>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

constexpr int ActiveLimit = 1000;
constexpr int HistoryLimit = 500;
constexpr qint64 Hour = 3600;

QSortFilterProxyModel *sortedProxy(AlertsModel *model, QObject *parent)
{
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(model);
    proxy->setSortRole(AlertsModel::SortRole);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setFilterKeyColumn(-1);
    return proxy;
}

// Every column as wide as its content; names are what people read, and numbers stay next to their headers.
QTableView *alertTable(QSortFilterProxyModel *proxy, const QString &name, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setAccessibleName(name);
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->setWordWrap(false);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The last column takes what is left: a stretched resource column is the first to shrink to "…" when the
    // pane is narrow, and the name is what an alert is recognised by.
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

QSet<qint64> selectedIds(const QTableView *view)
{
    QSet<qint64> ids;
    for (const QModelIndex &index : view->selectionModel()->selectedRows())
        ids.insert(index.data(AlertsModel::EventIdRole).toLongLong());
    return ids;
}

// A refresh replaces the rows; the user's selection should survive it.
void reselect(QTableView *view, const QSet<qint64> &ids)
{
    if (ids.isEmpty())
        return;
    QItemSelection selection;
    const QAbstractItemModel *model = view->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (ids.contains(index.data(AlertsModel::EventIdRole).toLongLong()))
            selection.select(index, model->index(row, model->columnCount() - 1));
    }
    view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

} // namespace

AlertsPanel::AlertsPanel(Repository *repository, TrayController *tray, QWidget *parent)
    : QWidget(parent)
    , m_repository(repository)
    , m_tray(tray)
{
    buildUi();
    if (m_tray) {
        connect(m_tray, &TrayController::silencesChanged, this, [this] {
            updateSilences();
            updateActions();
        });
    }
    updateEmptyState();
    updateActions();
    refresh();
}

AlertsPanel::~AlertsPanel() = default;

QAction *AlertsPanel::createAction(const QString &text, const char *name, const QKeySequence &shortcut)
{
    auto *action = new QAction(text, this);
    action->setObjectName(QLatin1String(name));
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(text.simplified().remove(QLatin1Char('&')),
                                                         shortcut.toString(QKeySequence::NativeText)));
    }
    QWidget::addAction(action);
    return action;
}

void AlertsPanel::buildUi()
{
    setAccessibleName(tr("Alerts"));

    m_activeModel = new AlertsModel(AlertsModel::View::Active, this);
    m_historyModel = new AlertsModel(AlertsModel::View::History, this);
    m_activeProxy = sortedProxy(m_activeModel, this);
    m_historyProxy = sortedProxy(m_historyModel, this);

    m_acknowledgeAction = createAction(tr("&Acknowledge"), "acknowledgeAction", QKeySequence(Qt::CTRL | Qt::Key_K));
    m_acknowledgeAction->setStatusTip(tr("No more notifications of the selected alerts unless they get worse"));
    connect(m_acknowledgeAction, &QAction::triggered, this, &AlertsPanel::acknowledgeSelected);

    m_snoozeMenu = new QMenu(tr("&Snooze resource"), this);
    m_snoozeMenu->menuAction()->setObjectName(QStringLiteral("snoozeMenuAction"));
    m_snoozeHourAction
        = m_snoozeMenu->addAction(tr("For 1 hour"), this, [this] { snoozeSelected(currentTime() + Hour); });
    m_snoozeHourAction->setObjectName(QStringLiteral("snoozeHourAction"));
    m_snoozeFourHoursAction
        = m_snoozeMenu->addAction(tr("For 4 hours"), this, [this] { snoozeSelected(currentTime() + 4 * Hour); });
    m_snoozeFourHoursAction->setObjectName(QStringLiteral("snoozeFourHoursAction"));
    m_snoozeTomorrowAction
        = m_snoozeMenu->addAction(tr("Until tomorrow %1").arg(QLocale().toString(QTime(8, 0), QLocale::ShortFormat)),
                                  this, [this] { snoozeSelected(tomorrowMorning()); });
    m_snoozeTomorrowAction->setObjectName(QStringLiteral("snoozeTomorrowAction"));

    m_unsnoozeAction = createAction(tr("&Unsnooze"), "unsnoozeAction");
    m_unsnoozeAction->setStatusTip(tr("Notify about the selected resources again"));
    connect(m_unsnoozeAction, &QAction::triggered, this, &AlertsPanel::unsnoozeSelected);

    m_goToAction = createAction(tr("&Go to resource"), "goToAction", QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(m_goToAction, &QAction::triggered, this, &AlertsPanel::goToSelected);

    auto toolButton = [this](QAction *action) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        return button;
    };
    m_snoozeButton = new QToolButton(this);
    m_snoozeButton->setText(tr("&Snooze resource"));
    m_snoozeButton->setObjectName(QStringLiteral("snoozeButton"));
    m_snoozeButton->setMenu(m_snoozeMenu);
    m_snoozeButton->setPopupMode(QToolButton::InstantPopup);
    m_snoozeButton->setToolTip(tr("No notifications about the selected resources for a while"));

    // Firing now
    m_activeView
        = alertTable(m_activeProxy, tr("Alerts firing now"), this);
    m_activeView->sortByColumn(m_activeModel->columnOf(AlertsModel::Level), Qt::DescendingOrder);
    m_emptyTitle = new QLabel(tr("No alerts firing."), this);
    m_emptyTitle->setAlignment(Qt::AlignCenter);
    QFont titleFont = m_emptyTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.25);
    titleFont.setBold(true);
    m_emptyTitle->setFont(titleFont);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("alertsEmptyState"));
    m_empty->setAccessibleName(tr("Thresholds in force"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *emptyBox = new QWidget(this);
    auto *emptyLayout = new QVBoxLayout(emptyBox);
    emptyLayout->addStretch(1);
    emptyLayout->addWidget(m_emptyTitle);
    emptyLayout->addSpacing(m_emptyTitle->fontMetrics().height() / 2);
    emptyLayout->addWidget(m_empty);
    emptyLayout->addStretch(1);
    m_activeStack = new QStackedWidget(this);
    m_activeStack->addWidget(m_activeView);
    m_activeStack->addWidget(emptyBox);

    auto *activeBar = new QHBoxLayout;
    activeBar->addWidget(heading(tr("Firing now"), this));
    activeBar->addStretch(1);
    activeBar->addWidget(toolButton(m_acknowledgeAction));
    activeBar->addWidget(m_snoozeButton);
    activeBar->addWidget(toolButton(m_unsnoozeAction));
    activeBar->addWidget(toolButton(m_goToAction));

    auto *activeBox = new QWidget(this);
    auto *activeLayout = new QVBoxLayout(activeBox);
    activeLayout->setContentsMargins(0, 0, 0, 0);
    activeLayout->addLayout(activeBar);
    activeLayout->addWidget(m_activeStack, 1);

    // History
    m_historyView
        = alertTable(m_historyProxy, tr("Alert history"), this);
    m_historyView->sortByColumn(m_historyModel->columnOf(AlertsModel::Started), Qt::DescendingOrder);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("historyFilter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setPlaceholderText(tr("Resource, metric or level"));
    m_filter->setAccessibleName(tr("Filter the alert history"));
    m_filter->setMinimumWidth(m_filter->fontMetrics().horizontalAdvance(m_filter->placeholderText()) * 3 / 2);
    auto *filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_filter);
    connect(m_filter, &QLineEdit::textChanged, m_historyProxy, &QSortFilterProxyModel::setFilterFixedString);

    auto *historyBar = new QHBoxLayout;
    historyBar->addWidget(heading(tr("History"), this));
    historyBar->addStretch(1);
    historyBar->addWidget(filterLabel);
    historyBar->addWidget(m_filter);

    auto *historyBox = new QWidget(this);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addLayout(historyBar);
    historyLayout->addWidget(m_historyView, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(activeBox);
    splitter->addWidget(historyBox);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_error);

    for (QTableView *view : { m_activeView, m_historyView }) {
        connect(view, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
            const qint64 id = index.data(AlertsModel::ResourceIdRole).toLongLong();
            if (id > 0)
                Q_EMIT resourceActivated(id);
        });
        connect(view, &QWidget::customContextMenuRequested, this,
                [this, view](const QPoint &pos) { showContextMenu(view, pos); });
        QTableView *other = view == m_activeView ? m_historyView : m_activeView;
        // One selection at a time: the actions apply to the table the user is working in.
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this, view, other] {
            if (view->selectionModel()->hasSelection()) {
                m_focusView = view;
                other->clearSelection();
            }
            updateActions();
        });
    }

    m_timer = new QTimer(this);
    m_timer->setInterval(30 * 1000);
    connect(m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = currentTime();
        m_activeModel->setNow(now);
        m_historyModel->setNow(now);
        updateSilences(); // snoozes run out
        updateActions();
    });
}

qint64 AlertsPanel::currentTime() const
{
    return m_fixedNow > 0 ? m_fixedNow : QDateTime::currentSecsSinceEpoch();
}

// "Tomorrow" means tomorrow morning, as for pausing notifications from the tray.
qint64 AlertsPanel::tomorrowMorning() const
{
    const QDate today = QDateTime::fromSecsSinceEpoch(currentTime()).date();
    return QDateTime(today.addDays(1), QTime(8, 0)).toSecsSinceEpoch();
}

void AlertsPanel::setNow(qint64 secsSinceEpoch)
{
    m_fixedNow = secsSinceEpoch;
    m_activeModel->setNow(currentTime());
    m_historyModel->setNow(currentTime());
    updateSilences();
}

QString AlertsPanel::tabTitle(int activeCount)
{
    return activeCount > 0 ? tr("Alerts (%1)").arg(QLocale().toString(activeCount)) : tr("Alerts");
}

void AlertsPanel::setThresholds(const AlertRuleSet &rules)
{
    m_rules = rules;
    updateEmptyState();
}

QString AlertsPanel::thresholdsText(const AlertRuleSet &rules)
{
    const QLocale locale;
    const auto number = [&locale](double value) { return locale.toString(value, 'f', value == qRound(value) ? 0 : 1); };
    QStringList lines;
    lines << tr("Thresholds in force:");
    for (const Metric metric : AllMetrics) {
        const AlertRule rule = rules.defaultRule(metric);
        lines << tr("%1: warning at %2 %, critical at %3 %")
                     .arg(AlertsModel::metricText(metric), number(rule.warning), number(rule.critical));
    }
    const AlertRule cpu = rules.defaultRule(Metric::Cpu);
    lines << (cpu.forSeconds > 0 ? tr("An alert fires once a value has stayed above its threshold for %1, and "
                                      "resolves when it falls %2 points below it.")
                                       .arg(AlertsModel::durationText(cpu.forSeconds), number(cpu.clearMargin))
                                 : tr("An alert fires as soon as a value reaches its threshold, and resolves when it "
                                      "falls %1 points below it.")
                                       .arg(number(cpu.clearMargin)));
    if (!rules.overrides().isEmpty())
        lines << tr("%n override(s) for particular resources, tags or kinds.", nullptr, int(rules.overrides().size()));
    return lines.join(QLatin1Char('\n'));
}

void AlertsPanel::refresh()
{
    if (!m_repository)
        return;
    const quint64 generation = ++m_generation;
    m_pending = 2;
    m_repository->alertLog(0, ActiveLimit, true).then(this, [this, generation](const AlertLogResult &result) {
        applyActive(result.events, result.error, generation);
    });
    m_repository->alertLog(0, HistoryLimit, false).then(this, [this, generation](const AlertLogResult &result) {
        applyHistory(result.events, result.error, generation);
    });
}

void AlertsPanel::applyActive(const QList<AlertEventRow> &events, const QString &error, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_activeError = error;
    if (error.isEmpty()) {
        const QSet<qint64> selected = selectedIds(m_activeView);
        m_activeModel->setNow(currentTime());
        m_activeModel->setEvents(events);
        reselect(m_activeView, selected);
        m_loaded = true;
        if (m_activeCount != events.size()) {
            m_activeCount = int(events.size());
            Q_EMIT activeCountChanged(m_activeCount);
        }
    }
    finishOne(generation);
}

void AlertsPanel::applyHistory(const QList<AlertEventRow> &events, const QString &error, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_historyError = error;
    if (error.isEmpty()) {
        const QSet<qint64> selected = selectedIds(m_historyView);
        m_historyModel->setNow(currentTime());
        m_historyModel->setEvents(events);
        reselect(m_historyView, selected);
    }
    finishOne(generation);
}

void AlertsPanel::finishOne(quint64 generation)
{
    if (generation != m_generation)
        return;
    updateSilences();
    updateEmptyState();
    updateActions();
    if (--m_pending == 0)
        Q_EMIT refreshed();
}

void AlertsPanel::updateSilences()
{
    if (!m_tray)
        return;
    QSet<QPair<qint64, int>> acknowledged;
    QHash<qint64, qint64> snoozed;
    for (const AlertsModel *model : { m_activeModel, m_historyModel }) {
        for (const AlertEventRow &e : model->events()) {
            if (e.resolvedAt == 0 && m_tray->isAcknowledged(e.resourceId, e.metric))
                acknowledged.insert(qMakePair(e.resourceId, int(e.metric)));
            if (const qint64 until = m_tray->snoozedUntil(e.resourceId))
                snoozed.insert(e.resourceId, until);
        }
    }
    m_activeModel->setSilences(acknowledged, snoozed);
    m_historyModel->setSilences(acknowledged, snoozed);
}

void AlertsPanel::updateEmptyState()
{
    const bool empty = m_loaded && m_activeModel->rowCount() == 0;
    m_empty->setText(thresholdsText(m_rules));
    m_activeStack->setCurrentIndex(empty ? 1 : 0);

    QStringList errors;
    if (!m_activeError.isEmpty())
        errors << m_activeError;
    if (!m_historyError.isEmpty() && m_historyError != m_activeError)
        errors << m_historyError;
    if (errors.isEmpty()) {
        m_error->hide();
    } else {
        m_error->setText(tr("Could not read the alerts from the cache: %1").arg(errors.join(QStringLiteral("; "))));
        m_error->show();
    }
}

bool AlertsPanel::isEmptyStateShown() const
{
    return m_activeStack->currentIndex() == 1;
}

QString AlertsPanel::emptyStateText() const
{
    return m_emptyTitle->text() + QLatin1Char('\n') + m_empty->text();
}

QString AlertsPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QList<AlertEventRow> AlertsPanel::selectedIn(const QTableView *view) const
{
    const auto *proxy = static_cast<const QSortFilterProxyModel *>(view->model());
    const auto *model = static_cast<const AlertsModel *>(proxy->sourceModel());
    QList<AlertEventRow> events;
    for (const QModelIndex &index : view->selectionModel()->selectedRows())
        events << model->event(proxy->mapToSource(index).row());
    return events;
}

QList<AlertEventRow> AlertsPanel::selectedEvents() const
{
    if (m_focusView && m_focusView->selectionModel()->hasSelection())
        return selectedIn(m_focusView);
    QList<AlertEventRow> events = selectedIn(m_activeView);
    return events.isEmpty() ? selectedIn(m_historyView) : events;
}

void AlertsPanel::updateActions()
{
    const QList<AlertEventRow> selected = selectedEvents();
    bool canAcknowledge = false;
    bool canUnsnooze = false;
    for (const AlertEventRow &e : selected) {
        if (!m_tray)
            break;
        canAcknowledge |= e.resolvedAt == 0 && !m_tray->isAcknowledged(e.resourceId, e.metric);
        canUnsnooze |= m_tray->snoozedUntil(e.resourceId) > 0;
    }
    m_acknowledgeAction->setEnabled(canAcknowledge);
    m_snoozeMenu->menuAction()->setEnabled(m_tray && !selected.isEmpty());
    m_snoozeButton->setEnabled(m_tray && !selected.isEmpty());
    m_unsnoozeAction->setEnabled(canUnsnooze);
    m_goToAction->setEnabled(!selected.isEmpty() && !selected.first().resource.isEmpty());
    // Without a tray controller nothing would keep an acknowledgement or a snooze: don't offer them.
    for (QAction *action : { m_acknowledgeAction, m_unsnoozeAction, m_snoozeMenu->menuAction() })
        action->setVisible(m_tray != nullptr);
    m_snoozeButton->setVisible(m_tray != nullptr);
}

void AlertsPanel::acknowledgeSelected()
{
    if (!m_tray)
        return;
    for (const AlertEventRow &e : selectedEvents()) {
        if (e.resolvedAt == 0)
            m_tray->acknowledge(e.resourceId, e.metric);
    }
    updateSilences();
    updateActions();
}

void AlertsPanel::snoozeSelected(qint64 until)
{
    if (!m_tray)
        return;
    QSet<qint64> done;
    for (const AlertEventRow &e : selectedEvents()) {
        if (!done.contains(e.resourceId))
            m_tray->snooze(e.resourceId, until);
        done.insert(e.resourceId);
    }
    updateSilences();
    updateActions();
}

void AlertsPanel::unsnoozeSelected()
{
    if (!m_tray)
        return;
    for (const AlertEventRow &e : selectedEvents())
        m_tray->unsnooze(e.resourceId);
    updateSilences();
    updateActions();
}

void AlertsPanel::goToSelected()
{
    const QList<AlertEventRow> selected = selectedEvents();
    if (!selected.isEmpty() && selected.first().resourceId > 0)
        Q_EMIT resourceActivated(selected.first().resourceId);
}

void AlertsPanel::showContextMenu(QTableView *view, const QPoint &pos)
{
    if (!view->indexAt(pos).isValid())
        return;
    m_focusView = view;
    updateActions();
    QMenu menu(this);
    if (m_tray) {
        menu.addAction(m_acknowledgeAction);
        menu.addMenu(m_snoozeMenu);
        menu.addAction(m_unsnoozeAction);
        menu.addSeparator();
    }
    menu.addAction(m_goToAction);
    menu.exec(view->viewport()->mapToGlobal(pos));
}

void AlertsPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_timer->start();
    const qint64 now = currentTime();
    m_activeModel->setNow(now);
    m_historyModel->setNow(now);
    updateSilences();
}

void AlertsPanel::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_timer->stop();
}
