#include "headlessrunner.h"
#include "health/healthreport.h"
#include "health/healthserver.h"
#include "health/metricsexporter.h"
#include "health/prometheustext.h"
#include "query/repository.h"
#include "report/reportexporter.h"
#include "storage/database.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QSocketNotifier>
#include <QTextStream>
#include <csignal>
#include <cstdio>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcHeadless, "opsdeck.headless")

namespace {

int g_signalPipe[2] = { -1, -1 };

void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &byte, 1);
}

// --export to a file: SIGINT/SIGTERM stop the export at the next progress call, so the temporary file is
// discarded instead of left beside the target.
volatile std::sig_atomic_t g_exportInterrupted = 0;

void onExportInterrupt(int)
{
    g_exportInterrupted = 1;
}

void printErr(const QString &text)
{
    std::fputs(qPrintable(QStringLiteral("opsdeck: ") + text + QLatin1Char('\n')), stderr);
}

} // namespace

HeadlessRunner::HeadlessRunner(CommandLineOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_startedAt(QDateTime::currentSecsSinceEpoch())
{
}

HeadlessRunner::~HeadlessRunner() = default;

bool HeadlessRunner::loadSetup(const CommandLineOptions &options, RunSetup *setup, QString *error)
{
    if (!options.configPath.isEmpty()) {
        const auto config = Config::load(options.configPath, error);
        if (!config)
            return false;
        setup->config = *config;
    } else if (QFileInfo::exists(Config::defaultPath())) {
        const auto config = Config::load(Config::defaultPath(), error);
        if (!config)
            return false;
        setup->config = *config;
    } else {
        setup->config = Config::defaults();
    }
    QString url = options.databaseUrl;
    QString origin = QStringLiteral("--db/OPSDECK_DB");
    if (url.isEmpty()) {
        url = setup->config.storageUrl.isEmpty() ? Config::defaultDatabaseUrl() : setup->config.storageUrl;
        origin = QStringLiteral("[storage] url");
    }
    QString urlError;
    const auto database = DatabaseUrl::parse(url, &urlError);
    if (!database) {
        *error = QStringLiteral("%1: %2").arg(origin, urlError);
        return false;
    }
    setup->database = *database;
    setup->databaseFromCommandLine = !options.databaseUrl.isEmpty();
    QStringList known;
    for (const SourceConfig &s : std::as_const(setup->config.sources))
        known << s.name;
    for (const QString &name : options.sources) {
        if (!known.contains(name)) {
            *error = QStringLiteral("unknown source '%1' for --source; configured sources: %2")
                         .arg(name, known.isEmpty() ? QStringLiteral("none") : known.join(QLatin1String(", ")));
            return false;
        }
    }
    return true;
}

bool HeadlessRunner::listenToken(const ListenConfig &listen, QByteArray *token, QString *error)
{
    token->clear();
    if (!listen.tokenFile.isEmpty()) {
        QFile file(listen.tokenFile);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("[listen] token_file %1: cannot read the token: %2")
                         .arg(listen.tokenFile, file.errorString());
            return false;
        }
        *token = file.readLine(4096).trimmed();
        if (token->isEmpty()) {
            *error = QStringLiteral("[listen] token_file %1 is empty: put the bearer token on its first line")
                         .arg(listen.tokenFile);
            return false;
        }
        return true;
    }
    if (!listen.tokenEnv.isEmpty()) {
        *token = qgetenv(qPrintable(listen.tokenEnv)).trimmed();
        if (token->isEmpty()) {
            *error = QStringLiteral("[listen] token_env names %1, but that environment variable is not set or empty")
                         .arg(listen.tokenEnv);
            return false;
        }
    }
    return true;
}

void HeadlessRunner::start()
{
    if (!m_options.verbose)
        QLoggingCategory::setFilterRules(QStringLiteral("opsdeck.*.info=false"));
    QString error;
    if (!loadSetup(m_options, &m_setup, &error)) {
        printErr(error);
        finish(2);
        return;
    }
    switch (m_options.mode) {
    case CommandLineOptions::Mode::Sync:
        runSync();
        return;
    case CommandLineOptions::Mode::Export:
        finish(runExport());
        return;
    case CommandLineOptions::Mode::Health:
        runHealth();
        return;
    default:
        finish(2);
        return;
    }
}

void HeadlessRunner::finish(int code)
{
    QMetaObject::invokeMethod(QCoreApplication::instance(), [code] { QCoreApplication::exit(code); },
                              Qt::QueuedConnection);
}

void HeadlessRunner::printReport(const SyncReport &report)
{
    QTextStream out(stdout);
    if (m_options.json) {
        // One object per round: pretty for a single run, one line per round in --watch so it stays parseable.
        out << QJsonDocument(report.toJson())
                   .toJson(m_options.watch ? QJsonDocument::Compact : QJsonDocument::Indented);
        if (m_options.watch)
            out << '\n';
    } else {
        out << report.toText();
    }
    out.flush();
}

void HeadlessRunner::runSync()
{
    // On a schedule, --source narrows what runs; once, it names the sources of the single round.
    if (m_options.watch && !m_options.sources.isEmpty()) {
        for (SourceConfig &s : m_setup.config.sources)
            s.enabled = s.enabled && m_options.sources.contains(s.name);
    }
    m_engine = std::make_unique<SyncEngine>(m_setup.config, m_setup.database);
    if (m_options.watch && !m_options.listenHost.isEmpty()) {
        m_repository = std::make_unique<Repository>(m_setup.database, RepositoryOptions::fromConfig(m_setup.config));
        QString error;
        m_repository->loadBaselines(&error);
        m_repository->follow(m_engine.get());
        if (!startListening())
            return;
        connect(m_engine.get(), &SyncEngine::sourceFinished, this,
                [this](const SourceRunResult &run) { m_metrics->recordRun(run); });
    }
    // A person at a terminal sees how far a long backfill is; cron and pipes get no control characters.
    if (::isatty(STDERR_FILENO)) {
        connect(m_engine.get(), &SyncEngine::sourceProgress, this, [](const QString &source, int done, int total) {
            std::fprintf(stderr, "\r\033[Ksyncing %s: %d/%d requests", qPrintable(source), done, total);
            std::fflush(stderr);
        });
        connect(m_engine.get(), &SyncEngine::sourceFinished, this, [] {
            std::fputs("\r\033[K", stderr);
            std::fflush(stderr);
        });
    }
    if (!m_options.watch) {
        connect(m_engine.get(), &SyncEngine::roundFinished, this, [this](const SyncReport &report) {
            printReport(report);
            if (!report.fatalError.isEmpty() && !m_options.json)
                printErr(report.fatalError);
            finish(report.exitCode());
        });
        m_engine->start(false);
        m_engine->syncNow(m_options.sources);
        return;
    }

    // --watch: sync on schedule until SIGTERM/SIGINT. The handler only writes to a pipe; the event loop does the
    // rest, so the source in flight finishes (committed or rolled back) before the process exits 0.
    if (::pipe(g_signalPipe) == 0) {
        auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, this);
        connect(notifier, &QSocketNotifier::activated, this, [this, notifier] {
            char byte;
            [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &byte, 1);
            notifier->setEnabled(false);
            connect(m_engine.get(), &SyncEngine::stopped, this, [this] {
                if (m_repository) {
                    QString error;
                    if (!m_repository->saveBaselines(&error))
                        qCWarning(lcHeadless).noquote() << error;
                }
                finish(0);
            });
            m_engine->stop();
        });
        struct sigaction action = {};
        action.sa_handler = onTerminationSignal;
        sigemptyset(&action.sa_mask);
        sigaction(SIGTERM, &action, nullptr);
        sigaction(SIGINT, &action, nullptr);
    }
    connect(m_engine.get(), &SyncEngine::roundFinished, this, [this](const SyncReport &report) {
        printReport(report);
        if (!report.fatalError.isEmpty() && !m_options.json)
            printErr(report.fatalError);
    });
    m_engine->start(true);
}

QFuture<HealthReport> HeadlessRunner::healthReport(bool checkFile)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    Repository *repository = m_repository.get();
    return repository->syncHealth(now - 86400, checkFile).then(
        [config = m_setup.config, selected = m_options.sources, repository, startedAt = m_startedAt](
            const SyncHealth &sync) {
            return HealthReport::build(config, selected, sync, repository->tracker().snapshot(),
                                       repository->cache().stats(), QDateTime::currentSecsSinceEpoch(), startedAt);
        });
}

void HeadlessRunner::runHealth()
{
    // Reading must not create an empty cache where a typo in --db points; a missing cache is simply unhealthy.
    HealthReport report;
    if (m_setup.database.isSqlite() && !m_setup.database.isMemory() && !QFileInfo::exists(m_setup.database.path)) {
        SyncHealth missing;
        missing.database.url = m_setup.database.redacted();
        missing.database.engine = QStringLiteral("sqlite");
        missing.error = missing.database.error
            = QStringLiteral("there is no cache here yet: run opsdeck --sync first, or check --db / [storage] url");
        report = HealthReport::build(m_setup.config, m_options.sources, missing, {}, {},
                                     QDateTime::currentSecsSinceEpoch(), m_startedAt);
    } else {
        m_repository = std::make_unique<Repository>(m_setup.database, RepositoryOptions::fromConfig(m_setup.config));
        QString error;
        m_repository->loadBaselines(&error); // without baselines there is just no regression flag
        report = healthReport(true).result();
    }
    QTextStream out(stdout);
    if (m_options.json)
        out << QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented);
    else
        out << report.toText();
    out.flush();
    // Like a monitoring plugin: 0 when the cache tells the truth, 1 when it does not (the problems say why).
    finish(report.ok() ? 0 : 1);
}

bool HeadlessRunner::startListening()
{
    QByteArray token;
    QString error;
    if (!listenToken(m_setup.config.listen, &token, &error)) {
        printErr(error);
        finish(2);
        return false;
    }
    HealthServer::Options options;
    options.address = QHostAddress(m_options.listenHost);
    options.port = quint16(m_options.listenPort);
    options.token = token;
    options.requestsPerMinute = m_setup.config.listen.requestsPerMinute;
    const QString where = m_options.listenHost.contains(QLatin1Char(':'))
        ? QStringLiteral("[%1]:%2").arg(m_options.listenHost).arg(m_options.listenPort)
        : QStringLiteral("%1:%2").arg(m_options.listenHost).arg(m_options.listenPort);
    if (token.isEmpty() && !HealthServer::isLoopback(options.address)) {
        printErr(QStringLiteral("--listen %1 is not a loopback address: anyone who can reach it could read the fleet's "
                                "health, so a bearer token is required. Set [listen] token_file or token_env in the "
                                "config, or listen on 127.0.0.1")
                     .arg(where));
        finish(2);
        return false;
    }
    m_metrics = std::make_unique<MetricsExporter>();
    m_server = std::make_unique<HealthServer>();
    m_server->setHealthProvider([this] {
        return healthReport().then([](const HealthReport &report) {
            return HttpReply { report.ok() ? 200 : 503, QByteArrayLiteral("application/json"),
                               QJsonDocument(report.toJson()).toJson(QJsonDocument::Indented) };
        });
    });
    m_server->setMetricsProvider([this] {
        Repository *repository = m_repository.get();
        MetricsExporter *metrics = m_metrics.get();
        return healthReport().then([repository, metrics](const HealthReport &report) {
            return HttpReply { 200, QByteArray(PrometheusText::ContentType),
                               metrics->render(report, repository->cache().stats(), repository->tracker().histograms(),
                                               repository->tracker().snapshot()) };
        });
    });
    if (!m_server->listen(options, &error)) {
        printErr(error);
        finish(1);
        return false;
    }
    qCInfo(lcHeadless).noquote() << "serving /health and /metrics on" << where;
    return true;
}

int HeadlessRunner::runExport()
{
    const QString connection = QStringLiteral("opsdeck-export");
    QString error;
    int code = 0;
    // Reading must not create an empty cache where a typo in --db points.
    if (m_setup.database.isSqlite() && !m_setup.database.isMemory() && !QFileInfo::exists(m_setup.database.path)) {
        printErr(QStringLiteral("there is no cache at %1 yet: run opsdeck --sync first, or check --db / "
                                "[storage] url")
                     .arg(m_setup.database.path));
        return 1;
    }
    {
        const auto db = Database::open(m_setup.database, connection, &error);
        if (!db) {
            printErr(error);
            return 1;
        }
        ExportRequest request;
        request.report = m_options.report;
        request.from = m_options.from;
        request.to = m_options.to;
        request.resources = m_options.resources;
        request.sources = m_options.sources;
        request.resolution = m_options.resolution;
        request.alerts = m_setup.config.alerts;
        for (const QString &m : std::as_const(m_options.metrics))
            request.metrics << *metricFromName(m);
        ReportExporter exporter(*db);
        if (m_options.out == QLatin1String("-")) {
            QFile out;
            if (!out.open(stdout, QIODevice::WriteOnly) || !exporter.write(request, &out)) {
                printErr(exporter.lastError());
                code = exporter.isUsageError() ? 2 : 1;
            }
        } else {
            // Written beside the target and renamed into place: a failed export never leaves half a file or
            // clobbers the previous one. Exports may hold host names and figures: owner-only permissions.
            QSaveFile out(m_options.out);
            struct sigaction action = {};
            action.sa_handler = onExportInterrupt;
            sigemptyset(&action.sa_mask);
            sigaction(SIGTERM, &action, nullptr);
            sigaction(SIGINT, &action, nullptr);
            exporter.setProgress([](qint64) { return !g_exportInterrupted; });
            if (!out.open(QIODevice::WriteOnly)) {
                printErr(QStringLiteral("cannot write %1: %2").arg(m_options.out, out.errorString()));
                code = 1;
            } else if (!out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
                // Before the first row: nobody else may read the report while it is being written.
                printErr(QStringLiteral("cannot restrict %1 to its owner: %2").arg(m_options.out, out.errorString()));
                out.cancelWriting();
                code = 1;
            } else if (!exporter.write(request, &out)) {
                out.cancelWriting();
                printErr(exporter.wasCancelled()
                             ? QStringLiteral("export interrupted; %1 was not written").arg(m_options.out)
                             : exporter.lastError());
                code = exporter.isUsageError() ? 2 : 1;
            } else {
                if (!out.commit()) {
                    printErr(QStringLiteral("cannot write %1: %2").arg(m_options.out, out.errorString()));
                    code = 1;
                }
            }
        }
    }
    Database::close(connection);
    return code;
}
