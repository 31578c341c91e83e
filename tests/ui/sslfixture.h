// SPDX-License-Identifier: MIT
#pragma once
// A loopback HTTPS server with a freshly made self-signed certificate (openssl CLI), to check
// that the sign-in view refuses certificate errors. It records whether any request got through.

#include <QByteArray>
#include <QObject>
#include <QSslServer>
#include <QTemporaryDir>

class SelfSignedTlsServer : public QObject
{
    Q_OBJECT
public:
    //! Make the certificate and listen on 127.0.0.1; false and \a error on failure.
    bool start(QString *error);
    quint16 port() const { return m_server.serverPort(); }
    //! TLS handshakes the client started (proves the view really connected).
    int handshakesStarted() const { return m_handshakes; }
    //! Application bytes received after a handshake: an HTTP request would land here.
    QByteArray received() const { return m_received; }

private:
    QTemporaryDir m_dir;
    QSslServer m_server;
    int m_handshakes = 0;
    QByteArray m_received;
};
