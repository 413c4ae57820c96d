// opsdeck: the desktop app, or — with --sync, --export or --health — a headless tool for cron and systemd.
// The verb decides the application class before any Qt object exists, so headless runs need no display.
#include "cli/commandline.h"
#include "cli/headlessrunner.h"
#include "appicon.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDateTime>
#include <QIcon>
#include <QMessageBox>
#include <cstdio>
#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("opsdeck"));
    QCoreApplication::setApplicationName(QStringLiteral("opsdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
}

int runHeadless(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    QString error;
    const auto options = CommandLine::parse(app.arguments(), QDateTime::currentSecsSinceEpoch(), &error);
    if (!options) {
        std::fprintf(stderr, "opsdeck: %s\n", qPrintable(error));
        return 2;
    }
    if (options->mode == CommandLineOptions::Mode::Help) {
        std::fputs(qPrintable(CommandLine::helpText()), stdout);
        return 0;
    }
    if (options->mode == CommandLineOptions::Mode::Version) {
        std::fputs(qPrintable(CommandLine::versionText()), stdout);
        return 0;
    }
    HeadlessRunner runner(*options);
    runner.start();
    return app.exec();
}

int runGui(int argc, char **argv)
{
    QApplication app(argc, argv); // takes its own options (-platform, -style…) out of the arguments
    setIdentity();
    QApplication::setApplicationDisplayName(QStringLiteral("OpsDeck"));
    QApplication::setDesktopFileName(QStringLiteral("io.opsdeck.OpsDeck"));
    QApplication::setWindowIcon(appIcon());
    QString error;
    const auto options = CommandLine::parse(app.arguments(), QDateTime::currentSecsSinceEpoch(), &error);
    RunSetup setup;
    if (options && HeadlessRunner::loadSetup(*options, &setup, &error)) {
        MainWindow window(setup);
        window.show();
        return app.exec();
    }
    std::fprintf(stderr, "opsdeck: %s\n", qPrintable(error));
    QMessageBox::critical(nullptr, QObject::tr("OpsDeck cannot start"), error);
    return 2;
}

} // namespace

int main(int argc, char **argv)
{
    return CommandLine::wantsHeadless(argc, argv) ? runHeadless(argc, argv) : runGui(argc, argv);
}
