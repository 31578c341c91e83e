// SPDX-License-Identifier: MIT
#include "fakehttpserver.h"

#include <QHostAddress>

namespace qonvex::test {

FakeHttpServer::FakeHttpServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            connect(socket, &QObject::destroyed, this, [this, socket] { m_buffers.remove(socket); });
        }
    });
}

bool FakeHttpServer::listen() { return m_server.listen(QHostAddress::LocalHost, 0); }

QUrl FakeHttpServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(m_server.serverPort());
    return url;
}

void FakeHttpServer::close() { m_server.close(); }

void FakeHttpServer::enqueue(Reply reply) { m_queue.push_back(std::move(reply)); }

void FakeHttpServer::release(const Reply &reply)
{
    while (!m_held.empty()) {
        QPointer<QTcpSocket> socket = m_held.front();
        m_held.pop_front();
        if (socket) {
            answer(socket, reply);
            return;
        }
    }
}

void FakeHttpServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    Request request;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.path = requestLine.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return;  // body not complete yet
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.clear();
    m_requests.append(request);

    Reply reply;
    if (!m_queue.empty()) {
        reply = m_queue.front();
        m_queue.pop_front();
    } else if (m_handler) {
        reply = m_handler(request);
    } else {
        reply.status = 500;
        reply.body = R"({"code":"NoReplyQueued","message":"the test queued no reply"})";
    }
    if (reply.hold)
        m_held.push_back(socket);
    else
        answer(socket, reply);
    Q_EMIT requestReceived();
}

QByteArray FakeHttpServer::reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 307: return "Temporary Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 560: return "Function Failed";
    default: return "Status";
    }
}

void FakeHttpServer::answer(QTcpSocket *socket, const Reply &reply)
{
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + ' ' + reasonPhrase(reply.status)
        + "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(reply.body.size())
        + "\r\nConnection: close\r\n";
    for (const auto &[name, value] : reply.extraHeaders)
        head += name + ": " + value + "\r\n";
    socket->write(head + "\r\n" + reply.body);
    socket->disconnectFromHost();
}

} // namespace qonvex::test
