// SPDX-License-Identifier: MIT
#include "signinviewloader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPluginLoader>

Q_LOGGING_CATEGORY(lcSignInLoader, "qonvex.ui.signin.loader", QtInfoMsg)

namespace qonvex::ui {

namespace {
const QString pluginFileName = QStringLiteral(QONVEX_SIGNIN_PLUGIN_FILE_NAME);
}

// Out of line so the vtables and type info live in this shared library only.
SignInView::~SignInView() = default;
SignInViewFactory::~SignInViewFactory() = default;

SignInViewLoader::SignInViewLoader() = default;
SignInViewLoader::~SignInViewLoader() = default;

QStringList SignInViewLoader::candidatePaths()
{
    const QString fromEnv = qEnvironmentVariable(pluginPathVariable);
    if (!fromEnv.isEmpty())
        return {fromEnv};
    QStringList paths;
    const QString appDir = QCoreApplication::applicationDirPath();
    if (!appDir.isEmpty()) {
        paths << QDir(appDir).filePath(pluginFileName);
        paths << QDir::cleanPath(appDir + QStringLiteral("/../" QONVEX_SIGNIN_PLUGIN_INSTALL_SUBDIR "/") + pluginFileName);
    }
    paths << QStringLiteral(QONVEX_SIGNIN_PLUGIN_BUILD_DIR "/") + pluginFileName;
    paths.removeDuplicates();
    return paths;
}

SignInViewFactory *SignInViewLoader::load()
{
    if (m_factory)
        return m_factory;
    QStringList problems;
    for (const QString &path : candidatePaths()) {
        if (!QFileInfo::exists(path)) {
            problems << QStringLiteral("%1: not found").arg(path);
            continue;
        }
        // Never unloaded (destroying a QPluginLoader does not unload; the hint also stops an
        // explicit unload): Chromium's threads outlive any attempt to unload it cleanly.
        QPluginLoader loader(path);
        loader.setLoadHints(QLibrary::PreventUnloadHint);
        QObject *instance = loader.instance();
        auto *factory = qobject_cast<SignInViewFactory *>(instance);
        if (!factory) {
            problems << QStringLiteral("%1: %2").arg(path, instance ? QStringLiteral("not a sign-in view plugin")
                                                                     : loader.errorString());
            continue;
        }
        m_factory = factory;
        m_loadedPath = path;
        m_error.clear();
        qCInfo(lcSignInLoader) << "loaded sign-in view plugin" << path;
        return m_factory;
    }
    m_error = QStringLiteral("The sign-in view plugin could not be loaded (%1).").arg(problems.join(u"; "));
    qCWarning(lcSignInLoader).noquote() << m_error;
    return nullptr;
}

SignInView *SignInViewLoader::createView(QWidget *parent, const SignInViewOptions &options)
{
    SignInViewFactory *factory = load();
    return factory ? factory->createView(parent, options) : nullptr;
}

} // namespace qonvex::ui
