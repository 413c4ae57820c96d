// opsdeck-fake-do: the DigitalOcean API test server as a program, for manual runs and the sync benchmark.
#include "fakedigitalocean.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("A local stand-in for the DigitalOcean API v2 (droplets, databases, apps, monitoring)."));
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port on 127.0.0.1 (0 = any)."),
                                        QStringLiteral("PORT"), QStringLiteral("0"));
    const QCommandLineOption dropletsOption(QStringLiteral("droplets"), QStringLiteral("Number of droplets."),
                                            QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption databasesOption(QStringLiteral("databases"), QStringLiteral("Number of databases."),
                                             QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption appsOption(QStringLiteral("apps"), QStringLiteral("Number of apps."), QStringLiteral("N"),
                                        QStringLiteral("2"));
    const QCommandLineOption tokenOption(QStringLiteral("token"), QStringLiteral("The bearer token to require."),
                                         QStringLiteral("T"), QStringLiteral("fake-do-token"));
    const QCommandLineOption budgetOption(QStringLiteral("requests-per-minute"),
                                          QStringLiteral("Requests allowed per minute before 429s."),
                                          QStringLiteral("N"), QStringLiteral("250"));
    parser.addOptions({ portOption, dropletsOption, databasesOption, appsOption, tokenOption, budgetOption });
    parser.process(app);

    const auto number = [&](const QCommandLineOption &option, int minimum) {
        bool ok = false;
        const int value = parser.value(option).toInt(&ok);
        if (!ok || value < minimum) {
            QTextStream(stderr) << "opsdeck-fake-do: --" << option.names().constFirst()
                                << " needs a whole number >= " << minimum << ", got \"" << parser.value(option)
                                << "\"\n";
            ::exit(2);
        }
        return value;
    };
    FakeDigitalOcean::Options options;
    options.droplets = number(dropletsOption, 0);
    options.databases = number(databasesOption, 0);
    options.apps = number(appsOption, 0);
    options.requestsPerMinute = number(budgetOption, 1);
    options.token = parser.value(tokenOption).toUtf8();
    const int port = number(portOption, 0);

    FakeDigitalOcean server(options);
    if (port > 65535 || !server.start(quint16(port))) {
        QTextStream(stderr) << "opsdeck-fake-do: cannot listen on 127.0.0.1:" << port << "\n";
        return 1;
    }
    QTextStream(stdout) << server.url() << Qt::endl;
    return app.exec();
}
