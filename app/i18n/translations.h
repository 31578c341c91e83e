// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QStringList>

namespace qonvex::app {

//! Folders searched for Qonvex's compiled translations (`qonvex_<lang>.qm`), relative to the
//! running executable: `translations/` beside it (build tree, Windows), then
//! `../share/qonvex/translations` (installed on Linux) and `../Resources/translations` (a macOS
//! bundle).
QStringList defaultTranslationDirectories();

//! Installs Qt's own translation (qtbase, for standard buttons and dialogs) and Qonvex's for
//! \a locale's UI languages on the running application, trying \a directories for Qonvex's.
//! English needs none. Returns the Qonvex translation file that was loaded, or an empty string
//! when the UI stays in English.
QString installTranslations(const QLocale &locale, const QStringList &directories = defaultTranslationDirectories());

} // namespace qonvex::app
