#include "configwriter.h"

#include "duration.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QSaveFile>
#include <QSet>
#include <QTemporaryDir>

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(ConfigWriter)
};

// One key as the writer would put it in the file. `isDefault`: a missing key means this very value, so a new key
// is only added when it is not.
struct Entry
{
    QString section;
    QString key;
    QString value; // unescaped; targets comma-joined
    bool isDefault = false;
};

QString id(const QString &section, const QString &key)
{
    return section + QLatin1Char('\n') + key;
}

QString number(double value)
{
    return QLocale::c().toString(value, 'g', QLocale::FloatingPointShortest);
}

QList<Entry> entries(const Config &config)
{
    QList<Entry> out;
    const auto add = [&out](const QString &section, const QString &key, const QString &value, bool isDefault) {
        out.append(Entry { section, key, value, isDefault });
    };
    const Config defaults;
    const QString storage = QStringLiteral("storage");
    if (!config.storageUrl.isEmpty())
        add(storage, QStringLiteral("url"), config.storageUrl, false);
    add(storage, QStringLiteral("retention_days"), QString::number(config.retentionDays),
        config.retentionDays == defaults.retentionDays);
    add(QStringLiteral("sync"), QStringLiteral("interval"), formatDuration(config.syncIntervalSeconds),
        config.syncIntervalSeconds == defaults.syncIntervalSeconds);

    const QString alerts = QStringLiteral("alerts");
    for (Metric metric : AllMetrics) {
        const MetricThresholds t = config.alerts.thresholds.value(metric);
        const MetricThresholds d = defaults.alerts.thresholds.value(metric);
        add(alerts, metricName(metric) + QLatin1String(".warning"), number(t.warning), t.warning == d.warning);
        add(alerts, metricName(metric) + QLatin1String(".critical"), number(t.critical), t.critical == d.critical);
    }
    add(alerts, QStringLiteral("for"), formatDuration(config.alerts.forSeconds),
        config.alerts.forSeconds == defaults.alerts.forSeconds);
    add(alerts, QStringLiteral("clear_margin"), number(config.alerts.clearMargin),
        config.alerts.clearMargin == defaults.alerts.clearMargin);

    const QString query = QStringLiteral("query");
    const QueryConfig &q = config.query;
    add(query, QStringLiteral("cache_ttl"), formatDuration(q.cacheTtlSeconds),
        q.cacheTtlSeconds == defaults.query.cacheTtlSeconds);
    add(query, QStringLiteral("cache_size_mb"), QString::number(q.cacheSizeMb),
        q.cacheSizeMb == defaults.query.cacheSizeMb);
    add(query, QStringLiteral("slow_ms"), QString::number(q.slowMs), q.slowMs == defaults.query.slowMs);
    add(query, QStringLiteral("critical_ms"), QString::number(q.criticalMs), q.criticalMs == defaults.query.criticalMs);

    const QString listen = QStringLiteral("listen");
    if (!config.listen.tokenFile.isEmpty())
        add(listen, QStringLiteral("token_file"), config.listen.tokenFile, false);
    if (!config.listen.tokenEnv.isEmpty())
        add(listen, QStringLiteral("token_env"), config.listen.tokenEnv, false);
    add(listen, QStringLiteral("requests_per_minute"), QString::number(config.listen.requestsPerMinute),
        config.listen.requestsPerMinute == defaults.listen.requestsPerMinute);

    for (const SourceConfig &source : config.sources) {
        const QString section = QLatin1String("source.") + source.name;
        add(section, QStringLiteral("type"), source.type, false);
        add(section, QStringLiteral("enabled"), source.enabled ? QStringLiteral("true") : QStringLiteral("false"),
            source.enabled);
        add(section, QStringLiteral("interval"), formatDuration(source.intervalSeconds),
            source.intervalSeconds == config.defaultSourceInterval(source.type));
        const auto option = [&](const QString &key, const QString &defaultValue) {
            const QString value = source.options.value(key, defaultValue);
            add(section, key, value, value == defaultValue);
        };
        if (source.type == QLatin1String("digitalocean")) {
            option(QStringLiteral("api_url"), QStringLiteral("https://api.digitalocean.com"));
            option(QStringLiteral("token_env"), QStringLiteral("DIGITALOCEAN_TOKEN"));
            option(QStringLiteral("requests_per_minute"), QStringLiteral("250"));
            option(QStringLiteral("requests_per_hour"), QStringLiteral("5000"));
            // backfill_seconds is the loader's own; the file has backfill.
            bool ok = false;
            const qint64 seconds = source.options.value(QStringLiteral("backfill_seconds")).toLongLong(&ok);
            const QString backfill = ok && seconds > 0
                ? formatDuration(seconds)
                : source.options.value(QStringLiteral("backfill"), QStringLiteral("30d"));
            add(section, QStringLiteral("backfill"), backfill, backfill == QLatin1String("30d"));
        } else if (source.type == QLatin1String("prometheus")) {
            add(section, QStringLiteral("url"), source.options.value(QStringLiteral("url")), false);
        } else if (source.type == QLatin1String("node_exporter")) {
            add(section, QStringLiteral("targets"), source.options.value(QStringLiteral("targets")), false);
        }
    }
    return out;
}

// The keys the writer manages in a section; any other line there is left alone. "token" is managed so that a
// secret written by hand into a source section (which the loader refuses) is never kept.
bool isManaged(const QString &section, const QString &key)
{
    static const QHash<QString, QStringList> fixed {
        { QStringLiteral("storage"), { QStringLiteral("url"), QStringLiteral("retention_days") } },
        { QStringLiteral("sync"), { QStringLiteral("interval") } },
        { QStringLiteral("query"),
          { QStringLiteral("cache_ttl"), QStringLiteral("cache_size_mb"), QStringLiteral("slow_ms"),
            QStringLiteral("critical_ms") } },
        { QStringLiteral("listen"),
          { QStringLiteral("token_file"), QStringLiteral("token_env"), QStringLiteral("requests_per_minute") } },
    };
    if (section == QLatin1String("alerts")) {
        if (key == QLatin1String("for") || key == QLatin1String("clear_margin"))
            return true;
        for (const QString &metric : metricNames()) {
            if (key == metric + QLatin1String(".warning") || key == metric + QLatin1String(".critical"))
                return true;
        }
        return false;
    }
    if (section.startsWith(QLatin1String("source."))) {
        if (key == QLatin1String("token"))
            return true;
        for (const QString &type : Config::sourceTypes()) {
            if (Config::sourceKeys(type).contains(key))
                return true;
        }
        return false;
    }
    return fixed.value(section).contains(key);
}

QString formatLine(const Entry &entry)
{
    if (entry.key == QLatin1String("targets")) {
        // As QSettings writes a list: each item escaped, ", " between them; the loader joins them again.
        QStringList items;
        for (const QString &target : entry.value.split(QLatin1Char(','), Qt::SkipEmptyParts))
            items << ConfigWriter::escapeValue(target.trimmed());
        return entry.key + QLatin1Char('=') + items.join(QLatin1String(", "));
    }
    return entry.key + QLatin1Char('=') + ConfigWriter::escapeValue(entry.value);
}

struct Line
{
    QString text; // a logical line: physical lines joined by '\n' when a value continues with '\'
    QString key; // empty for comments, blank lines and anything else
};

struct Block
{
    QString section; // "" for the lines before the first header
    QString header; // the header line as written
    QList<Line> lines;
    bool placedAnew = false; // new or moved: gets a blank line before its header
};

bool continues(const QString &line)
{
    int backslashes = 0;
    for (qsizetype k = line.size() - 1; k >= 0 && line.at(k) == QLatin1Char('\\'); --k)
        ++backslashes;
    return backslashes % 2 == 1;
}

QList<Block> parse(QString text)
{
    QList<Block> blocks { Block {} };
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    QStringList physical = text.split(QLatin1Char('\n'));
    if (!physical.isEmpty() && physical.last().isEmpty())
        physical.removeLast(); // the final newline
    for (QString &line : physical) {
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    }
    for (qsizetype i = 0; i < physical.size(); ++i) {
        QString line = physical.at(i);
        while (continues(line) && i + 1 < physical.size())
            line += QLatin1Char('\n') + physical.at(++i);
        const QString t = line.trimmed();
        if (t.startsWith(QLatin1Char('[')) && t.indexOf(QLatin1Char(']')) > 0) {
            QString section = t.mid(1, t.indexOf(QLatin1Char(']')) - 1).trimmed();
            if (section == QLatin1String("General"))
                section.clear();
            blocks.append(Block { section, line, {}, false });
            continue;
        }
        Line entry { line, QString() };
        const qsizetype eq = t.indexOf(QLatin1Char('='));
        if (!t.isEmpty() && !t.startsWith(QLatin1Char(';')) && !t.startsWith(QLatin1Char('#')) && eq > 0)
            entry.key = t.left(eq).trimmed();
        blocks.last().lines.append(entry);
    }
    return blocks;
}

bool isSourceSection(const QString &section)
{
    return section.startsWith(QLatin1String("source."));
}

// Adds a line at the end of a block, before its trailing blank lines.
void appendLine(Block &block, const QString &text)
{
    qsizetype at = block.lines.size();
    while (at > 0 && block.lines.at(at - 1).text.trimmed().isEmpty())
        --at;
    block.lines.insert(at, Line { text, QString() });
}

// Whether two configs have the same sources with the same settings.
bool sameSources(const Config &a, const Config &b)
{
    const auto sources = [](const Config &c) {
        QList<Entry> out = entries(c);
        out.removeIf([](const Entry &e) { return !isSourceSection(e.section); });
        QStringList lines;
        for (const Entry &e : out)
            lines << id(e.section, e.key) + QLatin1Char('=') + e.value;
        return lines;
    };
    return sources(a) == sources(b);
}

} // namespace

QString ConfigWriter::escapeValue(const QString &value)
{
    // QSettings' own escaping of a string (QSettingsPrivate::iniEscapedString and variantToString), so its reader
    // gives back exactly `value`: one string, never a list, a comment or a @Variant.
    QString result;
    bool needsQuotes = false;
    bool escapeNextIfHex = false;
    for (const QChar ch : value) {
        const char16_t c = ch.unicode();
        if (c == u';' || c == u',' || c == u'=')
            needsQuotes = true;
        const bool hex = (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
        if (escapeNextIfHex && hex) {
            result += QLatin1String("\\x") + QString::number(c, 16);
            continue;
        }
        escapeNextIfHex = false;
        switch (c) {
        case u'\0':
            result += QLatin1String("\\0");
            escapeNextIfHex = true;
            break;
        case u'\a':
            result += QLatin1String("\\a");
            break;
        case u'\b':
            result += QLatin1String("\\b");
            break;
        case u'\f':
            result += QLatin1String("\\f");
            break;
        case u'\n':
            result += QLatin1String("\\n");
            break;
        case u'\r':
            result += QLatin1String("\\r");
            break;
        case u'\t':
            result += QLatin1String("\\t");
            break;
        case u'\v':
            result += QLatin1String("\\v");
            break;
        case u'"':
        case u'\\':
            result += QLatin1Char('\\');
            result += ch;
            break;
        default:
            if (c <= 0x1f) {
                result += QLatin1String("\\x") + QString::number(c, 16);
                escapeNextIfHex = true;
            } else {
                result += ch;
            }
        }
    }
    // QSettings reads "@…" as a typed value; it writes a literal '@' doubled.
    if (value.startsWith(QLatin1Char('@')))
        result.prepend(QLatin1Char('@'));
    if (needsQuotes || result.startsWith(QLatin1Char(' ')) || result.endsWith(QLatin1Char(' ')))
        result = QLatin1Char('"') + result + QLatin1Char('"');
    return result;
}

QString ConfigWriter::render(const Config &config, const QString &existingText, const Config *existing)
{
    QList<Entry> wanted = entries(config);
    QHash<QString, Entry> wantedById;
    for (const Entry &e : wanted)
        wantedById.insert(id(e.section, e.key), e);
    QHash<QString, QString> before;
    if (existing) {
        for (const Entry &e : entries(*existing))
            before.insert(id(e.section, e.key), e.value);
    }
    QList<Block> blocks = parse(existingText);
    const bool fileHasSources
        = std::any_of(blocks.cbegin(), blocks.cend(), [](const Block &b) { return isSourceSection(b.section); });
    // A file without sources means the local one (Config::defaults()): saying so in the file changes nothing.
    if (!existingText.trimmed().isEmpty() && !fileHasSources && sameSources(config, Config::defaults())) {
        wanted.removeIf([](const Entry &e) { return isSourceSection(e.section); });
        wantedById.removeIf([](const auto &it) { return isSourceSection(it.value().section); });
    }
    QStringList sourceSections;
    for (const Entry &e : std::as_const(wanted)) {
        if (isSourceSection(e.section) && !sourceSections.contains(e.section))
            sourceSections << e.section;
    }

    const bool crlf = existingText.contains(QLatin1String("\r\n"));
    const bool bom = existingText.startsWith(QChar(0xfeff));

    // Edit the keys in place; drop the sections of sources that are gone.
    QSet<QString> placed;
    for (qsizetype b = blocks.size() - 1; b >= 0; --b) {
        if (isSourceSection(blocks.at(b).section) && !sourceSections.contains(blocks.at(b).section))
            blocks.removeAt(b);
    }
    for (Block &block : blocks) {
        for (qsizetype i = 0; i < block.lines.size(); ++i) {
            Line &line = block.lines[i];
            if (line.key.isEmpty() || !isManaged(block.section, line.key))
                continue;
            const QString key = id(block.section, line.key);
            const auto it = wantedById.constFind(key);
            if (it == wantedById.cend() || placed.contains(key)) {
                block.lines.removeAt(i--);
                continue;
            }
            placed.insert(key);
            // Unchanged: keep the user's spelling and any comment after the value.
            if (!(before.contains(key) && before.value(key) == it->value))
                line.text = formatLine(*it);
        }
    }

    // New keys at the end of their section; new sections where a reader looks for them.
    for (const Entry &e : wanted) {
        const QString key = id(e.section, e.key);
        if (placed.contains(key) || e.isDefault)
            continue;
        placed.insert(key);
        qsizetype at = -1;
        for (qsizetype b = 0; b < blocks.size(); ++b) {
            if (blocks.at(b).section == e.section && !blocks.at(b).header.isEmpty())
                at = b;
        }
        if (at < 0) {
            Block block { e.section, QLatin1Char('[') + e.section + QLatin1Char(']'), {}, true };
            at = blocks.size();
            if (!isSourceSection(e.section)) {
                for (qsizetype b = 1; b < blocks.size(); ++b) {
                    if (isSourceSection(blocks.at(b).section)) {
                        at = b;
                        break;
                    }
                }
            }
            blocks.insert(at, block);
        }
        appendLine(blocks[at], formatLine(e));
    }

    // Sources in the order of config.sources: the loader keeps the file's order. Regroup only when it differs.
    QStringList fileOrder;
    for (const Block &block : std::as_const(blocks)) {
        if (isSourceSection(block.section) && !fileOrder.contains(block.section))
            fileOrder << block.section;
    }
    if (fileOrder != sourceSections) {
        qsizetype first = -1;
        QHash<QString, QList<Block>> bySection;
        for (qsizetype b = blocks.size() - 1; b >= 0; --b) {
            if (!isSourceSection(blocks.at(b).section))
                continue;
            bySection[blocks.at(b).section].prepend(blocks.takeAt(b));
            first = b;
        }
        if (first < 0)
            first = blocks.size();
        for (const QString &section : std::as_const(sourceSections)) {
            for (Block block : bySection.value(section)) {
                block.placedAnew = true;
                blocks.insert(first++, block);
            }
        }
    }

    // Sections of ours left without any line go; a blank line before each new or moved header.
    for (qsizetype b = blocks.size() - 1; b > 0; --b) {
        const Block &block = blocks.at(b);
        const bool ours = block.section == QLatin1String("storage") || block.section == QLatin1String("sync")
            || block.section == QLatin1String("alerts") || block.section == QLatin1String("query")
            || block.section == QLatin1String("listen");
        const bool empty = std::all_of(block.lines.cbegin(), block.lines.cend(),
                                       [](const Line &l) { return l.text.trimmed().isEmpty(); });
        if (ours && empty)
            blocks.removeAt(b);
    }
    QStringList out;
    if (existingText.trimmed().isEmpty()) {
        out << Text::tr("; OpsDeck settings, also written by its Settings dialog. Tokens are never kept here: they "
                        "live in the system keyring")
            << Text::tr("; or in the environment variable named by token_env. A PostgreSQL password can live in "
                        "~/.pgpass instead of the URL.");
    }
    for (qsizetype b = 0; b < blocks.size(); ++b) {
        const Block &block = blocks.at(b);
        if (!block.header.isEmpty()) {
            const bool afterNew = b > 0 && blocks.at(b - 1).placedAnew;
            if ((block.placedAnew || afterNew) && !out.isEmpty() && !out.last().trimmed().isEmpty())
                out << QString();
            out << block.header;
        }
        for (const Line &line : block.lines)
            out << line.text;
    }
    const QString newline = crlf ? QStringLiteral("\r\n") : QStringLiteral("\n");
    QString text = out.join(QLatin1Char('\n')) + QLatin1Char('\n');
    if (crlf)
        text.replace(QLatin1Char('\n'), newline);
    return bom ? QChar(0xfeff) + text : text;
}

bool ConfigWriter::sameSettings(const Config &a, const Config &b)
{
    const QList<Entry> ea = entries(a);
    const QList<Entry> eb = entries(b);
    if (ea.size() != eb.size())
        return false;
    for (qsizetype i = 0; i < ea.size(); ++i) {
        if (ea.at(i).section != eb.at(i).section || ea.at(i).key != eb.at(i).key || ea.at(i).value != eb.at(i).value)
            return false;
    }
    return true;
}

bool ConfigWriter::write(const Config &config, const QString &path, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (path.isEmpty())
        return fail(Text::tr("no configuration file to write to"));
    QFileInfo info(path);
    // A symlinked file (dotfiles kept elsewhere) is written where it points, and stays a link.
    const QString target = info.isSymLink() && info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    info = QFileInfo(target);

    QString existingText;
    std::optional<Config> existing;
    if (info.exists()) {
        if (info.isDir())
            return fail(Text::tr("%1 is a directory, not a configuration file; choose a file path").arg(target));
        QFile file(target);
        if (!file.open(QIODevice::ReadOnly))
            return fail(Text::tr("cannot read %1: %2. Check the file's permissions").arg(target, file.errorString()));
        const QByteArray bytes = file.readAll();
        existingText = QString::fromUtf8(bytes);
        if (bytes.startsWith("\xef\xbb\xbf") && !existingText.startsWith(QChar(0xfeff)))
            existingText.prepend(QChar(0xfeff));
        existing = Config::load(target, nullptr);
    }
    const QString text = render(config, existingText, existing ? &*existing : nullptr);

    // Read the new text back before the real file is touched: it must load, and as the same settings.
    {
        QTemporaryDir scratch;
        if (!scratch.isValid())
            return fail(Text::tr("cannot check the new settings before writing %1: no temporary folder (%2)")
                            .arg(target, scratch.errorString()));
        const QString probe = scratch.filePath(QStringLiteral("opsdeck.ini"));
        QFile file(probe);
        if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0)
            return fail(
                Text::tr("cannot check the new settings before writing %1: %2").arg(target, file.errorString()));
        file.close();
        QString loadError;
        const std::optional<Config> reread = Config::load(probe, &loadError);
        if (!reread) {
            loadError.replace(probe, QFileInfo(target).fileName());
            return fail(
                Text::tr("%1 was not changed: the new settings would not load again:\n%2").arg(target, loadError));
        }
        if (!sameSettings(*reread, config))
            return fail(
                Text::tr("%1 was not changed: the new settings would not read back as they were entered").arg(target));
    }

    const QString dir = info.absolutePath();
    if (!QFileInfo::exists(dir)) {
        if (!QDir().mkpath(dir))
            return fail(Text::tr("cannot create the folder %1. Create it, or start OpsDeck with --config pointing at "
                                 "a writable place")
                            .arg(dir));
        // Only our own folder is narrowed: it may come to hold more than settings.
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly))
        return fail(Text::tr("cannot write %1: %2. Check the permissions of the file and its folder")
                        .arg(target, file.errorString()));
    // 0600 before the first byte: the file may hold a database password.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(text.toUtf8());
    if (!file.commit())
        return fail(Text::tr("cannot write %1: %2. Check the free space and the permissions of its folder")
                        .arg(target, file.errorString()));
    QFile::setPermissions(target, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}
