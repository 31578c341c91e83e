// SPDX-License-Identifier: MIT
// Start-up cost guard: the sign-in interface, the navigation policy, the plugin loader and the
// single-instance code must not map Qt WebEngine (~27 MB). Only loading the plugin may.
#include "navigationpolicy.h"
#include "signinviewinterface.h"
#include "signinviewloader.h"
#include "singleinstance.h"

#include <QApplication>
#include <QFile>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTest>

using namespace qonvex::ui;

namespace {

QByteArray mappedFiles()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return {};
    return maps.readAll(); // procfs files report size 0: read until the end
}

} // namespace

class TestSignInNoWebEngine : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nonPluginPartsDoNotMapWebEngine();
    void missingPluginIsAClearError();
    void loadingThePluginMapsWebEngine();
};

void TestSignInNoWebEngine::nonPluginPartsDoNotMapWebEngine()
{
    // Use each part for real, so a lazily loaded dependency would show up.
    const auto policy = NavigationPolicy::create(QStringLiteral("qonvex"), {QStringLiteral("accounts.example.com")},
                                                 SignInViewOptions().browserOnly);
    QVERIFY(policy);
    QCOMPARE(policy->decide(QUrl(QStringLiteral("qonvex://callback?state=s")), true).decision,
             NavigationPolicy::Decision::Callback);
    QVERIFY(!SignInViewLoader::candidatePaths().isEmpty());

    qonvex::SingleInstance instance(QStringLiteral("tst-nowebengine-%1").arg(QCoreApplication::applicationPid()));
    QCOMPARE(instance.claim(), qonvex::SingleInstance::Role::Primary);

    QWidget window;
    window.resize(200, 100);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));

    const QByteArray maps = mappedFiles();
    // The reading works: the libraries used above are there.
    QVERIFY2(maps.contains("libqonvex_signin"), "libqonvex_signin is not in /proc/self/maps");
    QVERIFY(maps.contains("libQt6Widgets"));
    QVERIFY2(!maps.contains("libQt6WebEngine"), "Qt WebEngine is mapped without the sign-in plugin");
}

void TestSignInNoWebEngine::missingPluginIsAClearError()
{
    const QByteArray saved = qgetenv(SignInViewLoader::pluginPathVariable);
    qputenv(SignInViewLoader::pluginPathVariable, "/nonexistent/qonvex_signin_webengine.so");
    const auto restore = qScopeGuard([&] { qputenv(SignInViewLoader::pluginPathVariable, saved); });
    SignInViewLoader loader;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("could not be loaded")));
    QVERIFY(!loader.createView(nullptr));
    QVERIFY2(loader.errorString().contains(u"/nonexistent/qonvex_signin_webengine.so: not found"),
             qPrintable(loader.errorString()));
    QVERIFY(!mappedFiles().contains("libQt6WebEngine"));
}

void TestSignInNoWebEngine::loadingThePluginMapsWebEngine()
{
    // The control: the same check does see WebEngine once the plugin is loaded.
    SignInViewLoader loader;
    QVERIFY2(loader.load(), qPrintable(loader.errorString()));
    QVERIFY(!loader.loadedPath().isEmpty());
    QVERIFY(mappedFiles().contains("libQt6WebEngineCore"));
}

int main(int argc, char **argv)
{
    prepareApplicationForSignInView();
    QApplication app(argc, argv);
    TestSignInNoWebEngine test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signin_nowebengine.moc"
