#include "config/databaseurl.h"

#include <QDir>
#include <QTest>

Q_DECLARE_METATYPE(DatabaseUrl::Engine)

class TestDatabaseUrl : public QObject
{
    Q_OBJECT

private slots:
    void sqlite_data();
    void sqlite();
    void postgres_data();
    void postgres();
    void errors_data();
    void errors();
    void redactedNeverShowsPassword_data();
    void redactedNeverShowsPassword();
    void redactedRoundTrips_data();
    void redactedRoundTrips();
    void nullErrorPointer();
};

namespace {

QString optionsText(const QMap<QString, QString> &options)
{
    QStringList pairs;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        pairs << it.key() + QLatin1Char('=') + it.value();
    return pairs.join(QLatin1Char('&'));
}

} // namespace

void TestDatabaseUrl::sqlite_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("redacted");

    QTest::newRow("absolute") << QStringLiteral("sqlite:///var/lib/opsdeck/opsdeck.db")
                              << QStringLiteral("/var/lib/opsdeck/opsdeck.db")
                              << QStringLiteral("sqlite:///var/lib/opsdeck/opsdeck.db");
    QTest::newRow("absolute, one slash") << QStringLiteral("sqlite:/tmp/x.db") << QStringLiteral("/tmp/x.db")
                                         << QStringLiteral("sqlite:///tmp/x.db");
    QTest::newRow("relative") << QStringLiteral("sqlite:relative/x.db") << QStringLiteral("relative/x.db")
                              << QStringLiteral("sqlite:relative/x.db");
    QTest::newRow("relative after //") << QStringLiteral("sqlite://relative/x.db") << QStringLiteral("relative/x.db")
                                       << QStringLiteral("sqlite:relative/x.db");
    QTest::newRow("bare file name") << QStringLiteral("sqlite:opsdeck.db") << QStringLiteral("opsdeck.db")
                                    << QStringLiteral("sqlite:opsdeck.db");
    QTest::newRow("memory") << QStringLiteral("sqlite::memory:") << QStringLiteral(":memory:")
                            << QStringLiteral("sqlite::memory:");
    QTest::newRow("memory after //") << QStringLiteral("sqlite://:memory:") << QStringLiteral(":memory:")
                                     << QStringLiteral("sqlite::memory:");
    QTest::newRow("scheme case") << QStringLiteral("SQLite:///x.db") << QStringLiteral("/x.db")
                                 << QStringLiteral("sqlite:///x.db");
    QTest::newRow("spaces in path are literal")
        << QStringLiteral("sqlite:///srv/My Data/x.db") << QStringLiteral("/srv/My Data/x.db")
        << QStringLiteral("sqlite:///srv/My Data/x.db");
    QTest::newRow("no percent-decoding") << QStringLiteral("sqlite:///a%20b.db") << QStringLiteral("/a%20b.db")
                                         << QStringLiteral("sqlite:///a%20b.db");
    QTest::newRow("surrounding spaces") << QStringLiteral("  sqlite:///x.db  ") << QStringLiteral("/x.db")
                                        << QStringLiteral("sqlite:///x.db");
    QTest::newRow("home") << QStringLiteral("sqlite:~/ops/x.db") << QDir::homePath() + QStringLiteral("/ops/x.db")
                          << QStringLiteral("sqlite://") + QDir::homePath() + QStringLiteral("/ops/x.db");
    QTest::newRow("home after //") << QStringLiteral("sqlite://~/x.db") << QDir::homePath() + QStringLiteral("/x.db")
                                   << QStringLiteral("sqlite://") + QDir::homePath() + QStringLiteral("/x.db");
}

void TestDatabaseUrl::sqlite()
{
    QFETCH(QString, url);
    QFETCH(QString, path);
    QFETCH(QString, redacted);
    QString error;
    const std::optional<DatabaseUrl> parsed = DatabaseUrl::parse(url, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QVERIFY(parsed->isSqlite());
    QCOMPARE(parsed->engine, DatabaseUrl::Engine::Sqlite);
    QCOMPARE(parsed->path, path);
    QCOMPARE(parsed->isMemory(), path == QLatin1String(":memory:"));
    QVERIFY(parsed->options.isEmpty());
    QCOMPARE(parsed->redacted(), redacted);
}

void TestDatabaseUrl::postgres_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("options");
    QTest::addColumn<QString>("redacted");

    QTest::newRow("full") << QStringLiteral("postgresql://ops:secret@db.example:5432/metrics") << QStringLiteral("ops")
                          << QStringLiteral("secret") << QStringLiteral("db.example") << 5432
                          << QStringLiteral("metrics") << QString()
                          << QStringLiteral("postgresql://ops:***@db.example:5432/metrics");
    QTest::newRow("postgres scheme, default port")
        << QStringLiteral("postgres://ops@db.example/metrics") << QStringLiteral("ops") << QString()
        << QStringLiteral("db.example") << 5432 << QStringLiteral("metrics") << QString()
        << QStringLiteral("postgresql://ops@db.example:5432/metrics");
    QTest::newRow("scheme case") << QStringLiteral("PostgreSQL://ops@db/metrics") << QStringLiteral("ops") << QString()
                                 << QStringLiteral("db") << 5432 << QStringLiteral("metrics") << QString()
                                 << QStringLiteral("postgresql://ops@db:5432/metrics");
    QTest::newRow("default host") << QStringLiteral("postgresql:///metrics") << QString() << QString()
                                  << QStringLiteral("localhost") << 5432 << QStringLiteral("metrics") << QString()
                                  << QStringLiteral("postgresql://localhost:5432/metrics");
    QTest::newRow("default host with user")
        << QStringLiteral("postgresql://ops@/metrics") << QStringLiteral("ops") << QString()
        << QStringLiteral("localhost") << 5432 << QStringLiteral("metrics") << QString()
        << QStringLiteral("postgresql://ops@localhost:5432/metrics");
    QTest::newRow("other port") << QStringLiteral("postgresql://ops:pw@10.0.0.7:6543/metrics") << QStringLiteral("ops")
                                << QStringLiteral("pw") << QStringLiteral("10.0.0.7") << 6543
                                << QStringLiteral("metrics") << QString()
                                << QStringLiteral("postgresql://ops:***@10.0.0.7:6543/metrics");
    QTest::newRow("highest port") << QStringLiteral("postgresql://db:65535/m") << QString() << QString()
                                  << QStringLiteral("db") << 65535 << QStringLiteral("m") << QString()
                                  << QStringLiteral("postgresql://db:65535/m");
    QTest::newRow("percent-decoded parts")
        << QStringLiteral("postgresql://ops%40corp:p%40ss%2Fw0rd%3A%25@db/my%20db") << QStringLiteral("ops@corp")
        << QStringLiteral("p@ss/w0rd:%") << QStringLiteral("db") << 5432 << QStringLiteral("my db") << QString()
        << QStringLiteral("postgresql://ops%40corp:***@db:5432/my%20db");
    QTest::newRow("unencoded @ in password")
        << QStringLiteral("postgresql://ops:p@ss@db/metrics") << QStringLiteral("ops") << QStringLiteral("p@ss")
        << QStringLiteral("db") << 5432 << QStringLiteral("metrics") << QString()
        << QStringLiteral("postgresql://ops:***@db:5432/metrics");
    QTest::newRow("unencoded / ? # in password")
        << QStringLiteral("postgresql://ops:a/b?c#d@db/metrics") << QStringLiteral("ops") << QStringLiteral("a/b?c#d")
        << QStringLiteral("db") << 5432 << QStringLiteral("metrics") << QString()
        << QStringLiteral("postgresql://ops:***@db:5432/metrics");
    QTest::newRow("colon in password") << QStringLiteral("postgresql://ops:a:b@db/metrics") << QStringLiteral("ops")
                                       << QStringLiteral("a:b") << QStringLiteral("db") << 5432
                                       << QStringLiteral("metrics") << QString()
                                       << QStringLiteral("postgresql://ops:***@db:5432/metrics");
    QTest::newRow("ipv6") << QStringLiteral("postgresql://ops:pw@[::1]:5433/metrics") << QStringLiteral("ops")
                          << QStringLiteral("pw") << QStringLiteral("::1") << 5433 << QStringLiteral("metrics")
                          << QString() << QStringLiteral("postgresql://ops:***@[::1]:5433/metrics");
    QTest::newRow("ipv6 default port") << QStringLiteral("postgresql://[2001:db8::5]/metrics") << QString() << QString()
                                       << QStringLiteral("2001:db8::5") << 5432 << QStringLiteral("metrics")
                                       << QString() << QStringLiteral("postgresql://[2001:db8::5]:5432/metrics");
    QTest::newRow("socket directory") << QStringLiteral("postgresql://%2Fvar%2Frun%2Fpostgresql/metrics") << QString()
                                      << QString() << QStringLiteral("/var/run/postgresql") << 5432
                                      << QStringLiteral("metrics") << QString()
                                      << QStringLiteral("postgresql://%2Fvar%2Frun%2Fpostgresql:5432/metrics");
    QTest::newRow("parameters")
        << QStringLiteral("postgresql://ops@db/metrics?sslmode=require&connect_timeout=10"
                          "&application_name=opsdeck%20sync")
        << QStringLiteral("ops") << QString() << QStringLiteral("db") << 5432 << QStringLiteral("metrics")
        << QStringLiteral("application_name=opsdeck sync&connect_timeout=10&sslmode=require")
        << QStringLiteral("postgresql://ops@db:5432/metrics?application_name=opsdeck%20sync&connect_timeout=10"
                          "&sslmode=require");
    QTest::newRow("tls files and session attrs")
        << QStringLiteral("postgresql://db/m?sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem&sslcert=/c.pem"
                          "&sslkey=/k.pem&target_session_attrs=read-write")
        << QString() << QString() << QStringLiteral("db") << 5432 << QStringLiteral("m")
        << QStringLiteral("sslcert=/c.pem&sslkey=/k.pem&sslmode=verify-full&sslrootcert=/etc/ssl/ca.pem"
                          "&target_session_attrs=read-write")
        << QStringLiteral("postgresql://db:5432/m?sslcert=%2Fc.pem&sslkey=%2Fk.pem&sslmode=verify-full"
                          "&sslrootcert=%2Fetc%2Fssl%2Fca.pem&target_session_attrs=read-write");
    QTest::newRow("empty query and trailing &")
        << QStringLiteral("postgresql://db/m?sslmode=disable&") << QString() << QString() << QStringLiteral("db")
        << 5432 << QStringLiteral("m") << QStringLiteral("sslmode=disable")
        << QStringLiteral("postgresql://db:5432/m?sslmode=disable");
    QTest::newRow("user without password")
        << QStringLiteral("postgresql://reader@db/m") << QStringLiteral("reader") << QString() << QStringLiteral("db")
        << 5432 << QStringLiteral("m") << QString() << QStringLiteral("postgresql://reader@db:5432/m");
}

void TestDatabaseUrl::postgres()
{
    QFETCH(QString, url);
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, options);
    QFETCH(QString, redacted);
    QString error;
    const std::optional<DatabaseUrl> parsed = DatabaseUrl::parse(url, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(parsed->engine, DatabaseUrl::Engine::Postgres);
    QVERIFY(!parsed->isSqlite());
    QVERIFY(!parsed->isMemory());
    QCOMPARE(parsed->user, user);
    QCOMPARE(parsed->password, password);
    QCOMPARE(parsed->host, host);
    QCOMPARE(parsed->port, port);
    QCOMPARE(parsed->database, database);
    QCOMPARE(optionsText(parsed->options), options);
    QCOMPARE(parsed->redacted(), redacted);
}

void TestDatabaseUrl::errors_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QStringList>("fragments");

    const QString allForms = QStringLiteral("accepted forms: sqlite:///absolute/path.db, sqlite:relative/path.db, "
                                            "sqlite::memory:, postgresql://user:password@host:5432/dbname");
    const QString pgForm = QStringLiteral("postgresql://user:password@host:5432/dbname?sslmode=require");

    QTest::newRow("empty") << QString() << QStringList { QStringLiteral("no database URL"), allForms };
    QTest::newRow("blank") << QStringLiteral("   ") << QStringList { QStringLiteral("no database URL"), allForms };
    QTest::newRow("junk") << QStringLiteral("junk") << QStringList { QStringLiteral("\"junk\""), allForms };
    QTest::newRow("unknown scheme") << QStringLiteral("mysql://u:s3cret@h/db")
                                    << QStringList { QStringLiteral("\"mysql://u:***@h/db\""),
                                                     QStringLiteral("unknown scheme \"mysql:\""), allForms };
    QTest::newRow("sqlite3 scheme") << QStringLiteral("sqlite3:///x.db")
                                    << QStringList { QStringLiteral("unknown scheme"), allForms };
    QTest::newRow("http") << QStringLiteral("http://db.example/") << QStringList { allForms };
    QTest::newRow("bare absolute path") << QStringLiteral("/var/lib/x.db")
                                        << QStringList { QStringLiteral("write sqlite:///var/lib/x.db"), allForms };
    QTest::newRow("bare relative path") << QStringLiteral("x.db")
                                        << QStringList { QStringLiteral("write sqlite:x.db"), allForms };
    QTest::newRow("sqlite without path") << QStringLiteral("sqlite:")
                                         << QStringList { QStringLiteral("path is missing"), allForms };
    QTest::newRow("sqlite // without path")
        << QStringLiteral("sqlite://") << QStringList { QStringLiteral("path is missing") };
    QTest::newRow("sqlite parameters") << QStringLiteral("sqlite:///x.db?mode=ro")
                                       << QStringList { QStringLiteral("no parameters") };
    QTest::newRow("postgres without //") << QStringLiteral("postgresql:db/metrics")
                                         << QStringList { QStringLiteral("expected postgresql://"), pgForm };
    QTest::newRow("no database") << QStringLiteral("postgresql://u:s3cret@db")
                                 << QStringList { QStringLiteral("\"postgresql://u:***@db\""),
                                                  QStringLiteral("database name is missing"), pgForm };
    QTest::newRow("empty database") << QStringLiteral("postgresql://u:s3cret@db:5432/")
                                    << QStringList { QStringLiteral("database name is missing") };
    QTest::newRow("only scheme") << QStringLiteral("postgresql://")
                                 << QStringList { QStringLiteral("database name is missing") };
    QTest::newRow("port zero") << QStringLiteral("postgresql://u:s3cret@db:0/m")
                               << QStringList { QStringLiteral("port 0 is out of range"),
                                                QStringLiteral("1 to 65535") };
    QTest::newRow("port too high") << QStringLiteral("postgresql://u:s3cret@db:65536/m")
                                   << QStringList { QStringLiteral("port 65536 is out of range") };
    QTest::newRow("port not a number") << QStringLiteral("postgresql://u:s3cret@db:abc/m")
                                       << QStringList { QStringLiteral("number from 1 to 65535") };
    QTest::newRow("port empty") << QStringLiteral("postgresql://u:s3cret@db:/m")
                                << QStringList { QStringLiteral("number from 1 to 65535") };
    QTest::newRow("host forgotten") << QStringLiteral("postgresql://u:s3cret/m")
                                    << QStringList { QStringLiteral("\"postgresql://u:***/m\""),
                                                     QStringLiteral("@host part is missing") };
    QTest::newRow("ipv6 without brackets")
        << QStringLiteral("postgresql://u:s3cret@::1/m") << QStringList { QStringLiteral("in brackets") };
    QTest::newRow("ipv6 unclosed") << QStringLiteral("postgresql://u:s3cret@[::1/m")
                                   << QStringList { QStringLiteral("closing ']'") };
    QTest::newRow("ipv6 junk") << QStringLiteral("postgresql://u:s3cret@[zz]/m")
                               << QStringList { QStringLiteral("\"zz\" is not an IPv6 address") };
    QTest::newRow("after ipv6") << QStringLiteral("postgresql://u:s3cret@[::1]x/m")
                                << QStringList { QStringLiteral("expected :port") };
    QTest::newRow("bad host") << QStringLiteral("postgresql://u:s3cret@db host/m")
                              << QStringList { QStringLiteral("host \"db host\"") };
    QTest::newRow("slash in database") << QStringLiteral("postgresql://u:s3cret@db/m/extra")
                                       << QStringList { QStringLiteral("must not contain '/'") };
    QTest::newRow("fragment") << QStringLiteral("postgresql://u:s3cret@db/m#x")
                              << QStringList { QStringLiteral("'#'") };
    QTest::newRow("unknown parameter")
        << QStringLiteral("postgresql://u:s3cret@db/m?foo=1")
        << QStringList { QStringLiteral("parameter \"foo\" is not supported"),
                         QStringLiteral("allowed: sslmode, connect_timeout, application_name, sslrootcert, "
                                        "sslcert, sslkey, target_session_attrs") };
    QTest::newRow("password parameter") << QStringLiteral("postgresql://u@db/m?password=s3cret")
                                        << QStringList { QStringLiteral("parameter \"password\" is not supported"),
                                                         QStringLiteral("password=***") };
    QTest::newRow("bad sslmode") << QStringLiteral("postgresql://u:s3cret@db/m?sslmode=maybe")
                                 << QStringList { QStringLiteral("sslmode \"maybe\""), QStringLiteral("verify-full") };
    QTest::newRow("bad session attrs") << QStringLiteral("postgresql://db/m?target_session_attrs=fast")
                                       << QStringList { QStringLiteral("read-write") };
    QTest::newRow("bad timeout") << QStringLiteral("postgresql://db/m?connect_timeout=ten")
                                 << QStringList { QStringLiteral("connect_timeout \"ten\"") };
    QTest::newRow("parameter twice") << QStringLiteral("postgresql://db/m?sslmode=require&sslmode=disable")
                                     << QStringList { QStringLiteral("sslmode is given twice") };
    QTest::newRow("parameter without value")
        << QStringLiteral("postgresql://db/m?sslmode") << QStringList { QStringLiteral("sslmode has no value") };
    QTest::newRow("bad escape in password")
        << QStringLiteral("postgresql://u:s3cret%zz@db/m") << QStringList { QStringLiteral("password has a '%'") };
    QTest::newRow("bad escape in user") << QStringLiteral("postgresql://u%g1:s3cret@db/m")
                                        << QStringList { QStringLiteral("user name has a '%'") };
    QTest::newRow("bad escape in database")
        << QStringLiteral("postgresql://u:s3cret@db/m%") << QStringList { QStringLiteral("database name has a '%'") };
}

void TestDatabaseUrl::errors()
{
    QFETCH(QString, url);
    QFETCH(QStringList, fragments);
    QString error;
    QVERIFY(!DatabaseUrl::parse(url, &error).has_value());
    for (const QString &fragment : std::as_const(fragments))
        QVERIFY2(error.contains(fragment), qPrintable(QStringLiteral("missing <%1> in: %2").arg(fragment, error)));
    // The password in these URLs is always "s3cret": it must never reach a message.
    QVERIFY2(!error.contains(QLatin1String("s3cret")), qPrintable(error));
    QVERIFY2(!error.contains(QLatin1String("cret")), qPrintable(error));
}

void TestDatabaseUrl::redactedNeverShowsPassword_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("plain") << QStringLiteral("postgresql://ops:hunter2@db/m");
    QTest::newRow("encoded") << QStringLiteral("postgresql://ops:hunter2%21@db/m");
    QTest::newRow("no user") << QStringLiteral("postgresql://:hunter2@db/m");
    QTest::newRow("ipv6") << QStringLiteral("postgresql://ops:hunter2@[::1]:5433/m?sslmode=require");
}

void TestDatabaseUrl::redactedNeverShowsPassword()
{
    QFETCH(QString, url);
    const std::optional<DatabaseUrl> parsed = DatabaseUrl::parse(url);
    QVERIFY(parsed.has_value());
    QVERIFY(parsed->password.startsWith(QLatin1String("hunter2")));
    QVERIFY(!parsed->redacted().contains(QLatin1String("hunter2")));
    QVERIFY(parsed->redacted().contains(QLatin1String(":***@")));
}

void TestDatabaseUrl::redactedRoundTrips_data()
{
    QTest::addColumn<QString>("url");
    QTest::newRow("sqlite absolute") << QStringLiteral("sqlite:///var/lib/x.db");
    QTest::newRow("sqlite relative") << QStringLiteral("sqlite:data/x.db");
    QTest::newRow("sqlite memory") << QStringLiteral("sqlite::memory:");
    QTest::newRow("postgres") << QStringLiteral("postgresql://ops@db.example:5433/my%20db?sslmode=require");
    QTest::newRow("postgres ipv6") << QStringLiteral("postgresql://[::1]:5432/m");
    QTest::newRow("postgres socket") << QStringLiteral("postgresql://%2Ftmp:5432/m");
}

void TestDatabaseUrl::redactedRoundTrips()
{
    // Without a password the redacted form is the canonical URL, and parses back to the same thing.
    QFETCH(QString, url);
    const std::optional<DatabaseUrl> first = DatabaseUrl::parse(url);
    QVERIFY(first.has_value());
    const std::optional<DatabaseUrl> second = DatabaseUrl::parse(first->redacted());
    QVERIFY(second.has_value());
    QCOMPARE(second->redacted(), first->redacted());
    QCOMPARE(second->path, first->path);
    QCOMPARE(second->host, first->host);
    QCOMPARE(second->port, first->port);
    QCOMPARE(second->database, first->database);
    QCOMPARE(second->options, first->options);
}

void TestDatabaseUrl::nullErrorPointer()
{
    QVERIFY(!DatabaseUrl::parse(QStringLiteral("nonsense")).has_value());
    QVERIFY(DatabaseUrl::parse(QStringLiteral("sqlite::memory:")).has_value());
}

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
