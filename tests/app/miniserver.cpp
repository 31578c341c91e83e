// SPDX-License-Identifier: MIT
#include "miniserver.h"

#include <QTcpSocket>

namespace qonvex::test {

MiniServer::MiniServer()
{
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &MiniServer::onConnection);
}

QUrl MiniServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

void MiniServer::onConnection()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            for (;;) {
                const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
                if (headerEnd < 0)
                    return;
                RecordedRequest request;
                const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
                const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
                request.method = requestLine.value(0);
                request.target = requestLine.value(1);
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines[i];
                    const qsizetype colon = line.indexOf(':');
                    if (colon > 0)
                        request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
                }
                const qsizetype length = request.headers.value("content-length", "0").toLongLong();
                if (buffer->size() < headerEnd + 4 + length)
                    return;
                request.body = buffer->mid(headerEnd + 4, length);
                buffer->remove(0, headerEnd + 4 + length);
                requests.append(request);

                const ScriptedResponse response = m_script.isEmpty() ? ScriptedResponse{} : m_script.takeFirst();
                QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " X\r\n";
                for (const auto &[name, value] : response.headers)
                    out += name + ": " + value + "\r\n";
                out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n";
                out += response.body;
                socket->write(out);
            }
        });
    }
}

} // namespace qonvex::test
