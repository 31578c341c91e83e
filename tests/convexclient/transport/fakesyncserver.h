// SPDX-License-Identifier: MIT
#pragma once
// An in-process WebSocket server on 127.0.0.1, port 0, standing in for a Convex
// deployment in unit tests: it records every text frame each connection sent and lets the
// test answer with raw frames, close with a code/reason, drop the TCP connection, or stay
// silent. Typed helpers (messages(), send(ServerMessage)) use the real wire codec.

#include "protocol/messages.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QWebSocketServer>

#include <memory>
#include <vector>

class QWebSocket;

namespace qonvex::test {

class FakeSyncServer : public QObject {
    Q_OBJECT
public:
    //! One accepted socket and everything it sent.
    struct Connection {
        QPointer<QWebSocket> socket;
        QByteArray convexClientHeader;   //!< the `Convex-Client` request header
        QString path;                    //!< the request path, e.g. /api/1.48.0/sync
        QList<QByteArray> frames;        //!< text frames received, in order
        int binaryFrames = 0;
        bool closed = false;
    };

    explicit FakeSyncServer(QObject *parent = nullptr);
    ~FakeSyncServer() override;

    //! Listens on 127.0.0.1 with a free port. False if that failed.
    bool listen();
    //! http://127.0.0.1:<port> (what a Client is constructed with).
    QUrl deploymentUrl() const;
    //! ws://127.0.0.1:<port>/api/1.48.0/sync (what a transport is constructed with).
    QUrl syncUrl() const;

    //! While true, new sockets are accepted but then aborted straight away.
    void setRejectConnections(bool reject) { m_reject = reject; }

    int connectionCount() const { return int(m_connections.size()); }
    //! Connection \a index (0 = the first ever); the last one by default.
    const Connection &connection(int index = -1) const;
    //! Number of live (not closed) sockets.
    int openConnectionCount() const;

    //! Sends a raw text frame on the last connection.
    void sendFrame(const QByteArray &frame);
    void sendBinaryFrame(const QByteArray &frame);
    //! Sends a close frame with \a code and \a reason on the last connection.
    void closeLast(int code, const QString &reason = {});
    //! Aborts the last connection's TCP socket without a close frame.
    void dropLast();

    // ---- typed helpers (wire codec from protocol/messages.h) -------------------------

    //! The frames of connection \a index decoded; a frame that fails to decode fails the
    //! current test (QTest) and is skipped.
    QList<convex::protocol::ClientMessage> messages(int index = -1) const;
    //! Type names of connection \a index's messages, e.g. {"Connect","ModifyQuerySet"}.
    QStringList messageTypes(int index = -1) const;
    void send(const convex::protocol::ServerMessage &message);

Q_SIGNALS:
    void connectionAccepted();
    void frameReceived();

private:
    void onNewConnection();

    QWebSocketServer m_server;
    std::vector<std::unique_ptr<Connection>> m_connections;
    bool m_reject = false;
};

} // namespace qonvex::test
