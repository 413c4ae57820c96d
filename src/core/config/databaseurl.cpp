#include "databaseurl.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>
#include <cctype>

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(DatabaseUrl)
};

const QLatin1String PostgresForm("postgresql://user:password@host:5432/dbname?sslmode=require");

QString acceptedForms()
{
    return Text::tr("accepted forms: sqlite:///absolute/path.db, sqlite:relative/path.db, sqlite::memory:, %1 "
                    "(postgres:// too)")
        .arg(PostgresForm);
}

const QStringList &allowedParameters()
{
    static const QStringList names { QStringLiteral("sslmode"),
                                     QStringLiteral("connect_timeout"),
                                     QStringLiteral("application_name"),
                                     QStringLiteral("sslrootcert"),
                                     QStringLiteral("sslcert"),
                                     QStringLiteral("sslkey"),
                                     QStringLiteral("target_session_attrs") };
    return names;
}

// Control characters escaped, so a URL read with a newline or NUL in it (found by fuzzing the config file)
// cannot split the one-line error message.
QString printable(const QString &text)
{
    QString result;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            result += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            result += c;
    }
    return result;
}

// The text as the user wrote it, with anything that may be a password replaced by "***": the user part's
// password, a "password=" parameter, and the "port" of an authority without '@' that is not a number
// (postgresql://user:secret/db forgot the host, and "secret" is not a port).
QString maskedInput(const QString &raw)
{
    const int schemeEnd = raw.indexOf(QLatin1String("://"));
    if (schemeEnd < 0)
        return raw;
    const QString head = raw.left(schemeEnd + 3);
    QString rest = raw.mid(schemeEnd + 3);
    const int at = rest.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        const int colon = rest.left(at).indexOf(QLatin1Char(':'));
        if (colon >= 0)
            rest = rest.left(colon) + QLatin1String(":***") + rest.mid(at);
    } else {
        static const QRegularExpression authorityEnd(QStringLiteral("[/?#]"));
        const int end = rest.indexOf(authorityEnd);
        const QString authority = end < 0 ? rest : rest.left(end);
        const int colon = authority.lastIndexOf(QLatin1Char(':'));
        static const QRegularExpression digits(QStringLiteral("^\\d*$"));
        if (!authority.startsWith(QLatin1Char('[')) && colon >= 0 && !digits.match(authority.mid(colon + 1)).hasMatch())
            rest = authority.left(colon) + QLatin1String(":***") + (end < 0 ? QString() : rest.mid(end));
    }
    static const QRegularExpression passwordParam(QStringLiteral("([?&]password=)[^&#]*"),
                                                  QRegularExpression::CaseInsensitiveOption);
    rest.replace(passwordParam, QStringLiteral("\\1***"));
    return head + rest;
}

// Strict percent-decoding: a '%' must be followed by two hex digits.
std::optional<QString> percentDecode(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    for (int i = 0; i < utf8.size(); ++i) {
        if (utf8.at(i) != '%')
            continue;
        if (i + 2 >= utf8.size() || !isxdigit(uchar(utf8.at(i + 1))) || !isxdigit(uchar(utf8.at(i + 2))))
            return std::nullopt;
        i += 2;
    }
    return QString::fromUtf8(QByteArray::fromPercentEncoding(utf8));
}

QString encode(const QString &text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

bool isAllowedHostName(const QString &host)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]+$"));
    return re.match(host).hasMatch();
}

bool isIpv6Literal(const QString &host)
{
    static const QRegularExpression re(QStringLiteral("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9._-]+)?$"));
    return re.match(host).hasMatch();
}

std::optional<QString> checkParameter(const QString &key, const QString &value)
{
    static const QStringList sslModes { QStringLiteral("disable"),   QStringLiteral("allow"),
                                        QStringLiteral("prefer"),    QStringLiteral("require"),
                                        QStringLiteral("verify-ca"), QStringLiteral("verify-full") };
    static const QStringList sessionAttrs { QStringLiteral("any"),       QStringLiteral("read-write"),
                                            QStringLiteral("read-only"), QStringLiteral("primary"),
                                            QStringLiteral("standby"),   QStringLiteral("prefer-standby") };
    if (value.isEmpty())
        return Text::tr("parameter %1 has no value").arg(key);
    if (key == QLatin1String("sslmode") && !sslModes.contains(value))
        return Text::tr("sslmode \"%1\" is not one of %2").arg(value, sslModes.join(QLatin1String(", ")));
    if (key == QLatin1String("target_session_attrs") && !sessionAttrs.contains(value))
        return Text::tr("target_session_attrs \"%1\" is not one of %2")
            .arg(value, sessionAttrs.join(QLatin1String(", ")));
    if (key == QLatin1String("connect_timeout")) {
        static const QRegularExpression digits(QStringLiteral("^\\d{1,9}$"));
        if (!digits.match(value).hasMatch())
            return Text::tr("connect_timeout \"%1\" is not a whole number of seconds").arg(value);
    }
    return std::nullopt;
}

std::optional<DatabaseUrl> parseSqlite(const QString &afterScheme, QString *reason)
{
    QString path = afterScheme.startsWith(QLatin1String("//")) ? afterScheme.mid(2) : afterScheme;
    if (path.isEmpty()) {
        *reason = Text::tr("the SQLite file path is missing");
        return std::nullopt;
    }
    if (path.contains(QLatin1Char('?'))) {
        *reason = Text::tr("SQLite URLs take no parameters ('?')");
        return std::nullopt;
    }
    if (path == QLatin1String("~"))
        path = QDir::homePath();
    else if (path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    DatabaseUrl url;
    url.engine = DatabaseUrl::Engine::Sqlite;
    url.path = path;
    return url;
}

std::optional<DatabaseUrl> parsePostgres(const QString &afterSlashes, QString *reason)
{
    DatabaseUrl url;
    url.engine = DatabaseUrl::Engine::Postgres;

    // The last '@' ends the user part, so a password with an unencoded '@', '/' or '?' is still understood.
    QString rest = afterSlashes;
    const int at = rest.lastIndexOf(QLatin1Char('@'));
    if (at >= 0) {
        const QString userInfo = rest.left(at);
        rest = rest.mid(at + 1);
        const int colon = userInfo.indexOf(QLatin1Char(':'));
        const std::optional<QString> user = percentDecode(colon < 0 ? userInfo : userInfo.left(colon));
        if (!user) {
            *reason = Text::tr("the user name has a '%' that is not followed by two hex digits");
            return std::nullopt;
        }
        url.user = *user;
        if (colon >= 0) {
            const std::optional<QString> password = percentDecode(userInfo.mid(colon + 1));
            if (!password) {
                *reason = Text::tr("the password has a '%' that is not followed by two hex digits (write '%' as %25)");
                return std::nullopt;
            }
            url.password = *password;
        }
    }
    if (rest.contains(QLatin1Char('#'))) {
        *reason = Text::tr("'#' is not allowed after the host (write it as %23)");
        return std::nullopt;
    }

    QString query;
    const int questionMark = rest.indexOf(QLatin1Char('?'));
    if (questionMark >= 0) {
        query = rest.mid(questionMark + 1);
        rest = rest.left(questionMark);
    }
    const int slash = rest.indexOf(QLatin1Char('/'));
    const QString authority = slash < 0 ? rest : rest.left(slash);
    const QString path = slash < 0 ? QString() : rest.mid(slash + 1);

    QString hostText;
    QString portText;
    bool hasPort = false;
    if (authority.startsWith(QLatin1Char('['))) {
        const int close = authority.indexOf(QLatin1Char(']'));
        if (close < 0) {
            *reason = Text::tr("the IPv6 address has no closing ']'");
            return std::nullopt;
        }
        hostText = authority.mid(1, close - 1);
        const QString after = authority.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(QLatin1Char(':'))) {
            *reason = Text::tr("unexpected \"%1\" after the IPv6 address; expected :port").arg(after);
            return std::nullopt;
        }
        hasPort = !after.isEmpty();
        portText = after.mid(1);
        if (!isIpv6Literal(hostText)) {
            *reason = Text::tr("\"%1\" is not an IPv6 address").arg(hostText);
            return std::nullopt;
        }
        url.host = hostText;
    } else {
        if (authority.count(QLatin1Char(':')) > 1) {
            *reason = Text::tr("an IPv6 address must be written in brackets, e.g. postgresql://ops@[::1]:5432/metrics");
            return std::nullopt;
        }
        const int colon = authority.indexOf(QLatin1Char(':'));
        hostText = colon < 0 ? authority : authority.left(colon);
        hasPort = colon >= 0;
        portText = colon < 0 ? QString() : authority.mid(colon + 1);
        const std::optional<QString> host = percentDecode(hostText);
        if (!host) {
            *reason = Text::tr("the host has a '%' that is not followed by two hex digits");
            return std::nullopt;
        }
        if (host->isEmpty())
            url.host = QStringLiteral("localhost");
        else if (host->startsWith(QLatin1Char('/')) || isAllowedHostName(*host))
            url.host = *host; // a leading '/' is a Unix socket directory, as libpq has it
        else {
            *reason = Text::tr("host \"%1\" is not a host name or address (letters, digits, '.', '-', '_'; IPv6 in "
                               "brackets; a socket directory as %2F...)")
                          .arg(*host);
            return std::nullopt;
        }
    }
    if (hasPort) {
        static const QRegularExpression digits(QStringLiteral("^\\d{1,5}$"));
        const bool numeric = digits.match(portText).hasMatch();
        const int port = numeric ? portText.toInt() : 0;
        if (port < 1 || port > 65535) {
            // A port that is not a number may be a password with the host left out: do not show it.
            if (numeric)
                *reason = Text::tr("port %1 is out of range; allowed: 1 to 65535").arg(portText);
            else if (at < 0)
                *reason = Text::tr("the port must be a number from 1 to 65535 (if that was user:password, the "
                                   "@host part is missing)");
            else
                *reason = Text::tr("the port must be a number from 1 to 65535");
            return std::nullopt;
        }
        url.port = port;
    }

    if (path.contains(QLatin1Char('/'))) {
        *reason = Text::tr("the database name must not contain '/' (write it as %2F)");
        return std::nullopt;
    }
    const std::optional<QString> database = percentDecode(path);
    if (!database) {
        *reason = Text::tr("the database name has a '%' that is not followed by two hex digits");
        return std::nullopt;
    }
    if (database->isEmpty()) {
        *reason = Text::tr("the database name is missing, e.g. postgresql://ops@db.example:5432/metrics");
        return std::nullopt;
    }
    url.database = *database;

    const QStringList pairs = query.split(QLatin1Char('&'), Qt::SkipEmptyParts);
    for (const QString &pair : pairs) {
        const int eq = pair.indexOf(QLatin1Char('='));
        const std::optional<QString> key = percentDecode(eq < 0 ? pair : pair.left(eq));
        const std::optional<QString> value = percentDecode(eq < 0 ? QString() : pair.mid(eq + 1));
        if (!key || !value) {
            *reason = Text::tr("a parameter has a '%' that is not followed by two hex digits");
            return std::nullopt;
        }
        if (!allowedParameters().contains(*key)) {
            *reason = Text::tr("parameter \"%1\" is not supported; allowed: %2")
                          .arg(*key, allowedParameters().join(QLatin1String(", ")));
            return std::nullopt;
        }
        if (url.options.contains(*key)) {
            *reason = Text::tr("parameter %1 is given twice").arg(*key);
            return std::nullopt;
        }
        if (const std::optional<QString> problem = checkParameter(*key, *value)) {
            *reason = *problem;
            return std::nullopt;
        }
        url.options.insert(*key, *value);
    }
    return url;
}

} // namespace

QString DatabaseUrl::redacted() const
{
    if (engine == Engine::Sqlite) {
        if (isMemory())
            return QStringLiteral("sqlite::memory:");
        return (path.startsWith(QLatin1Char('/')) ? QLatin1String("sqlite://") : QLatin1String("sqlite:")) + path;
    }
    QString out = QStringLiteral("postgresql://");
    if (!user.isEmpty() || !password.isEmpty()) {
        out += encode(user);
        if (!password.isEmpty())
            out += QLatin1String(":***");
        out += QLatin1Char('@');
    }
    if (host.contains(QLatin1Char(':')))
        out += QLatin1Char('[') + host + QLatin1Char(']');
    else
        out += encode(host);
    out += QLatin1Char(':') + QString::number(port) + QLatin1Char('/') + encode(database);
    QStringList pairs;
    for (auto it = options.cbegin(); it != options.cend(); ++it)
        pairs << encode(it.key()) + QLatin1Char('=') + encode(it.value());
    if (!pairs.isEmpty())
        out += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    return out;
}

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString &url, QString *error)
{
    const QString text = url.trimmed();
    auto fail = [&](const QString &reason) -> std::optional<DatabaseUrl> {
        if (error)
            *error = printable(Text::tr("invalid database URL \"%1\": %2").arg(maskedInput(text), reason));
        return std::nullopt;
    };

    if (text.isEmpty()) {
        if (error)
            *error = Text::tr("no database URL given; %1").arg(acceptedForms());
        return std::nullopt;
    }

    const int colon = text.indexOf(QLatin1Char(':'));
    const QString scheme = colon < 0 ? QString() : text.left(colon).toLower();
    QString reason;
    if (scheme == QLatin1String("sqlite")) {
        if (std::optional<DatabaseUrl> parsed = parseSqlite(text.mid(colon + 1), &reason))
            return parsed;
        return fail(QStringLiteral("%1; %2").arg(reason, acceptedForms()));
    }
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        const QString afterScheme = text.mid(colon + 1);
        if (!afterScheme.startsWith(QLatin1String("//")))
            return fail(Text::tr("expected %1://... ; the form is %2").arg(scheme, PostgresForm));
        if (std::optional<DatabaseUrl> parsed = parsePostgres(afterScheme.mid(2), &reason))
            return parsed;
        return fail(Text::tr("%1; the form is %2").arg(reason, PostgresForm));
    }
    static const QRegularExpression schemeName(QStringLiteral("^[a-z][a-z0-9+.-]*$"));
    if (schemeName.match(scheme).hasMatch())
        return fail(Text::tr("unknown scheme \"%1:\"; %2").arg(scheme, acceptedForms()));
    if (text.startsWith(QLatin1Char('/')) || text.endsWith(QLatin1String(".db")))
        return fail(Text::tr("a URL is needed, not a bare path: write %1 (%2)")
                        .arg(QString(text.startsWith(QLatin1Char('/')) ? QStringLiteral("sqlite://")
                                                                       : QStringLiteral("sqlite:"))
                                 + text,
                             acceptedForms()));
    return fail(acceptedForms());
}
