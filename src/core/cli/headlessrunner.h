#pragma once

#include "commandline.h"
#include "config/config.h"
#include "config/databaseurl.h"

#include <QFuture>
#include <QObject>
#include <memory>

class HealthServer;
class MetricsExporter;
class Repository;
class SyncEngine;
struct HealthReport;
struct SyncReport;

// The settled inputs of a run: the configuration, the database and the sources to work on.
struct RunSetup
{
    Config config;
    DatabaseUrl database;
    bool databaseFromCommandLine = false; // --db or OPSDECK_DB chose it: [storage] url does not apply
};

// Runs the headless verbs (--sync, --export, --health) inside a QCoreApplication; no display is needed.
// Every verb ends with QCoreApplication::exit(code) using the exit codes of the command-line contract.
class HeadlessRunner final : public QObject
{
    Q_OBJECT
public:
    explicit HeadlessRunner(CommandLineOptions options, QObject *parent = nullptr);
    ~HeadlessRunner() override;
    Q_DISABLE_COPY_MOVE(HeadlessRunner)

    // Starts the verb from the event loop; the application exits when it is done.
    void start();

    // Config file (--config / OPSDECK_CONFIG / default path), database (--db / OPSDECK_DB / [storage] url /
    // default) and --source selection, validated. Shared with the GUI. False: *error is a usage or
    // configuration problem (exit code 2).
    static bool loadSetup(const CommandLineOptions &options, RunSetup *setup, QString *error);
    // The bearer token of [listen]: the first line of token_file, else $token_env; empty when neither is set.
    // False: *error says what is wrong with the configured one (unreadable, empty, unset variable).
    static bool listenToken(const ListenConfig &listen, QByteArray *token, QString *error);

private:
    void runSync();
    int runExport();
    void runHealth();
    // --listen: serves /health and /metrics. False: the exit code is set and the run is over.
    bool startListening();
    // checkFile: read the whole SQLite file for damage too (one-shot --health; the HTTP endpoint stays cheap).
    QFuture<HealthReport> healthReport(bool checkFile = false);
    void printReport(const SyncReport &report);
    void finish(int code);

    CommandLineOptions m_options;
    RunSetup m_setup;
    std::unique_ptr<SyncEngine> m_engine;
    std::unique_ptr<Repository> m_repository;
    std::unique_ptr<MetricsExporter> m_metrics;
    std::unique_ptr<HealthServer> m_server;
    qint64 m_startedAt = 0;
    int m_lastExit = 0;
};
