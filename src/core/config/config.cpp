#include "config.h"

#include "databaseurl.h"
#include "duration.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QUrl>
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdlib>

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(Config)
};

constexpr qint64 MinInterval = 10;
constexpr qint64 LocalInterval = 60;

const QString Local = QStringLiteral("local");
const QString DigitalOcean = QStringLiteral("digitalocean");
const QString Prometheus = QStringLiteral("prometheus");
const QString NodeExporter = QStringLiteral("node_exporter");

const QStringList &sourceTypes()
{
    static const QStringList types { Local, DigitalOcean, Prometheus, NodeExporter };
    return types;
}

const QStringList &commonSourceKeys()
{
    static const QStringList keys { QStringLiteral("type"), QStringLiteral("interval"), QStringLiteral("enabled") };
    return keys;
}

QStringList sourceKeys(const QString &type)
{
    QStringList keys = commonSourceKeys();
    if (type == DigitalOcean)
        keys << QStringLiteral("api_url") << QStringLiteral("token_env") << QStringLiteral("requests_per_minute")
             << QStringLiteral("requests_per_hour") << QStringLiteral("backfill");
    else if (type == NodeExporter)
        keys << QStringLiteral("targets");
    else if (type == Prometheus)
        keys << QStringLiteral("url");
    return keys;
}

QStringList alertKeys()
{
    QStringList keys;
    for (const QString &metric : metricNames())
        keys << metric + QLatin1String(".warning") << metric + QLatin1String(".critical");
    keys << QStringLiteral("for") << QStringLiteral("clear_margin");
    return keys;
}

int editDistance(const QString &a, const QString &b)
{
    QList<int> row(b.size() + 1);
    for (int j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (int i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = i;
        for (int j = 1; j <= b.size(); ++j) {
            const int above = row[j];
            const int cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            row[j] = std::min({ row[j] + 1, row[j - 1] + 1, diagonal + cost });
            diagonal = above;
        }
    }
    return row[b.size()];
}

// " (did you mean "x"?)" for a near miss, so a typo is a one-glance fix.
QString suggestion(const QString &word, const QStringList &candidates)
{
    QString best;
    int bestDistance = 3;
    for (const QString &c : candidates) {
        // A cut-short key ("retention" for "retention_days") is as near a miss as a typo.
        const bool prefix = word.size() >= 3 && (c.startsWith(word) || word.startsWith(c));
        // The distance is at least the difference in length: a long misfit is no near miss, and is not compared
        // letter by letter (quadratic in its length).
        if (!prefix && std::abs(word.size() - c.size()) >= bestDistance)
            continue;
        const int d = prefix ? 1 : editDistance(word, c);
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    return best.isEmpty() ? QString() : Text::tr(" (did you mean \"%1\"?)").arg(best);
}

QString oneLine(const QString &value);

// Values are shown in messages, but never a whole novel, and never a URL's password.
QString shown(QString value)
{
    // Up to the last '@': a password may hold an unencoded '/'.
    static const QRegularExpression userInfo(QStringLiteral("://([^/@:]*):.*@"));
    value.replace(userInfo, QStringLiteral("://\\1:***@"));
    if (value.size() > 80)
        value = value.left(77) + QLatin1String("...");
    return oneLine(value);
}

// Found by fuzzing: a value QSettings read across lines (an unclosed '"'), or a section name or key holding NUL
// or CR bytes, broke the "one problem per line" promise of load(). Control characters are shown escaped.
QString oneLine(const QString &value)
{
    QString escaped;
    for (const QChar c : std::as_const(value)) {
        if (c == u'\n')
            escaped += QLatin1String("\\n");
        else if (c == u'\r')
            escaped += QLatin1String("\\r");
        else if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
            escaped += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            escaped += c;
    }
    return escaped;
}

// QSettings knows only ';' comments and reads "# key=value" as a key named "# key"; '#' comments are common
// enough in INI files to honour them at the start of a line.
bool isComment(const QString &key)
{
    return key.trimmed().startsWith(QLatin1Char('#'));
}

// The rules for one value, shared by the loader and Config::checkValue (the Settings dialog), so a value is judged
// in one place and both say the same words. Each returns the parsed value, or nullopt with *problem set.

QString integerAllowed(qint64 min, qint64 max)
{
    return Text::tr("a whole number from %1 to %2").arg(min).arg(max);
}

std::optional<qint64> checkInteger(const QString &text, qint64 min, qint64 max, QString *problem)
{
    static const QRegularExpression digits(QStringLiteral("^\\d{1,12}$"));
    const qint64 value = digits.match(text).hasMatch() ? text.toLongLong() : -1;
    if (value < min || value > max) {
        *problem = Text::tr("\"%1\" is not allowed; expected %2").arg(shown(text), integerAllowed(min, max));
        return std::nullopt;
    }
    return value;
}

QString durationAllowed(qint64 min, qint64 max)
{
    return max > 0 ? Text::tr("a duration from %1 to %2, e.g. %3")
                         .arg(formatDuration(min), formatDuration(max), formatDuration(max))
                   : Text::tr("a duration of at least %1, e.g. 30m").arg(formatDuration(min));
}

std::optional<qint64> checkDuration(const QString &text, qint64 min, qint64 max, QString *problem)
{
    const std::optional<qint64> value = parseDuration(text, problem);
    if (!value)
        return std::nullopt;
    if (*value < min) {
        *problem = Text::tr("\"%1\" is too short; allowed: %2").arg(shown(text), durationAllowed(min, max));
        return std::nullopt;
    }
    if (max > 0 && *value > max) {
        *problem = Text::tr("\"%1\" is too long; allowed: %2").arg(shown(text), durationAllowed(min, max));
        return std::nullopt;
    }
    return value;
}

QString booleanAllowed()
{
    return Text::tr("true, false, yes, no, 1 or 0");
}

std::optional<bool> checkBoolean(const QString &text, QString *problem)
{
    const QString t = text.toLower();
    if (t == QLatin1String("true") || t == QLatin1String("yes") || t == QLatin1String("1"))
        return true;
    if (t == QLatin1String("false") || t == QLatin1String("no") || t == QLatin1String("0"))
        return false;
    *problem = Text::tr("\"%1\" is not allowed; expected %2").arg(shown(text), booleanAllowed());
    return std::nullopt;
}

// An http(s) URL with a host and no credentials, as QUrl::FullyEncoded; the problem without "allowed: …".
std::optional<QString> checkHttpUrl(const QString &value, bool allowQuery, QString *problem)
{
    const QUrl url(value, QUrl::StrictMode);
    const QString scheme = url.scheme();
    if (!url.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        || url.host().isEmpty()) {
        *problem = Text::tr("\"%1\" is not an http:// or https:// URL with a host").arg(shown(value));
        return std::nullopt;
    }
    if (!url.userInfo().isEmpty()) {
        *problem = Text::tr("\"%1\" has a user name or password in it; credentials do not belong in the "
                            "configuration file")
                       .arg(shown(value));
        return std::nullopt;
    }
    if (url.hasFragment() || (!allowQuery && url.hasQuery())) {
        *problem = Text::tr("\"%1\" has a %2; only scheme, host, port and path are allowed")
                       .arg(shown(value), url.hasFragment() ? QStringLiteral("#fragment") : QStringLiteral("?query"));
        return std::nullopt;
    }
    return url.toString(QUrl::FullyEncoded);
}

QString httpUrlAllowed(const QString &example)
{
    return Text::tr("an http:// or https:// URL, e.g. %1").arg(example);
}

// A base URL consumers append API paths to ("/v2/droplets"): no query, no trailing slash.
std::optional<QString> checkBaseUrl(const QString &text, const QString &example, QString *problem)
{
    std::optional<QString> url = checkHttpUrl(text, false, problem);
    if (!url) {
        *problem = Text::tr("%1; allowed: %2").arg(*problem, httpUrlAllowed(example));
        return std::nullopt;
    }
    while (url->endsWith(QLatin1Char('/')) && url->count(QLatin1Char('/')) > 2)
        url->chop(1);
    return url;
}

QString envVarAllowed(const QString &example)
{
    return Text::tr("the name of an environment variable (letters, digits and '_', not starting with a digit), "
                    "e.g. %1")
        .arg(example);
}

// The NAME of an environment variable holding a secret; a value that looks like the secret is refused unshown.
std::optional<QString> checkEnvVarName(const QString &key, const QString &name, const QString &example,
                                       QString *problem)
{
    static const QRegularExpression envName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,127}$"));
    static const QRegularExpression tokenLike(QStringLiteral("(_v1_|^[0-9a-fA-F]{32,}$)"),
                                              QRegularExpression::CaseInsensitiveOption);
    if (tokenLike.match(name).hasMatch()) {
        *problem = Text::tr("the value looks like a token itself (not shown); %1 holds the NAME of the environment "
                            "variable that contains the token; allowed: %2")
                       .arg(key, envVarAllowed(example));
        return std::nullopt;
    }
    if (!envName.match(name).hasMatch()) {
        *problem = Text::tr("the value (not shown) is not allowed; expected %1").arg(envVarAllowed(example));
        return std::nullopt;
    }
    return name;
}

std::optional<QString> checkStorageUrl(const QString &url, QString *problem)
{
    if (url.isEmpty()) {
        *problem = Text::tr("the value is empty; remove the key to use the default (%1), or give a URL such as "
                            "sqlite:///var/lib/opsdeck/opsdeck.db or postgresql://user:password@host:5432/db")
                       .arg(Config::defaultDatabaseUrl());
        return std::nullopt;
    }
    if (!DatabaseUrl::parse(url, problem))
        return std::nullopt;
    return url;
}

QString targetsAllowed()
{
    return Text::tr("one or more http:// or https:// URLs separated by commas, e.g. "
                    "http://10.0.0.5:9100/metrics, http://10.0.0.6:9100/metrics");
}

// node_exporter targets, separated by commas or white space (a URL has neither); one problem per bad target.
std::optional<QString> checkTargets(const QString &text, QStringList *problems)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    const QStringList items = text.split(separators, Qt::SkipEmptyParts);
    QStringList targets;
    bool ok = true;
    for (const QString &item : items) {
        QString problem;
        std::optional<QString> url = checkHttpUrl(item, true, &problem);
        if (!url) {
            problems->append(Text::tr("%1; expected %2").arg(problem, targetsAllowed()));
            ok = false;
            continue;
        }
        // node_exporter serves /metrics; "http://host:9100" means that, as in a Prometheus scrape config.
        QUrl parsed(*url);
        if (parsed.path().isEmpty() || parsed.path() == QLatin1String("/")) {
            parsed.setPath(QStringLiteral("/metrics"));
            url = parsed.toString(QUrl::FullyEncoded);
        }
        if (targets.contains(*url)) {
            problems->append(Text::tr("\"%1\" is listed twice").arg(shown(*url)));
            ok = false;
            continue;
        }
        targets << *url;
    }
    if (ok && targets.isEmpty())
        problems->append(Text::tr("no target given; expected %1").arg(targetsAllowed()));
    if (!ok || targets.isEmpty())
        return std::nullopt;
    return targets.join(QLatin1Char(','));
}

// Which rule a key of [storage], [sync] or [source.NAME] follows, with its bounds: the one place they are written.
struct KeyRule
{
    enum class Kind { Integer, Duration, Boolean, BaseUrl, EnvVarName, StorageUrl, Targets, SourceType };
    Kind kind = Kind::Integer;
    qint64 min = 0;
    qint64 max = 0; // 0: no upper bound (durations)
    QString example;
    bool secret = false; // the value may be a pasted secret: never shown
};

std::optional<KeyRule> keyRule(const QString &section, const QString &key, const QString &type)
{
    using Kind = KeyRule::Kind;
    if (section == QLatin1String("storage")) {
        if (key == QLatin1String("url"))
            return KeyRule { Kind::StorageUrl, 0, 0, {}, false };
        if (key == QLatin1String("retention_days"))
            return KeyRule { Kind::Integer, 1, 3650, {}, false };
        return std::nullopt;
    }
    if (section == QLatin1String("sync"))
        return key == QLatin1String("interval") ? std::optional(KeyRule { Kind::Duration, MinInterval, 0, {}, false })
                                                : std::nullopt;
    if (section != QLatin1String("source") && !section.startsWith(QLatin1String("source.")))
        return std::nullopt;
    if (!type.isEmpty() && !Config::sourceKeys(type).contains(key))
        return std::nullopt;
    if (key == QLatin1String("type"))
        return KeyRule { Kind::SourceType, 0, 0, {}, false };
    if (key == QLatin1String("enabled"))
        return KeyRule { Kind::Boolean, 0, 0, {}, false };
    if (key == QLatin1String("interval"))
        return KeyRule { Kind::Duration, MinInterval, 0, {}, false };
    if (key == QLatin1String("api_url"))
        return KeyRule { Kind::BaseUrl, 0, 0, QStringLiteral("https://api.digitalocean.com"), false };
    if (key == QLatin1String("token_env"))
        return KeyRule { Kind::EnvVarName, 0, 0, QStringLiteral("DIGITALOCEAN_TOKEN"), true };
    if (key == QLatin1String("requests_per_minute"))
        return KeyRule { Kind::Integer, 1, 250, {}, false };
    if (key == QLatin1String("requests_per_hour"))
        return KeyRule { Kind::Integer, 1, 5000, {}, false };
    if (key == QLatin1String("backfill"))
        return KeyRule { Kind::Duration, 3600, 30 * 86400, {}, false };
    if (key == QLatin1String("url"))
        return KeyRule { Kind::BaseUrl, 0, 0, QStringLiteral("http://127.0.0.1:9090"), false };
    if (key == QLatin1String("targets"))
        return KeyRule { Kind::Targets, 0, 0, {}, false };
    return std::nullopt;
}

QString allowedText(const KeyRule &rule)
{
    switch (rule.kind) {
    case KeyRule::Kind::Integer:
        return integerAllowed(rule.min, rule.max);
    case KeyRule::Kind::Duration:
        return durationAllowed(rule.min, rule.max);
    case KeyRule::Kind::Boolean:
        return booleanAllowed();
    case KeyRule::Kind::BaseUrl:
        return httpUrlAllowed(rule.example);
    case KeyRule::Kind::EnvVarName:
        return envVarAllowed(rule.example);
    case KeyRule::Kind::StorageUrl:
        return Text::tr("a URL such as sqlite:///var/lib/opsdeck/opsdeck.db or postgresql://user@host:5432/db");
    case KeyRule::Kind::Targets:
        return targetsAllowed();
    case KeyRule::Kind::SourceType:
        return sourceTypes().join(QLatin1String(", "));
    }
    return QString();
}

// The value as the loader keeps it (see Config::checkValue), or nullopt with the problems.
std::optional<QString> applyRule(const KeyRule &rule, const QString &key, const QString &text, QStringList *problems)
{
    QString problem;
    std::optional<QString> result;
    switch (rule.kind) {
    case KeyRule::Kind::Integer:
        if (const std::optional<qint64> v = checkInteger(text, rule.min, rule.max, &problem))
            result = QString::number(*v);
        break;
    case KeyRule::Kind::Duration:
        if (const std::optional<qint64> v = checkDuration(text, rule.min, rule.max, &problem))
            result = QString::number(*v);
        break;
    case KeyRule::Kind::Boolean:
        if (const std::optional<bool> v = checkBoolean(text, &problem))
            result = *v ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case KeyRule::Kind::BaseUrl:
        result = checkBaseUrl(text, rule.example, &problem);
        break;
    case KeyRule::Kind::EnvVarName:
        result = checkEnvVarName(key, text, rule.example, &problem);
        break;
    case KeyRule::Kind::StorageUrl:
        result = checkStorageUrl(text, &problem);
        break;
    case KeyRule::Kind::Targets:
        return checkTargets(text, problems);
    case KeyRule::Kind::SourceType:
        if (sourceTypes().contains(text))
            result = text;
        else
            problem = Text::tr("\"%1\" is not a source type%2; allowed: %3")
                          .arg(shown(text), suggestion(text, sourceTypes()), sourceTypes().join(QLatin1String(", ")));
        break;
    }
    if (!result)
        problems->append(problem);
    return result;
}

const QRegularExpression &sourceNamePattern()
{
    static const QRegularExpression validName(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    return validName;
}

// What QSettings does not tell: line numbers, lines it silently skips (no '='), keys set twice (it keeps
// the last), and sections without keys (it drops them).
struct RawIni
{
    QStringList sections; // in order of first appearance
    QHash<QString, int> sectionLine;
    QHash<QString, int> keyLine; // section + '\n' + key; the root section is ""
    QList<QPair<int, QString>> problems;
};

RawIni scanIni(const QString &text)
{
    RawIni raw;
    const QStringList lines = text.split(QLatin1Char('\n'));
    QString section;
    auto clean = [](QString line) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        return line;
    };
    auto continues = [](const QString &line) {
        int backslashes = 0;
        for (int k = line.size() - 1; k >= 0 && line.at(k) == QLatin1Char('\\'); --k)
            ++backslashes;
        return backslashes % 2 == 1;
    };
    for (int i = 0; i < lines.size(); ++i) {
        const int lineNo = i + 1;
        QString line = clean(lines.at(i));
        if (i == 0 && line.startsWith(QChar(0xfeff)))
            line.remove(0, 1);
        while (continues(line) && i + 1 < lines.size()) {
            line.chop(1);
            line += clean(lines.at(++i));
        }
        const QString t = line.trimmed();
        if (t.isEmpty() || t.startsWith(QLatin1Char(';')) || t.startsWith(QLatin1Char('#')))
            continue;
        if (t.startsWith(QLatin1Char('['))) {
            const int close = t.indexOf(QLatin1Char(']'));
            if (close < 0) {
                raw.problems.append({ lineNo, Text::tr("the section header has no closing ']'") });
                continue;
            }
            section = t.mid(1, close - 1).trimmed();
            if (section == QLatin1String("General"))
                section.clear();
            if (!raw.sectionLine.contains(section)) {
                raw.sections << section;
                raw.sectionLine.insert(section, lineNo);
            }
            continue;
        }
        const int eq = t.indexOf(QLatin1Char('='));
        if (eq < 0) {
            // Not echoed: a stray line may well be a pasted secret.
            raw.problems.append({ lineNo,
                                  Text::tr("this line is not a key=value setting, a [section] header or a "
                                           "; comment") });
            continue;
        }
        const QString key = t.left(eq).trimmed();
        if (key.isEmpty()) {
            raw.problems.append({ lineNo, Text::tr("there is no key before '='") });
            continue;
        }
        const QString id = section + QLatin1Char('\n') + key;
        if (const int first = raw.keyLine.value(id); first > 0) {
            raw.problems.append({ lineNo,
                                  Text::tr("[%1] %2 is set twice (first on line %3); keep one")
                                      .arg(section.isEmpty() ? QStringLiteral("General") : section, key)
                                      .arg(first) });
            continue;
        }
        raw.keyLine.insert(id, lineNo);
        // Found by fuzzing: QSettings reads a value with an unclosed '"' on across the following lines, so
        // `url = "x.db` silently swallowed the sections after it. Same rules as QSettings: '\' escapes inside
        // quotes, ';' outside them starts a comment.
        bool inQuotes = false;
        for (int k = eq + 1; k < t.size(); ++k) {
            if (t.at(k) == QLatin1Char('"'))
                inQuotes = !inQuotes;
            else if (inQuotes && t.at(k) == QLatin1Char('\\'))
                ++k;
            else if (!inQuotes && t.at(k) == QLatin1Char(';'))
                break;
        }
        if (inQuotes)
            raw.problems.append({ lineNo, Text::tr("the value of %1 opens a '\"' that this line does not close; "
                                                   "close it or remove it").arg(key) });
    }
    return raw;
}

class Loader
{
public:
    Loader(const QString &path, QSettings &settings, const RawIni &raw)
        : m_path(path)
        , m_settings(settings)
        , m_raw(raw)
    { }

    std::optional<Config> run(QString *error);

private:
    QString where(const QString &section, const QString &key) const;
    QString whereSection(const QString &section) const;
    void fail(int line, const QString &message) { m_errors.append({ line, message }); }
    void failKey(const QString &section, const QString &key, const QString &problem);
    int lineOf(const QString &section, const QString &key) const;

    bool has(const QString &section, const QString &key) const;
    std::optional<QString> scalar(const QString &section, const QString &key, const QString &allowed,
                                  bool secret = false);
    std::optional<qint64> integer(const QString &section, const QString &key, qint64 min, qint64 max);
    std::optional<double> percent(const QString &section, const QString &key);
    std::optional<qint64> duration(const QString &section, const QString &key, qint64 min, qint64 max);
    // A key of [storage], [sync] or [source.NAME] by its rule (keyRule); errors reported, nullopt when bad.
    std::optional<QString> checked(const QString &section, const QString &key, const QString &type = QString());

    void checkKeys(const QString &section, const QStringList &allowed, const QString &allowedFor);
    void parseStorage(Config &config);
    void parseSync(Config &config);
    void parseAlerts(Config &config);
    void parseSource(Config &config, const QString &section);
    void parseQuery(Config &config);
    // The NAME of an environment variable holding a secret; a value that looks like the secret is refused unshown.
    std::optional<QString> envVarName(const QString &section, const QString &key, const QString &example);
    void parseListen(Config &config);

    const QString m_path;
    QSettings &m_settings;
    const RawIni &m_raw;
    QList<QPair<int, QString>> m_errors;
};

int Loader::lineOf(const QString &section, const QString &key) const
{
    return m_raw.keyLine.value(section + QLatin1Char('\n') + key, 0);
}

QString Loader::where(const QString &section, const QString &key) const
{
    const int line = lineOf(section, key);
    const QString file = line > 0 ? m_path + QLatin1Char(':') + QString::number(line) : m_path;
    return Text::tr("%1: [%2] %3").arg(file, section, key);
}

QString Loader::whereSection(const QString &section) const
{
    const int line = m_raw.sectionLine.value(section, 0);
    const QString file = line > 0 ? m_path + QLatin1Char(':') + QString::number(line) : m_path;
    return Text::tr("%1: [%2]").arg(file, section);
}

void Loader::failKey(const QString &section, const QString &key, const QString &problem)
{
    fail(lineOf(section, key), where(section, key) + QLatin1String(": ") + problem);
}

bool Loader::has(const QString &section, const QString &key) const
{
    return m_settings.contains(section + QLatin1Char('/') + key);
}

// One value as a string. QSettings turns a value with a comma into a QStringList: for a single-valued key that
// is an error (most often a decimal comma), unless the caller rejoins it.
std::optional<QString> Loader::scalar(const QString &section, const QString &key, const QString &allowed, bool secret)
{
    const QVariant v = m_settings.value(section + QLatin1Char('/') + key);
    if (v.typeId() == QMetaType::QString)
        return v.toString().trimmed();
    if (v.typeId() == QMetaType::QStringList) {
        const QString joined = v.toStringList().join(QLatin1Char(','));
        failKey(section, key,
                secret ? Text::tr("the value contains a comma, but one value is expected; allowed: %1").arg(allowed)
                       : Text::tr("\"%1\" contains a comma, but one value is expected; allowed: %2")
                             .arg(shown(joined), allowed));
        return std::nullopt;
    }
    failKey(section, key,
            Text::tr("the value cannot be read (values starting with '@' are reserved); allowed: %1").arg(allowed));
    return std::nullopt;
}

std::optional<qint64> Loader::integer(const QString &section, const QString &key, qint64 min, qint64 max)
{
    const std::optional<QString> text = scalar(section, key, integerAllowed(min, max));
    if (!text)
        return std::nullopt;
    QString problem;
    const std::optional<qint64> value = checkInteger(*text, min, max, &problem);
    if (!value)
        failKey(section, key, problem);
    return value;
}

std::optional<double> Loader::percent(const QString &section, const QString &key)
{
    const QString allowed = Text::tr("a number from 0 to 100 (percent, without a %-sign, e.g. 80 or 92.5)");
    const std::optional<QString> text = scalar(section, key, allowed);
    if (!text)
        return std::nullopt;
    bool ok = false;
    const double value = QLocale::c().toDouble(*text, &ok);
    if (!ok || !std::isfinite(value) || value < 0 || value > 100) {
        failKey(section, key, Text::tr("\"%1\" is not allowed; expected %2").arg(shown(*text), allowed));
        return std::nullopt;
    }
    return value;
}

std::optional<qint64> Loader::duration(const QString &section, const QString &key, qint64 min, qint64 max)
{
    const std::optional<QString> text = scalar(section, key, durationAllowed(min, max));
    if (!text)
        return std::nullopt;
    QString problem;
    const std::optional<qint64> value = checkDuration(*text, min, max, &problem);
    if (!value)
        failKey(section, key, problem);
    return value;
}

std::optional<QString> Loader::checked(const QString &section, const QString &key, const QString &type)
{
    const std::optional<KeyRule> rule = keyRule(section, key, type);
    Q_ASSERT(rule);
    if (!rule)
        return std::nullopt;
    std::optional<QString> text;
    if (rule->kind == KeyRule::Kind::StorageUrl || rule->kind == KeyRule::Kind::Targets) {
        // A comma is legal in a URL (a password, say) and separates targets; QSettings split it, so put it back.
        const QVariant v = m_settings.value(section + QLatin1Char('/') + key);
        if (v.typeId() == QMetaType::QStringList)
            text = v.toStringList().join(QLatin1Char(','));
        else if (v.typeId() == QMetaType::QString)
            text = v.toString().trimmed();
        else
            failKey(section, key, Text::tr("the value cannot be read (values starting with '@' are reserved)"));
    } else {
        text = scalar(section, key, allowedText(*rule), rule->secret);
    }
    if (!text)
        return std::nullopt;
    QStringList problems;
    const std::optional<QString> value = applyRule(*rule, key, *text, &problems);
    for (const QString &problem : std::as_const(problems))
        failKey(section, key, problem);
    return value;
}

void Loader::checkKeys(const QString &section, const QStringList &allowed, const QString &allowedFor)
{
    const QStringList nested = m_settings.childGroups();
    for (const QString &group : nested) {
        if (isComment(group))
            continue;
        m_settings.beginGroup(group);
        const QStringList keys = m_settings.allKeys();
        m_settings.endGroup();
        for (const QString &key : keys) {
            const QString full = group + QLatin1Char('/') + key;
            failKey(section, full,
                    Text::tr("unknown key (a '/' is not allowed in a key); allowed keys%1: %2")
                        .arg(allowedFor, allowed.join(QLatin1String(", "))));
        }
    }
    const QStringList keys = m_settings.childKeys();
    for (const QString &key : keys) {
        if (isComment(key))
            continue;
        // A token gets its own message (see parseSource).
        if (allowed.contains(key) || (key == QLatin1String("token") && section.startsWith(QLatin1String("source."))))
            continue;
        failKey(section, key,
                Text::tr("unknown key%1; allowed keys%2: %3")
                    .arg(suggestion(key, allowed), allowedFor, allowed.join(QLatin1String(", "))));
    }
}

void Loader::parseStorage(Config &config)
{
    const QString section = QStringLiteral("storage");
    m_settings.beginGroup(section);
    checkKeys(section, { QStringLiteral("url"), QStringLiteral("retention_days") }, QString());
    m_settings.endGroup();

    if (has(section, QStringLiteral("url"))) {
        if (const std::optional<QString> url = checked(section, QStringLiteral("url")))
            config.storageUrl = *url;
    }
    if (has(section, QStringLiteral("retention_days"))) {
        if (const std::optional<QString> days = checked(section, QStringLiteral("retention_days")))
            config.retentionDays = days->toInt();
    }
}

void Loader::parseSync(Config &config)
{
    const QString section = QStringLiteral("sync");
    m_settings.beginGroup(section);
    checkKeys(section, { QStringLiteral("interval") }, QString());
    m_settings.endGroup();
    if (has(section, QStringLiteral("interval"))) {
        if (const std::optional<QString> s = checked(section, QStringLiteral("interval")))
            config.syncIntervalSeconds = s->toLongLong();
    }
}

std::optional<QString> Loader::envVarName(const QString &section, const QString &key, const QString &example)
{
    // Someone may paste the token itself here: this value is never shown either.
    const std::optional<QString> name = scalar(section, key, envVarAllowed(example), true);
    if (!name)
        return std::nullopt;
    QString problem;
    const std::optional<QString> checkedName = checkEnvVarName(key, *name, example, &problem);
    if (!checkedName)
        failKey(section, key, problem);
    return checkedName;
}

void Loader::parseQuery(Config &config)
{
    const QString section = QStringLiteral("query");
    m_settings.beginGroup(section);
    checkKeys(section,
              { QStringLiteral("cache_ttl"), QStringLiteral("cache_size_mb"), QStringLiteral("slow_ms"),
                QStringLiteral("critical_ms") },
              QString());
    m_settings.endGroup();
    QueryConfig &q = config.query;
    if (has(section, QStringLiteral("cache_ttl")))
        q.cacheTtlSeconds = duration(section, QStringLiteral("cache_ttl"), 1, 86400).value_or(q.cacheTtlSeconds);
    if (has(section, QStringLiteral("cache_size_mb")))
        q.cacheSizeMb = integer(section, QStringLiteral("cache_size_mb"), 1, 4096).value_or(q.cacheSizeMb);
    if (has(section, QStringLiteral("slow_ms")))
        q.slowMs = integer(section, QStringLiteral("slow_ms"), 1, 600000).value_or(q.slowMs);
    if (has(section, QStringLiteral("critical_ms")))
        q.criticalMs = integer(section, QStringLiteral("critical_ms"), 1, 600000).value_or(q.criticalMs);
    if (q.criticalMs <= q.slowMs)
        failKey(section, has(section, QStringLiteral("critical_ms")) ? QStringLiteral("critical_ms") : QStringLiteral("slow_ms"),
                Text::tr("critical_ms (%1) must be above slow_ms (%2)").arg(q.criticalMs).arg(q.slowMs));
}

void Loader::parseListen(Config &config)
{
    const QString section = QStringLiteral("listen");
    m_settings.beginGroup(section);
    checkKeys(section,
              { QStringLiteral("token_file"), QStringLiteral("token_env"), QStringLiteral("requests_per_minute") },
              QString());
    m_settings.endGroup();
    ListenConfig &l = config.listen;
    if (has(section, QStringLiteral("token_file"))) {
        // A path, never the token itself: a relative one would depend on where cron starts us.
        if (const std::optional<QString> path = scalar(section, QStringLiteral("token_file"),
                                                       Text::tr("an absolute path to a file holding the token"), true)) {
            if (!QDir::isAbsolutePath(*path))
                failKey(section, QStringLiteral("token_file"),
                        Text::tr("the value (not shown) is not an absolute path; expected the absolute path of a "
                                 "file that holds the token, e.g. /etc/opsdeck/listen.token"));
            else
                l.tokenFile = *path;
        }
    }
    if (has(section, QStringLiteral("token_env")))
        l.tokenEnv = envVarName(section, QStringLiteral("token_env"), QStringLiteral("OPSDECK_LISTEN_TOKEN"))
                         .value_or(QString());
    if (has(section, QStringLiteral("requests_per_minute")))
        l.requestsPerMinute
            = int(integer(section, QStringLiteral("requests_per_minute"), 1, 100000).value_or(l.requestsPerMinute));
}

void Loader::parseAlerts(Config &config)
{
    const QString section = QStringLiteral("alerts");
    m_settings.beginGroup(section);
    checkKeys(section, alertKeys(), QString());
    m_settings.endGroup();

    for (Metric metric : AllMetrics) {
        const QString name = metricName(metric);
        MetricThresholds &t = config.alerts.thresholds[metric];
        const QString warningKey = name + QLatin1String(".warning");
        const QString criticalKey = name + QLatin1String(".critical");
        bool ok = true;
        if (has(section, warningKey)) {
            const std::optional<double> v = percent(section, warningKey);
            ok = ok && v.has_value();
            t.warning = v.value_or(t.warning);
        }
        if (has(section, criticalKey)) {
            const std::optional<double> v = percent(section, criticalKey);
            ok = ok && v.has_value();
            t.critical = v.value_or(t.critical);
        }
        if (ok && t.warning > t.critical) {
            const QString defaultNote = Text::tr(", the default");
            const QString key = has(section, warningKey) ? warningKey : criticalKey;
            failKey(section, key,
                    Text::tr("%1 (%2%3) is above %4 (%5%6); the warning level must not exceed the critical level")
                        .arg(warningKey, QString::number(t.warning), has(section, warningKey) ? QString() : defaultNote,
                             criticalKey, QString::number(t.critical),
                             has(section, criticalKey) ? QString() : defaultNote));
        }
    }
    if (has(section, QStringLiteral("for"))) {
        if (const std::optional<qint64> s = duration(section, QStringLiteral("for"), 0, 0))
            config.alerts.forSeconds = *s;
    }
    if (has(section, QStringLiteral("clear_margin"))) {
        if (const std::optional<double> v = percent(section, QStringLiteral("clear_margin")))
            config.alerts.clearMargin = *v;
    }
}

void Loader::parseSource(Config &config, const QString &section)
{
    SourceConfig source;
    source.name = section.mid(int(qstrlen("source.")));
    if (!sourceNamePattern().match(source.name).hasMatch())
        fail(m_raw.sectionLine.value(section, 0),
             Text::tr("%1: invalid source name \"%2\"; a name is 1 to 64 letters, digits, '-' or '_', e.g. "
                      "[source.do-prod]")
                 .arg(whereSection(section), shown(source.name)));

    const QString typeKey = QStringLiteral("type");
    const QString typesText = sourceTypes().join(QLatin1String(", "));
    if (!has(section, typeKey)) {
        fail(m_raw.sectionLine.value(section, 0),
             Text::tr("%1: the key type is missing; allowed: %2").arg(whereSection(section), typesText));
    } else if (const std::optional<QString> type = checked(section, typeKey)) {
        source.type = *type;
    }

    m_settings.beginGroup(section);
    if (source.type.isEmpty()) {
        // Type unknown: only refuse keys that no type accepts.
        QStringList any;
        for (const QString &type : sourceTypes())
            any << sourceKeys(type);
        any.removeDuplicates();
        checkKeys(section, any, QString());
    } else {
        checkKeys(section, sourceKeys(source.type), Text::tr(" for type %1").arg(source.type));
    }
    m_settings.endGroup();

    const QString &type = source.type;
    if (has(section, QStringLiteral("enabled"))) {
        if (const std::optional<QString> enabled = checked(section, QStringLiteral("enabled"), type))
            source.enabled = *enabled == QLatin1String("true");
    }
    source.intervalSeconds = config.defaultSourceInterval(type);
    if (has(section, QStringLiteral("interval"))) {
        if (const std::optional<QString> s = checked(section, QStringLiteral("interval"), type))
            source.intervalSeconds = s->toLongLong();
    }
    // Every key of the type gets its value or, when absent or bad, its default (a bad value is an error anyway).
    const auto option = [&](const QString &key, const QString &defaultValue) {
        const QString value = has(section, key) ? checked(section, key, type).value_or(defaultValue) : defaultValue;
        source.options.insert(key, value);
        return value;
    };

    if (type == DigitalOcean) {
        option(QStringLiteral("api_url"), QStringLiteral("https://api.digitalocean.com"));
        option(QStringLiteral("token_env"), QStringLiteral("DIGITALOCEAN_TOKEN"));
        option(QStringLiteral("requests_per_minute"), QStringLiteral("250"));
        option(QStringLiteral("requests_per_hour"), QStringLiteral("5000"));
        const qint64 backfill = option(QStringLiteral("backfill"), QString::number(30 * 86400)).toLongLong();
        source.options.insert(QStringLiteral("backfill"), formatDuration(backfill));
        source.options.insert(QStringLiteral("backfill_seconds"), QString::number(backfill));
    } else if (type == Prometheus) {
        const QString urlKey = QStringLiteral("url");
        if (!has(section, urlKey))
            fail(m_raw.sectionLine.value(section, 0),
                 Text::tr("%1: the key url is missing (the Prometheus server, e.g. http://127.0.0.1:9090)")
                     .arg(whereSection(section)));
        else if (const std::optional<QString> url = checked(section, urlKey, type))
            source.options.insert(urlKey, *url);
    } else if (type == NodeExporter) {
        const QString targetsKey = QStringLiteral("targets");
        if (!has(section, targetsKey))
            fail(m_raw.sectionLine.value(section, 0),
                 Text::tr("%1: the key targets is missing; expected %2").arg(whereSection(section), targetsAllowed()));
        else if (const std::optional<QString> targets = checked(section, targetsKey, type))
            source.options.insert(targetsKey, *targets);
    }
    // A secret in a file ends up in backups and screen shares; its value is never repeated here.
    if (has(section, QStringLiteral("token"))) {
        if (source.type == DigitalOcean || source.type.isEmpty())
            failKey(section, QStringLiteral("token"),
                    Text::tr("a token must not be written into the configuration file; delete this line and put "
                             "the token in the environment variable named by token_env (%1), or in the system "
                             "keyring")
                        .arg(source.options.value(QStringLiteral("token_env"), QStringLiteral("DIGITALOCEAN_TOKEN"))));
        else
            failKey(section, QStringLiteral("token"),
                    Text::tr("a token must not be written into the configuration file, and a source of type %1 "
                             "takes none; delete this line")
                        .arg(source.type));
    }
    config.sources << source;
}

std::optional<Config> Loader::run(QString *error)
{
    Config config;
    config.filePath = m_path;

    for (const auto &problem : m_raw.problems)
        fail(problem.first,
             m_path + QLatin1Char(':') + QString::number(problem.first) + QLatin1String(": ") + problem.second);

    const QStringList sectionsText { QStringLiteral("[storage]"), QStringLiteral("[sync]"), QStringLiteral("[alerts]"),
                                     QStringLiteral("[query]"),   QStringLiteral("[listen]"), QStringLiteral("[source.NAME]") };
    const QStringList rootKeys = m_settings.childKeys();
    for (const QString &key : rootKeys) {
        if (isComment(key))
            continue;
        const int line = lineOf(QString(), key);
        fail(line,
             Text::tr("%1: the key %2 is outside any section; put it under one of %3")
                 .arg(line > 0 ? m_path + QLatin1Char(':') + QString::number(line) : m_path, shown(key),
                      sectionsText.join(QLatin1String(", "))));
    }

    // Sections in file order, so sources keep the order the user wrote them in.
    QStringList groups = m_settings.childGroups();
    // "# a/b=1" at the top is a comment, not a section "# a".
    groups.removeIf([this](const QString &g) { return isComment(g) && !m_raw.sections.contains(g); });
    std::stable_sort(groups.begin(), groups.end(), [this](const QString &a, const QString &b) {
        const int ia = m_raw.sections.indexOf(a);
        const int ib = m_raw.sections.indexOf(b);
        return (ia < 0 ? INT_MAX : ia) < (ib < 0 ? INT_MAX : ib);
    });
    // QSettings drops sections without keys; an empty [source.x] still deserves a word.
    for (const QString &section : std::as_const(m_raw.sections)) {
        if (section.isEmpty() || groups.contains(section))
            continue;
        // QSettings reads "[a/b]" as group a and "%xx" as an escape: such a section is not a group of its own.
        const bool regrouped = section.contains(QLatin1Char('%')) || section.contains(QLatin1Char('/'));
        const QString sourceName = section.mid(int(qstrlen("source.")));
        if (section.startsWith(QLatin1String("source.")) && regrouped)
            // Found by fuzzing: "[source./]" alone loaded as a config without any source and without a word.
            fail(m_raw.sectionLine.value(section),
                 Text::tr("%1: invalid source name \"%2\"; a name is 1 to 64 letters, digits, '-' or '_', e.g. "
                          "[source.do-prod]")
                     .arg(whereSection(section), shown(sourceName)));
        else if (regrouped)
            continue;
        else if (section.startsWith(QLatin1String("source.")))
            fail(m_raw.sectionLine.value(section),
                 Text::tr("%1: the section is empty; the key type is required (%2)")
                     .arg(whereSection(section), sourceTypes().join(QLatin1String(", "))));
        else if (section != QLatin1String("storage") && section != QLatin1String("sync")
                 && section != QLatin1String("alerts") && section != QLatin1String("query")
                 && section != QLatin1String("listen"))
            groups << section;
    }

    QStringList sourceSections;
    for (const QString &section : std::as_const(groups)) {
        if (section == QLatin1String("storage"))
            parseStorage(config);
        else if (section == QLatin1String("sync"))
            parseSync(config);
        else if (section == QLatin1String("alerts"))
            parseAlerts(config);
        else if (section == QLatin1String("query"))
            parseQuery(config);
        else if (section == QLatin1String("listen"))
            parseListen(config);
        else if (section.startsWith(QLatin1String("source.")))
            sourceSections << section;
        else
            fail(m_raw.sectionLine.value(section, 0),
                 Text::tr("%1: unknown section%2; allowed sections: %3")
                     .arg(whereSection(section),
                          suggestion(section,
                                     { QStringLiteral("storage"), QStringLiteral("sync"), QStringLiteral("alerts"),
                                       QStringLiteral("query"), QStringLiteral("listen") }),
                          sectionsText.join(QLatin1String(", "))));
    }
    // After [sync], whose interval is the default of remote sources.
    for (const QString &section : std::as_const(sourceSections))
        parseSource(config, section);
    bool anySourceSection = !sourceSections.isEmpty();
    for (const QString &section : std::as_const(m_raw.sections))
        anySourceSection = anySourceSection || section.startsWith(QLatin1String("source."));
    if (!anySourceSection)
        config.sources = Config::defaults().sources;

    if (m_errors.isEmpty())
        return config;
    // In file order; problems without a line (cross-checks) last.
    std::stable_sort(m_errors.begin(), m_errors.end(), [](const auto &a, const auto &b) {
        return (a.first > 0 ? a.first : INT_MAX) < (b.first > 0 ? b.first : INT_MAX);
    });
    if (error) {
        QStringList messages;
        for (const auto &e : std::as_const(m_errors))
            messages << oneLine(e.second);
        *error = messages.join(QLatin1Char('\n'));
    }
    return std::nullopt;
}

} // namespace

QString Config::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + QLatin1String("/opsdeck/opsdeck.ini");
}

QString Config::defaultDatabaseUrl()
{
    // GenericDataLocation is absolute, so this is sqlite:/// + path.
    return QLatin1String("sqlite://") + QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
        + QLatin1String("/opsdeck/opsdeck.db");
}

Config Config::defaults()
{
    Config config;
    SourceConfig local;
    local.name = Local;
    local.type = Local;
    local.intervalSeconds = LocalInterval;
    config.sources << local;
    return config;
}

std::optional<Config> Config::load(const QString &path, QString *error)
{
    auto failed = [error](const QString &message) -> std::optional<Config> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const QFileInfo info(path);
    if (path.isEmpty())
        return failed(Text::tr("no configuration file given"));
    if (!info.exists())
        return failed(Text::tr("%1: configuration file not found").arg(path));
    if (info.isDir())
        return failed(Text::tr("%1: is a directory, not a configuration file").arg(path));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(Text::tr("%1: cannot read the configuration file: %2").arg(path, file.errorString()));
    const RawIni raw = scanIni(QString::fromUtf8(file.readAll()));
    file.close();

    QSettings settings(path, QSettings::IniFormat);
    if (settings.status() == QSettings::AccessError)
        return failed(Text::tr("%1: cannot read the configuration file").arg(path));
    if (settings.status() == QSettings::FormatError) {
        QStringList messages;
        for (const auto &problem : raw.problems)
            messages << oneLine(path + QLatin1Char(':') + QString::number(problem.first) + QLatin1String(": ")
                                + problem.second);
        messages << Text::tr("%1: not a valid INI file; expected [section] headers, key=value lines and ; comments")
                        .arg(path);
        return failed(messages.join(QLatin1Char('\n')));
    }
    return Loader(path, settings, raw).run(error);
}

const SourceConfig *Config::source(const QString &name) const
{
    for (const SourceConfig &s : sources) {
        if (s.name == name)
            return &s;
    }
    return nullptr;
}

std::optional<QString> Config::checkValue(const QString &section, const QString &key, const QString &value,
                                          QString *problem, const QString &sourceType)
{
    const std::optional<KeyRule> rule = keyRule(section, key, sourceType);
    if (!rule) {
        if (problem)
            *problem = Text::tr("unknown key %1").arg(key);
        return std::nullopt;
    }
    QStringList problems;
    const std::optional<QString> result = applyRule(*rule, key, value.trimmed(), &problems);
    if (!result && problem)
        *problem = problems.join(QLatin1Char('\n'));
    return result;
}

bool Config::checkSourceName(const QString &name, QString *problem)
{
    if (sourceNamePattern().match(name).hasMatch())
        return true;
    if (problem)
        *problem = name.isEmpty() ? Text::tr("a name is required: 1 to 64 letters, digits, '-' or '_', e.g. do-prod")
                                  : Text::tr("invalid source name \"%1\"; a name is 1 to 64 letters, digits, '-' or "
                                             "'_', e.g. do-prod")
                                        .arg(shown(name));
    return false;
}

QStringList Config::sourceTypes()
{
    return ::sourceTypes();
}

QStringList Config::sourceKeys(const QString &type)
{
    return ::sourceKeys(type);
}

qint64 Config::defaultSourceInterval(const QString &type) const
{
    return type == Local ? LocalInterval : syncIntervalSeconds;
}
