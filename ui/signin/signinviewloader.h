// SPDX-License-Identifier: MIT
#pragma once
//! \file
//! Finds and loads the WebEngine sign-in plugin on demand. Linking this (and
//! signinviewinterface.h) does not link or map Qt WebEngine; load() does.

#include "signinviewinterface.h"

#include <QPointer>
#include <QString>
#include <QStringList>

class QPluginLoader;

namespace qonvex::ui {

class QONVEX_SIGNIN_EXPORT SignInViewLoader
{
public:
    //! Environment variable naming the plugin file; when set, no other place is tried.
    static constexpr const char *pluginPathVariable = "QONVEX_SIGNIN_PLUGIN";

    SignInViewLoader();
    ~SignInViewLoader();
    SignInViewLoader(const SignInViewLoader &) = delete;
    SignInViewLoader &operator=(const SignInViewLoader &) = delete;

    //! Where the plugin is looked for, in order: $QONVEX_SIGNIN_PLUGIN; next to the
    //! executable; `<prefix>/<libdir>/qonvex/` relative to the executable's `bin/`; the build
    //! tree it was built in.
    static QStringList candidatePaths();

    //! Load the plugin (once). Returns nullptr and sets errorString() if no candidate loads.
    //! The library stays loaded for the rest of the process (Qt WebEngine cannot be unloaded).
    SignInViewFactory *load();
    //! load() then createView(); nullptr (see errorString()) if the plugin is missing.
    SignInView *createView(QWidget *parent, const SignInViewOptions &options = {});

    QString errorString() const { return m_error; }
    //! The file that was loaded, empty before a successful load().
    QString loadedPath() const { return m_loadedPath; }

private:
    SignInViewFactory *m_factory = nullptr;
    QString m_error;
    QString m_loadedPath;
};

} // namespace qonvex::ui
