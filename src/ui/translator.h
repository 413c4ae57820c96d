#pragma once

#include <QString>

class QCoreApplication;

// Loads OpsDeck's translation (":/i18n/opsdeck_<lang>.qm", built from translations/*.ts) and Qt's own
// (qtbase_<lang>) for one language, and makes that language's locale the default for numbers and dates.
class Translator final
{
public:
    Translator() = delete;

    // Installs the translators for `languageOverride` ("de", "de_DE", "en"), or for the system's UI languages when
    // it is empty. Returns the language loaded ("de"), or an empty string when the UI stays in English: English
    // asked for, or no translation for the language (an unknown name such as "xx" warns and falls back to English).
    // Calling it again replaces the translators installed before. The translators are children of `app`.
    static QString install(QCoreApplication &app, const QString &languageOverride);
};
