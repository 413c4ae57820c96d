#include "config/config.h"
#include "config/configwriter.h"
#include "keyringstore.h"
#include "settingsdialog.h"
#include "settingssourceeditor.h"

#include "fakedigitalocean.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

// The Settings dialog under the offscreen platform: validation next to the fields, sources added, edited and
// removed into the written INI, tokens into the keyring (an in-memory one, and the real Secret Service when
// gnome-keyring and dbus-run-session are installed) and never into the INI, and "Test connection" against the
// DigitalOcean test server.
class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void opensOnTheConfig();
    void validationNextToTheField_data();
    void validationNextToTheField();
    void addEditRemoveRoundTrip();
    void tokenGoesToTheKeyringNeverTheIni();
    void renamedAndRemovedSourcesMoveTheirTokens();
    void noKeyringSaysWhatToDoInstead();
    void keyringRefusalKeepsTheIniUnchanged();
    void loadTokensAtStartUp();
    void testConnectionReportsTheServersAnswer();
    void storageTest();
    void showSourceWithItsLastError();
    void keyboardAndAccessibility();
    void realSecretService();

private:
    QString writeIni(const QString &text);
    static QString read(const QString &path);
    SettingsDialog *dialog(const Config &config, KeyringStore *keyring = nullptr);
    static SettingsSourceEditor *editor(SettingsDialog *dialog, const QString &name);
    static QPushButton *button(SettingsDialog *dialog, QDialogButtonBox::StandardButton which);
    static QLabel *problemOf(QWidget *field);
    static void type(QLineEdit *edit, const QString &text);

    QTemporaryDir m_dir;
    std::unique_ptr<FakeDigitalOcean> m_fake;
    KeyringStore *m_keyring = nullptr;
    MemoryKeyringBackend *m_backend = nullptr;
    int m_files = 0;
};

namespace {

const QString Ini = QStringLiteral("; my settings\n"
                                   "[sync]\n"
                                   "interval=30m\n"
                                   "[source.local]\n"
                                   "type=local\n"
                                   "[source.do]\n"
                                   "type=digitalocean\n"
                                   "token_env=OPSDECK_TEST_SETTINGS_TOKEN\n"
                                   "[source.prom]\n"
                                   "type=prometheus\n"
                                   "url=http://127.0.0.1:9090\n");

} // namespace

void TestSettingsDialog::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_fake = std::make_unique<FakeDigitalOcean>();
    QVERIFY(m_fake->start());
    qunsetenv("OPSDECK_TEST_SETTINGS_TOKEN");
}

void TestSettingsDialog::init()
{
    delete m_keyring;
    auto backend = std::make_unique<MemoryKeyringBackend>();
    m_backend = backend.get();
    m_keyring = new KeyringStore(std::move(backend), this);
}

QString TestSettingsDialog::writeIni(const QString &text)
{
    const QString path = m_dir.filePath(QStringLiteral("s%1/opsdeck.ini").arg(++m_files));
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(text.toUtf8());
    return path;
}

QString TestSettingsDialog::read(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

SettingsDialog *TestSettingsDialog::dialog(const Config &config, KeyringStore *keyring)
{
    auto *d = new SettingsDialog(config, config.filePath, keyring ? keyring : m_keyring);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->show();
    if (!QTest::qWaitForWindowExposed(d))
        qWarning("the dialog was not exposed");
    return d;
}

SettingsSourceEditor *TestSettingsDialog::editor(SettingsDialog *dialog, const QString &name)
{
    for (SettingsSourceEditor *e : dialog->findChildren<SettingsSourceEditor *>()) {
        if (e->name() == name)
            return e;
    }
    return nullptr;
}

QPushButton *TestSettingsDialog::button(SettingsDialog *dialog, QDialogButtonBox::StandardButton which)
{
    return dialog->findChild<QDialogButtonBox *>(QStringLiteral("settingsButtons"))->button(which);
}

QLabel *TestSettingsDialog::problemOf(QWidget *field)
{
    return field->parentWidget()->findChild<QLabel *>(field->objectName() + QLatin1String("Problem"));
}

void TestSettingsDialog::type(QLineEdit *edit, const QString &text)
{
    edit->setFocus();
    edit->selectAll();
    if (text.isEmpty())
        QTest::keyClick(edit, Qt::Key_Delete);
    else
        QTest::keyClicks(edit, text);
}

void TestSettingsDialog::opensOnTheConfig()
{
    const QString path = writeIni(Ini);
    const std::optional<Config> config = Config::load(path, nullptr);
    QVERIFY(config);
    SettingsDialog *d = dialog(*config);
    auto *list = d->findChild<QListWidget *>(QStringLiteral("sourceList"));
    QCOMPARE(list->count(), 3);
    QCOMPARE(list->item(1)->text(), QStringLiteral("do\nDigitalOcean"));
    QVERIFY(d->isValid());
    QVERIFY(button(d, QDialogButtonBox::Ok)->isEnabled());
    // Nothing changed yet: nothing to apply.
    QVERIFY(!button(d, QDialogButtonBox::Apply)->isEnabled());
    QVERIFY(ConfigWriter::sameSettings(d->result(), *config));
    d->close();
}

void TestSettingsDialog::validationNextToTheField_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("source"); // the source to select; empty for the Sync and Storage pages
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty name") << 0 << "do"
                                << "sourceName"
                                << ""
                                << "a name is required";
    QTest::newRow("duplicate name") << 0 << "do"
                                    << "sourceName"
                                    << "PROM"
                                    << "Another source is already called \"PROM\"";
    QTest::newRow("name with a space") << 0 << "do"
                                       << "sourceName"
                                       << "do prod"
                                       << "invalid source name";
    QTest::newRow("bad interval") << 0 << "do"
                                  << "sourceInterval"
                                  << "5x"
                                  << "invalid duration \"5x\"";
    QTest::newRow("interval too short") << 0 << "local"
                                        << "sourceInterval"
                                        << "5s"
                                        << "\"5s\" is too short";
    QTest::newRow("bad api url") << 0 << "do"
                                 << "sourceApiUrl"
                                 << "ftp://example.com"
                                 << "\"ftp://example.com\" is not an http:// or https:// URL with a host";
    QTest::newRow("bad prometheus url") << 0 << "prom"
                                        << "sourceUrl"
                                        << "127.0.0.1:9090"
                                        << "is not an http:// or https:// URL with a host";
    QTest::newRow("no prometheus url") << 0 << "prom"
                                       << "sourceUrl"
                                       << ""
                                       << "Required: the Prometheus server, e.g. http://127.0.0.1:9090";
    QTest::newRow("per minute too high") << 0 << "do"
                                         << "sourcePerMinute"
                                         << "300"
                                         << "expected a whole number from 1 to 250";
    QTest::newRow("token pasted as variable") << 0 << "do"
                                              << "sourceTokenEnv"
                                              << "dop_v1_0123456789abcdef0123456789abcdef"
                                              << "looks like a token itself (not shown)";
    QTest::newRow("sync interval without unit") << 1 << ""
                                                << "syncInterval"
                                                << "30"
                                                << "invalid duration \"30\"";
    QTest::newRow("retention 0") << 2 << ""
                                 << "retentionDays"
                                 << "0"
                                 << "\"0\" is not allowed; expected a whole number from 1 to 3650";
    QTest::newRow("storage scheme") << 2 << ""
                                    << "storageUrl"
                                    << "mysql://db/ops"
                                    << "mysql://db/ops";
}

void TestSettingsDialog::validationNextToTheField()
{
    QFETCH(int, page);
    QFETCH(QString, source);
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const std::optional<Config> config = Config::load(writeIni(Ini), nullptr);
    QVERIFY(config);
    SettingsDialog *d = dialog(*config);
    d->showPage(SettingsDialog::Page(page));
    QWidget *scope = d;
    if (!source.isEmpty()) {
        d->showSource(source);
        scope = editor(d, source);
        QVERIFY(scope);
    }
    auto *edit = scope->findChild<QLineEdit *>(field);
    QVERIFY2(edit, qPrintable(field));
    type(edit, value);

    QLabel *problem = problemOf(edit);
    QVERIFY(problem);
    QVERIFY(problem->isVisible());
    QVERIFY2(problem->text().contains(expected), qPrintable(problem->text()));
    // Not by colour alone: a sign, and the words for a screen reader.
    QVERIFY(problem->text().startsWith(QStringLiteral("⚠ ")));
    QVERIFY2(edit->accessibleDescription().contains(expected), qPrintable(edit->accessibleDescription()));
    QVERIFY(!problem->text().contains(QLatin1String("dop_v1_")));
    QVERIFY(!d->isValid());
    QVERIFY(!button(d, QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!button(d, QDialogButtonBox::Apply)->isEnabled());
    auto *summary = d->findChild<QLabel *>(QStringLiteral("settingsSummary"));
    QVERIFY2(summary->text().startsWith(QStringLiteral("✖ To save, fix: ")), qPrintable(summary->text()));
    // The tab with the problem is marked.
    QVERIFY(!d->findChild<QTabWidget *>()->tabIcon(page).isNull());

    // OK does nothing while something is refused; the file is untouched.
    const QString before = read(config->filePath);
    QVERIFY(!d->apply());
    QCOMPARE(read(config->filePath), before);

    // Undo: valid again.
    if (field == QLatin1String("sourceName"))
        type(edit, source);
    else if (field == QLatin1String("sourceUrl"))
        type(edit, QStringLiteral("http://127.0.0.1:9090"));
    else
        type(edit, QString());
    QVERIFY(!problem->isVisible());
    QVERIFY(edit->accessibleDescription().isEmpty());
    QVERIFY(d->isValid());
    QVERIFY(button(d, QDialogButtonBox::Ok)->isEnabled());
    d->close();
}

void TestSettingsDialog::addEditRemoveRoundTrip()
{
    const QString path = writeIni(Ini);
    const std::optional<Config> config = Config::load(path, nullptr);
    QVERIFY(config);
    SettingsDialog *d = dialog(*config);
    QSignalSpy applied(d, &SettingsDialog::applied);

    // Add a node_exporter source through the Add menu.
    auto *menu = d->findChild<QMenu *>(QStringLiteral("addSourceMenu"));
    QAction *addNodes = menu->findChild<QAction *>(QStringLiteral("add-node_exporter"));
    QVERIFY(addNodes);
    addNodes->trigger();
    SettingsSourceEditor *nodes = editor(d, QStringLiteral("nodes"));
    QVERIFY(nodes);
    QVERIFY(nodes->isVisible());
    // A new node_exporter source needs its targets before it can be saved.
    QVERIFY(!d->isValid());
    auto *targets = nodes->findChild<QPlainTextEdit *>(QStringLiteral("sourceTargets"));
    QVERIFY(problemOf(targets)->isVisible());
    targets->setPlainText(QStringLiteral("http://10.0.0.5:9100\nhttp://10.0.0.6:9100/metrics"));
    QVERIFY2(d->isValid(), qPrintable(d->findChild<QLabel *>(QStringLiteral("settingsSummary"))->text()));

    // Edit: the DigitalOcean source syncs every 10 minutes and is switched off.
    SettingsSourceEditor *digitalocean = editor(d, QStringLiteral("do"));
    d->showSource(QStringLiteral("do"));
    type(digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceInterval")), QStringLiteral("10m"));
    digitalocean->findChild<QCheckBox *>(QStringLiteral("sourceEnabled"))->setChecked(false);

    // Remove the Prometheus source.
    d->showSource(QStringLiteral("prom"));
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("removeSource")), Qt::LeftButton);
    QVERIFY(!editor(d, QStringLiteral("prom")));

    // And a longer default interval.
    d->showPage(SettingsDialog::Page::Sync);
    type(d->findChild<QLineEdit *>(QStringLiteral("syncInterval")), QStringLiteral("1h"));

    QVERIFY(button(d, QDialogButtonBox::Apply)->isEnabled());
    QTest::mouseClick(button(d, QDialogButtonBox::Apply), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);
    QVERIFY(d->isVisible()); // Apply keeps the dialog open
    QVERIFY(!button(d, QDialogButtonBox::Apply)->isEnabled());

    QString error;
    const std::optional<Config> written = Config::load(path, &error);
    QVERIFY2(written, qPrintable(error));
    QVERIFY(ConfigWriter::sameSettings(*written, applied.first().first().value<Config>()));
    QStringList names;
    for (const SourceConfig &s : written->sources)
        names << s.name;
    QCOMPARE(names, (QStringList { QStringLiteral("local"), QStringLiteral("do"), QStringLiteral("nodes") }));
    QCOMPARE(written->syncIntervalSeconds, qint64(3600));
    QCOMPARE(written->source(QStringLiteral("do"))->intervalSeconds, qint64(600));
    QCOMPARE(written->source(QStringLiteral("do"))->enabled, false);
    QCOMPARE(written->source(QStringLiteral("nodes"))->intervalSeconds, qint64(3600)); // follows [sync]
    QCOMPARE(written->source(QStringLiteral("nodes"))->options.value(QStringLiteral("targets")),
             QStringLiteral("http://10.0.0.5:9100/metrics,http://10.0.0.6:9100/metrics"));
    QVERIFY(read(path).startsWith(QLatin1String("; my settings\n"))); // the user's comment stays

    // OK after another edit writes and closes.
    d->showSource(QStringLiteral("local"));
    type(editor(d, QStringLiteral("local"))->findChild<QLineEdit *>(QStringLiteral("sourceName")),
         QStringLiteral("this-box"));
    QPointer<SettingsDialog> guard(d);
    QTest::mouseClick(button(d, QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_VERIFY(!guard);
    QCOMPARE(applied.count(), 2);
    QVERIFY(Config::load(path, nullptr)->source(QStringLiteral("this-box")));
}

void TestSettingsDialog::tokenGoesToTheKeyringNeverTheIni()
{
    const QString path = writeIni(Ini);
    const std::optional<Config> config = Config::load(path, nullptr);
    SettingsDialog *d = dialog(*config);
    QSignalSpy applied(d, &SettingsDialog::applied);
    d->showSource(QStringLiteral("do"));
    SettingsSourceEditor *digitalocean = editor(d, QStringLiteral("do"));
    auto *token = digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceToken"));
    QVERIFY(token);
    QCOMPARE(token->echoMode(), QLineEdit::Password);
    const QString secret = QStringLiteral("dop_v1_aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999");
    type(token, secret);
    auto *note = digitalocean->findChild<QLabel *>(QStringLiteral("sourceTokenNote"));
    QCOMPARE(note->text(), QStringLiteral("Stored in the system keyring, never in the settings file."));
    QVERIFY(button(d, QDialogButtonBox::Apply)->isEnabled());
    QTest::mouseClick(button(d, QDialogButtonBox::Apply), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);

    QCOMPARE(m_backend->entries().value(QStringLiteral("source.do.token")), secret);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY(!bytes.contains(secret.toLatin1()));
    QVERIFY(!bytes.contains("token="));
    // The new configuration carries the token in memory, for the sync engine.
    const Config result = applied.first().first().value<Config>();
    QCOMPARE(result.source(QStringLiteral("do"))->token, secret);
    // Saved: the field empties and says a token is stored.
    QVERIFY(token->text().isEmpty());
    QVERIFY(token->placeholderText().startsWith(QLatin1String("Stored")));
    QVERIFY(digitalocean->findChild<QPushButton *>(QStringLiteral("sourceForgetToken"))->isVisible());

    // Forget removes it on the next save.
    QTest::mouseClick(digitalocean->findChild<QPushButton *>(QStringLiteral("sourceForgetToken")), Qt::LeftButton);
    QVERIFY(button(d, QDialogButtonBox::Apply)->isEnabled());
    QTest::mouseClick(button(d, QDialogButtonBox::Apply), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 2);
    QVERIFY(!m_backend->entries().contains(QStringLiteral("source.do.token")));
    QVERIFY(applied.last().first().value<Config>().source(QStringLiteral("do"))->token.isEmpty());
    d->close();
}

void TestSettingsDialog::renamedAndRemovedSourcesMoveTheirTokens()
{
    m_backend->setEntry(QStringLiteral("source.do.token"), QStringLiteral("dop_v1_stored"));
    const QString path = writeIni(Ini);
    std::optional<Config> config = Config::load(path, nullptr);
    config->sources[1].token = QStringLiteral("dop_v1_stored");
    SettingsDialog *d = dialog(*config);
    QSignalSpy applied(d, &SettingsDialog::applied);
    d->showSource(QStringLiteral("do"));
    type(editor(d, QStringLiteral("do"))->findChild<QLineEdit *>(QStringLiteral("sourceName")),
         QStringLiteral("do-prod"));
    QVERIFY(button(d, QDialogButtonBox::Apply)->isEnabled());
    QTest::mouseClick(button(d, QDialogButtonBox::Apply), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 1);
    QCOMPARE(m_backend->entries(),
             (QHash<QString, QString> { { QStringLiteral("source.do-prod.token"), QStringLiteral("dop_v1_stored") } }));

    d->showSource(QStringLiteral("do-prod"));
    QTest::mouseClick(d->findChild<QPushButton *>(QStringLiteral("removeSource")), Qt::LeftButton);
    QTest::mouseClick(button(d, QDialogButtonBox::Apply), Qt::LeftButton);
    QTRY_COMPARE(applied.count(), 2);
    QVERIFY(m_backend->entries().isEmpty());
    QVERIFY(!Config::load(path, nullptr)->source(QStringLiteral("do-prod")));
    d->close();
}

void TestSettingsDialog::noKeyringSaysWhatToDoInstead()
{
    m_backend->setAvailable(false);
    const std::optional<Config> config = Config::load(writeIni(Ini), nullptr);
    SettingsDialog *d = dialog(*config);
    d->showSource(QStringLiteral("do"));
    SettingsSourceEditor *digitalocean = editor(d, QStringLiteral("do"));
    auto *token = digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceToken"));
    // The dialog asked the keyring on opening; the answer arrives on the event loop.
    QTRY_VERIFY(!token->isEnabled());
    QCOMPARE(m_keyring->state(), KeyringStore::State::Unavailable);
    QCOMPARE(digitalocean->findChild<QLabel *>(QStringLiteral("sourceTokenNote"))->text(),
             QStringLiteral("No keyring available: set the environment variable OPSDECK_TEST_SETTINGS_TOKEN instead."));
    // The variable's name follows the field.
    type(digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceTokenEnv")), QStringLiteral("DO_PROD_TOKEN"));
    QCOMPARE(digitalocean->findChild<QLabel *>(QStringLiteral("sourceTokenNote"))->text(),
             QStringLiteral("No keyring available: set the environment variable DO_PROD_TOKEN instead."));
    d->close();
}

void TestSettingsDialog::keyringRefusalKeepsTheIniUnchanged()
{
    const QString path = writeIni(Ini);
    const std::optional<Config> config = Config::load(path, nullptr);
    SettingsDialog *d = dialog(*config);
    QSignalSpy applied(d, &SettingsDialog::applied);
    d->showSource(QStringLiteral("do"));
    SettingsSourceEditor *digitalocean = editor(d, QStringLiteral("do"));
    type(digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceInterval")), QStringLiteral("2h"));
    type(digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceToken")), QStringLiteral("dop_v1_new"));
    m_backend->setAvailable(false); // goes away between typing and saving
    QTest::mouseClick(button(d, QDialogButtonBox::Ok), Qt::LeftButton);
    auto *summary = d->findChild<QLabel *>(QStringLiteral("settingsSummary"));
    QTRY_VERIFY(summary->text().startsWith(QStringLiteral("✖ Not saved: No keyring available")));
    QVERIFY(d->isVisible());
    QCOMPARE(applied.count(), 0);
    QCOMPARE(read(path), Ini);
    QVERIFY(problemOf(digitalocean->findChild<QWidget *>(QStringLiteral("sourceTokenRow")))->isVisible());
    d->close();
}

void TestSettingsDialog::loadTokensAtStartUp()
{
    m_backend->setEntry(QStringLiteral("source.do.token"), QStringLiteral("dop_v1_from_keyring"));
    const std::optional<Config> config = Config::load(writeIni(Ini), nullptr);
    QSignalSpy states(m_keyring, &KeyringStore::stateChanged);
    Config loaded;
    bool called = false;
    m_keyring->loadTokens(*config, this, [&](const Config &c) {
        loaded = c;
        called = true;
    });
    QVERIFY(!called); // asynchronous
    QTRY_VERIFY(called);
    QCOMPARE(loaded.source(QStringLiteral("do"))->token, QStringLiteral("dop_v1_from_keyring"));
    QVERIFY(loaded.source(QStringLiteral("local"))->token.isEmpty());
    QCOMPARE(m_keyring->state(), KeyringStore::State::Available);

    // No keyring: called back all the same, without tokens.
    m_backend->setAvailable(false);
    called = false;
    m_keyring->loadTokens(*config, this, [&](const Config &c) {
        loaded = c;
        called = true;
    });
    QTRY_VERIFY(called);
    QVERIFY(loaded.source(QStringLiteral("do"))->token.isEmpty());
    QCOMPARE(m_keyring->state(), KeyringStore::State::Unavailable);
}

void TestSettingsDialog::testConnectionReportsTheServersAnswer()
{
    const std::optional<Config> config = Config::load(writeIni(Ini), nullptr);
    SettingsDialog *d = dialog(*config);
    d->showSource(QStringLiteral("do"));
    SettingsSourceEditor *digitalocean = editor(d, QStringLiteral("do"));
    type(digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceApiUrl")), m_fake->url());
    type(digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceToken")), QStringLiteral("fake-do-token"));
    auto *test = digitalocean->findChild<QPushButton *>(QStringLiteral("sourceTest"));
    auto *result = digitalocean->findChild<QLabel *>(QStringLiteral("sourceTestResult"));
    QTest::mouseClick(test, Qt::LeftButton);
    // A busy indicator while it runs, and the button waits.
    QVERIFY(digitalocean->findChild<QWidget *>(QStringLiteral("sourceTestBusy"))->isVisible());
    QVERIFY(!test->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✔ Connected as ops@example.com — ")), 15000);
    QVERIFY(test->isEnabled());
    QVERIFY(!digitalocean->findChild<QWidget *>(QStringLiteral("sourceTestBusy"))->isVisible());

    type(digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceToken")), QStringLiteral("dop_v1_wrong"));
    QVERIFY(result->text().isEmpty()); // an edit clears the old answer
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✖ DigitalOcean rejected the token entered "
                                                                      "here (401). Create a new one under API → "
                                                                      "Tokens and paste it here.")),
                             15000);

    // An invalid field is named rather than tested.
    type(digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceApiUrl")), QStringLiteral("not a url"));
    QTest::mouseClick(test, Qt::LeftButton);
    QCOMPARE(result->text(), QStringLiteral("✖ Fix API URL first."));
    d->close();
}

void TestSettingsDialog::storageTest()
{
    const std::optional<Config> config = Config::load(writeIni(Ini), nullptr);
    SettingsDialog *d = dialog(*config);
    d->showPage(SettingsDialog::Page::Storage);
    auto *url = d->findChild<QLineEdit *>(QStringLiteral("storageUrl"));
    auto *result = d->findChild<QLabel *>(QStringLiteral("storageTestResult"));
    auto *test = d->findChild<QPushButton *>(QStringLiteral("storageTest"));
    type(url, QLatin1String("sqlite://") + m_dir.path());
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY(result->text().startsWith(QStringLiteral("✖ ") + m_dir.path()
                                          + QStringLiteral(" is a folder, not a database file.")));

    const QString fresh = m_dir.filePath(QStringLiteral("new/cache.db"));
    type(url, QLatin1String("sqlite://") + fresh);
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_COMPARE(result->text(),
                 QStringLiteral("✔ No database at %1 yet: OpsDeck will create it there on first use.").arg(fresh));

    // A refused PostgreSQL port; the password never shows.
    type(url, QStringLiteral("postgresql://ops:hunter2@127.0.0.1:1/metrics"));
    QTest::mouseClick(test, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(result->text().startsWith(QStringLiteral("✖ connection refused at 127.0.0.1:1 — is "
                                                                      "PostgreSQL running")),
                             10000);
    QVERIFY(!result->text().contains(QLatin1String("hunter2")));
    d->close();
}

void TestSettingsDialog::showSourceWithItsLastError()
{
    const std::optional<Config> config = Config::load(writeIni(Ini), nullptr);
    SettingsDialog *d = dialog(*config);
    d->setLastErrors(
        { { QStringLiteral("do"),
            QStringLiteral("DigitalOcean token missing for source 'do': set OPSDECK_TEST_SETTINGS_TOKEN") } });
    d->showSource(QStringLiteral("do"));
    auto *list = d->findChild<QListWidget *>(QStringLiteral("sourceList"));
    QCOMPARE(list->currentRow(), 1);
    SettingsSourceEditor *digitalocean = editor(d, QStringLiteral("do"));
    QVERIFY(digitalocean->isVisible());
    auto *lastError = digitalocean->findChild<QLabel *>(QStringLiteral("sourceLastError"));
    QVERIFY(lastError->isVisible());
    QCOMPARE(lastError->text(),
             QStringLiteral("✖ The last sync failed: DigitalOcean token missing for source 'do': "
                            "set OPSDECK_TEST_SETTINGS_TOKEN"));
    QVERIFY(!editor(d, QStringLiteral("local"))->findChild<QLabel *>(QStringLiteral("sourceLastError"))->isVisible());
    d->close();
}

void TestSettingsDialog::keyboardAndAccessibility()
{
    const std::optional<Config> config = Config::load(writeIni(Ini), nullptr);
    SettingsDialog *d = dialog(*config);
    d->showSource(QStringLiteral("do"));
    // Every field has a caption that is its buddy (so its mnemonic reaches it) and an accessible name.
    for (QLineEdit *edit : d->findChildren<QLineEdit *>()) {
        QVERIFY2(!edit->accessibleName().isEmpty(), qPrintable(edit->objectName()));
        bool hasBuddy = false;
        for (QLabel *label : d->findChildren<QLabel *>())
            hasBuddy = hasBuddy || label->buddy() == edit;
        QVERIFY2(hasBuddy, qPrintable(edit->objectName()));
    }
    // Tab walks the DigitalOcean editor top to bottom.
    SettingsSourceEditor *digitalocean = editor(d, QStringLiteral("do"));
    auto *name = digitalocean->findChild<QLineEdit *>(QStringLiteral("sourceName"));
    name->setFocus();
    QTRY_VERIFY(name->hasFocus());
    QStringList order;
    for (int i = 0; i < 12; ++i) {
        QWidget *focus = QApplication::focusWidget();
        if (!focus)
            break;
        order << focus->objectName();
        QTest::keyClick(focus, Qt::Key_Tab);
    }
    const QStringList expected { QStringLiteral("sourceName"),      QStringLiteral("sourceEnabled"),
                                 QStringLiteral("sourceInterval"),  QStringLiteral("sourceApiUrl"),
                                 QStringLiteral("sourceToken"),     QStringLiteral("sourceTokenEnv"),
                                 QStringLiteral("sourcePerMinute"), QStringLiteral("sourcePerHour"),
                                 QStringLiteral("sourceBackfill"),  QStringLiteral("sourceTest") };
    QCOMPARE(order.mid(0, expected.size()), expected);
    d->close();
}

// The real Secret Service: the test runs itself again inside a private D-Bus session with an unlocked
// gnome-keyring, and writes, reads and removes a token through QtKeychain.
void TestSettingsDialog::realSecretService()
{
    if (qEnvironmentVariableIsSet("OPSDECK_TEST_IN_KEYRING_SESSION")) {
        KeyringStore keyring; // the system keyring
        bool done = false;
        bool ok = false;
        QString error;
        keyring.writeToken(QStringLiteral("settings-test"), QStringLiteral("dop_v1_real"), this,
                           [&](bool o, const QString &e) {
                               ok = o;
                               error = e;
                               done = true;
                           });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        // A session where gnome-keyring could not start is this machine's limit, not a failure of ours.
        if (!ok && keyring.state() == KeyringStore::State::Unavailable)
            QSKIP(qPrintable(QStringLiteral("no Secret Service in the test session: ") + error));
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(keyring.state(), KeyringStore::State::Available);
        QString token;
        done = false;
        keyring.readToken(QStringLiteral("settings-test"), this, [&](bool found, const QString &t, const QString &) {
            token = found ? t : QString();
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QCOMPARE(token, QStringLiteral("dop_v1_real"));
        done = false;
        keyring.removeToken(QStringLiteral("settings-test"), this, [&](bool o, const QString &) {
            ok = o;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QVERIFY(ok);
        return;
    }
    const QString session = QStandardPaths::findExecutable(QStringLiteral("dbus-run-session"));
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("gnome-keyring-daemon"));
    if (session.isEmpty() || daemon.isEmpty())
        QSKIP("dbus-run-session and gnome-keyring-daemon are needed for the real keyring (Debian dbus, gnome-keyring)");
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OPSDECK_TEST_IN_KEYRING_SESSION"), QStringLiteral("1"));
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));
    QDir().mkpath(home.filePath(QStringLiteral("run")));
    QFile::setPermissions(home.filePath(QStringLiteral("run")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::MergedChannels);
    // A fresh login keyring, created and unlocked with a password on stdin, then this very test inside it.
    const QString script = QStringLiteral("printf opsdeck-test | gnome-keyring-daemon --unlock --components=secrets "
                                          ">/dev/null 2>&1; exec \"$0\" realSecretService");
    child.start(session,
                { QStringLiteral("--"), QStringLiteral("sh"), QStringLiteral("-c"), script,
                  QCoreApplication::applicationFilePath() });
    QVERIFY(child.waitForStarted(10000));
    if (!child.waitForFinished(90000)) {
        child.kill();
        child.waitForFinished(5000);
        QFAIL("the keyring session did not finish in 90 s");
    }
    const QString output = QString::fromLocal8Bit(child.readAll());
    QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 0, qPrintable(output));
    if (output.contains(QLatin1String("SKIP   : TestSettingsDialog::realSecretService()")))
        QSKIP(qPrintable(output.section(QLatin1String("SKIP   : TestSettingsDialog::realSecretService() "), 1)
                             .section(QLatin1Char('\n'), 0, 0)));
    QVERIFY2(output.contains(QLatin1String("PASS   : TestSettingsDialog::realSecretService()")), qPrintable(output));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
