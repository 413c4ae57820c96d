#include "relativetime.h"
#include "translator.h"

#include <QDir>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QRegularExpression>
#include <QTranslator>
#include <QtTest>

class TestTranslator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cleanup();
    void install_data();
    void install();
    void germanPlurals();
    void qtStringsFollow();
    void installReplacesThePreviousLanguage();
    void everyCatalogueIsEmbedded();
};

void TestTranslator::cleanup()
{
    Translator::install(*QCoreApplication::instance(), QStringLiteral("en"));
}

void TestTranslator::install_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("loaded");
    QTest::addColumn<QLocale::Language>("localeLanguage");
    QTest::addColumn<QString>("syncNow");
    QTest::addColumn<QString>("filterPlaceholder");
    QTest::addColumn<QString>("database");

    const QString en[]
        = { QStringLiteral("Sync now"), QStringLiteral("Filter resources…"), QStringLiteral("Database") };
    const QString de[] = { QStringLiteral("Jetzt synchronisieren"), QStringLiteral("Ressourcen filtern…"),
                           QStringLiteral("Datenbank") };
    QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("de") << QLocale::German << de[0] << de[1] << de[2];
    QTest::newRow("de_DE falls back to de")
        << QStringLiteral("de_DE") << QStringLiteral("de") << QLocale::German << de[0] << de[1] << de[2];
    QTest::newRow("de-AT falls back to de")
        << QStringLiteral("de-AT") << QStringLiteral("de") << QLocale::German << de[0] << de[1] << de[2];
    QTest::newRow("en") << QStringLiteral("en") << QString() << QLocale::English << en[0] << en[1] << en[2];
    QTest::newRow("unknown language: English")
        << QStringLiteral("xx") << QString() << QLocale::English << en[0] << en[1] << en[2];
    QTest::newRow("no catalogue: English")
        << QStringLiteral("ja") << QString() << QLocale::Japanese << en[0] << en[1] << en[2];
}

void TestTranslator::install()
{
    QFETCH(QString, language);
    QFETCH(QString, loaded);
    QFETCH(QLocale::Language, localeLanguage);
    QFETCH(QString, syncNow);
    QFETCH(QString, filterPlaceholder);
    QFETCH(QString, database);

    if (language == QLatin1String("xx"))
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("unknown language \"xx\"")));
    QCOMPARE(Translator::install(*QCoreApplication::instance(), language), loaded);
    QCOMPARE(QLocale().language(), localeLanguage);
    QCOMPARE(QCoreApplication::translate("MainWindow", "Sync now"), syncNow);
    QCOMPARE(QCoreApplication::translate("MainWindow", "Filter resources…"), filterPlaceholder);
    QCOMPARE(QCoreApplication::translate("FleetTableModel", "Database"), database);
}

void TestTranslator::germanPlurals()
{
    QCOMPARE(Translator::install(*QCoreApplication::instance(), QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(RelativeTime::ago(30), QStringLiteral("gerade eben"));
    QCOMPARE(RelativeTime::ago(60), QStringLiteral("vor 1 Min."));
    QCOMPARE(RelativeTime::ago(3 * 60 + 59), QStringLiteral("vor 3 Min."));
    QCOMPARE(RelativeTime::ago(2 * 3600), QStringLiteral("vor 2 Std."));
    QCOMPARE(RelativeTime::ago(86400), QStringLiteral("vor 1 Tag"));
    QCOMPARE(RelativeTime::ago(5 * 86400), QStringLiteral("vor 5 Tagen"));
    QCOMPARE(QCoreApplication::translate("MainWindow", "%n resources", nullptr, 1), QStringLiteral("1 Ressource"));
    QCOMPARE(QCoreApplication::translate("MainWindow", "%n resources", nullptr, 12), QStringLiteral("12 Ressourcen"));
    QCOMPARE(QCoreApplication::translate("FleetTableModel", "%n vCPU", nullptr, 4), QStringLiteral("4 vCPUs"));
}

void TestTranslator::qtStringsFollow()
{
    const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm");
    if (!QFileInfo::exists(qtbase))
        QSKIP("Qt's German translation is not installed (Debian: qt6-translations-l10n)");
    QCOMPARE(Translator::install(*QCoreApplication::instance(), QStringLiteral("de")), QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    Translator::install(*QCoreApplication::instance(), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
}

void TestTranslator::installReplacesThePreviousLanguage()
{
    auto &app = *QCoreApplication::instance();
    Translator::install(app, QStringLiteral("de"));
    const auto installed = app.findChildren<QTranslator *>().size();
    Translator::install(app, QStringLiteral("de"));
    QCOMPARE(app.findChildren<QTranslator *>().size(), installed);
    Translator::install(app, QStringLiteral("en"));
    QVERIFY(app.findChildren<QTranslator *>().isEmpty());
}

// Every translations/opsdeck_<lang>.ts must reach the resources, or its language silently stays English.
void TestTranslator::everyCatalogueIsEmbedded()
{
    const QDir translations(QStringLiteral(OPSDECK_FIXTURES "/../../translations"));
    const QStringList catalogues = translations.entryList({ QStringLiteral("opsdeck_*.ts") }, QDir::Files);
    QVERIFY(!catalogues.isEmpty());
    for (const QString &ts : catalogues) {
        const QString qm = QStringLiteral(":/i18n/") + QFileInfo(ts).completeBaseName() + QStringLiteral(".qm");
        QVERIFY2(QFileInfo::exists(qm), qPrintable(qm));
    }
}

QTEST_MAIN(TestTranslator)
#include "tst_translator.moc"
