// SPDX-License-Identifier: MIT
#pragma once
// A loopback TCP relay in front of the Convex stand-in that can cut every connection at once
// (what a dropped Wi-Fi or a suspend does to the socket) and reads the WebSocket text frames
// the client sends, so a test can see protocol messages that leave no trace on the server
// (e.g. the `Event` a client sends after reconnecting early). Test utility, 127.0.0.1 only.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>

class QTcpSocket;

namespace qonvex::test {

class SniffingProxy : public QObject {
    Q_OBJECT
public:
    //! Relays to 127.0.0.1:\a targetPort.
    explicit SniffingProxy(quint16 targetPort, QObject *parent = nullptr);
    ~SniffingProxy() override;

    //! Listens on a free loopback port.
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    //! Aborts every relayed connection (both sides see a reset).
    void dropAll();
    //! While refusing, every new connection is closed at once (the server looks unreachable).
    void setRefusing(bool refusing) { m_refusing = refusing; }
    //! Client-to-server text frames seen so far that contain \a needle.
    int clientTextFramesContaining(const QByteArray &needle) const;

private:
    struct Pipe {
        QTcpSocket *client = nullptr;
        QTcpSocket *server = nullptr;
        QByteArray pendingToServer; // written once the server side is connected
        QByteArray upstream;        // unparsed client bytes
        bool upgraded = false;      // the HTTP upgrade request has been passed
    };
    void accept();
    void parseUpstream(Pipe &pipe);
    void close(Pipe *pipe);

    quint16 m_targetPort;
    QTcpServer m_server;
    QList<Pipe *> m_pipes;
    QList<QByteArray> m_clientTextFrames;
    bool m_refusing = false;
};

} // namespace qonvex::test
