// SPDX-License-Identifier: MIT
#pragma once
// A byte-level TCP relay on 127.0.0.1 between a client and an upstream server (the in-process
// FakeSyncServer). It passes the WebSocket handshake and every frame through untouched, and
// can write raw bytes to the client as if the server had sent them: frames that a
// QWebSocketServer refuses to produce, such as one whose header announces a payload larger
// than any client accepts.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace qonvex::test {

class FrameInjector : public QObject {
    Q_OBJECT
public:
    explicit FrameInjector(quint16 upstreamPort, QObject *parent = nullptr);
    ~FrameInjector() override;

    //! Listens on 127.0.0.1 with a free port. False if that failed.
    bool listen();
    //! http://127.0.0.1:<port>: the deployment URL a client should be given.
    QUrl deploymentUrl() const;

    //! Writes \a raw to the newest client connection, between two server frames (call it only
    //! while the server is not sending). False if there is no open client connection.
    bool injectToClient(const QByteArray &raw);

    //! The header of an unmasked text frame that announces \a payloadLength bytes (64-bit
    //! length form), without any payload.
    static QByteArray textFrameHeader(quint64 payloadLength);

private:
    struct Pair {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
    };
    void onNewConnection();

    quint16 m_upstreamPort;
    QTcpServer m_server;
    QList<Pair> m_pairs;
};

} // namespace qonvex::test
