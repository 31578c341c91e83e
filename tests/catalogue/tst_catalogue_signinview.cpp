// SPDX-License-Identifier: MIT
// Catalogue of bad input, part 4: sign-in pages that try to leave the allowlist, and sign-in
// addresses the view must not open. Runs the real embedded view (Qt WebEngine, loaded through
// the plugin as the app does) against pages served by an in-process HTTP server on 127.0.0.1.
// Each row is one bad page or address and the exact message the view shows (its panel and
// failed()); after each row the same view loads a good sign-in page.

#include "signinviewinterface.h"
#include "signinviewloader.h"

#include <QApplication>
#include <QDesktopServices>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace qonvex::ui;
using LoadState = SignInView::LoadState;

namespace {

constexpr int kPageTimeout = 60000;
const QByteArray kOffAllowlist = "https://off-allowlist.example.invalid";

} // namespace

class TestCatalogueSignInView : public QObject {
    Q_OBJECT
public Q_SLOTS:
    // Stands in for the system browser.
    void openExternally(const QUrl &url) { m_external << url; }

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init() { m_external.clear(); }

    void page_data();
    void page();

private:
    void goodPageLoads();

    QTcpServer m_server;
    QString m_origin;
    SignInViewLoader m_loader;
    std::unique_ptr<SignInView> m_view;
    QList<QUrl> m_external;
};

namespace {

QByteArray html(const QByteArray &body)
{
    return "HTTP/1.0 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n\r\n"
           "<!doctype html><html><head><title>Sign in</title></head><body>"
        + body + "</body></html>";
}

QByteArray responseFor(const QByteArray &path)
{
    if (path == "/ok")
        return html("<h1>Sign in</h1><form><input name=email></form>");
    if (path == "/script-away")
        return html("<script>location.href = '" + kOffAllowlist + "/phish?token=abc';</script>");
    if (path == "/redirect-away")
        return "HTTP/1.0 302 Found\r\nLocation: " + kOffAllowlist + "/collect?token=abc\r\nConnection: close\r\n\r\n";
    if (path == "/link-away")
        return html("<a id=help href='" + kOffAllowlist + "/help'>Help</a>"
                    // After the load event: the view has seen the page finish before the click
                    // (a click during the first load is a different case, see the report).
                    "<script>window.addEventListener('load', function () {"
                    " setTimeout(function () { document.getElementById('help').click(); }, 0); });</script>");
    return "HTTP/1.0 404 Not Found\r\nConnection: close\r\n\r\n";
}

} // namespace

void TestCatalogueSignInView::initTestCase()
{
    QVERIFY2(m_loader.load(), qPrintable(m_loader.errorString()));
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                QByteArray request = socket->property("request").toByteArray() + socket->readAll();
                socket->setProperty("request", request);
                if (!request.contains("\r\n\r\n"))
                    return;
                const QList<QByteArray> line = request.left(request.indexOf("\r\n")).split(' ');
                QByteArray path = line.value(1);
                path = path.left(path.indexOf('?') < 0 ? path.size() : path.indexOf('?'));
                socket->write(responseFor(path));
                socket->disconnectFromHost();
            });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
    QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
    m_origin = QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
    QDesktopServices::setUrlHandler(QStringLiteral("https"), this, "openExternally");
    QDesktopServices::setUrlHandler(QStringLiteral("http"), this, "openExternally");
    m_view.reset(m_loader.createView(nullptr, SignInViewOptions{}));
    QVERIFY(m_view);
    m_view->resize(640, 480);
    m_view->show();
}

void TestCatalogueSignInView::cleanupTestCase()
{
    m_view.reset();
    QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
    QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
}

void TestCatalogueSignInView::goodPageLoads()
{
    m_view->start(QUrl(m_origin + QStringLiteral("/ok")), {m_origin});
    QTRY_COMPARE_WITH_TIMEOUT(m_view->loadState(), LoadState::Ready, kPageTimeout);
}

void TestCatalogueSignInView::page_data()
{
    QTest::addColumn<QString>("start");     // "@ORIGIN@" is the page server
    QTest::addColumn<QStringList>("allowlist");
    QTest::addColumn<QString>("failure");   // the view's failed() text; empty: must not fail
    QTest::addColumn<QString>("external");  // URL handed to the system browser; empty: none
    const QString o = QStringLiteral("@ORIGIN@");
    const QString stopped = QStringLiteral("Sign-in stopped: The sign-in page tried to go somewhere it may not "
                                           "(left the allowlist without a click: not on the allowlist: %1).");
    const QString notSetUp = QStringLiteral("Sign-in is not set up correctly: %1");
    QTest::newRow("page script navigates off the allowlist")
        << o + QStringLiteral("/script-away") << QStringList{o}
        << stopped.arg(QString::fromLatin1(kOffAllowlist) + QStringLiteral("/phish")) << QString();
    QTest::newRow("server redirects off the allowlist")
        << o + QStringLiteral("/redirect-away") << QStringList{o}
        << stopped.arg(QString::fromLatin1(kOffAllowlist) + QStringLiteral("/collect")) << QString();
    QTest::newRow("link off the allowlist (opens in the browser)")
        << o + QStringLiteral("/link-away") << QStringList{o} << QString()
        << QString::fromLatin1(kOffAllowlist) + QStringLiteral("/help");
    QTest::newRow("sign-in address off the allowlist")
        << QStringLiteral("https://phish.example.invalid/sign-in?x=1") << QStringList{o}
        << notSetUp.arg(QStringLiteral("the sign-in address is not on the allowlist: https://phish.example.invalid/sign-in"))
        << QString();
    QTest::newRow("sign-in address over plain http to a remote host")
        << QStringLiteral("http://accounts.example.com/sign-in") << QStringList{QStringLiteral("accounts.example.com")}
        << notSetUp.arg(QStringLiteral("insecure http to http://accounts.example.com/sign-in")) << QString();
    QTest::newRow("sign-in address is not a web URL")
        << QStringLiteral("file:///etc/passwd") << QStringList{o}
        << notSetUp.arg(QStringLiteral("the sign-in address is not an http(s) URL")) << QString();
    QTest::newRow("allowlist entry too broad")
        << o + QStringLiteral("/ok") << QStringList{QStringLiteral("*")}
        << notSetUp.arg(QStringLiteral("not a host pattern: *")) << QString();
}

void TestCatalogueSignInView::page()
{
    QFETCH(QString, start);
    QFETCH(QStringList, allowlist);
    QFETCH(QString, failure);
    QFETCH(QString, external);
    start.replace(QStringLiteral("@ORIGIN@"), m_origin);
    allowlist.replaceInStrings(QStringLiteral("@ORIGIN@"), m_origin);
    QSignalSpy failed(m_view.get(), &SignInView::failed);
    QSignalSpy opened(m_view.get(), &SignInView::externalLinkOpened);
    m_view->start(QUrl(start), allowlist);
    if (!failure.isEmpty()) {
        QTRY_COMPARE_WITH_TIMEOUT(m_view->loadState(), LoadState::Failed, kPageTimeout);
        QCOMPARE(failed.count(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), failure);
        QVERIFY(!failure.contains(u"token=")); // never the query of the page it refused
        QCOMPARE(m_external.count(), 0);       // and nothing went to the browser
    } else {
        QTRY_COMPARE_WITH_TIMEOUT(m_external.count(), 1, kPageTimeout);
        QCOMPARE(m_external.at(0), QUrl(external));
        QCOMPARE(opened.count(), 1);
        QCOMPARE(failed.count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_view->loadState(), LoadState::Ready, kPageTimeout);
    }
    goodPageLoads();
}

int main(int argc, char **argv)
{
    // What the app's main() does before QApplication (WebEngine is loaded later, from a plugin).
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    if (qEnvironmentVariableIsEmpty("QTWEBENGINE_DISABLE_SANDBOX"))
        qputenv("QTWEBENGINE_DISABLE_SANDBOX", "1"); // tests run as root
    QApplication app(argc, argv);
    TestCatalogueSignInView test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_catalogue_signinview.moc"
