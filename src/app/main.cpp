// opsdeck: the desktop app, or — with --sync, --export or --health — a headless tool for cron and systemd.
// The verb decides the application class before any Qt object exists, so headless runs need no display.
#include "cli/commandline.h"
#include "cli/headlessrunner.h"
#include "appicon.h"
#include "mainwindow.h"
#include "translator.h"

#include <QApplication>
#include <QDateTime>
#include <QMessageBox>
#include <cstdio>
#include <functional>
#include <memory>

namespace {

void setIdentity()
{
    QCoreApplication::setOrganizationName(QStringLiteral("opsdeck"));
    QCoreApplication::setApplicationName(QStringLiteral("opsdeck"));
    QCoreApplication::setApplicationVersion(QStringLiteral(OPSDECK_VERSION));
}

int runHeadless(int argc, char **argv, const CommandLineOptions &options)
{
    QCoreApplication app(argc, argv);
    setIdentity();
    HeadlessRunner runner(options);
    runner.start();
    return app.exec();
}

int runGui(int argc, char **argv, const CommandLineOptions &options)
{
    QApplication app(argc, argv);
    setIdentity();
    Translator::install(app, options.language);
    QApplication::setApplicationDisplayName(QStringLiteral("OpsDeck"));
    QApplication::setDesktopFileName(QStringLiteral("io.opsdeck.OpsDeck"));
    QApplication::setWindowIcon(appIcon());
    QString error;
    RunSetup setup;
    if (!HeadlessRunner::loadSetup(options, &setup, &error)) {
        // Started from a desktop menu nobody reads stderr: say it in a window too.
        std::fprintf(stderr, "opsdeck: %s\n", qPrintable(error));
        QMessageBox::critical(nullptr, QObject::tr("OpsDeck cannot start"), error);
        return 2;
    }
    auto window = std::make_unique<MainWindow>(setup);
    // Settings moved the cache to another database: a window over the new one replaces this one (same place, same
    // tray), the old one closing down after it — the process keeps running.
    std::function<void(const RunSetup &)> reopen;
    reopen = [&window, &reopen](const RunSetup &next) {
        std::unique_ptr<MainWindow> old = std::move(window);
        window = std::make_unique<MainWindow>(next);
        QObject::connect(window.get(), &MainWindow::reopenRequested, window.get(), reopen, Qt::QueuedConnection);
        window->show();
        old.release()->deleteLater();
    };
    QObject::connect(window.get(), &MainWindow::reopenRequested, window.get(), reopen, Qt::QueuedConnection);
    window->show();
    return app.exec();
}

} // namespace

int main(int argc, char **argv)
{
    // Parse before any application object exists: a usage error or a headless verb must never need a display.
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    QString error;
    const auto options =
        CommandLine::parse(CommandLine::withoutGuiOptions(args), QDateTime::currentSecsSinceEpoch(), &error);
    if (!options) {
        std::fprintf(stderr, "opsdeck: %s\n", qPrintable(error));
        return 2;
    }
    switch (options->mode) {
    case CommandLineOptions::Mode::Help:
        std::fputs(qPrintable(CommandLine::helpText()), stdout);
        return 0;
    case CommandLineOptions::Mode::Version:
        std::fputs(qPrintable(CommandLine::versionText()), stdout);
        return 0;
    case CommandLineOptions::Mode::Gui:
        return runGui(argc, argv, *options);
    default:
        return runHeadless(argc, argv, *options);
    }
}
