// SPDX-License-Identifier: MIT
#include "i18n/translations.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

namespace qonvex::app {

namespace {
Q_LOGGING_CATEGORY(lcI18n, "qonvex.i18n", QtInfoMsg)
}

QStringList defaultTranslationDirectories()
{
    const QDir bin(QCoreApplication::applicationDirPath());
    return {bin.filePath(QStringLiteral("translations")),
            QDir::cleanPath(bin.filePath(QStringLiteral("../share/qonvex/translations"))),
            QDir::cleanPath(bin.filePath(QStringLiteral("../Resources/translations")))};
}

QString installTranslations(const QLocale &locale, const QStringList &directories)
{
    // The sources are English: a person whose first UI language is English gets no translator
    // (and start-up loads no file), even if a later preference has one.
    const QStringList languages = locale.uiLanguages();
    if (languages.isEmpty() || languages.first().startsWith(QLatin1String("en")) || locale.language() == QLocale::C)
        return {};
    auto *app = QCoreApplication::instance();
    auto *ours = new QTranslator(app);
    QString loaded;
    for (const QString &dir : directories) {
        if (ours->load(locale, QStringLiteral("qonvex"), QStringLiteral("_"), dir)) {
            loaded = ours->filePath();
            break;
        }
    }
    if (loaded.isEmpty()) {
        delete ours;
        qCInfo(lcI18n) << "no Qonvex translation for" << languages << "- the UI stays in English";
        return {};
    }
    QCoreApplication::installTranslator(ours);
    // Qt's own strings ("Cancel", "OK" of standard buttons, context menus of text fields), from
    // the system's Qt translations (Debian: qt6-translations-l10n), when present.
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    qCInfo(lcI18n) << "translation" << QDir::toNativeSeparators(loaded);
    return loaded;
}

} // namespace qonvex::app
