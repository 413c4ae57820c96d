#include "translator.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {

const auto AppTranslatorName = QStringLiteral("opsdeckTranslator");
const auto QtTranslatorName = QStringLiteral("qtbaseTranslator");

bool isPosix(const QString &name)
{
    return name == QLatin1String("C") || name == QLatin1String("POSIX");
}

// "de-DE" → "de_DE", "de"; "zh-Hans-CN" → "zh_Hans_CN", "zh_Hans", "zh".
QStringList fallbacks(const QString &uiLanguage)
{
    QString name = uiLanguage;
    name.replace(QLatin1Char('-'), QLatin1Char('_'));
    QStringList names;
    while (!name.isEmpty()) {
        names << name;
        const qsizetype cut = name.lastIndexOf(QLatin1Char('_'));
        name.truncate(cut > 0 ? cut : 0);
    }
    return names;
}

// Exactly `path`: QTranslator::load() alone would go on to shorter names, down to "opsdeck.qm".
QTranslator *load(const QString &path, const QString &objectName, QCoreApplication &app)
{
    if (!QFileInfo::exists(path))
        return nullptr;
    auto *translator = new QTranslator(&app);
    if (!translator->load(path)) {
        delete translator;
        return nullptr;
    }
    translator->setObjectName(objectName);
    return translator;
}

} // namespace

QString Translator::install(QCoreApplication &app, const QString &languageOverride)
{
    const auto previous = app.findChildren<QTranslator *>(QString(), Qt::FindDirectChildrenOnly);
    for (QTranslator *translator : previous) {
        if (translator->objectName() == AppTranslatorName || translator->objectName() == QtTranslatorName)
            delete translator; // removes itself from the application
    }

    QLocale locale = QLocale::system();
    if (!languageOverride.isEmpty()) {
        locale = QLocale(languageOverride);
        if (locale.language() == QLocale::C && !isPosix(languageOverride)) {
            qWarning("opsdeck: unknown language \"%s\", the interface stays in English", qPrintable(languageOverride));
            locale = QLocale(QLocale::English);
        }
    }
    QLocale::setDefault(locale);

    // The UI languages in order of preference (for the system locale: $LANGUAGE, then the locale of messages).
    // English ends the search: it needs no file, and whoever puts it before German wants English.
    const QString qtDirectory = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    const QStringList uiLanguages = locale.uiLanguages();
    for (const QString &uiLanguage : uiLanguages) {
        for (const QString &name : fallbacks(uiLanguage)) {
            if (isPosix(name) || QLocale(name).language() == QLocale::English)
                return {};
            QTranslator *own
                = load(QStringLiteral(":/i18n/opsdeck_") + name + QStringLiteral(".qm"), AppTranslatorName, app);
            if (!own)
                continue;
            // Qt's own strings (dialog buttons, context menus) only along with ours: a window never mixes languages.
            if (QTranslator *qt
                = load(qtDirectory + QStringLiteral("/qtbase_") + name + QStringLiteral(".qm"), QtTranslatorName, app))
                QCoreApplication::installTranslator(qt);
            QCoreApplication::installTranslator(own);
            return name;
        }
    }
    return {};
}
