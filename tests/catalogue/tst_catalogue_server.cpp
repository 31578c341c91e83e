// SPDX-License-Identifier: MIT
// Catalogue of bad input, part 2: what the function console refuses, and what a broken or
// hostile server sends. Each row is one bad input and the exact error the app shows; after
// each row a valid call through the same app succeeds (the app keeps running).
//
// Real app logic: AppController (the status bar and banner texts) and FunctionConsoleController
// (the console), on the real convex::Client. The server is the in-process FakeSyncServer on
// 127.0.0.1, reached through FrameInjector, which can also put raw bytes on the wire (a frame
// header no QWebSocketServer would send).

#include "clienttestsupport.h"
#include "console/functionconsolecontroller.h"
#include "frameinjector.h"
#include "secrets/memorytokenstore.h"
#include "wiring/appcontroller.h"

#include <convexclient/client.h>

#include <QTest>

#include <memory>

using namespace qonvex::test;
using qonvex::app::AppConfig;
using qonvex::app::AppController;
using qonvex::app::AppStatus;
using qonvex::app::MemoryTokenStore;
using Console = qonvex::console::FunctionConsoleController;
using convex::Value;

namespace {

constexpr int kTimeout = 20000;

enum class Inject { Text, Binary, Raw, Fatal };

} // namespace

Q_DECLARE_METATYPE(Console::Kind)
Q_DECLARE_METATYPE(Inject)

class TestCatalogueServer : public QObject {
    Q_OBJECT

    std::unique_ptr<FakeSyncServer> m_server;
    std::unique_ptr<FrameInjector> m_proxy;
    std::unique_ptr<MemoryTokenStore> m_store;
    std::unique_ptr<AppController> m_app;
    std::unique_ptr<Console> m_console;
    QStringList m_banners; // every banner text the app showed, in order

    //! Connection \a index exists and has sent its Connect frame.
    bool waitForConnect(int index)
    {
        return QTest::qWaitFor([&] {
            return m_server->connectionCount() > index && !m_server->connection(index).frames.isEmpty();
        }, kTimeout);
    }

    //! The "keeps running" half of every row: an action through the console succeeds.
    void validCallSucceeds()
    {
        const qsizetype before = sentOfType<wire::Action>(*m_server).size();
        QCOMPARE(m_console->run(Console::Kind::Action, QStringLiteral("debug:echo"), QStringLiteral("{\"value\": \"ok\"}")),
                 QString());
        QTRY_VERIFY_WITH_TIMEOUT(sentOfType<wire::Action>(*m_server).size() > before, kTimeout);
        wire::ActionResponse response;
        response.requestId = sentOfType<wire::Action>(*m_server).constLast().requestId;
        response.success = true;
        response.result = Value(QStringLiteral("ok"));
        m_server->send(response);
        QTRY_COMPARE_WITH_TIMEOUT(m_console->status(), Console::Status::Succeeded, kTimeout);
        QCOMPARE(m_console->result()->value(), Value(QStringLiteral("ok")));
        QVERIFY(!m_app->client()->connectionState().terminated);
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<FakeSyncServer>();
        QVERIFY(m_server->listen());
        m_proxy = std::make_unique<FrameInjector>(quint16(m_server->deploymentUrl().port()));
        QVERIFY(m_proxy->listen());
        AppConfig config;
        config.convexUrl = m_proxy->deploymentUrl();
        // Never contacted: the session is not started, so the app stays signed out.
        config.frontendApi = QUrl(QStringLiteral("http://127.0.0.1:9"));
        config.jwtTemplate = QStringLiteral("convex");
        config.redirectUrl = qonvex::app::defaultRedirectUrl();
        m_store = std::make_unique<MemoryTokenStore>();
        m_app = std::make_unique<AppController>(config, nullptr, m_store.get());
        m_banners.clear();
        connect(m_app.get(), &AppController::statusChanged, this, [this] {
            if (m_app->status().banner != AppStatus::BannerKind::None)
                m_banners << m_app->status().bannerText;
        });
        m_console = std::make_unique<Console>(m_app->client());
        QVERIFY(waitForConnect(0));
    }

    void cleanup()
    {
        m_console.reset();
        m_app.reset();
        m_store.reset();
        m_proxy.reset();
        m_server.reset();
    }

    // ---- function console input (inline under the arguments / path field) -----------------
    void consoleInput_data()
    {
        QTest::addColumn<Console::Kind>("kind");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("arguments");
        QTest::addColumn<QString>("message");
        const QString notAPath = QStringLiteral("“%1” is not a function path (expected module:function, e.g. tasks:list)");
        QTest::newRow("args: JSON syntax error")
            << Console::Kind::Mutation << QStringLiteral("tasks:add") << QStringLiteral("{\"text\": }")
            << QStringLiteral("Arguments are not valid JSON: a value is missing (at character 10)");
        QTest::newRow("args: single quotes")
            << Console::Kind::Query << QStringLiteral("tasks:list") << QStringLiteral("{'limit': 1}")
            << QStringLiteral("Arguments are not valid JSON: an object is not closed with }, or a field name is not in double quotes (at character 2)");
        QTest::newRow("args: unterminated")
            << Console::Kind::Action << QStringLiteral("debug:echo") << QStringLiteral("{\"value\": 1")
            << QStringLiteral("Arguments are not valid JSON: the text ends too early (a closing } or ] is missing) (at character 11)");
        QTest::newRow("args: missing colon")
            << Console::Kind::Action << QStringLiteral("debug:echo") << QStringLiteral("{\"value\" 1}")
            << QStringLiteral("Arguments are not valid JSON: a ':' is missing after a field name (at character 10)");
        QTest::newRow("args: two objects")
            << Console::Kind::Action << QStringLiteral("debug:echo") << QStringLiteral("{} {}")
            << QStringLiteral("Arguments are not valid JSON: there is more text after the object (at character 4)");
        QTest::newRow("args: not an object")
            << Console::Kind::Mutation << QStringLiteral("tasks:add") << QStringLiteral("[1, 2]")
            << QStringLiteral("Arguments must be a JSON object, e.g. {\"value\": 1}");
        QTest::newRow("args: malformed $integer")
            << Console::Kind::Action << QStringLiteral("debug:echo") << QStringLiteral("{\"n\": {\"$integer\": \"5\"}}")
            << QStringLiteral("Arguments are not valid Convex JSON: ");
        QTest::newRow("args: reserved field name")
            << Console::Kind::Action << QStringLiteral("debug:echo") << QStringLiteral("{\"$id\": 1}")
            << QStringLiteral("Arguments are not valid Convex JSON: ");
        QTest::newRow("path: empty") << Console::Kind::Query << QString() << QString()
                                     << QStringLiteral("Enter a function path, e.g. tasks:list");
        QTest::newRow("path: spaces") << Console::Kind::Query << QStringLiteral("tasks list") << QString()
                                      << notAPath.arg(QStringLiteral("tasks list"));
        QTest::newRow("path: parent directory") << Console::Kind::Mutation << QStringLiteral("../tasks:add") << QString()
                                                << notAPath.arg(QStringLiteral("../tasks:add"));
        QTest::newRow("path: dash in module") << Console::Kind::Action << QStringLiteral("my-module:run") << QString()
                                              << notAPath.arg(QStringLiteral("my-module:run"));
    }
    void consoleInput()
    {
        QFETCH(Console::Kind, kind);
        QFETCH(QString, path);
        QFETCH(QString, arguments);
        QFETCH(QString, message);
        const int framesBefore = int(m_server->connection().frames.size());
        const QString error = m_console->run(kind, path, arguments);
        // Rows ending in ": " assert the fixed part; the value codec adds its own detail.
        if (message.endsWith(u": "))
            QVERIFY2(error.startsWith(message) && error.size() > message.size(), qPrintable(error));
        else
            QCOMPARE(error, message);
        // Refused before anything was sent: no call on screen, nothing on the wire.
        QCOMPARE(m_console->status(), Console::Status::Idle);
        QCOMPARE(m_server->connection().frames.size(), framesBefore);
        validCallSucceeds();
    }

    // ---- bad server frames (status bar + banner; FatalError: banner with Retry) ------------
    void serverFrame_data()
    {
        QTest::addColumn<Inject>("inject");
        QTest::addColumn<QByteArray>("frame");
        QTest::addColumn<QString>("closeReason"); // sent back in the next Connect
        QTest::addColumn<QString>("banner");      // what the user reads meanwhile
        const QString unreadable = QStringLiteral(
            "Cannot reach the server (it sent a message Qonvex cannot read). Your data stays on screen; "
            "changes are sent once it is back.");
        QTest::newRow("not JSON") << Inject::Text << QByteArray("<html>502 Bad Gateway</html>")
                                  << QStringLiteral("InvalidServerMessage") << unreadable;
        QTest::newRow("unknown type") << Inject::Text << QByteArray(R"({"type":"Bogus"})")
                                      << QStringLiteral("InvalidServerMessage") << unreadable;
        QTest::newRow("missing fields") << Inject::Text << QByteArray(R"({"type":"Transition"})")
                                        << QStringLiteral("InvalidServerMessage") << unreadable;
        QTest::newRow("truncated") << Inject::Text << QByteArray(R"({"type":"MutationResponse","requestId":)")
                                   << QStringLiteral("InvalidServerMessage") << unreadable;
        QTest::newRow("wrong start version")
            << Inject::Text
            << QByteArray(R"({"type":"Transition","startVersion":{"querySet":9,"identity":0,"ts":"AAAAAAAAAAA="},)"
                          R"("endVersion":{"querySet":9,"identity":0,"ts":"AQAAAAAAAAA="},"modifications":[]})")
            << QStringLiteral("InvalidStartVersion") << unreadable;
        QTest::newRow("binary frame") << Inject::Binary << QByteArray("\0\1\2", 3)
                                      << QStringLiteral("UnexpectedBinaryFrame") << unreadable;
        // 2^40 bytes announced: the WebSocket layer refuses the frame before reading it.
        QTest::newRow("oversized frame") << Inject::Raw << FrameInjector::textFrameHeader(quint64(1) << 40)
                                         << QStringLiteral("Maximum framesize exceeded.")
                                         << QStringLiteral("Cannot reach the server (it sent a message too large to accept). "
                                                           "Your data stays on screen; changes are sent once it is back.");
        QTest::newRow("FatalError") << Inject::Fatal << QByteArray("Base version 5 passed up doesn't match the current version 3")
                                    << QString()
                                    << QStringLiteral("The server ended the connection: Base version 5 passed up "
                                                      "doesn't match the current version 3");
    }
    void serverFrame()
    {
        QFETCH(Inject, inject);
        QFETCH(QByteArray, frame);
        QFETCH(QString, closeReason);
        QFETCH(QString, banner);
        switch (inject) {
        case Inject::Text: m_server->sendFrame(frame); break;
        case Inject::Binary: m_server->sendBinaryFrame(frame); break;
        case Inject::Raw: QVERIFY(m_proxy->injectToClient(frame)); break;
        case Inject::Fatal: m_server->send(wire::FatalError{QString::fromUtf8(frame)}); break;
        }

        if (inject == Inject::Fatal) {
            // Stopped for good: the banner says why and offers Retry, which makes a new client.
            QTRY_COMPARE_WITH_TIMEOUT(m_app->status().banner, AppStatus::BannerKind::Stopped, kTimeout);
            QCOMPARE(m_app->status().bannerText, banner);
            QCOMPARE(m_app->status().connectionText, QStringLiteral("Stopped"));
            QVERIFY(m_app->status().bannerRetry);
            // The console's own view of it: a call now fails with the server's reason.
            QCOMPARE(m_console->run(Console::Kind::Action, QStringLiteral("debug:echo"), QString()), QString());
            QTRY_COMPARE_WITH_TIMEOUT(m_console->status(), Console::Status::Failed, kTimeout);
            QCOMPARE(m_console->resultText(),
                     QStringLiteral("Client error (the call may or may not have run): ") + QString::fromUtf8(frame));
            const convex::Client *stopped = m_app->client();
            m_app->retry();
            QVERIFY(m_app->client() != stopped);
            m_console = std::make_unique<Console>(m_app->client()); // as the main window does
            QVERIFY(waitForConnect(1));
            QTRY_COMPARE_WITH_TIMEOUT(m_app->status().banner, AppStatus::BannerKind::None, kTimeout);
            validCallSucceeds();
            return;
        }

        // The client drops the socket and reconnects by itself, telling the server why.
        QVERIFY(waitForConnect(1));
        const auto connect = std::get<wire::Connect>(m_server->messages(1).at(0));
        QCOMPARE(connect.lastCloseReason.value_or(QString()), closeReason);
        QVERIFY2(m_banners.contains(banner), qPrintable(m_banners.join(u'\n')));
        QTRY_COMPARE_WITH_TIMEOUT(m_app->status().connection, AppStatus::Connection::Connected, kTimeout);
        validCallSucceeds();
    }
};

QTEST_GUILESS_MAIN(TestCatalogueServer)
#include "tst_catalogue_server.moc"
