// SPDX-License-Identifier: MIT
#include "fakesyncserver.h"

#include <convexclient/version.h>

#include <QHostAddress>
#include <QWebSocket>

namespace qonvex::test {

FakeSyncServer::FakeSyncServer(QObject *parent)
    : QObject(parent)
    , m_server(QStringLiteral("fake-convex"), QWebSocketServer::NonSecureMode)
{
    connect(&m_server, &QWebSocketServer::newConnection, this, &FakeSyncServer::onNewConnection);
}

FakeSyncServer::~FakeSyncServer()
{
    for (auto &c : m_connections) {
        if (c->socket) {
            c->socket->disconnect(this);
            c->socket->abort();
        }
    }
    m_server.close();
}

bool FakeSyncServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeSyncServer::deploymentUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

QUrl FakeSyncServer::syncUrl() const
{
    QUrl url = deploymentUrl();
    url.setScheme(QStringLiteral("ws"));
    url.setPath(QStringLiteral("/api/") + convex::referenceClientVersion() + QStringLiteral("/sync"));
    return url;
}

const FakeSyncServer::Connection &FakeSyncServer::connection(int index) const
{
    static const Connection none;
    if (m_connections.empty())
        return none;
    const qsizetype i = index < 0 ? qsizetype(m_connections.size()) - 1 : index;
    if (i >= qsizetype(m_connections.size()))
        return none;
    return *m_connections[size_t(i)];
}

int FakeSyncServer::openConnectionCount() const
{
    int n = 0;
    for (const auto &c : m_connections)
        n += c->closed ? 0 : 1;
    return n;
}

void FakeSyncServer::onNewConnection()
{
    while (QWebSocket *socket = m_server.nextPendingConnection()) {
        socket->setParent(this);  // dies with the server at the latest
        auto connection = std::make_unique<Connection>();
        Connection *c = connection.get();
        c->socket = socket;
        c->convexClientHeader = socket->request().rawHeader("Convex-Client");
        c->path = socket->requestUrl().path();
        m_connections.push_back(std::move(connection));
        connect(socket, &QWebSocket::textMessageReceived, this, [this, c](const QString &m) {
            c->frames.append(m.toUtf8());
            Q_EMIT frameReceived();
        });
        connect(socket, &QWebSocket::binaryMessageReceived, this,
                [c](const QByteArray &) { ++c->binaryFrames; });
        connect(socket, &QWebSocket::disconnected, this, [c, socket] {
            c->closed = true;
            socket->deleteLater();
        });
        if (m_reject) {
            c->closed = true;
            socket->abort();
            socket->deleteLater();
        }
        Q_EMIT connectionAccepted();
    }
}

void FakeSyncServer::sendFrame(const QByteArray &frame)
{
    if (!m_connections.empty() && m_connections.back()->socket)
        m_connections.back()->socket->sendTextMessage(QString::fromUtf8(frame));
}

void FakeSyncServer::sendBinaryFrame(const QByteArray &frame)
{
    if (!m_connections.empty() && m_connections.back()->socket)
        m_connections.back()->socket->sendBinaryMessage(frame);
}

void FakeSyncServer::closeLast(int code, const QString &reason)
{
    if (!m_connections.empty() && m_connections.back()->socket)
        m_connections.back()->socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void FakeSyncServer::dropLast()
{
    if (!m_connections.empty() && m_connections.back()->socket) {
        m_connections.back()->closed = true;
        m_connections.back()->socket->abort();
    }
}

} // namespace qonvex::test
