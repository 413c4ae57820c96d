#pragma once

#include "config.h"

#include <QString>

// Writes a Config back to its INI file so that Config::load() reads back the same settings, for the Settings
// dialog. The file is edited, not regenerated: comments, blank lines, the order of sections and keys, and lines
// the writer does not know stay as they were. A key whose value did not change keeps its spelling ("90m" is not
// rewritten as "1h30m"); a changed key is rewritten in place; a key that is new and differs from what its absence
// means is added at the end of its section; keys a source's type does not take, and sections of sources that are
// gone, are removed. New sections go before the first [source.NAME] ([storage], [sync], …) or at the end (sources).
//
// Never written: SourceConfig::token (the keyring's secret) and Config::filePath. Values are escaped as QSettings
// reads them (quotes around ',', ';' and '=', backslash escapes, a leading '@' doubled).
//
// write() is careful with the file: it renders the new text, checks that Config::load() reads it back as the same
// settings before touching the file, then replaces the file atomically (QSaveFile) with mode 0600, creating its
// folder with mode 0700 when missing.
class ConfigWriter final
{
public:
    // False with *error (naming the file, the cause and the way out) when the file cannot be written or the new
    // text would not read back as `config`; the file is then unchanged.
    static bool write(const Config &config, const QString &path, QString *error);

    // The new text of the file. `existingText` is the file as it is ("" for a new file), and `existing` the Config
    // it loads as, or nullptr when it does not load (every managed key is then rewritten).
    static QString render(const Config &config, const QString &existingText, const Config *existing);

    // Whether a and b hold the same settings, i.e. whether write() would put the same values in the file (file
    // path and in-memory tokens aside).
    static bool sameSettings(const Config &a, const Config &b);

    // A value as QSettings writes one string: read back, it is exactly `value`.
    static QString escapeValue(const QString &value);
};
