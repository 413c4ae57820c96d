#pragma once

#include <QString>
#include <QStringList>
#include <optional>

struct CommandLineOptions
{
    enum class Mode { Gui, Sync, Export, Health, Version, Help };

    Mode mode = Mode::Gui;
    bool watch = false;
    bool json = false;
    bool verbose = false;
    QString configPath; // --config, else $OPSDECK_CONFIG, else empty (the default path)
    QString databaseUrl; // --db, else $OPSDECK_DB, else empty (from config)
    QStringList sources; // --source (repeatable, or comma-separated)
    QString language; // --lang: the desktop app's language ("de"); empty = the system's
    QString listenHost;
    int listenPort = 0;
    // --export
    QString report; // resources | history | alerts | sync-runs
    QString out; // file, or "-" for stdout
    std::optional<qint64> from; // Unix seconds
    std::optional<qint64> to;
    QStringList resources;
    QStringList metrics;
    QString resolution = QStringLiteral("raw"); // raw | hour | day

    bool isHeadless() const { return mode != Mode::Gui; }
};

// The command-line contract of DESIGN.md. Parsing is strict: an unknown option, a missing value or an option
// that does not go with the chosen verb is a usage error (exit 2) with a message that says what to write.
class CommandLine final
{
public:
    // `args` includes the program name. `now` (Unix seconds) resolves relative times like -7d.
    static std::optional<CommandLineOptions> parse(const QStringList &args, qint64 now, QString *error);
    // The arguments without Qt's own GUI options (-platform offscreen, -style fusion, -reverse…), which the
    // QApplication consumes in GUI mode; main() parses what is left before any application object exists.
    static QStringList withoutGuiOptions(const QStringList &args);
    static QString helpText();
    static QString versionText();

    static const QStringList &reports();
};
