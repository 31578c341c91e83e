// SPDX-License-Identifier: MIT
#include "sniffingproxy.h"

#include <QTcpSocket>

namespace qonvex::test {

SniffingProxy::SniffingProxy(quint16 targetPort, QObject *parent) : QObject(parent), m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &SniffingProxy::accept);
}

SniffingProxy::~SniffingProxy()
{
    dropAll();
}

bool SniffingProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void SniffingProxy::accept()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        if (m_refusing) {
            client->abort();
            client->deleteLater();
            continue;
        }
        auto *pipe = new Pipe;
        pipe->client = client;
        pipe->server = new QTcpSocket(this);
        m_pipes.append(pipe);
        connect(pipe->server, &QTcpSocket::connected, this, [pipe] {
            pipe->server->write(std::exchange(pipe->pendingToServer, {}));
        });
        connect(client, &QTcpSocket::readyRead, this, [this, pipe] {
            const QByteArray data = pipe->client->readAll();
            if (pipe->server->state() == QAbstractSocket::ConnectedState)
                pipe->server->write(data);
            else
                pipe->pendingToServer += data;
            pipe->upstream += data;
            parseUpstream(*pipe);
        });
        connect(pipe->server, &QTcpSocket::readyRead, this, [pipe] { pipe->client->write(pipe->server->readAll()); });
        connect(client, &QTcpSocket::disconnected, this, [this, pipe] { close(pipe); });
        connect(pipe->server, &QTcpSocket::disconnected, this, [this, pipe] { close(pipe); });
        connect(pipe->server, &QTcpSocket::errorOccurred, this, [this, pipe] { close(pipe); });
        pipe->server->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}

void SniffingProxy::parseUpstream(Pipe &pipe)
{
    if (!pipe.upgraded) {
        const qsizetype end = pipe.upstream.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        pipe.upstream.remove(0, end + 4);
        pipe.upgraded = true;
    }
    // RFC 6455 frames; client frames are always masked.
    for (;;) {
        const QByteArray &b = pipe.upstream;
        if (b.size() < 2)
            return;
        const int opcode = b[0] & 0x0f;
        const bool masked = (b[1] & 0x80) != 0;
        quint64 length = quint8(b[1]) & 0x7f;
        qsizetype pos = 2;
        if (length == 126) {
            if (b.size() < 4)
                return;
            length = (quint64(quint8(b[2])) << 8) | quint8(b[3]);
            pos = 4;
        } else if (length == 127) {
            if (b.size() < 10)
                return;
            length = 0;
            for (int i = 0; i < 8; ++i)
                length = (length << 8) | quint8(b[2 + i]);
            pos = 10;
        }
        const qsizetype maskPos = pos;
        if (masked)
            pos += 4;
        if (quint64(b.size()) < quint64(pos) + length)
            return;
        QByteArray payload = b.mid(pos, qsizetype(length));
        if (masked)
            for (qsizetype i = 0; i < payload.size(); ++i)
                payload[i] = char(payload[i] ^ b[maskPos + (i % 4)]);
        if (opcode == 0x1 || opcode == 0x0) // text (or its continuation)
            m_clientTextFrames.append(payload);
        pipe.upstream.remove(0, pos + qsizetype(length));
    }
}

void SniffingProxy::close(Pipe *pipe)
{
    if (!m_pipes.removeOne(pipe))
        return;
    pipe->client->disconnect(this);
    pipe->server->disconnect(this);
    pipe->client->abort();
    pipe->server->abort();
    pipe->client->deleteLater();
    pipe->server->deleteLater();
    delete pipe;
}

void SniffingProxy::dropAll()
{
    const auto pipes = m_pipes;
    for (Pipe *pipe : pipes)
        close(pipe);
}

int SniffingProxy::clientTextFramesContaining(const QByteArray &needle) const
{
    int n = 0;
    for (const QByteArray &frame : m_clientTextFrames)
        if (frame.contains(needle))
            ++n;
    return n;
}

} // namespace qonvex::test
