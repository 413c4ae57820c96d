#include "headlessrunner.h"
#include "report/reportexporter.h"
#include "storage/database.h"
#include "sync/syncengine.h"

#include <QCoreApplication>
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

namespace {

int g_signalPipe[2] = { -1, -1 };

void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &byte, 1);
}

void printErr(const QString &text)
{
    std::fputs(qPrintable(QStringLiteral("opsdeck: ") + text + QLatin1Char('\n')), stderr);
}

} // namespace

HeadlessRunner::HeadlessRunner(CommandLineOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
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
        printErr(QStringLiteral("--health is not available in this build yet; use --export sync-runs to see the "
                                "last syncs"));
        finish(1);
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
            connect(m_engine.get(), &SyncEngine::stopped, this, [this] { finish(0); });
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
            if (!out.open(QIODevice::WriteOnly)) {
                printErr(QStringLiteral("cannot write %1: %2").arg(m_options.out, out.errorString()));
                code = 1;
            } else if (!exporter.write(request, &out)) {
                out.cancelWriting();
                printErr(exporter.lastError());
                code = exporter.isUsageError() ? 2 : 1;
            } else {
                out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
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
