#include "commandline.h"
#include "config/duration.h"
#include "storage/metric.h"

#include <QCommandLineParser>
#include <QHostAddress>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <cstring>

namespace {

const QString Usage = QStringLiteral("Try 'opsdeck --help' for the options.");

QStringList splitList(const QStringList &values)
{
    QStringList out;
    for (const QString &value : values) {
        for (const QString &part : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            out << part.trimmed();
    }
    return out;
}

} // namespace

const QStringList &CommandLine::reports()
{
    static const QStringList names { QStringLiteral("resources"), QStringLiteral("history"), QStringLiteral("alerts"),
                                     QStringLiteral("sync-runs") };
    return names;
}

QStringList CommandLine::withoutGuiOptions(const QStringList &args)
{
    // QGuiApplication/QApplication options (see their documentation), accepted with one or two dashes.
    static const QStringList withValue { QStringLiteral("platform"),   QStringLiteral("platformpluginpath"),
                                         QStringLiteral("platformtheme"), QStringLiteral("plugin"),
                                         QStringLiteral("qwindowgeometry"), QStringLiteral("qwindowicon"),
                                         QStringLiteral("qwindowtitle"), QStringLiteral("session"),
                                         QStringLiteral("display"),    QStringLiteral("geometry"),
                                         QStringLiteral("style"),      QStringLiteral("stylesheet") };
    static const QStringList flags { QStringLiteral("reverse"), QStringLiteral("widgetcount"),
                                     QStringLiteral("nograb"), QStringLiteral("dograb") };
    QStringList out;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (i == 0 || !arg.startsWith(QLatin1Char('-'))) {
            out << arg;
            continue;
        }
        QString name = arg.mid(arg.startsWith(QLatin1String("--")) ? 2 : 1);
        const qsizetype eq = name.indexOf(QLatin1Char('='));
        if (eq >= 0)
            name.truncate(eq);
        if (flags.contains(name) || name == QLatin1String("qmljsdebugger"))
            continue;
        if (withValue.contains(name)) {
            if (eq < 0)
                ++i; // the value is the next argument
            continue;
        }
        out << arg;
    }
    return out;
}

QString CommandLine::versionText()
{
    return QStringLiteral("opsdeck %1 (Qt %2)\n").arg(QLatin1String(OPSDECK_VERSION), QLatin1String(qVersion()));
}

QString CommandLine::helpText()
{
    return QStringLiteral(
        "Usage:\n"
        "  opsdeck                                   the desktop app\n"
        "  opsdeck --sync [--watch] [--json]         sync all enabled sources once (or on schedule until SIGTERM)\n"
        "  opsdeck --export REPORT --out FILE        REPORT: resources | history | alerts | sync-runs\n"
        "          [--from T] [--to T] [--resource NAME]... [--metric M]... [--resolution raw|hour|day]\n"
        "  opsdeck --health [--json]\n"
        "\n"
        "Options:\n"
        "  --config FILE       configuration file (env OPSDECK_CONFIG; default ~/.config/opsdeck/opsdeck.ini)\n"
        "  --db URL            cache database (env OPSDECK_DB): sqlite:///path/opsdeck.db or\n"
        "                      postgresql://user:password@host:5432/dbname\n"
        "  --source NAME       only this source (repeatable, or NAME,NAME)\n"
        "  --listen HOST:PORT  with --watch: serve /health and /metrics (loopback by default)\n"
        "  --json              machine-readable output for --sync and --health\n"
        "  --out FILE          where --export writes; - is standard output\n"
        "  --from T, --to T    time range: ISO 8601 (2026-11-01T00:00:00Z) or relative (-7d, -12h, now)\n"
        "  --resource NAME     only this resource (repeatable)\n"
        "  --metric M          only this metric: cpu, memory, disk (repeatable)\n"
        "  --resolution R      history detail: raw samples, hour or day rollups (default raw)\n"
        "  --lang LANG         desktop app language, e.g. de (default: the system's)\n"
        "  -v, --verbose       log what the sync engine does to standard error\n"
        "  --version           print the version\n"
        "  -h, --help          print this help\n"
        "\n"
        "Exit codes: 0 ok, 1 failed, 2 usage or configuration error, 3 partial (some sources failed),\n"
        "75 another syncer holds the lock.\n");
}

std::optional<CommandLineOptions> CommandLine::parse(const QStringList &args, qint64 now, QString *error)
{
    QCommandLineParser parser;
    const QCommandLineOption sync(QStringLiteral("sync"));
    const QCommandLineOption watch(QStringLiteral("watch"));
    const QCommandLineOption json(QStringLiteral("json"));
    const QCommandLineOption exportOpt(QStringLiteral("export"), QString(), QStringLiteral("REPORT"));
    const QCommandLineOption out(QStringLiteral("out"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption from(QStringLiteral("from"), QString(), QStringLiteral("T"));
    const QCommandLineOption to(QStringLiteral("to"), QString(), QStringLiteral("T"));
    const QCommandLineOption resource(QStringLiteral("resource"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption metric(QStringLiteral("metric"), QString(), QStringLiteral("M"));
    const QCommandLineOption resolution(QStringLiteral("resolution"), QString(), QStringLiteral("R"));
    const QCommandLineOption health(QStringLiteral("health"));
    const QCommandLineOption config(QStringLiteral("config"), QString(), QStringLiteral("FILE"));
    const QCommandLineOption db(QStringLiteral("db"), QString(), QStringLiteral("URL"));
    const QCommandLineOption source(QStringLiteral("source"), QString(), QStringLiteral("NAME"));
    const QCommandLineOption listen(QStringLiteral("listen"), QString(), QStringLiteral("HOST:PORT"));
    const QCommandLineOption lang(QStringLiteral("lang"), QString(), QStringLiteral("LANG"));
    const QCommandLineOption verbose(QStringList { QStringLiteral("v"), QStringLiteral("verbose") });
    const QCommandLineOption version(QStringList { QStringLiteral("V"), QStringLiteral("version") });
    const QCommandLineOption help(QStringList { QStringLiteral("h"), QStringLiteral("help") });
    parser.addOptions({ sync, watch, json, exportOpt, out, from, to, resource, metric, resolution, health, config, db,
                        source, listen, lang, verbose, version, help });

    auto usage = [&](const QString &message) -> std::optional<CommandLineOptions> {
        *error = message + QLatin1Char('\n') + Usage;
        return std::nullopt;
    };
    // "-sync" would otherwise read as the short options -s -y -n -c; say what was meant instead.
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (arg.size() > 2 && arg.startsWith(QLatin1Char('-')) && !arg.startsWith(QLatin1String("--"))) {
            const QString name = arg.mid(1).section(QLatin1Char('='), 0, 0);
            for (const QCommandLineOption &option : { sync, watch, json, exportOpt, out, from, to, resource, metric,
                                                      resolution, health, config, db, source, listen, lang, verbose,
                                                      version, help }) {
                if (option.names().constLast() == name)
                    return usage(QStringLiteral("unknown option '%1'; did you mean --%2?").arg(arg, name));
            }
        }
    }
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().constFirst()));
    // A value option given twice silently keeps the last one in QCommandLineParser; refuse it instead.
    for (const QCommandLineOption *single :
         { &exportOpt, &out, &from, &to, &resolution, &config, &db, &listen, &lang }) {
        if (parser.values(*single).size() > 1)
            return usage(QStringLiteral("--%1 may be given only once").arg(single->names().constLast()));
    }

    CommandLineOptions o;
    if (parser.isSet(help)) {
        o.mode = CommandLineOptions::Mode::Help;
        return o;
    }
    if (parser.isSet(version)) {
        o.mode = CommandLineOptions::Mode::Version;
        return o;
    }
    const int verbs = int(parser.isSet(sync)) + int(parser.isSet(exportOpt)) + int(parser.isSet(health));
    if (verbs > 1)
        return usage(QStringLiteral("choose one of --sync, --export and --health"));
    if (parser.isSet(sync))
        o.mode = CommandLineOptions::Mode::Sync;
    else if (parser.isSet(exportOpt))
        o.mode = CommandLineOptions::Mode::Export;
    else if (parser.isSet(health))
        o.mode = CommandLineOptions::Mode::Health;

    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    o.verbose = parser.isSet(verbose);
    o.json = parser.isSet(json);
    o.watch = parser.isSet(watch);
    o.configPath = parser.isSet(config) ? parser.value(config) : env.value(QStringLiteral("OPSDECK_CONFIG"));
    o.databaseUrl = parser.isSet(db) ? parser.value(db) : env.value(QStringLiteral("OPSDECK_DB"));
    if (parser.isSet(config) && o.configPath.isEmpty())
        return usage(QStringLiteral("--config needs a file name"));
    if (parser.isSet(db) && o.databaseUrl.isEmpty())
        return usage(QStringLiteral("--db needs a URL, e.g. sqlite:///var/lib/opsdeck/opsdeck.db"));
    o.sources = splitList(parser.values(source));
    if (parser.isSet(lang)) {
        if (o.mode != CommandLineOptions::Mode::Gui)
            return usage(QStringLiteral("--lang goes with the desktop app (headless output is English)"));
        o.language = parser.value(lang);
        static const QRegularExpression languagePattern(QStringLiteral("^[a-z]{2,3}([_-][A-Za-z]{2,4})?$"));
        if (!languagePattern.match(o.language).hasMatch())
            return usage(QStringLiteral("--lang needs a language code such as de or de_DE (got '%1')").arg(o.language));
    }

    const bool isSync = o.mode == CommandLineOptions::Mode::Sync;
    const bool isExport = o.mode == CommandLineOptions::Mode::Export;
    if (o.watch && !isSync)
        return usage(QStringLiteral("--watch goes with --sync"));
    if (o.json && !isSync && o.mode != CommandLineOptions::Mode::Health)
        return usage(QStringLiteral("--json goes with --sync or --health"));
    if (parser.isSet(listen)) {
        if (!o.watch)
            return usage(QStringLiteral("--listen goes with --sync --watch"));
        const QString value = parser.value(listen);
        const qsizetype colon = value.lastIndexOf(QLatin1Char(':'));
        QString host = value.left(colon);
        if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
            host = host.mid(1, host.size() - 2);
        bool portOk = false;
        const int port = value.mid(colon + 1).toInt(&portOk);
        if (colon <= 0 || !portOk || port < 1 || port > 65535 || QHostAddress(host).isNull())
            return usage(QStringLiteral("--listen needs HOST:PORT with an IP address and a port 1-65535, "
                                        "e.g. 127.0.0.1:9464 (got '%1')")
                             .arg(value));
        o.listenHost = host;
        o.listenPort = port;
    }
    for (const QCommandLineOption *exportOnly : { &out, &from, &to, &resource, &metric, &resolution }) {
        if (parser.isSet(*exportOnly) && !isExport)
            return usage(QStringLiteral("--%1 goes with --export").arg(exportOnly->names().constLast()));
    }
    if (!isExport)
        return o;

    o.report = parser.value(exportOpt);
    if (!reports().contains(o.report))
        return usage(QStringLiteral("unknown report '%1' for --export; choose one of: %2")
                         .arg(o.report, reports().join(QLatin1String(", "))));
    if (!parser.isSet(out) || parser.value(out).isEmpty())
        return usage(QStringLiteral("--export needs --out FILE (or --out - for standard output)"));
    o.out = parser.value(out);
    for (const auto &[option, target] : { std::pair { &from, &o.from }, std::pair { &to, &o.to } }) {
        if (!parser.isSet(*option))
            continue;
        QString timeError;
        const auto ts = parseTimeSpec(parser.value(*option), now, &timeError);
        if (!ts)
            return usage(QStringLiteral("--%1: %2").arg(option->names().constLast(), timeError));
        *target = *ts;
    }
    if (o.from && o.to && *o.from > *o.to)
        return usage(QStringLiteral("--from is after --to: nothing to export"));
    o.resources = parser.values(resource);
    o.metrics = splitList(parser.values(metric));
    for (const QString &m : std::as_const(o.metrics)) {
        if (!metricFromName(m))
            return usage(QStringLiteral("unknown metric '%1' for --metric; choose from: %2")
                             .arg(m, metricNames().join(QLatin1String(", "))));
    }
    if (parser.isSet(resolution)) {
        o.resolution = parser.value(resolution);
        if (o.resolution != QLatin1String("raw") && o.resolution != QLatin1String("hour")
            && o.resolution != QLatin1String("day"))
            return usage(QStringLiteral("unknown --resolution '%1'; choose raw, hour or day").arg(o.resolution));
        if (o.report != QLatin1String("history"))
            return usage(QStringLiteral("--resolution goes with --export history"));
    }
    return o;
}
