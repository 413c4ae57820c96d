// The real opsdeck binary in a real X session, observed from outside the process as a person (or a screen reader)
// would: Xvfb for the screen, trayer as the system tray (XEmbed), a private D-Bus session with the AT-SPI
// accessibility bus, and the DigitalOcean test server for data.
//
// - The window comes up, shows the fleet synced into the cache by a separate headless `opsdeck --sync` (the
//   server is stopped first, so the rows can only come from the cache), and its tray icon is embedded in the tray.
//   The rows are read over AT-SPI, which also proves the accessible names ("Fleet", "Sync status").
// - A sync in the window that crosses the CPU threshold raises a tray notification naming the resources, the
//   metric and the value.
//
// Which notification path Qt 6.4 takes: QSystemTrayIcon only goes through D-Bus (StatusNotifierItem, with
// org.freedesktop.Notifications for messages) when an org.kde.StatusNotifierWatcher is on the session bus. With
// an XEmbed tray host such as trayer there is none, the icon is an X window reparented into the tray, and
// showMessage() opens a QBalloonTip: a top-level tooltip window of the app, whose labels AT-SPI reads like any
// other. (org.freedesktop.Notifications is only used by that D-Bus icon, so a notification daemon on the bus
// changes nothing here.)
//
// Everything started here runs in its own process group (setsid), and the whole group is killed at the end, so
// the services D-Bus activates (at-spi-bus-launcher, its bus, at-spi2-registryd) do not outlive the test.
//
// OPSDECK_GUISMOKE_SHOTS=DIR keeps screenshots of the screen (ImageMagick's `import`) there, to look at.
#include "fakedigitalocean.h"

#include "clitestsupport.h"

#include <QDBusArgument>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusVariant>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <optional>
#include <signal.h>
#include <unistd.h>

namespace {

constexpr int CliTimeoutMs = 60000;
// Generous: CI runs this beside other suites on two cores, and the first start of a Qt app under Xvfb with the
// accessibility bridge may take seconds there.
constexpr int UiTimeoutMs = 60000;
const QString TokenVariable = QStringLiteral("OPSDECK_GUISMOKE_TOKEN");

// One accessible object on the AT-SPI bus: the bus name of its application and its object path.
struct AccessibleRef
{
    QString service;
    QDBusObjectPath path;
    bool isNull() const { return service.isEmpty() || path.path() == QLatin1String("/org/a11y/atspi/null"); }
};

} // namespace

Q_DECLARE_METATYPE(AccessibleRef)

namespace {

QDBusArgument &operator<<(QDBusArgument &argument, const AccessibleRef &ref)
{
    argument.beginStructure();
    argument << ref.service << ref.path;
    argument.endStructure();
    return argument;
}

const QDBusArgument &operator>>(const QDBusArgument &argument, AccessibleRef &ref)
{
    argument.beginStructure();
    argument >> ref.service >> ref.path;
    argument.endStructure();
    return argument;
}

// A helper program in a process group of its own, so everything it starts is killed with it.
class GroupProcess final
{
public:
    GroupProcess() = default;
    ~GroupProcess() { stop(); }
    Q_DISABLE_COPY_MOVE(GroupProcess)

    QProcess &process() { return m_process; }

    bool start(const QString &program, const QStringList &args, const QProcessEnvironment &env, const QString &log)
    {
        m_process.setProgram(program);
        m_process.setArguments(args);
        m_process.setProcessEnvironment(env);
        m_process.setStandardInputFile(QProcess::nullDevice());
        m_process.setStandardErrorFile(log.isEmpty() ? QProcess::nullDevice() : log);
        m_process.setChildProcessModifier([] { ::setsid(); });
        m_process.start();
        if (!m_process.waitForStarted(10000))
            return false;
        m_group = m_process.processId();
        return true;
    }

    // SIGTERM to the whole group, then SIGKILL to what is left of it. The group outlives its leader while a
    // member runs (D-Bus activated services are not the daemon's children once it has double-forked them).
    void stop()
    {
        if (m_group <= 0)
            return;
        ::kill(-m_group, SIGTERM);
        if (m_process.state() != QProcess::NotRunning && !m_process.waitForFinished(5000))
            m_process.kill();
        m_process.waitForFinished(5000);
        for (int i = 0; i < 20 && ::kill(-m_group, 0) == 0; ++i)
            QTest::qSleep(50);
        ::kill(-m_group, SIGKILL);
        m_group = 0;
    }

private:
    QProcess m_process;
    qint64 m_group = 0;
};

// A read-only AT-SPI client over QtDBus: what Orca or Accerciser see of the app.
class AtSpi final
{
public:
    explicit AtSpi(const QDBusConnection &bus)
        : m_bus(bus)
    { }

    static AccessibleRef desktop()
    {
        return { QStringLiteral("org.a11y.atspi.Registry"),
                 QDBusObjectPath(QStringLiteral("/org/a11y/atspi/accessible/root")) };
    }

    QList<AccessibleRef> children(const AccessibleRef &ref) const
    {
        const QDBusMessage reply
            = call(ref, QStringLiteral("org.a11y.atspi.Accessible"), QStringLiteral("GetChildren"));
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
            return {};
        return qdbus_cast<QList<AccessibleRef>>(reply.arguments().constFirst());
    }
    QString name(const AccessibleRef &ref) const
    {
        return property(ref, QStringLiteral("org.a11y.atspi.Accessible"), QStringLiteral("Name")).toString();
    }
    QString role(const AccessibleRef &ref) const
    {
        return first(call(ref, QStringLiteral("org.a11y.atspi.Accessible"), QStringLiteral("GetRoleName"))).toString();
    }
    int rowCount(const AccessibleRef &table) const
    {
        const QVariant rows = property(table, QStringLiteral("org.a11y.atspi.Table"), QStringLiteral("NRows"));
        return rows.isValid() ? rows.toInt() : -1;
    }
    QString cell(const AccessibleRef &table, int row, int column) const
    {
        const QDBusMessage reply
            = call(table, QStringLiteral("org.a11y.atspi.Table"), QStringLiteral("GetAccessibleAt"), { row, column });
        if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty())
            return {};
        return name(qdbus_cast<AccessibleRef>(reply.arguments().constFirst()));
    }

    // Depth-first search below `from` (not into tables: their cells are read through the Table interface).
    std::optional<AccessibleRef>
    find(const AccessibleRef &from, const std::function<bool(const AccessibleRef &)> &matches, int maxDepth = 16) const
    {
        for (const AccessibleRef &child : children(from)) {
            if (child.isNull())
                continue;
            if (matches(child))
                return child;
            if (maxDepth > 0 && role(child) != QLatin1String("table")) {
                if (auto found = find(child, matches, maxDepth - 1))
                    return found;
            }
        }
        return std::nullopt;
    }
    void collectNames(const AccessibleRef &from, QStringList *names, int maxDepth = 8) const
    {
        for (const AccessibleRef &child : children(from)) {
            if (child.isNull())
                continue;
            names->append(name(child));
            if (maxDepth > 0)
                collectNames(child, names, maxDepth - 1);
        }
    }

private:
    QDBusMessage call(const AccessibleRef &ref, const QString &interface, const QString &method,
                      const QVariantList &args = {}) const
    {
        QDBusMessage message = QDBusMessage::createMethodCall(ref.service, ref.path.path(), interface, method);
        message.setArguments(args);
        return m_bus.call(message, QDBus::Block, 10000);
    }
    QVariant property(const AccessibleRef &ref, const QString &interface, const QString &name) const
    {
        const QDBusMessage reply
            = call(ref, QStringLiteral("org.freedesktop.DBus.Properties"), QStringLiteral("Get"), { interface, name });
        return first(reply).value<QDBusVariant>().variant();
    }
    static QVariant first(const QDBusMessage &reply)
    {
        return reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()
            ? reply.arguments().constFirst()
            : QVariant();
    }

    QDBusConnection m_bus;
};

QString run(const QString &program, const QStringList &args, const QProcessEnvironment &env)
{
    const Result r = runProgram(program, args, env, QDir::tempPath(), 15000);
    return r.code() == 0 ? r.stdOut() : QString();
}

} // namespace

class tst_GuiSmoke : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void windowShowsTheCachedFleetAndTheTrayIcon();
    void thresholdCrossedBySyncRaisesTrayNotification();

private:
    QString path(const QString &relative) const { return m_dir->filePath(relative); }
    // Xvfb on a free display, a D-Bus session with the accessibility bus up, trayer owning the tray selection.
    bool startSession(QString *error);
    void writeConfig(const QByteArray &extra);
    bool startApp();
    std::optional<AccessibleRef> appRoot() const;
    QString topLevelWindow(const QString &wmClass) const; // the id of a mapped top-level window of that class
    bool trayHasIcon() const;
    QString xwininfo(const QStringList &args) const
    {
        return run(m_tools.value(QStringLiteral("xwininfo")), args, m_env);
    }
    void screenshot(const QString &name) const;
    // A failure message with what the app wrote to stderr.
    QByteArray appFailure(const char *what) const
    {
        QByteArray message(what);
        QFile log(path(QStringLiteral("app.log")));
        if (log.open(QIODevice::ReadOnly))
            message += QByteArrayLiteral("\n--- opsdeck's stderr ---\n") + log.readAll().right(4000);
        return message;
    }

    QHash<QString, QString> m_tools;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeDigitalOcean> m_fake;
    QProcessEnvironment m_env;
    std::unique_ptr<GroupProcess> m_xvfb;
    std::unique_ptr<GroupProcess> m_dbus;
    std::unique_ptr<GroupProcess> m_trayer;
    std::unique_ptr<GroupProcess> m_app;
    std::unique_ptr<AtSpi> m_atspi;
    QString m_busName; // our QDBusConnection names, unique per test function
    QString m_a11yName;
    QString m_binary = QStringLiteral(OPSDECK_BINARY);
};

void tst_GuiSmoke::initTestCase()
{
    QVERIFY2(QFileInfo(m_binary).isExecutable(), qPrintable(m_binary));
    qDBusRegisterMetaType<AccessibleRef>();
    qDBusRegisterMetaType<QList<AccessibleRef>>();
    // Debian packages: xvfb, trayer, dbus (dbus-daemon), x11-utils (xwininfo), at-spi2-core (the accessibility
    // bus); scripts/deps.sh --test installs them.
    QStringList missing;
    for (const char *tool : { "Xvfb", "trayer", "dbus-daemon", "xwininfo" }) {
        const QString found = QStandardPaths::findExecutable(QLatin1String(tool));
        if (found.isEmpty())
            missing << QLatin1String(tool);
        m_tools.insert(QLatin1String(tool), found);
    }
    const QString launcher = QStringLiteral("/usr/libexec/at-spi-bus-launcher");
    if (!QFileInfo(launcher).isExecutable()
        || !QFile::exists(QStringLiteral("/usr/share/dbus-1/services/org.a11y.Bus.service")))
        missing << QStringLiteral("at-spi-bus-launcher (at-spi2-core)");
    if (!missing.isEmpty())
        QSKIP(qPrintable(QStringLiteral("needs %1: run scripts/deps.sh --test (Debian: xvfb trayer dbus x11-utils "
                                        "at-spi2-core)")
                             .arg(missing.join(QStringLiteral(", ")))));
}

void tst_GuiSmoke::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    for (const char *sub : { "config", "data", "cache", "home", "runtime" })
        QVERIFY(QDir(m_dir->path()).mkpath(QLatin1String(sub)));
    QFile::setPermissions(path(QStringLiteral("runtime")), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);

    m_env = QProcessEnvironment::systemEnvironment();
    for (const char *name : { "OPSDECK_CONFIG",
                              "OPSDECK_DB",
                              "XDG_CONFIG_DIRS",
                              "XDG_DATA_DIRS",
                              "DIGITALOCEAN_TOKEN",
                              "DISPLAY",
                              "WAYLAND_DISPLAY",
                              "XAUTHORITY",
                              "DBUS_SESSION_BUS_ADDRESS",
                              "XDG_CURRENT_DESKTOP",
                              "XDG_SESSION_TYPE",
                              "DESKTOP_SESSION",
                              "QT_QPA_PLATFORMTHEME",
                              "QT_STYLE_OVERRIDE",
                              "QT_SCALE_FACTOR",
                              "LANGUAGE",
                              "LC_MESSAGES",
                              "http_proxy",
                              "https_proxy",
                              "HTTP_PROXY",
                              "HTTPS_PROXY",
                              "all_proxy",
                              "ALL_PROXY" })
        m_env.remove(QLatin1String(name));
    m_env.insert(QStringLiteral("XDG_CONFIG_HOME"), path(QStringLiteral("config")));
    m_env.insert(QStringLiteral("XDG_DATA_HOME"), path(QStringLiteral("data")));
    m_env.insert(QStringLiteral("XDG_CACHE_HOME"), path(QStringLiteral("cache")));
    m_env.insert(QStringLiteral("XDG_RUNTIME_DIR"), path(QStringLiteral("runtime")));
    m_env.insert(QStringLiteral("HOME"), path(QStringLiteral("home")));
    m_env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8")); // the English texts asserted below
    m_env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen")); // headless runs; the app gets xcb
    m_env.insert(TokenVariable, QStringLiteral("fake-do-token"));

    static int generation = 0;
    ++generation;
    m_busName = QStringLiteral("guismoke-session-%1").arg(generation);
    m_a11yName = QStringLiteral("guismoke-a11y-%1").arg(generation);
}

void tst_GuiSmoke::cleanup()
{
    m_atspi.reset();
    QDBusConnection::disconnectFromBus(m_a11yName);
    QDBusConnection::disconnectFromBus(m_busName);
    // The app first, so it does not see its tray or bus vanish while still running.
    for (auto *process : { &m_app, &m_trayer, &m_dbus, &m_xvfb })
        process->reset();
    m_fake.reset();
    m_dir.reset();
}

bool tst_GuiSmoke::startSession(QString *error)
{
    // A display number of our own, claimed the way xvfb-run -a and every X server do: the server takes
    // /tmp/.X<n>-lock atomically before it creates any socket, and exits when the display is taken. (Not
    // -displayfd: in that mode Xvfb takes no lock, so a server started by xvfb-run -a on the same number unlinks
    // our socket and clients fail with "cannot open display".) Starting far from xvfb-run's 99 and spread by pid
    // keeps parallel suites apart.
    QElapsedTimer clock;
    const int first = 200 + int(QCoreApplication::applicationPid() % 400);
    for (int n = first; n < first + 100 && !m_env.contains(QStringLiteral("DISPLAY")); ++n) {
        if (QFile::exists(QStringLiteral("/tmp/.X%1-lock").arg(n))
            || QFile::exists(QStringLiteral("/tmp/.X11-unix/X%1").arg(n)))
            continue;
        const QString display = QStringLiteral(":%1").arg(n);
        m_xvfb = std::make_unique<GroupProcess>();
        m_xvfb->process().setStandardOutputFile(QProcess::nullDevice());
        if (!m_xvfb->start(m_tools.value(QStringLiteral("Xvfb")),
                           { display, QStringLiteral("-screen"), QStringLiteral("0"), QStringLiteral("1280x800x24"),
                             QStringLiteral("-nolisten"), QStringLiteral("tcp") },
                           m_env, path(QStringLiteral("xvfb.log")))) {
            *error = QStringLiteral("Xvfb did not start");
            return false;
        }
        QProcessEnvironment env = m_env;
        env.insert(QStringLiteral("DISPLAY"), display);
        clock.start();
        while (m_xvfb->process().state() == QProcess::Running && clock.elapsed() < 30000) {
            // Ours only while it runs: another server on this number would have made ours exit.
            if (runProgram(m_tools.value(QStringLiteral("xwininfo")), { QStringLiteral("-root") }, env, m_dir->path(),
                           10000)
                        .code()
                    == 0
                && m_xvfb->process().state() == QProcess::Running) {
                m_env.insert(QStringLiteral("DISPLAY"), display);
                break;
            }
            QTest::qWait(100);
        }
    }
    if (!m_env.contains(QStringLiteral("DISPLAY"))) {
        QFile log(path(QStringLiteral("xvfb.log")));
        log.open(QIODevice::ReadOnly);
        *error = QStringLiteral("no Xvfb display could be started from :%1 on: %2")
                     .arg(first)
                     .arg(QString::fromUtf8(log.readAll()));
        return false;
    }

    // The session bus on a socket of our own (no address to parse out of output that activated services share).
    const QString socket = path(QStringLiteral("runtime/bus"));
    const QString address = QStringLiteral("unix:path=") + socket;
    m_dbus = std::make_unique<GroupProcess>();
    m_dbus->process().setStandardOutputFile(QProcess::nullDevice()); // activated services print here
    if (!m_dbus->start(QStandardPaths::findExecutable(QStringLiteral("dbus-daemon")),
                       { QStringLiteral("--session"), QStringLiteral("--nofork"), QStringLiteral("--nopidfile"),
                         QStringLiteral("--address=") + address },
                       m_env, path(QStringLiteral("dbus.log")))) {
        *error = QStringLiteral("dbus-daemon did not start");
        return false;
    }
    m_env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);
    // The socket file appears at bind(), a moment before the daemon listens: retry until it answers.
    QDBusConnection session(m_busName);
    clock.start();
    for (;;) {
        session = QDBusConnection::connectToBus(address, m_busName);
        if (session.isConnected() || clock.elapsed() > 20000 || m_dbus->process().state() != QProcess::Running)
            break;
        QDBusConnection::disconnectFromBus(m_busName); // a failed connection stays cached under its name
        QTest::qWait(50);
    }
    if (!session.isConnected()) {
        *error = QStringLiteral("cannot connect to the test's D-Bus session at %1: %2")
                     .arg(address, session.lastError().message());
        return false;
    }

    // Qt's accessibility bridge only connects when org.a11y.Bus is already running (it never activates it), as
    // in a desktop session; asking for its address activates at-spi-bus-launcher.
    const QDBusMessage reply
        = session.call(QDBusMessage::createMethodCall(QStringLiteral("org.a11y.Bus"), QStringLiteral("/org/a11y/bus"),
                                                      QStringLiteral("org.a11y.Bus"), QStringLiteral("GetAddress")),
                       QDBus::Block, 30000);
    if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
        *error = QStringLiteral("the accessibility bus (at-spi2-core) did not start: ") + reply.errorMessage();
        return false;
    }
    QDBusConnection a11y = QDBusConnection::connectToBus(reply.arguments().constFirst().toString(), m_a11yName);
    if (!a11y.isConnected()) {
        *error = QStringLiteral("cannot connect to the accessibility bus: ") + a11y.lastError().message();
        return false;
    }
    m_atspi = std::make_unique<AtSpi>(a11y);

    m_trayer = std::make_unique<GroupProcess>();
    m_trayer->process().setStandardOutputFile(QProcess::nullDevice());
    if (!m_trayer->start(m_tools.value(QStringLiteral("trayer")),
                         { QStringLiteral("--edge"), QStringLiteral("top"), QStringLiteral("--align"),
                           QStringLiteral("right"), QStringLiteral("--widthtype"), QStringLiteral("request"),
                           QStringLiteral("--height"), QStringLiteral("24") },
                         m_env, path(QStringLiteral("trayer.log")))) {
        *error = QStringLiteral("trayer did not start");
        return false;
    }
    // The app checks for a tray once, at start: the tray must be there first.
    clock.restart();
    while (clock.elapsed() < 30000) {
        if (xwininfo({ QStringLiteral("-root"), QStringLiteral("-children") })
                .contains(QLatin1String("(\"panel\" \"trayer\")")))
            return true;
        QTest::qWait(100);
    }
    QFile log(path(QStringLiteral("trayer.log")));
    log.open(QIODevice::ReadOnly);
    *error = QStringLiteral(
                 "trayer's panel never appeared (trayer %1, exit code %2): %3\n--- xwininfo -root -children ---\n%4")
                 .arg(m_trayer->process().state() == QProcess::Running ? QStringLiteral("running")
                                                                       : QStringLiteral("exited"))
                 .arg(m_trayer->process().exitCode())
                 .arg(QString::fromUtf8(log.readAll()),
                      xwininfo({ QStringLiteral("-root"), QStringLiteral("-children") }));
    return false;
}

void tst_GuiSmoke::writeConfig(const QByteArray &extra)
{
    const QByteArray ini = "[storage]\nurl=sqlite://" + path(QStringLiteral("opsdeck.db")).toUtf8()
        + "\n\n[source.do]\ntype=digitalocean\napi_url=" + m_fake->url().toUtf8()
        + "\ntoken_env=" + TokenVariable.toUtf8() + "\nbackfill=1d\n\n" + extra;
    QFile file(path(QStringLiteral("config/opsdeck/opsdeck.ini")));
    QVERIFY(QDir().mkpath(QFileInfo(file).path()));
    QVERIFY(file.open(QIODevice::WriteOnly) && file.write(ini) == ini.size());
}

bool tst_GuiSmoke::startApp()
{
    QProcessEnvironment env = m_env;
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("xcb"));
    // Without a screen reader running Qt keeps its accessibility bridge off; this is the documented switch.
    env.insert(QStringLiteral("QT_LINUX_ACCESSIBILITY_ALWAYS_ON"), QStringLiteral("1"));
    m_app = std::make_unique<GroupProcess>();
    m_app->process().setStandardOutputFile(path(QStringLiteral("app.out")));
    return m_app->start(m_binary, {}, env, path(QStringLiteral("app.log")));
}

std::optional<AccessibleRef> tst_GuiSmoke::appRoot() const
{
    return m_atspi->find(
        AtSpi::desktop(), [this](const AccessibleRef &ref) { return m_atspi->name(ref) == QLatin1String("opsdeck"); },
        0);
}

QString tst_GuiSmoke::topLevelWindow(const QString &wmClass) const
{
    // No window manager runs: top-level windows are the root's children. The app also has 1×1 helper windows.
    static const QRegularExpression line(
        QStringLiteral("^\\s*(0x[0-9a-f]+) .*\\(\"([^\"]*)\" \"[^\"]*\"\\)\\s+(\\d+)x(\\d+)"));
    const QStringList lines = xwininfo({ QStringLiteral("-root"), QStringLiteral("-children") }).split(u'\n');
    for (const QString &text : lines) {
        const QRegularExpressionMatch m = line.match(text);
        if (!m.hasMatch() || m.captured(2) != wmClass || m.captured(3).toInt() < 200 || m.captured(4).toInt() < 100)
            continue;
        if (xwininfo({ QStringLiteral("-id"), m.captured(1) }).contains(QLatin1String("Map State: IsViewable")))
            return m.captured(1);
    }
    return {};
}

// XEmbed: trayer reparents each icon window into its panel, so the app's window shows up in the panel's tree.
bool tst_GuiSmoke::trayHasIcon() const
{
    static const QRegularExpression panel(QStringLiteral("^\\s*(0x[0-9a-f]+) .*\\(\"panel\" \"trayer\"\\)"),
                                          QRegularExpression::MultilineOption);
    const QRegularExpressionMatch m = panel.match(xwininfo({ QStringLiteral("-root"), QStringLiteral("-children") }));
    return m.hasMatch()
        && xwininfo({ QStringLiteral("-tree"), QStringLiteral("-id"), m.captured(1) })
               .contains(QLatin1String("(\"opsdeck\" \"opsdeck\")"));
}

void tst_GuiSmoke::screenshot(const QString &name) const
{
    const QString dir = qEnvironmentVariable("OPSDECK_GUISMOKE_SHOTS");
    const QString import = QStandardPaths::findExecutable(QStringLiteral("import"));
    if (dir.isEmpty() || import.isEmpty())
        return;
    QDir().mkpath(dir);
    const QString file = QDir(dir).filePath(name + QStringLiteral(".png"));
    const Result r
        = runProgram(import, { QStringLiteral("-window"), QStringLiteral("root"), file }, m_env, m_dir->path(), 30000);
    if (r.code() == 0)
        qInfo("screenshot: %s", qPrintable(file));
    else
        qWarning("screenshot failed: %s", r.describe().constData());
}

void tst_GuiSmoke::windowShowsTheCachedFleetAndTheTrayIcon()
{
    constexpr int Droplets = 12;
    FakeDigitalOcean::Options options;
    options.droplets = Droplets;
    options.databases = 0;
    options.apps = 0;
    m_fake = std::make_unique<FakeDigitalOcean>(options);
    QVERIFY(m_fake->start());
    writeConfig({});

    // The cache comes from a separate headless process, as from cron; then the provider goes away.
    const Result sync = runProgram(m_binary, { QStringLiteral("--sync"), QStringLiteral("--json") }, m_env,
                                   m_dir->path(), CliTimeoutMs);
    QVERIFY2(sync.code() == 0, sync.describe());
    QCOMPARE(sync.json().value(QLatin1String("totals")).toObject().value(QLatin1String("resources")).toInt(), Droplets);
    m_fake->stop();

    QString error;
    QElapsedTimer clock;
    clock.start();
    QVERIFY2(startSession(&error), qPrintable(error));
    qInfo("X session, D-Bus, accessibility bus and tray up in %lld ms", clock.restart());
    QVERIFY(!trayHasIcon());
    QVERIFY(startApp());

    QTRY_VERIFY2_WITH_TIMEOUT(!topLevelWindow(QStringLiteral("opsdeck")).isEmpty(),
                              appFailure("the window was never mapped").constData(), UiTimeoutMs);
    const qint64 mappedMs = clock.elapsed();
    QTRY_VERIFY2_WITH_TIMEOUT(
        trayHasIcon(), appFailure("the tray icon was never embedded in trayer's panel").constData(), UiTimeoutMs);

    std::optional<AccessibleRef> root;
    QTRY_VERIFY2_WITH_TIMEOUT((root = appRoot()).has_value(), "the app never appeared on the accessibility bus",
                              UiTimeoutMs);
    std::optional<AccessibleRef> table;
    QTRY_VERIFY2_WITH_TIMEOUT((table = m_atspi->find(*root,
                                                     [this](const AccessibleRef &ref) {
                                                         return m_atspi->name(ref) == QLatin1String("Fleet")
                                                             && m_atspi->role(ref) == QLatin1String("table");
                                                     }))
                                  .has_value(),
                              "no table named \"Fleet\" in the accessibility tree", UiTimeoutMs);
    // The rows arrive from the cache read shortly after the window shows.
    QTRY_COMPARE_WITH_TIMEOUT(m_atspi->rowCount(*table), Droplets, UiTimeoutMs);
    const qint64 rowsMs = clock.elapsed();

    QStringList names;
    for (int row = 0; row < Droplets; ++row)
        names << m_atspi->cell(*table, row, 0);
    names.sort();
    QStringList expected;
    for (int i = 0; i < Droplets; ++i)
        expected << QStringLiteral("web-%1").arg(i, 2, 10, QLatin1Char('0'));
    QCOMPARE(names, expected);
    // Kind, then the latest CPU as the table formats it.
    QCOMPARE(m_atspi->cell(*table, 0, 1), QStringLiteral("Droplet"));
    static const QRegularExpression percent(QStringLiteral("^\\d{1,3}\\.\\d %$"));
    QVERIFY2(percent.match(m_atspi->cell(*table, 0, 5)).hasMatch(), qPrintable(m_atspi->cell(*table, 0, 5)));

    const auto status = m_atspi->find(
        *root, [this](const AccessibleRef &ref) { return m_atspi->name(ref) == QLatin1String("Sync status"); });
    QVERIFY2(status, "no label named \"Sync status\" in the status bar");

    qInfo("window mapped after %lld ms, %d rows shown after %lld ms", mappedMs, Droplets, rowsMs);
    screenshot(QStringLiteral("guismoke-window"));
}

void tst_GuiSmoke::thresholdCrossedBySyncRaisesTrayNotification()
{
    FakeDigitalOcean::Options options;
    options.droplets = 4;
    options.databases = 0;
    options.apps = 0;
    options.rebootAgoSeconds = 0;
    m_fake = std::make_unique<FakeDigitalOcean>(options);
    QVERIFY(m_fake->start());
    // Two droplets busy for the last two hours, two idle: the window's first sync backfills that history, and the
    // busy ones have been over the critical threshold far longer than `for`.
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    for (int droplet = 0; droplet < 4; ++droplet)
        m_fake->setCpuPercent(droplet, 10, 0);
    m_fake->setCpuPercent(0, 97, now - 7200);
    m_fake->setCpuPercent(2, 93, now - 7200);
    writeConfig("[alerts]\ncpu.warning=80\ncpu.critical=90\nmemory.warning=98\nmemory.critical=99\n"
                "disk.warning=98\ndisk.critical=99\nfor=5m\nclear_margin=5\n");

    QString error;
    QVERIFY2(startSession(&error), qPrintable(error));
    QElapsedTimer clock;
    clock.start();
    QVERIFY(startApp());
    QTRY_VERIFY2_WITH_TIMEOUT(!topLevelWindow(QStringLiteral("opsdeck")).isEmpty(),
                              appFailure("the window was never mapped").constData(), UiTimeoutMs);
    QTRY_VERIFY2_WITH_TIMEOUT(
        trayHasIcon(), appFailure("the tray icon was never embedded in trayer's panel").constData(), UiTimeoutMs);
    std::optional<AccessibleRef> root;
    QTRY_VERIFY2_WITH_TIMEOUT((root = appRoot()).has_value(), "the app never appeared on the accessibility bus",
                              UiTimeoutMs);

    // The balloon is a top-level window of the app beside the main window ("OpsDeck"); its labels are the title
    // and the message. It shows for 10 s, so it is looked for often.
    QStringList balloon;
    const auto readBalloon = [&] {
        balloon.clear();
        for (const AccessibleRef &window : m_atspi->children(*root)) {
            if (window.isNull() || m_atspi->name(window) == QLatin1String("OpsDeck"))
                continue;
            QStringList names;
            m_atspi->collectNames(window, &names);
            if (names.join(u'\n').contains(QLatin1String("web-")))
                balloon = names;
        }
        return !balloon.isEmpty();
    };
    QTRY_VERIFY2_WITH_TIMEOUT(readBalloon(), appFailure("no tray notification appeared").constData(), UiTimeoutMs);
    qInfo("notification shown %lld ms after the start", clock.elapsed());
    screenshot(QStringLiteral("guismoke-notification"));
    const QString shown = balloon.join(u'\n');
    // One grouped notification for the burst: "2 alerts (2 critical)", a line per resource, worst first.
    QVERIFY2(shown.contains(QLatin1String("2 alerts (2 critical)")), qPrintable(shown));
    QVERIFY2(shown.contains(QRegularExpression(QStringLiteral("web-00 CPU 97 % \\(critical ≥ 90 %"))),
             qPrintable(shown));
    QVERIFY2(shown.contains(QRegularExpression(QStringLiteral("web-02 CPU 93 % \\(critical ≥ 90 %"))),
             qPrintable(shown));
    QVERIFY2(!shown.contains(QLatin1String("web-01")) && !shown.contains(QLatin1String("web-03")), qPrintable(shown));
    QVERIFY2(shown.indexOf(QLatin1String("web-00")) < shown.indexOf(QLatin1String("web-02")), qPrintable(shown));
}

QTEST_GUILESS_MAIN(tst_GuiSmoke)
#include "tst_guismoke.moc"
