#pragma once

#include "commandline.h"
#include "config/config.h"
#include "config/databaseurl.h"

#include <QObject>
#include <memory>

class SyncEngine;
struct SyncReport;

// The settled inputs of a run: the configuration, the database and the sources to work on.
struct RunSetup
{
    Config config;
    DatabaseUrl database;
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

private:
    void runSync();
    int runExport();
    void printReport(const SyncReport &report);
    void finish(int code);

    CommandLineOptions m_options;
    RunSetup m_setup;
    std::unique_ptr<SyncEngine> m_engine;
    int m_lastExit = 0;
};
