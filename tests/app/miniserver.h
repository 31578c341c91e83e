// SPDX-License-Identifier: MIT
#pragma once
// A tiny in-process HTTP/1.1 server for unit tests of the FAPI client: records each request
// (method, target, headers, body) and answers with the next scripted response.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QTcpServer>
#include <QUrl>

namespace qonvex::test {

struct RecordedRequest {
    QByteArray method;
    QByteArray target; //!< path + query as sent
    QMap<QByteArray, QByteArray> headers; //!< lower-case names
    QByteArray body;
    bool hasHeader(const QByteArray &name) const { return headers.contains(name); }
};

struct ScriptedResponse {
    int status = 200;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body = "{}";
};

class MiniServer : public QObject {
    Q_OBJECT
public:
    MiniServer();
    QUrl baseUrl() const;
    void enqueue(ScriptedResponse response) { m_script.append(std::move(response)); }
    QList<RecordedRequest> requests;

private:
    void onConnection();
    QTcpServer m_server;
    QList<ScriptedResponse> m_script;
};

} // namespace qonvex::test
