// SPDX-License-Identifier: MIT
#include "frameinjector.h"

#include <QtEndian>

namespace qonvex::test {

FrameInjector::FrameInjector(quint16 upstreamPort, QObject *parent)
    : QObject(parent), m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FrameInjector::onNewConnection);
}

FrameInjector::~FrameInjector()
{
    for (const Pair &pair : std::as_const(m_pairs)) {
        if (pair.client)
            pair.client->abort();
        if (pair.upstream)
            pair.upstream->abort();
    }
}

bool FrameInjector::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FrameInjector::deploymentUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void FrameInjector::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(this);
        client->setParent(this);
        // Bytes the client sends before the upstream is connected wait in the client socket's
        // buffer: relay only once both ends exist.
        auto relay = [](QTcpSocket *from, QTcpSocket *to) {
            if (to->state() == QAbstractSocket::ConnectedState)
                to->write(from->readAll());
        };
        connect(client, &QTcpSocket::readyRead, upstream, [=] { relay(client, upstream); });
        connect(upstream, &QTcpSocket::readyRead, client, [=] { relay(upstream, client); });
        connect(upstream, &QTcpSocket::connected, client, [=] { relay(client, upstream); });
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::errorOccurred, client, [client] { client->abort(); });
        m_pairs.append(Pair{client, upstream});
        upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

bool FrameInjector::injectToClient(const QByteArray &raw)
{
    for (auto it = m_pairs.crbegin(); it != m_pairs.crend(); ++it) {
        if (it->client && it->client->state() == QAbstractSocket::ConnectedState) {
            it->client->write(raw);
            return true;
        }
    }
    return false;
}

QByteArray FrameInjector::textFrameHeader(quint64 payloadLength)
{
    QByteArray header;
    header.append(char(0x81));  // FIN + text opcode
    header.append(char(127));   // unmasked, 64-bit extended payload length follows
    char length[8];
    qToBigEndian(payloadLength, length);
    header.append(length, sizeof length);
    return header;
}

} // namespace qonvex::test
