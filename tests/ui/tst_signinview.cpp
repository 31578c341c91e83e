// SPDX-License-Identifier: MIT
// The embedded sign-in view against the real Clerk stand-in (devstack/run, a real Node process
// over real sockets), loaded through the plugin exactly as the app does. Screenshots of every
// state go to the artifacts dir.
#include "devstackprocess.h"
#include "signinviewinterface.h"
#include "signinviewloader.h"
#include "signintesthelpers.h"
#include "sslfixture.h"

#include <QApplication>
#include <QDesktopServices>
#include <QDir>
#include <QEventLoop>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>
#include <QWebEnginePage>
#include <QWebEngineView>

#include <memory>
#include <optional>

using namespace qonvex::ui;
using namespace signintest;
using LoadState = SignInView::LoadState;

namespace {

constexpr int pageTimeoutMs = 60000;

// The stand-in's page colours (devstack/clerk/pages.ts): the purple Continue button, the pink
// error box.
constexpr QRgb continueButtonColour = 0x6c47ff;
constexpr QRgb errorBoxColour = 0xfef2f2;

} // namespace

class TestSignInView : public QObject
{
    Q_OBJECT
public Q_SLOTS:
    // QDesktopServices URL handlers (stand-ins for the system browser and the OS scheme handler).
    void openExternally(const QUrl &url) { m_external << url; }
    void leakedCallback(const QUrl &url) { m_leakedCallbacks << url; }

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();

    void emailSignInCatchesCallback();
    void viewCanBeDeletedFromTheCallbackSlot();
    void offAllowlistLinksAndPopupsGoToSystemBrowser();
    void offAllowlistClickDuringFirstLoadDoesNotHang_data();
    void offAllowlistClickDuringFirstLoadDoesNotHang();
    void googleTriggersBrowserFallback();
    void userCanChooseTheBrowser();
    void certificateErrorIsRefused();
    void unreachableServerIsShownInTheView();
    void cancelAndRejectedCallbackAreShownInTheView();
    void silentServerShowsLoadingAndCanBeCancelled();
    void wipeProfileClearsCookiesAndStorage();
    void startOffAllowlistCreatesNoWebEngine();

private:
    SignInView *makeView();
    QUrl requestHostedUrl(const QString &state);
    QWebEnginePage *page() const;
    QVariant runJs(const QString &script);
    bool waitForReady();
    void screenshot(const QString &name, int minColours, std::optional<QRgb> mustContain = std::nullopt);
    QString panelTitle() const;
    QString panelMessage() const;

    qonvex::test::DevStackProcess m_devstack;
    SignInViewLoader m_loader;
    QString m_accountsOrigin;
    QString m_googleOrigin;
    QString m_clientToken;
    std::unique_ptr<SignInView> m_view;
    QList<QUrl> m_external;
    QList<QUrl> m_leakedCallbacks;
};

void TestSignInView::initTestCase()
{
    QVERIFY2(m_loader.load(), qPrintable(m_loader.errorString()));
    QVERIFY2(m_devstack.start({QStringLiteral("--clerk-only")}),
             qPrintable(m_devstack.error() + QString::fromUtf8(m_devstack.stderrOutput())));
    m_accountsOrigin = originOf(m_devstack.accountsUrl());
    m_googleOrigin = originOf(QUrl(m_devstack.ready().value(QStringLiteral("googleUrl")).toString()));
    QVERIFY(!m_accountsOrigin.isEmpty());
    QVERIFY(!m_googleOrigin.isEmpty());
    QVERIFY(m_accountsOrigin != m_googleOrigin);
    QDesktopServices::setUrlHandler(QStringLiteral("https"), this, "openExternally");
    QDesktopServices::setUrlHandler(QStringLiteral("http"), this, "openExternally");
    QDesktopServices::setUrlHandler(QStringLiteral("qonvex"), this, "leakedCallback");
}

void TestSignInView::init()
{
    m_external.clear();
    m_leakedCallbacks.clear();
}

void TestSignInView::cleanup()
{
    m_view.reset();
}

void TestSignInView::cleanupTestCase()
{
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("qonvex"));
    m_devstack.stop();
}

SignInView *TestSignInView::makeView()
{
    SignInViewOptions options;
    options.browserOnly = {QStringLiteral("accounts.google.com"), m_googleOrigin};
    m_view.reset(m_loader.createView(nullptr, options));
    if (m_view) {
        m_view->resize(760, 640);
        m_view->show();
    }
    return m_view.get();
}

QUrl TestSignInView::requestHostedUrl(const QString &state)
{
    return signintest::requestHostedUrl(m_devstack.clerkFrontendApi(), &m_clientToken, state);
}

QWebEnginePage *TestSignInView::page() const
{
    auto *web = m_view ? m_view->findChild<QWebEngineView *>() : nullptr;
    return web ? web->page() : nullptr;
}

QVariant TestSignInView::runJs(const QString &script)
{
    QWebEnginePage *p = page();
    if (!p)
        return {};
    QVariant result;
    bool done = false;
    p->runJavaScript(script, [&](const QVariant &value) {
        result = value;
        done = true;
    });
    QEventLoop loop;
    QTimer poll;
    connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done)
            loop.quit();
    });
    poll.start(10);
    QTimer::singleShot(pageTimeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return result;
}

bool TestSignInView::waitForReady()
{
    return QTest::qWaitFor([this] { return m_view->loadState() == LoadState::Ready; }, pageTimeoutMs);
}

void TestSignInView::screenshot(const QString &name, int minColours, std::optional<QRgb> mustContain)
{
    // The page paints asynchronously: wait until the grab actually shows something. Count the
    // colours of what covers the content area (web page or message panel), not the top bar.
    auto *stack = m_view->findChild<QStackedWidget *>();
    QImage image;
    const bool rendered = QTest::qWaitFor([&] {
        image = m_view->grab().toImage();
        QWidget *content = stack ? stack->currentWidget() : nullptr;
        if (!content)
            return false;
        const QRect area(content->mapTo(m_view.get(), QPoint(0, 0)), content->size());
        const QImage shown = image.copy(area);
        return colourCount(shown) >= minColours && (!mustContain || containsColour(shown, *mustContain));
    }, pageTimeoutMs);
    const QString path = QDir(qonvex::test::artifactsDir()).filePath(name);
    QVERIFY(image.save(path));
    QVERIFY2(rendered, qPrintable(QStringLiteral("%1 looks blank (%2 colours)").arg(path).arg(colourCount(image))));
}

QString TestSignInView::panelTitle() const
{
    auto *label = m_view->findChild<QLabel *>(QStringLiteral("signInPanelTitle"));
    return label && label->isVisible() ? label->text() : QString();
}

QString TestSignInView::panelMessage() const
{
    auto *label = m_view->findChild<QLabel *>(QStringLiteral("signInPanelMessage"));
    return label && label->isVisible() ? label->text() : QString();
}

void TestSignInView::emailSignInCatchesCallback()
{
    LogCapture logCapture;

    const QString state = randomToken();
    const QUrl hosted = requestHostedUrl(state);
    QVERIFY2(hosted.isValid() && hosted.path() == u"/sign-in", qPrintable(hosted.toString()));
    QVERIFY(makeView());
    QSignalSpy callback(m_view.get(), &SignInView::callbackReceived);
    QSignalSpy failed(m_view.get(), &SignInView::failed);
    // A keyboard user: focus on the view's own buttons when the page starts loading.
    m_view->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()));
    auto *cancel = m_view->findChild<QPushButton *>(QStringLiteral("signInCancel"));
    QVERIFY(cancel);
    cancel->setFocus(Qt::TabFocusReason);
    m_view->start(hosted, {m_accountsOrigin});
    QVERIFY(waitForReady());
    screenshot(QStringLiteral("signin-01-hosted-page.png"), 20, continueButtonColour);
    // Once the page is there, the keyboard is in it (the view's focus proxy, Chromium's widget).
    auto *web = m_view->findChild<QWebEngineView *>();
    QVERIFY(web);
    QTRY_VERIFY2(web->hasFocus(), qPrintable(QStringLiteral("focus is on %1").arg(
        QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : QStringLiteral("nothing"))));
    QCOMPARE(runJs(QStringLiteral("document.getElementById('submit') !== null")).toBool(), true);

    // A wrong password: the page's own error (served with HTTP 422) stays visible in the view.
    runJs(QStringLiteral("document.getElementById('email').value = 'ada@example.com';"
                         "document.getElementById('password').value = 'wrong-password';"
                         "document.getElementById('submit').click(); true"));
    QVERIFY(QTest::qWaitFor([&] {
        return runJs(QStringLiteral("document.getElementById('error') !== null")).toBool();
    }, pageTimeoutMs));
    QVERIFY(waitForReady());
    QCOMPARE(failed.count(), 0);
    QCOMPARE(callback.count(), 0);
    screenshot(QStringLiteral("signin-01b-wrong-password.png"), 20, errorBoxColour);

    runJs(QStringLiteral("document.getElementById('email').value = 'ada@example.com';"
                         "document.getElementById('password').value = 'qonvex-demo';"
                         "document.getElementById('submit').click(); true"));
    const bool caught = QTest::qWaitFor([&] { return callback.count() > 0; }, pageTimeoutMs);
    QVERIFY2(caught, qPrintable(QStringLiteral("no callback; state %1, page at %2, text: %3")
                                    .arg(int(m_view->loadState()))
                                    .arg(withoutQuery(page()->url()),
                                         runJs(QStringLiteral("(document.getElementById('error') || {}).textContent + ' | ' + document.title + ' | ' + performance.getEntriesByType('navigation').map(e => e.type + ':' + e.name).join()")).toString().left(400))));
    QCOMPARE(callback.count(), 1);
    const QUrl url = callback.at(0).at(0).toUrl();
    QCOMPARE(url.scheme(), QStringLiteral("qonvex"));
    QCOMPARE(url.host(), QStringLiteral("callback"));
    const QUrlQuery query(url);
    QCOMPARE(query.queryItemValue(QStringLiteral("state")), state);
    const QString nonce = query.queryItemValue(QStringLiteral("rotating_token_nonce"));
    QVERIFY(!nonce.isEmpty());
    QVERIFY(query.queryItemValue(QStringLiteral("created_session_id")).startsWith(u"sess_"));

    QCOMPARE(m_view->loadState(), LoadState::Completed);
    QCOMPARE(failed.count(), 0);
    // The callback never went past acceptNavigationRequest: not to the OS scheme handler,
    // not into the page.
    QCOMPARE(m_leakedCallbacks.count(), 0);
    QVERIFY(page()->url().scheme() != u"qonvex");
    QCOMPARE(panelTitle(), SignInView::tr("Completing sign-in"));
    screenshot(QStringLiteral("signin-02-callback-caught.png"), 3);
    QCOMPARE(callback.count(), 1);

    const QString logs = logCapture.joined();
    QVERIFY2(logs.contains(u"qonvex://callback"), qPrintable(logs));
    QVERIFY2(!logs.contains(nonce), "the nonce was logged");
    QVERIFY2(!logs.contains(state), "the state was logged");
}

void TestSignInView::viewCanBeDeletedFromTheCallbackSlot()
{
    // What a host does when sign-in is over: close the view right away, from the slot.
    const QUrl hosted = requestHostedUrl(randomToken());
    QVERIFY(makeView());
    QPointer<SignInView> watched = m_view.get();
    QUrl received;
    connect(m_view.get(), &SignInView::callbackReceived, this, [this, &received](const QUrl &url) {
        received = url;
        m_view.reset();
    });
    m_view->start(hosted, {m_accountsOrigin});
    QVERIFY(waitForReady());
    runJs(QStringLiteral("document.getElementById('email').value = 'grace@example.com';"
                         "document.getElementById('password').value = 'qonvex-demo';"
                         "document.getElementById('submit').click(); true"));
    QTRY_VERIFY_WITH_TIMEOUT(watched.isNull(), pageTimeoutMs);
    QCOMPARE(received.scheme(), QStringLiteral("qonvex"));
    // Still alive and serving: a new view signs in again.
    QVERIFY(makeView());
    m_view->start(requestHostedUrl(randomToken()), {m_accountsOrigin});
    QVERIFY(waitForReady());
}

void TestSignInView::offAllowlistLinksAndPopupsGoToSystemBrowser()
{
    const QUrl hosted = requestHostedUrl(randomToken());
    QVERIFY(makeView());
    QSignalSpy opened(m_view.get(), &SignInView::externalLinkOpened);
    m_view->start(hosted, {m_accountsOrigin});
    QVERIFY(waitForReady());
    const QUrl before = page()->url();

    runJs(QStringLiteral("const a = document.createElement('a'); a.id = 'ext'; a.textContent = 'Help';"
                         "a.href = 'https://help.example.invalid/article?topic=1';"
                         "document.body.appendChild(a); a.click(); true"));
    QTRY_COMPARE_WITH_TIMEOUT(m_external.count(), 1, pageTimeoutMs);
    QCOMPARE(m_external.at(0), QUrl(QStringLiteral("https://help.example.invalid/article?topic=1")));

    runJs(QStringLiteral("const b = document.createElement('a'); b.target = '_blank';"
                         "b.href = 'https://terms.example.invalid/tos'; document.body.appendChild(b); b.click(); true"));
    QTRY_COMPARE_WITH_TIMEOUT(m_external.count(), 2, pageTimeoutMs);
    QCOMPARE(m_external.at(1), QUrl(QStringLiteral("https://terms.example.invalid/tos")));

    // window.open to an allowlisted page still opens outside: popups never live in the app.
    runJs(QStringLiteral("window.open('%1/sign-up', 'x'); true").arg(m_accountsOrigin));
    QTRY_COMPARE_WITH_TIMEOUT(m_external.count(), 3, pageTimeoutMs);
    QCOMPARE(m_external.at(2).path(), QStringLiteral("/sign-up"));

    QCOMPARE(opened.count(), 3);
    QCOMPARE(m_view->loadState(), LoadState::Ready);
    QCOMPARE(page()->url(), before); // the page itself went nowhere
}

void TestSignInView::offAllowlistClickDuringFirstLoadDoesNotHang_data()
{
    QTest::addColumn<QByteArray>("leave");
    QTest::addColumn<bool>("clicked");
    QTest::newRow("link click") << QByteArray("document.getElementById('help').click();") << true;
    QTest::newRow("script") << QByteArray("location.href = document.getElementById('help').href;") << false;
}

void TestSignInView::offAllowlistClickDuringFirstLoadDoesNotHang()
{
    // The first page leaves the allowlist while it is still being parsed (before its load
    // event, before anything was shown). A click goes to the system browser and the view must
    // then show that first page; a scripted navigation is refused with an error and Retry.
    // Either way the view must not stay in Loading behind the loading panel.
    QFETCH(QByteArray, leave);
    QFETCH(bool, clicked);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int pagesServed = 0;
    connect(&server, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = server.nextPendingConnection()) {
            socket->setParent(&server);
            connect(socket, &QTcpSocket::readyRead, socket, [socket, &pagesServed, leave] {
                const QByteArray request = socket->peek(socket->bytesAvailable());
                if (!request.contains("\r\n\r\n"))
                    return;
                socket->readAll();
                QByteArray status = "404 Not Found";
                QByteArray body;
                if (request.startsWith("GET /sign-in ")) {
                    ++pagesServed;
                    status = "200 OK";
                    body = "<!doctype html><html><body style='margin:0'>"
                           "<div style='background:#6c47ff;width:100%;height:300px'>First page</div>"
                           "<a id='help' href='https://help.example.invalid/first-load'>Help</a>"
                           "<script>" + leave + "</script>"
                           "<p>rest of the page</p></body></html>";
                }
                socket->write("HTTP/1.1 " + status + "\r\nContent-Type: text/html\r\nContent-Length: "
                              + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                socket->disconnectFromHost();
            });
        }
    });
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/sign-in").arg(server.serverPort()));
    QVERIFY(makeView());
    QSignalSpy opened(m_view.get(), &SignInView::externalLinkOpened);
    QSignalSpy failed(m_view.get(), &SignInView::failed);
    m_view->start(url, {originOf(url)});
    if (!clicked) {
        QTRY_COMPARE_WITH_TIMEOUT(m_view->loadState(), LoadState::Failed, pageTimeoutMs);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(panelTitle(), SignInView::tr("Sign-in stopped"));
        auto *retry = m_view->findChild<QPushButton *>(QStringLiteral("signInRetry"));
        QVERIFY(retry && retry->isVisible());
        QVERIFY(m_external.isEmpty()); // a script does not get to open the browser
        return;
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_external.count(), 1, pageTimeoutMs);
    QCOMPARE(m_external.at(0), QUrl(QStringLiteral("https://help.example.invalid/first-load")));
    QCOMPARE(opened.count(), 1);
    QTRY_VERIFY2_WITH_TIMEOUT(m_view->loadState() != LoadState::Loading,
                              qPrintable(QStringLiteral("still Loading; panel '%1'").arg(panelTitle())), pageTimeoutMs);
    QCOMPARE(m_view->loadState(), LoadState::Ready);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(panelTitle(), QString()); // the page is shown, not the loading panel
    QCOMPARE(pagesServed, 1); // shown as it is, not reloaded
    QCOMPARE(page()->url(), url);
    screenshot(QStringLiteral("signin-08-external-link-during-first-load.png"), 3, continueButtonColour);
}

void TestSignInView::googleTriggersBrowserFallback()
{
    const QUrl hosted = requestHostedUrl(randomToken());
    QVERIFY(makeView());
    QSignalSpy browser(m_view.get(), &SignInView::openInBrowserRequested);
    m_view->start(hosted, {m_accountsOrigin});
    QVERIFY(waitForReady());
    runJs(QStringLiteral("document.getElementById('google').click(); true"));
    QTRY_COMPARE_WITH_TIMEOUT(browser.count(), 1, pageTimeoutMs);
    QCOMPARE(browser.at(0).at(0).toUrl(), hosted);
    QCOMPARE(browser.at(0).at(1).value<SignInView::BrowserReason>(), SignInView::BrowserReason::ProviderBlocksEmbeddedBrowsers);
    QCOMPARE(m_view->loadState(), LoadState::InBrowser);
    QCOMPARE(panelTitle(), SignInView::tr("Continue in your browser"));
    // The fake Google (which refuses QtWebEngine) was never loaded in the view.
    QVERIFY(!page()->url().toString().startsWith(m_googleOrigin));
    QCOMPARE(runJs(QStringLiteral("document.getElementById('google-blocked') === null")).toBool(), true);
    QVERIFY(m_external.isEmpty()); // the view asks the host; it does not open the browser itself
    screenshot(QStringLiteral("signin-03-browser-fallback.png"), 3);
}

void TestSignInView::userCanChooseTheBrowser()
{
    const QUrl hosted = requestHostedUrl(randomToken());
    QVERIFY(makeView());
    QSignalSpy browser(m_view.get(), &SignInView::openInBrowserRequested);
    m_view->start(hosted, {m_accountsOrigin});
    QVERIFY(waitForReady());
    auto *button = m_view->findChild<QPushButton *>(QStringLiteral("signInWithBrowser"));
    QVERIFY(button && button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(browser.count(), 1);
    QCOMPARE(browser.at(0).at(0).toUrl(), hosted);
    QCOMPARE(browser.at(0).at(1).value<SignInView::BrowserReason>(), SignInView::BrowserReason::UserChoice);
    QCOMPARE(m_view->loadState(), LoadState::InBrowser);
    // And back: "Sign in here instead" loads the page again.
    auto *retry = m_view->findChild<QPushButton *>(QStringLiteral("signInRetry"));
    QVERIFY(retry && retry->isVisible());
    QTest::mouseClick(retry, Qt::LeftButton);
    QVERIFY(waitForReady());
}

void TestSignInView::certificateErrorIsRefused()
{
    SelfSignedTlsServer server;
    QString error;
    QVERIFY2(server.start(&error), qPrintable(error));
    const QUrl url(QStringLiteral("https://127.0.0.1:%1/sign-in").arg(server.port()));
    QVERIFY(makeView());
    QSignalSpy failed(m_view.get(), &SignInView::failed);
    m_view->start(url, {originOf(url)});
    QTRY_COMPARE_WITH_TIMEOUT(m_view->loadState(), LoadState::Failed, pageTimeoutMs);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(failed.at(0).at(0).toString().contains(u"certificate"), qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(panelTitle(), SignInView::tr("Connection not secure"));
    QVERIFY(server.handshakesStarted() >= 1); // it did connect…
    QCOMPARE(server.received(), QByteArray()); // …and sent no request over the refused connection
    screenshot(QStringLiteral("signin-04-certificate-refused.png"), 3);
}

void TestSignInView::unreachableServerIsShownInTheView()
{
    QTcpServer probe; // find a port nobody listens on
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/sign-in").arg(port));
    QVERIFY(makeView());
    QSignalSpy failed(m_view.get(), &SignInView::failed);
    m_view->start(url, {originOf(url)});
    QTRY_COMPARE_WITH_TIMEOUT(m_view->loadState(), LoadState::Failed, pageTimeoutMs);
    QCOMPARE(failed.count(), 1);
    QVERIFY2(panelTitle().startsWith(u"Cannot reach"), qPrintable(panelTitle()));
    QVERIFY(!panelMessage().isEmpty());
    auto *retry = m_view->findChild<QPushButton *>(QStringLiteral("signInRetry"));
    QVERIFY(retry && retry->isVisible());
    screenshot(QStringLiteral("signin-05-unreachable.png"), 3);
}

void TestSignInView::cancelAndRejectedCallbackAreShownInTheView()
{
    const QUrl hosted = requestHostedUrl(randomToken());
    QVERIFY(makeView());
    QSignalSpy cancelled(m_view.get(), &SignInView::cancelled);
    QSignalSpy retry(m_view.get(), &SignInView::retryRequested);
    QSignalSpy states(m_view.get(), &SignInView::loadStateChanged);
    m_view->start(hosted, {m_accountsOrigin});
    QVERIFY(waitForReady());
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("signInCancel")), Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(m_view->loadState(), LoadState::Cancelled);
    QCOMPARE(panelTitle(), SignInView::tr("Sign-in cancelled"));
    screenshot(QStringLiteral("signin-06-cancelled.png"), 3);

    m_view->showCallbackRejected(QStringLiteral("The sign-in answer did not match this attempt."));
    QCOMPARE(m_view->loadState(), LoadState::Failed);
    QCOMPARE(panelMessage(), QStringLiteral("The sign-in answer did not match this attempt."));
    screenshot(QStringLiteral("signin-07-callback-rejected.png"), 3);
    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("signInRetry")), Qt::LeftButton);
    QCOMPARE(retry.count(), 1);

    QList<LoadState> seen;
    for (const auto &args : states)
        seen << args.at(0).value<LoadState>();
    QVERIFY(seen.contains(LoadState::Loading));
    QVERIFY(seen.contains(LoadState::Ready));
    QCOMPARE(seen.last(), LoadState::Failed);
}

void TestSignInView::silentServerShowsLoadingAndCanBeCancelled()
{
    // A server that accepts the connection and never answers: the view must say it is loading
    // (not show a blank page) and let the user cancel.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QList<QTcpSocket *> held;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket *socket = silent.nextPendingConnection())
            held << socket;
    });
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/sign-in").arg(silent.serverPort()));
    QVERIFY(makeView());
    QSignalSpy cancelled(m_view.get(), &SignInView::cancelled);
    m_view->start(url, {originOf(url)});
    QTRY_VERIFY_WITH_TIMEOUT(!held.isEmpty(), pageTimeoutMs);
    QCOMPARE(m_view->loadState(), LoadState::Loading);
    QCOMPARE(panelTitle(), SignInView::tr("Loading sign-in…"));
    auto *progress = m_view->findChild<QWidget *>(QStringLiteral("signInProgress"));
    QVERIFY(progress && progress->isVisible());
    // A screen reader announces both by name: "Loading the sign-in page", "Sign-in page".
    auto *web = m_view->findChild<QWebEngineView *>(QStringLiteral("signInWebView"));
    QVERIFY(web && !web->accessibleName().isEmpty() && !progress->accessibleName().isEmpty());
    screenshot(QStringLiteral("signin-00-loading.png"), 3);

    QTest::mouseClick(m_view->findChild<QPushButton *>(QStringLiteral("signInCancel")), Qt::LeftButton);
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(m_view->loadState(), LoadState::Cancelled);
    QCOMPARE(panelTitle(), SignInView::tr("Sign-in cancelled"));
    QVERIFY(!progress->isVisible());
}

void TestSignInView::wipeProfileClearsCookiesAndStorage()
{
    QVERIFY(makeView());
    m_view->start(requestHostedUrl(randomToken()), {m_accountsOrigin});
    QVERIFY(waitForReady());
    runJs(QStringLiteral("document.cookie = 'probe=1; path=/'; localStorage.setItem('probe', '1'); true"));
    const QString probe = QStringLiteral("document.cookie.includes('probe=1') + ',' + localStorage.getItem('probe')");
    QCOMPARE(runJs(probe).toString(), QStringLiteral("true,1"));

    // Control: a new start() on the same profile still sees them, so the check below can fail.
    m_view->start(requestHostedUrl(randomToken()), {m_accountsOrigin});
    QVERIFY(waitForReady());
    QCOMPARE(runJs(probe).toString(), QStringLiteral("true,1"));

    m_view->wipeProfile();
    QCOMPARE(m_view->loadState(), LoadState::Idle);
    QVERIFY(!m_view->findChild<QWebEngineView *>()); // page, view and profile are gone
    m_view->start(requestHostedUrl(randomToken()), {m_accountsOrigin});
    QVERIFY(waitForReady());
    QCOMPARE(runJs(probe).toString(), QStringLiteral("false,null"));
}

void TestSignInView::startOffAllowlistCreatesNoWebEngine()
{
    QVERIFY(makeView());
    QSignalSpy failed(m_view.get(), &SignInView::failed);
    m_view->start(QUrl(QStringLiteral("https://phish.example.invalid/sign-in")), {m_accountsOrigin});
    QCOMPARE(m_view->loadState(), LoadState::Failed);
    QCOMPARE(failed.count(), 1);
    QVERIFY(!m_view->findChild<QWebEngineView *>());
    m_view->start(QUrl(QStringLiteral("http://accounts.example.com/sign-in")), {QStringLiteral("accounts.example.com")});
    QCOMPARE(m_view->loadState(), LoadState::Failed); // plain http off loopback
    QCOMPARE(failed.count(), 2);
    QVERIFY(!m_view->findChild<QWebEngineView *>());
}

int main(int argc, char **argv)
{
    // What the app's main() does before QApplication (WebEngine is loaded later, from a plugin).
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    if (qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1"); // tests run as root
    QApplication app(argc, argv);
    TestSignInView test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_signinview.moc"
