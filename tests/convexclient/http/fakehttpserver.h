// SPDX-License-Identifier: MIT
#pragma once
// A minimal HTTP/1.1 server on a real loopback socket for tests: records every request and
// answers it with a canned reply (or holds it until the test releases it). One request per
// connection; every answer closes the connection.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <deque>
#include <functional>

namespace qonvex::test {

class FakeHttpServer : public QObject {
    Q_OBJECT
public:
    struct Request {
        QByteArray method;
        QByteArray path;
        QMap<QByteArray, QByteArray> headers;  // names lower-cased
        QByteArray body;
    };
    struct Reply {
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> extraHeaders;
        bool hold = false;  // keep the connection open without answering until release()
    };

    explicit FakeHttpServer(QObject *parent = nullptr);

    bool listen();
    QUrl url() const;  // http://127.0.0.1:<port>
    //! Stop listening (later connections are refused).
    void close();

    //! Replies are used in request order; with none queued, handler() decides, else 500.
    void enqueue(Reply reply);
    void setHandler(std::function<Reply(const Request &)> handler) { m_handler = std::move(handler); }
    //! Answer the oldest held request.
    void release(const Reply &reply);

    const QList<Request> &requests() const { return m_requests; }
    int heldCount() const { return int(m_held.size()); }

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    void requestReceived();

private:
    void onReadyRead(QTcpSocket *socket);
    static void answer(QTcpSocket *socket, const Reply &reply);

    QTcpServer m_server;
    QMap<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    std::deque<Reply> m_queue;
    std::deque<QPointer<QTcpSocket>> m_held;
    std::function<Reply(const Request &)> m_handler;
};

} // namespace qonvex::test
