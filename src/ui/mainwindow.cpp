#include "mainwindow.h"
#include "alertspanel.h"
#include "overviewpanel.h"
#include "thresholdsdialog.h"
#include "performancepanel.h"
#include "syncpanel.h"
#include "traycontroller.h"
#include "appicon.h"
#include "detaildialog.h"
#include "elidedlabel.h"
#include "exportdialog.h"
#include "fleetfilterproxymodel.h"
#include "fleettablemodel.h"
#include "infobanner.h"
#include "keyringstore.h"
#include "settingsdialog.h"
#include "query/repository.h"
#include "relativetime.h"
#include "sync/syncengine.h"
#include "trendchartview.h"

#include <QAction>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QHostInfo>
#include <QLineEdit>
#include <QProgressBar>
#include <QScreen>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {

const auto GeometryKey = QStringLiteral("MainWindow/geometry");
const auto StateKey = QStringLiteral("MainWindow/state");
const auto HeaderKey = QStringLiteral("MainWindow/fleetHeader");
const auto HeaderColumnsKey = QStringLiteral("MainWindow/fleetHeaderColumns");
const auto SplitterKey = QStringLiteral("MainWindow/splitter");
const auto TabKey = QStringLiteral("MainWindow/tab");
const auto TrayHintKey = QStringLiteral("MainWindow/trayHintShown");
const auto RangeKey = QStringLiteral("MainWindow/trendRange");
const auto FirstStartHintKey = QStringLiteral("MainWindow/firstStartHintClosed");

constexpr qint64 Hour = 3600;
constexpr qint64 Day = 24 * Hour;
constexpr qint64 DefaultRange = Day;

constexpr int TickMs = 30 * 1000;

qint64 nowSecs()
{
    return QDateTime::currentSecsSinceEpoch();
}

QIcon themeIcon(const QString &name, QStyle::StandardPixmap fallback, const QStyle *style)
{
    return QIcon::fromTheme(name, style->standardIcon(fallback));
}

} // namespace

MainWindow::MainWindow(const RunSetup &setup, QWidget *parent)
    : QMainWindow(parent)
    , m_setup(setup)
    , m_repository(std::make_unique<Repository>(setup.database, RepositoryOptions::fromConfig(setup.config)))
    , m_engine(std::make_unique<SyncEngine>(setup.config, setup.database))
{
    setWindowTitle(tr("OpsDeck"));
    setWindowIcon(appIcon());

    m_model = new FleetTableModel(this);
    m_rules = AlertRuleSet(m_setup.config.alerts); // until the stored ones are read
    m_model->setRules(m_rules);
    QHash<QString, qint64> intervals;
    for (const SourceConfig &source : std::as_const(m_setup.config.sources))
        intervals.insert(source.name, source.intervalSeconds);
    m_model->setSourceIntervals(intervals, m_setup.config.syncIntervalSeconds);
    m_proxy = new FleetFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);

    createActions();
    createToolBar();
    createTable();
    createCharts();
    createStatusBar();
    createTray();
    restoreSettings();
    updateErrorColour();

    connectEngine();
    loadRules();
    connect(&m_tick, &QTimer::timeout, this, &MainWindow::onTick);
    m_tick.start(TickMs);

    // The tracker flags a query as regressed against this host's stored baseline. Loading waits on the
    // repository's pool, so it runs off the GUI thread; the first reads may come before it, which only means no
    // regression flag for them.
    m_baselines = QtConcurrent::run([repository = m_repository.get()] {
        QString error;
        repository->loadBaselines(&error);
    });

    // What the cache already holds first, so the window paints at once; then the engine's first round, once the
    // tokens kept in the system keyring are known (at once when there is no keyring or no DigitalOcean source).
    refresh();
    m_keyring = new KeyringStore(nullptr, this);
    m_keyring->loadTokens(m_setup.config, this, [this](const Config &withTokens) { startEngine(withTokens); });
    updateStatus();
}

MainWindow::~MainWindow()
{
    // The engine finishes (or rolls back) the source in flight before its thread ends; then the read pool drains.
    m_engine.reset();
    m_baselines.waitForFinished();
    QString error;
    m_repository->saveBaselines(&error); // without them the next start just has no regression flags
    m_repository.reset();
}

void MainWindow::startEngine(const Config &withTokens)
{
    // Settings were applied before the keyring answered: that engine runs with the dialog's tokens already.
    if (m_engineStarted)
        return;
    // The engine was built before the keyring answered; it has not started, so a new one costs nothing.
    if (std::any_of(withTokens.sources.cbegin(), withTokens.sources.cend(),
                    [](const SourceConfig &s) { return !s.token.isEmpty(); })) {
        m_setup.config = withTokens;
        disconnect(m_engine.get(), nullptr, nullptr, nullptr);
        m_engine = std::make_unique<SyncEngine>(m_setup.config, m_setup.database);
        connectEngine();
    }
    m_engine->start(true);
    m_engineStarted = true;
}

void MainWindow::connectEngine()
{
    connect(m_engine.get(), &SyncEngine::sourceStarted, this, &MainWindow::onSourceStarted);
    connect(m_engine.get(), &SyncEngine::sourceFinished, this, &MainWindow::onSourceFinished);
    connect(m_engine.get(), &SyncEngine::roundFinished, this, &MainWindow::onRoundFinished);
    // The repository first: it drops what the commit changed before the views ask again.
    m_repository->follow(m_engine.get());
    connect(m_engine.get(), &SyncEngine::dataChanged, this, &MainWindow::refresh);
    // Only a commit with samples of the shown resource changes its charts: a backfill of other resources (one
    // commit per 50,000 samples) would otherwise re-read and repaint all three charts every time.
    connect(m_engine.get(), &SyncEngine::dataChanged, this, [this](const QList<qint64> &resourceIds) {
        if (m_resourceId != 0 && resourceIds.contains(m_resourceId))
            reloadCharts();
    });
    connect(m_engine.get(), &SyncEngine::sourceStarted, m_syncPanel, &SyncPanel::sourceStarted);
    connect(m_engine.get(), &SyncEngine::sourceProgress, m_syncPanel, &SyncPanel::sourceProgress);
    connect(m_engine.get(), &SyncEngine::sourceFinished, m_syncPanel, &SyncPanel::sourceFinished);
    connect(m_engine.get(), &SyncEngine::alertTransitions, m_tray, &TrayController::onAlertTransitions);
    // A damaged cache moved away or restored from a backup: the views and their cache still read the old file, so
    // the window is opened anew over the new one, as after a change of storage in Settings.
    connect(m_engine.get(), &SyncEngine::cacheReplaced, this, [this] { Q_EMIT reopenRequested(m_setup); });
    // Queued: the Repository drops its cached alert list on the same signals first.
    for (auto signal : { &SyncEngine::dataChanged })
        connect(m_engine.get(), signal, m_alertsPanel, [panel = m_alertsPanel] {
            QTimer::singleShot(0, panel, &AlertsPanel::refresh);
        });
    connect(m_engine.get(), &SyncEngine::alertTransitions, m_alertsPanel,
            [panel = m_alertsPanel] { QTimer::singleShot(0, panel, &AlertsPanel::refresh); });
}

// Settings were applied (the INI is written). Sources, intervals and retention take effect at once: the engine
// is replaced by one built from the new configuration. The old one stops in the background — it abandons the
// source in flight at its next request (rolled back, never half-written) — so the window never waits for a long
// backfill; the sync lock keeps the two from syncing one source at the same time. A new cache (storage URL) is a
// new window over it: see reopenRequested().
void MainWindow::applyConfig(const Config &config)
{
    RunSetup next = m_setup;
    next.config = config;
    if (!m_setup.databaseFromCommandLine) {
        QString error;
        const auto url = DatabaseUrl::parse(
            config.storageUrl.isEmpty() ? Config::defaultDatabaseUrl() : config.storageUrl, &error);
        if (url && (url->redacted() != m_setup.database.redacted() || url->password != m_setup.database.password)) {
            next.database = *url;
            saveSettings();
            Q_EMIT reopenRequested(next);
            return;
        }
    }

    if (m_engineStarted) {
        SyncEngine *old = m_engine.release();
        disconnect(old, nullptr, this, nullptr);
        disconnect(old, nullptr, m_syncPanel, nullptr);
        disconnect(old, nullptr, m_tray, nullptr);
        disconnect(old, nullptr, m_alertsPanel, nullptr);
        connect(old, &SyncEngine::stopped, old, &QObject::deleteLater);
        old->stop();
    }

    m_setup = next;
    m_syncingSource.clear();
    m_syncRequested = false;
    m_fatalError.clear();
    m_sourceErrors.clear();
    QHash<QString, qint64> intervals;
    for (const SourceConfig &source : std::as_const(m_setup.config.sources))
        intervals.insert(source.name, source.intervalSeconds);
    m_model->setSourceIntervals(intervals, m_setup.config.syncIntervalSeconds);
    m_syncPanel->setSources(m_setup.config);

    m_engine = std::make_unique<SyncEngine>(m_setup.config, m_setup.database);
    connectEngine();
    m_engine->start(true);
    m_engineStarted = true;
    updateStatus();
    updateEmptyState();
    updateBanners();
}

void MainWindow::createActions()
{
    m_syncAction = new QAction(themeIcon(QStringLiteral("view-refresh"), QStyle::SP_BrowserReload, style()),
                               tr("Sync now"), this);
    m_syncAction->setObjectName(QStringLiteral("syncNowAction"));
    m_syncAction->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_R), QKeySequence(Qt::Key_F5) });
    m_syncAction->setToolTip(tr("Sync all enabled sources now (Ctrl+R, F5)"));
    connect(m_syncAction, &QAction::triggered, this, &MainWindow::syncNow);
    addAction(m_syncAction);

    m_thresholdsAction = new QAction(themeIcon(QStringLiteral("configure"), QStyle::SP_FileDialogDetailedView, style()),
                                     tr("Thresholds…"), this);
    m_thresholdsAction->setObjectName(QStringLiteral("thresholdsAction"));
    m_thresholdsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    m_thresholdsAction->setToolTip(tr("Alert thresholds, with a replay of the history (Ctrl+T)"));
    connect(m_thresholdsAction, &QAction::triggered, this, &MainWindow::openThresholds);
    addAction(m_thresholdsAction);

    m_exportAction = new QAction(themeIcon(QStringLiteral("document-save-as"), QStyle::SP_DialogSaveButton, style()),
                                 tr("Export…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Write resources, history, alerts or the sync log to a CSV file (Ctrl+E)"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::openExport);
    addAction(m_exportAction);

    m_settingsAction = new QAction(themeIcon(QStringLiteral("preferences-system"), QStyle::SP_FileDialogInfoView, style()),
                                   tr("Settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    m_settingsAction->setShortcut(QKeySequence::Preferences);
    if (m_settingsAction->shortcut().isEmpty())
        m_settingsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_settingsAction->setToolTip(tr("Sources, tokens, intervals and storage (Ctrl+,)"));
    connect(m_settingsAction, &QAction::triggered, this, [this] { openSettings(); });
    addAction(m_settingsAction);

    auto *addSource = new QAction(tr("Add a source…"), this);
    addSource->setObjectName(QStringLiteral("addSourceAction"));
    connect(addSource, &QAction::triggered, this, [this] { openSettings(); });
    m_addSourceActions = { addSource };
    auto *fixSource = new QAction(tr("Open Settings"), this);
    fixSource->setObjectName(QStringLiteral("fixSourceAction"));
    connect(fixSource, &QAction::triggered, this,
            [this] { openSettings(m_sourceErrors.isEmpty() ? QString() : m_sourceErrors.firstKey()); });

    m_findAction = new QAction(tr("Filter"), this);
    m_sourceErrorActions = { fixSource, m_syncAction };
    m_findAction->setShortcut(QKeySequence::Find);
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_filter->setFocus(Qt::ShortcutFocusReason);
        m_filter->selectAll();
    });
    addAction(m_findAction);

    auto *quit = new QAction(tr("Quit"), this);
    quit->setShortcut(QKeySequence::Quit);
    connect(quit, &QAction::triggered, this, &MainWindow::quit);
    addAction(quit);
}

void MainWindow::createToolBar()
{
    QToolBar *bar = addToolBar(tr("Main Toolbar"));
    bar->setObjectName(QStringLiteral("mainToolBar"));
    bar->setMovable(false);
    bar->setFloatable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setContextMenuPolicy(Qt::PreventContextMenu); // the only toolbar: hiding it would strand the filter
    bar->addAction(m_syncAction);
    bar->addAction(m_thresholdsAction);
    bar->addAction(m_exportAction);
    bar->addAction(m_settingsAction);
    bar->addSeparator();

    m_rangeBox = new QComboBox(bar);
    m_rangeBox->setObjectName(QStringLiteral("rangeBox"));
    m_rangeBox->setAccessibleName(tr("Time range"));
    m_rangeBox->setToolTip(tr("How far back the trend charts reach (Alt+A)"));
    const QStringList names
        = { tr("Last hour"), tr("Last 6 hours"), tr("Last 24 hours"), tr("Last 7 days"), tr("Last 30 days") };
    const QList<qint64> spans = rangeSpans();
    for (int i = 0; i < spans.size(); ++i)
        m_rangeBox->addItem(names.at(i), spans.at(i));
    m_rangeBox->setCurrentIndex(int(spans.indexOf(DefaultRange)));
    connect(m_rangeBox, &QComboBox::currentIndexChanged, this, [this] {
        for (TrendChartView *chart : std::as_const(m_charts))
            chart->clear();
        reloadCharts();
    });
    // A buddy label gives the box a mnemonic, so the keyboard reaches it without tabbing through the table.
    auto *rangeLabel = new QLabel(tr("R&ange:"), bar);
    rangeLabel->setBuddy(m_rangeBox);
    rangeLabel->setContentsMargins(4, 0, 4, 0);
    bar->addWidget(rangeLabel);
    bar->addWidget(m_rangeBox);

    auto *spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);

    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(QStringLiteral("filterEdit"));
    m_filter->setPlaceholderText(tr("Filter resources…"));
    m_filter->setAccessibleName(tr("Filter resources"));
    m_filter->setToolTip(tr("Show only resources whose name, kind, source, region, status or tags contain every "
                            "word typed (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(fontMetrics().averageCharWidth() * 32);
    m_filter->setMaximumWidth(fontMetrics().averageCharWidth() * 48);
    const QIcon find = QIcon::fromTheme(QStringLiteral("edit-find"));
    if (!find.isNull())
        m_filter->addAction(find, QLineEdit::LeadingPosition);
    m_filter->installEventFilter(this);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setFilterText(text);
        updateEmptyState();
        updateStatus();
    });
    bar->addWidget(m_filter);
}

void MainWindow::createTable()
{
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("fleetView"));
    m_view->setAccessibleName(tr("Fleet"));
    m_view->setAccessibleDescription(tr("Resources with their latest CPU, memory and disk readings"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(FleetTableModel::Name, Qt::AscendingOrder);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->setCornerButtonEnabled(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);

    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setMinimumSectionSize(fontMetrics().averageCharWidth() * 5);
    // Wide enough for typical content and the header text: names get room, numbers what "100.0 %" needs.
    const QFontMetrics fm = header->fontMetrics();
    auto fit = [&](int column, const QString &sample) {
        const int headerText = fm.horizontalAdvance(m_model->headerData(column, Qt::Horizontal).toString());
        m_view->setColumnWidth(column, std::max(fm.horizontalAdvance(sample), headerText) + fm.averageCharWidth() * 3);
    };
    fit(FleetTableModel::Name, QStringLiteral("db-postgres-prod-fra1"));
    fit(FleetTableModel::Kind, FleetTableModel::tr("Database"));
    fit(FleetTableModel::Source, QStringLiteral("prometheus"));
    fit(FleetTableModel::Region, QStringLiteral("nyc3"));
    fit(FleetTableModel::Status, QStringLiteral("offline"));
    for (const int column : { FleetTableModel::Cpu, FleetTableModel::Memory, FleetTableModel::Disk })
        fit(column, QStringLiteral("100.0 %"));
    fit(FleetTableModel::LastUpdated, RelativeTime::ago(59 * 60));
    // The last column takes the room that is left. Names keep their width: a stretched Name column is the one
    // that shrinks to "Na…" when the table is narrow, and the name is what a row is recognised by.
    header->setStretchLastSection(true);

    // Shown over the table when there is nothing to list, saying why and what to do.
    m_emptyLabel = new QLabel(m_view->viewport());
    m_emptyLabel->setObjectName(QStringLiteral("emptyState"));
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setTextFormat(Qt::PlainText);
    m_emptyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont font = m_emptyLabel->font();
    font.setPointSizeF(font.pointSizeF() * 1.15);
    m_emptyLabel->setFont(font);
    m_emptyLabel->hide();
    m_view->viewport()->installEventFilter(this);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::onCurrentRowChanged);

    m_firstStartBanner = new InfoBanner(this);
    m_firstStartBanner->setObjectName(QStringLiteral("firstStartBanner"));
    m_firstStartBanner->setClosable(true);
    connect(m_firstStartBanner, &InfoBanner::closed, this, [] { QSettings().setValue(FirstStartHintKey, true); });
    m_sourceBanner = new InfoBanner(this);
    m_sourceBanner->setObjectName(QStringLiteral("sourceBanner"));
    m_sourceBanner->setLevel(InfoBanner::Level::Error);
    m_fleetPane = new QWidget(this);
    m_fleetPane->setObjectName(QStringLiteral("fleetPane"));
    auto *layout = new QVBoxLayout(m_fleetPane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_alertBanner = new InfoBanner(this);
    m_alertBanner->setObjectName(QStringLiteral("alertBanner"));
    m_alertBanner->setClosable(true);
    m_alertBanner->hide();
    layout->addWidget(m_alertBanner);
    layout->addWidget(m_firstStartBanner);
    layout->addWidget(m_sourceBanner);
    layout->addWidget(m_view, 1);
    updateBanners();
}

// Above the table, what the user should know about the sources: on a first start with only this machine
// watched, how to add the fleet; while a source keeps failing, its error and the way to fix it.
void MainWindow::updateBanners()
{
    const bool onlyLocal = std::all_of(m_setup.config.sources.cbegin(), m_setup.config.sources.cend(),
                                       [](const SourceConfig &s) { return !s.enabled || s.type == QLatin1String("local"); });
    const bool showHint = onlyLocal && !QSettings().value(FirstStartHintKey, false).toBool();
    if (showHint) {
        m_firstStartBanner->setText(
            hasEnabledSources()
                ? tr("OpsDeck is watching this computer (%1). To see your DigitalOcean droplets, databases and apps, "
                     "or the hosts of a Prometheus server or node_exporter, add a source.")
                      .arg(QHostInfo::localHostName())
                : tr("No source is enabled yet. Add a source — this computer, a DigitalOcean account, a Prometheus "
                     "server or node_exporter hosts — to see your fleet here."));
        m_firstStartBanner->setActions(m_addSourceActions);
    }
    m_firstStartBanner->setVisible(showHint);

    QStringList failures;
    for (auto it = m_sourceErrors.cbegin(); it != m_sourceErrors.cend(); ++it)
        failures << (it.value().isEmpty() ? tr("Source '%1' failed.").arg(it.key()) : it.value());
    if (!m_fatalError.isEmpty())
        failures.prepend(m_fatalError);
    if (!failures.isEmpty()) {
        m_sourceBanner->setText(failures.size() == 1
                                    ? tr("The last sync failed: %1").arg(failures.constFirst())
                                    : tr("%n sources failed in the last sync:\n", nullptr, int(failures.size()))
                                          + failures.join(QLatin1Char('\n')));
        m_sourceBanner->setActions(m_sourceErrorActions);
    }
    m_sourceBanner->setVisible(!failures.isEmpty());
}

void MainWindow::createCharts()
{
    m_chartHint = new QLabel(this);
    m_chartHint->setObjectName(QStringLiteral("chartHint"));
    m_chartHint->setAlignment(Qt::AlignCenter);
    m_chartHint->setWordWrap(true);
    m_chartHint->setTextFormat(Qt::PlainText);
    m_chartHint->setMargin(fontMetrics().height() * 2);
    m_chartHint->setForegroundRole(QPalette::PlaceholderText);

    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    m_chartHeading = new QLabel(page);
    m_chartHeading->setObjectName(QStringLiteral("chartHeading"));
    m_chartHeading->setTextFormat(Qt::PlainText);
    m_chartHeading->setContentsMargins(8, 6, 8, 2);
    QFont font = m_chartHeading->font();
    font.setBold(true);
    m_chartHeading->setFont(font);
    layout->addWidget(m_chartHeading);
    for (const Metric metric : AllMetrics) {
        auto *chart = new TrendChartView(page);
        chart->setObjectName(metricName(metric) + QStringLiteral("Chart"));
        chart->setTitle(DetailDialog::metricTitle(metric));
        connect(chart, &TrendChartView::pointClicked, this,
                [this, metric](int, const TrendPoint &point) { openDetail(metric, point); });
        layout->addWidget(chart, 1);
        m_charts.insert(metric, chart);
    }

    m_chartStack = new QStackedWidget(this);
    m_chartStack->setObjectName(QStringLiteral("chartPane"));
    m_chartStack->addWidget(m_chartHint);
    m_chartStack->addWidget(page);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_syncPanel = new SyncPanel(m_repository.get(), m_setup.config, this);
    m_performancePanel = new PerformancePanel(m_repository.get(), this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_chartStack, tr("&Trends"));
    m_tabs->addTab(new OverviewPanel(m_repository.get(), m_setup.config.alerts, this), tr("&Overview"));
    m_tabs->addTab(m_syncPanel, tr("S&ync"));
    m_tabs->addTab(m_performancePanel, tr("&Performance"));
    m_tabs->setAccessibleName(tr("Details"));
    m_splitter->addWidget(m_fleetPane);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    setCentralWidget(m_splitter);
    updateEmptyState();
}

QList<qint64> MainWindow::rangeSpans()
{
    return { Hour, 6 * Hour, Day, 7 * Day, 30 * Day };
}

qint64 MainWindow::range() const
{
    return m_rangeBox->currentData().toLongLong();
}

void MainWindow::setRange(qint64 seconds)
{
    const int index = m_rangeBox->findData(seconds);
    if (index >= 0)
        m_rangeBox->setCurrentIndex(index);
}

void MainWindow::onCurrentRowChanged()
{
    const QModelIndex current = m_view->currentIndex();
    const qint64 id = current.isValid() ? current.data(FleetTableModel::IdRole).toLongLong() : 0;
    m_resourceName = current.isValid() ? current.siblingAtColumn(FleetTableModel::Name).data().toString() : QString();
    // Re-sorting or an in-place update moves the row, not the resource: no need to read again.
    if (id == m_resourceId)
        return;
    m_resourceId = id;
    for (TrendChartView *chart : std::as_const(m_charts))
        chart->clear();
    applyChartThresholds();
    reloadCharts();
}

void MainWindow::reloadCharts()
{
    ++m_chartGeneration;
    if (m_resourceId == 0) {
        m_chartStack->setCurrentWidget(m_chartHint);
        updateEmptyState();
        return;
    }
    m_chartHeading->setText(tr("%1 · %2").arg(m_resourceName, m_rangeBox->currentText()));
    m_chartStack->setCurrentIndex(1);
    const quint64 generation = m_chartGeneration;
    const qint64 span = range();
    for (auto it = m_charts.cbegin(); it != m_charts.cend(); ++it) {
        TrendChartView *chart = it.value();
        // About one point per pixel; before the first layout the view is still at its default size.
        const int width = std::max(chart->viewport()->width(), chart->minimumSizeHint().width());
        m_repository->recentTrend(m_resourceId, it.key(), span, width)
            .then(this, [this, chart, generation](const TrendResult &result) {
                // The selection, the range or the data changed since: a newer read is on its way.
                if (generation != m_chartGeneration)
                    return;
                chart->setResult(result);
                updateCacheStatus();
            });
    }
}

// The rules in force: [alerts] and what the Thresholds dialog stored in the cache, possibly by a teammate on a
// shared PostgreSQL — so they are read again on every tick.
void MainWindow::loadRules()
{
    m_repository->alertRules().then(this, [this](const AlertRulesResult &result) {
        if (result.error.isEmpty())
            applyRules(result.rules);
    });
}

void MainWindow::applyRules(const AlertRuleSet &rules)
{
    if (rules.overrides() == m_rules.overrides()
        && std::all_of(std::begin(AllMetrics), std::end(AllMetrics),
                       [&](Metric m) { return rules.defaultRule(m) == m_rules.defaultRule(m); }))
        return;
    m_rules = rules;
    m_model->setRules(m_rules);
    m_alertsPanel->setThresholds(m_rules);
    applyChartThresholds();
}

// The charts draw the thresholds of the resource they show, overrides included.
void MainWindow::applyChartThresholds()
{
    const auto &rows = m_model->rows();
    const auto row = std::find_if(rows.cbegin(), rows.cend(), [this](const FleetRow &r) { return r.id == m_resourceId; });
    for (auto it = m_charts.cbegin(); it != m_charts.cend(); ++it) {
        const AlertRule rule = row == rows.cend() ? m_rules.defaultRule(it.key()) : m_rules.ruleFor(*row, it.key());
        it.value()->setThresholds(MetricThresholds { rule.warning, rule.critical });
        // DigitalOcean's App Platform has no disk metric: say so rather than "no samples yet", which suggests waiting.
        const bool never = row != rows.cend() && row->kind == QLatin1String("app") && it.key() == Metric::Disk;
        it.value()->setNoDataText(never ? tr("Apps report no disk usage") : QString());
    }
}

void MainWindow::openThresholds()
{
    auto *dialog = new ThresholdsDialog(m_repository.get(), m_setup.config.alerts, m_resourceId, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ThresholdsDialog::saved, this, [this](const AlertRuleSet &rules) {
        applyRules(rules);
        m_alertsPanel->refresh();
    });
    dialog->show();
}

// Opens on `source` (one whose sync failed, with its error beside the fields) or on the sources list.
void MainWindow::openSettings(const QString &source)
{
    auto *dialog = new SettingsDialog(m_setup.config, configPath(), m_keyring, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QHash<QString, QString> errors;
    for (auto it = m_sourceErrors.cbegin(); it != m_sourceErrors.cend(); ++it)
        errors.insert(it.key(), it.value());
    dialog->setLastErrors(errors);
    if (!source.isEmpty())
        dialog->showSource(source);
    connect(dialog, &SettingsDialog::applied, this, &MainWindow::applyConfig);
    dialog->open();
}

// The export runs on its own thread and connection (ExportJob); the selected rows preselect its resources.
void MainWindow::openExport()
{
    QStringList names;
    for (const FleetRow &row : m_model->rows())
        names << row.name;
    QStringList selected;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows(FleetTableModel::Name))
        selected << index.data().toString();
    auto *dialog = new ExportDialog(m_setup.database, m_setup.config.alerts, names, selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::selectResource(qint64 id)
{
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, FleetTableModel::Name);
        if (index.data(FleetTableModel::IdRole).toLongLong() == id) {
            m_view->setCurrentIndex(index);
            m_view->scrollTo(index);
            m_tabs->setCurrentWidget(m_chartStack);
            m_view->setFocus(Qt::OtherFocusReason);
            return;
        }
    }
    // Hidden by the filter: show everything rather than nothing.
    if (!m_filter->text().isEmpty()) {
        m_filter->clear();
        selectResource(id);
    }
}

void MainWindow::openDetail(Metric metric, const TrendPoint &point)
{
    const qint64 resourceId = m_charts.value(metric)->result().request.resourceId;
    auto *dialog = new DetailDialog(m_repository.get(), resourceId, m_resourceName, metric, point,
                                    m_setup.config.retentionDays, this);
    dialog->show();
}

void MainWindow::createStatusBar()
{
    m_progress = new QProgressBar(statusBar());
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setAccessibleName(tr("Sync in progress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(fontMetrics().averageCharWidth() * 14);
    m_progress->setMaximumHeight(fontMetrics().height());
    m_progress->hide();

    m_statusLabel = new QLabel(statusBar());
    m_statusLabel->setObjectName(QStringLiteral("syncStatus"));
    m_statusLabel->setAccessibleName(tr("Sync status"));
    m_statusLabel->setTextFormat(Qt::PlainText);

    m_errorLabel = new ElidedLabel(statusBar());
    m_errorLabel->setObjectName(QStringLiteral("syncError"));
    m_errorLabel->setAccessibleName(tr("Last sync error"));
    m_errorLabel->hide();

    statusBar()->addWidget(m_progress);
    statusBar()->addWidget(m_statusLabel);
    statusBar()->addWidget(m_errorLabel, 1);

    m_cacheLabel = new QLabel(statusBar());
    m_cacheLabel->setObjectName(QStringLiteral("cacheStatus"));
    m_cacheLabel->setAccessibleName(tr("Query cache hit rate"));
    m_cacheLabel->setTextFormat(Qt::PlainText);
    statusBar()->addPermanentWidget(m_cacheLabel);
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(GeometryKey).toByteArray())) {
        // Room for the table's columns and three readable charts, within the screen.
        const QRect available = screen()->availableGeometry();
        resize(std::min(1500, available.width() * 9 / 10), std::min(900, available.height() * 9 / 10));
    }
    restoreState(settings.value(StateKey).toByteArray());
    // A header saved with another set of columns would put sections in the wrong places.
    if (settings.value(HeaderColumnsKey).toInt() == FleetTableModel::ColumnCount)
        m_view->horizontalHeader()->restoreState(settings.value(HeaderKey).toByteArray());
    m_tabs->setCurrentIndex(std::clamp(settings.value(TabKey, 0).toInt(), 0, m_tabs->count() - 1));
    if (!m_splitter->restoreState(settings.value(SplitterKey).toByteArray()))
    {
        // The table as wide as its columns, as long as the charts keep a readable width.
        const int table = m_view->horizontalHeader()->length() + 2 * m_view->frameWidth()
                          + m_view->verticalScrollBar()->sizeHint().width();
        const int left = std::min(table, width() - std::max(460, width() / 3));
        m_splitter->setSizes({ left, width() - left });
    }
    setRange(settings.value(RangeKey, DefaultRange).toLongLong());
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(GeometryKey, saveGeometry());
    settings.setValue(StateKey, saveState());
    settings.setValue(HeaderKey, m_view->horizontalHeader()->saveState());
    settings.setValue(HeaderColumnsKey, int(FleetTableModel::ColumnCount));
    settings.setValue(SplitterKey, m_splitter->saveState());
    settings.setValue(TabKey, m_tabs->currentIndex());
    settings.setValue(RangeKey, range());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    // With a tray OpsDeck keeps watching when the window closes (and says so once); without one, closing quits.
    if (m_tray->hasTray() && !m_quitting) {
        event->ignore();
        hide();
        QSettings settings;
        if (!settings.value(TrayHintKey, false).toBool()) {
            settings.setValue(TrayHintKey, true);
            m_tray->trayIcon()->showMessage(tr("OpsDeck is still running"),
                                            tr("OpsDeck keeps syncing and will tell you about alerts from the tray. "
                                               "Choose Quit in the tray menu (or press Ctrl+Q) to end it."),
                                            QSystemTrayIcon::Information, 10000);
        }
        return;
    }
    event->accept();
}

void MainWindow::createTray()
{
    m_tray = new TrayController(this);
    m_alertsPanel = new AlertsPanel(m_repository.get(), m_tray, this);
    m_alertsPanel->setThresholds(m_rules);
    m_alertsTab = m_tabs->insertTab(1, m_alertsPanel, AlertsPanel::tabTitle(0));
    connect(m_alertsPanel, &AlertsPanel::activeCountChanged, this,
            [this](int count) { m_tabs->setTabText(m_alertsTab, AlertsPanel::tabTitle(count)); });
    connect(m_alertsPanel, &AlertsPanel::resourceActivated, this, &MainWindow::selectResource);
    connect(m_tray, &TrayController::showRequested, this, &MainWindow::showFromTray);
    connect(m_tray, &TrayController::syncRequested, this, &MainWindow::syncNow);
    connect(m_tray, &TrayController::quitRequested, this, &MainWindow::quit);
    if (!m_tray->hasTray())
        connect(m_tray, &TrayController::notified, this, &MainWindow::showAlertInWindow);
    // What is firing already, so the icon is right from the start, not only after the next transition.
    m_repository->alertLog(0, 1000, true).then(this, [this](const AlertLogResult &result) {
        if (result.error.isEmpty())
            m_tray->setFiring(result.events);
    });
}

void MainWindow::showFromTray()
{
    showNormal();
    raise();
    activateWindow();
}

void MainWindow::quit()
{
    m_quitting = true;
    saveSettings();
    close();
    QCoreApplication::quit();
}

// Without a tray, alerts are told in the window: the grouped notification stays above the table until closed
// or replaced by the next one, with the way to the Alerts tab.
void MainWindow::showAlertInWindow(const AlertNotification &notification)
{
    m_alertBanner->setLevel(notification.isResolvedOnly()              ? InfoBanner::Level::Information
                                : notification.level == AlertLevel::Critical ? InfoBanner::Level::Error
                                                                             : InfoBanner::Level::Warning);
    m_alertBanner->setText(notification.body.isEmpty() || notification.body == notification.title
                               ? notification.title
                               : notification.title + QLatin1Char('\n') + notification.body);
    if (!m_showAlertsAction) {
        m_showAlertsAction = new QAction(tr("Show alerts"), this);
        m_showAlertsAction->setObjectName(QStringLiteral("showAlertsAction"));
        connect(m_showAlertsAction, &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_alertsPanel); });
        m_alertBanner->setActions({ m_showAlertsAction });
    }
    m_alertBanner->show();
}

void MainWindow::changeEvent(QEvent *event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateErrorColour();
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (m_view && watched == m_view->viewport() && event->type() == QEvent::Resize) {
        const int margin = fontMetrics().height() * 2;
        m_emptyLabel->setGeometry(m_view->viewport()->rect().adjusted(margin, margin, -margin, -margin));
    } else if (m_view && watched == m_filter && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        // Escape clears the filter, then hands the keyboard back to the table; arrows and Enter go to the table.
        if (key->key() == Qt::Key_Escape && !m_filter->text().isEmpty()) {
            m_filter->clear();
            return true;
        }
        if (key->key() == Qt::Key_Escape || key->key() == Qt::Key_Down || key->key() == Qt::Key_Return
            || key->key() == Qt::Key_Enter) {
            m_view->setFocus(Qt::OtherFocusReason);
            if (!m_view->currentIndex().isValid() && m_proxy->rowCount() > 0)
                m_view->setCurrentIndex(m_proxy->index(0, 0));
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::refresh()
{
    // One read at a time; a burst of commits while one is running costs one more read, not one each.
    if (m_reading) {
        m_readAgain = true;
        return;
    }
    m_reading = true;
    m_repository->fleet().then(this, [this](const FleetResult &result) {
        m_reading = false;
        applyFleet(result);
        if (m_readAgain) {
            m_readAgain = false;
            refresh();
        }
    });
}

void MainWindow::applyFleet(const FleetResult &result)
{
    m_loaded = true;
    m_readError = result.error;
    // On a failed read the rows already shown stay: old data, clearly labelled, beats an empty table.
    if (result.error.isEmpty()) {
        m_model->setNow(nowSecs());
        m_model->setRows(result.rows);
        m_storedLastSyncAt = result.lastSyncAt;
        m_storedSyncError = result.lastSyncError;
    }
    // The first time there is something to show, show the trends of the first resource rather than nothing.
    if (!m_autoSelected && m_proxy->rowCount() > 0) {
        m_autoSelected = true;
        if (!m_view->currentIndex().isValid())
            m_view->setCurrentIndex(m_proxy->index(0, FleetTableModel::Name));
    }
    updateStatus();
    updateEmptyState();
}

void MainWindow::syncNow()
{
    if (!hasEnabledSources())
        return;
    m_syncRequested = true;
    m_engine->syncNow();
    updateStatus();
}

void MainWindow::onSourceStarted(const QString &source)
{
    m_syncingSource = source;
    updateStatus();
}

void MainWindow::onSourceFinished(const SourceRunResult &result)
{
    m_syncingSource.clear();
    if (result.status == QLatin1String("failed"))
        m_sourceErrors.insert(result.name, result.error);
    else if (result.status == QLatin1String("ok"))
        m_sourceErrors.remove(result.name);
    // "locked": another OpsDeck synced it; what it wrote shows up on the next read.
    updateStatus();
    updateBanners();
}

void MainWindow::onRoundFinished(const SyncReport &report)
{
    m_syncingSource.clear();
    m_syncRequested = false;
    m_fatalError = report.fatalError;
    if (!report.sources.isEmpty() || !report.fatalError.isEmpty())
        m_roundSeen = true;
    for (const SourceRunResult &source : report.sources) {
        if (source.status != QLatin1String("locked"))
            m_roundLastSyncAt = std::max(m_roundLastSyncAt, report.finishedAtMs / 1000);
    }
    refresh();
    updateStatus();
    updateEmptyState();
    updateBanners();
}

void MainWindow::onTick()
{
    loadRules();
    m_model->setNow(nowSecs());
    updateStatus();
    refresh();
}

QString MainWindow::syncErrorText() const
{
    if (!m_fatalError.isEmpty())
        return tr("Cannot sync: %1").arg(m_fatalError);
    if (!m_sourceErrors.isEmpty()) {
        QStringList errors;
        for (auto it = m_sourceErrors.cbegin(); it != m_sourceErrors.cend(); ++it)
            errors << (it.value().isEmpty() ? tr("source '%1' failed").arg(it.key()) : it.value());
        return tr("Last sync failed: %1").arg(errors.join(QStringLiteral("; ")));
    }
    // Before this session's first round, the cache's own record says whether the last sync worked.
    if (!m_roundSeen && !m_storedSyncError.isEmpty())
        return tr("Last sync failed: %1").arg(m_storedSyncError);
    return {};
}

void MainWindow::updateStatus()
{
    QString text;
    if (!m_loaded) {
        text = tr("Reading the cache…");
    } else if (!m_syncingSource.isEmpty()) {
        text = tr("Syncing %1…").arg(m_syncingSource);
    } else if (m_syncRequested) {
        text = tr("Starting sync…");
    } else {
        const qint64 lastSync = std::max(m_storedLastSyncAt, m_roundLastSyncAt);
        const QString synced
            = lastSync > 0 ? tr("Last sync %1").arg(RelativeTime::ago(nowSecs() - lastSync)) : tr("Not synced yet");
        const int total = m_model->rowCount();
        const int shown = m_proxy->rowCount();
        QString count;
        if (shown != total)
            count = tr("%1 of %2 resources").arg(shown).arg(total);
        else
            count = total == 1 ? tr("1 resource") : tr("%n resources", nullptr, total);
        text = synced + QStringLiteral(" · ") + count;
    }
    m_statusLabel->setText(text);
    // A named label's text is not spoken (Qt 6.4 gives labels no AT-SPI text): the content goes in the description.
    m_statusLabel->setAccessibleDescription(text);
    m_progress->setVisible(busy());
    m_syncAction->setEnabled(hasEnabledSources() && !busy());
    if (!hasEnabledSources())
        m_syncAction->setToolTip(tr("No source is enabled in %1").arg(configPath()));

    const QString error = m_readError.isEmpty() ? syncErrorText() : tr("Cannot read the cache: %1").arg(m_readError);
    m_errorLabel->setFullText(error);
    m_errorLabel->setAccessibleDescription(error);
    m_errorLabel->setVisible(!error.isEmpty());
    updateCacheStatus();
}

void MainWindow::updateCacheStatus()
{
    const QueryCacheStats stats = m_repository->cache().stats();
    if (stats.hits + stats.misses == 0) {
        m_cacheLabel->clear();
        m_cacheLabel->setAccessibleDescription({});
        return;
    }
    m_cacheLabel->setText(tr("cache %1 % hits").arg(qRound(stats.hitRate() * 100)));
    m_cacheLabel->setAccessibleDescription(m_cacheLabel->text());
}

void MainWindow::updateEmptyState()
{
    QString text;
    if (!m_loaded) {
        // The first read takes milliseconds: say nothing rather than flash a message.
    } else if (m_model->rowCount() == 0) {
        const QString error = syncErrorText();
        if (!m_readError.isEmpty()) {
            text = tr("OpsDeck cannot read its cache:\n%1").arg(m_readError);
        } else if (!error.isEmpty()) {
            text = tr("%1\n\nCheck the source in Settings (Ctrl+,), then press Sync now (F5).").arg(error);
        } else if (!hasEnabledSources()) {
            text = tr("No source is enabled, so there is nothing to collect.\n\nAdd one in Settings (Ctrl+,); it is "
                      "saved in %1.")
                       .arg(configPath());
        } else {
            const bool local
                = std::any_of(m_setup.config.sources.cbegin(), m_setup.config.sources.cend(),
                              [](const SourceConfig &s) { return s.enabled && s.type == QLatin1String("local"); });
            text = local ? tr("Collecting the first readings of this machine…")
                         : tr("Collecting the first readings from your sources…");
        }
    } else if (m_proxy->rowCount() == 0) {
        text = tr("No resources match “%1”.").arg(m_filter->text().trimmed());
    }
    m_emptyLabel->setText(text);
    m_emptyLabel->setVisible(!text.isEmpty());

    if (m_chartHint) {
        m_chartHint->setText(m_model->rowCount() == 0
                                 ? tr("The CPU, memory and disk trends of a resource appear here once it has "
                                      "readings.")
                                 : tr("Select a resource in the table to see its CPU, memory and disk trends."));
    }
}

void MainWindow::updateErrorColour()
{
    // A red that reads on the window colour of light and dark themes alike.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    QPalette p = m_errorLabel->palette();
    p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0x8a, 0x80) : QColor(0xc6, 0x28, 0x28));
    m_errorLabel->setPalette(p);
}

QString MainWindow::configPath() const
{
    return QDir::toNativeSeparators(m_setup.config.filePath.isEmpty() ? Config::defaultPath()
                                                                      : m_setup.config.filePath);
}

bool MainWindow::hasEnabledSources() const
{
    return std::any_of(m_setup.config.sources.cbegin(), m_setup.config.sources.cend(),
                       [](const SourceConfig &s) { return s.enabled; });
}
