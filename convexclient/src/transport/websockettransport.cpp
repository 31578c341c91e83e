// SPDX-License-Identifier: MIT
#include "transport/websockettransport.h"

#include "transport/logging.h"

#include <convexclient/version.h>

#include <QNetworkRequest>
#include <QTimerEvent>
#include <QWebSocket>

namespace convex::transport {

namespace {
// Close codes the JS client does not consider worth reporting (web_socket_manager.ts):
// normal, going away (mobile backgrounding), no status (the backend's usual close after
// AuthError/FatalError) and Convex's edge "404" (transient during a push).
bool isUnremarkableCloseCode(int code)
{
    return code == 1000 || code == 1001 || code == 1005 || code == 4040;
}
constexpr int abnormalClosureCode = 1006;  // what browsers report when no close frame came
} // namespace

WebSocketTransport::WebSocketTransport(QUrl syncUrl, Options options, QObject *parent)
    : QObject(parent)
    , m_url(std::move(syncUrl))
    , m_options(std::move(options))
    , m_backoff(m_options.random)
{
}

WebSocketTransport::~WebSocketTransport()
{
    // Abort without emitting anything: the owner is going away.
    m_inactivityTimer.stop();
    m_reconnectTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket.data();
    }
}

void WebSocketTransport::start()
{
    if (m_started || m_state != State::Disconnected)
        return;
    m_started = true;
    connectSocket();
}

void WebSocketTransport::connectSocket()
{
    if (m_state == State::Terminated)
        return;
    m_reconnectTimer.stop();
    m_started = true;

    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    m_socketSawCloseFrame = false;
    // aboutToClose is only seen for server close frames: our own close()/abort() calls
    // happen after disconnecting from the socket (discardSocket()).
    connect(socket, &QWebSocket::aboutToClose, this, [this, socket] {
        if (socket == m_socket)
            m_socketSawCloseFrame = true;
    });

    connect(socket, &QWebSocket::connected, this, [this, socket] { onSocketConnected(socket); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { onSocketClosed(socket); });
    connect(socket, &QWebSocket::stateChanged, this,
            [this, socket](QAbstractSocket::SocketState s) {
                if (s == QAbstractSocket::UnconnectedState)
                    onSocketClosed(socket);
            });
    connect(socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this, socket](QAbstractSocket::SocketError) {
        if (socket != m_socket)
            return;
        qCInfo(lcTransport) << "WebSocket error:" << socket->errorString();
    });
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &message) { onTextMessage(socket, message); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [this, socket](const QByteArray &) { onBinaryMessage(socket); });

    setState(State::Connecting);
    // Started before the handshake so that a hanging upgrade is caught as well.
    restartInactivityTimer();

    QNetworkRequest request(m_url);
    request.setRawHeader("Convex-Client", clientHeaderValue().toUtf8());
    qCDebug(lcTransport) << "connecting to" << m_url.toDisplayString(QUrl::RemoveQuery);
    socket->open(request);
}

void WebSocketTransport::onSocketConnected(QWebSocket *socket)
{
    if (socket != m_socket || m_state != State::Connecting)
        return;
    m_hasEverConnected = true;
    if (m_lastCloseReason && *m_lastCloseReason != u"InitialConnect")
        qCInfo(lcTransport) << "WebSocket reconnected after disconnect due to" << *m_lastCloseReason;
    // Updated before opened() is emitted so that a close triggered while the receiver
    // sends the open sequence keeps its own reason.
    ++m_connectionCount;
    m_lastCloseReason.reset();
    setState(State::Ready);
    restartInactivityTimer();
    Q_EMIT opened();

    if (m_pendingRecoveryTimeSavedMs && m_state == State::Ready && socket == m_socket) {
        const qint64 saved = *m_pendingRecoveryTimeSavedMs;
        m_pendingRecoveryTimeSavedMs.reset();
        qCInfo(lcTransport) << "network recovery reconnect saved about" << saved / 1000 << "s";
        Q_EMIT networkRecoveryReconnected(saved);
    }
}

void WebSocketTransport::onSocketClosed(QWebSocket *socket)
{
    if (socket != m_socket)
        return;  // an old socket we already gave up on
    const bool gotCloseFrame = m_socketSawCloseFrame;
    const int code = gotCloseFrame ? int(socket->closeCode()) : abnormalClosureCode;
    const QString reason = gotCloseFrame ? socket->closeReason() : QString();

    discardSocket();
    const QString recordedReason =
        reason.isEmpty() ? QStringLiteral("closed with code %1").arg(code) : reason;
    if (!m_lastCloseReason)
        m_lastCloseReason = recordedReason;
    if (!isUnremarkableCloseCode(code)) {
        QString message = QStringLiteral("WebSocket closed with code %1").arg(code);
        if (!reason.isEmpty())
            message += QStringLiteral(": ") + reason;
        qCInfo(lcTransport).noquote() << message;
        if (!reason.isEmpty())
            Q_EMIT serverDisconnectError(message);
    }
    scheduleReconnect(ReconnectBackoff::initialDelayForServerReason(reason));
    Q_EMIT disconnected(recordedReason, false);
}

void WebSocketTransport::onTextMessage(QWebSocket *socket, const QString &message)
{
    if (socket != m_socket || m_state == State::Terminated)
        return;
    restartInactivityTimer();
    Q_EMIT frameReceived(message.toUtf8());
}

void WebSocketTransport::onBinaryMessage(QWebSocket *socket)
{
    if (socket != m_socket)
        return;
    // The protocol is text-only; a binary frame means we do not understand this server.
    qCWarning(lcTransport) << "received a binary frame; reconnecting";
    closeAndReconnect(QStringLiteral("UnexpectedBinaryFrame"));
}

bool WebSocketTransport::sendFrame(const QByteArray &utf8Json)
{
    if (m_state != State::Ready || !m_socket)
        return false;
    const qint64 written = m_socket->sendTextMessage(QString::fromUtf8(utf8Json));
    if (written < 0 || !m_socket->isValid()) {
        qCInfo(lcTransport) << "failed to send a message; reconnecting";
        closeAndReconnect(failedToSendReason());
    }
    return true;
}

void WebSocketTransport::closeAndReconnect(const QString &reason)
{
    if (m_state != State::Connecting && m_state != State::Ready)
        return;
    qCDebug(lcTransport) << "closing and reconnecting:" << reason;
    m_lastCloseReason = reason;
    discardSocket();
    scheduleReconnect(ReconnectBackoff::clientInitialDelayMs);
    Q_EMIT disconnected(reason, false);
}

void WebSocketTransport::stop()
{
    if (m_state == State::Terminated)
        return;
    m_reconnectTimer.stop();
    m_inactivityTimer.stop();
    const bool hadSocket = m_socket;
    discardSocket();
    setState(State::Stopped);
    if (hadSocket)
        Q_EMIT disconnected(QString(), true);
}

void WebSocketTransport::restart()
{
    if (m_state != State::Stopped) {
        qCDebug(lcTransport) << "restart() ignored in state" << m_state;
        return;
    }
    connectSocket();
}

void WebSocketTransport::terminate()
{
    if (m_state == State::Terminated)
        return;
    m_reconnectTimer.stop();
    m_inactivityTimer.stop();
    m_pendingRecoveryTimeSavedMs.reset();
    discardSocket();
    setState(State::Terminated);
}

void WebSocketTransport::reconnectNow()
{
    if (m_state != State::Disconnected || !m_started)
        return;
    if (m_reconnectTimer.isActive())
        m_pendingRecoveryTimeSavedMs = std::max<qint64>(0, m_reconnectDeadline.remainingTime());
    qCInfo(lcTransport) << "reconnecting immediately (network change or resume)";
    connectSocket();
}

void WebSocketTransport::resetBackoff()
{
    if (m_backoff.retries() == 0)
        return;
    m_backoff.reset();
    Q_EMIT stateChanged();
}

std::optional<qint64> WebSocketTransport::nextRetryInMs() const
{
    if (m_state != State::Disconnected || !m_reconnectTimer.isActive())
        return std::nullopt;
    return std::max<qint64>(0, m_reconnectDeadline.remainingTime());
}

void WebSocketTransport::scheduleReconnect(int initialDelayMs)
{
    m_inactivityTimer.stop();
    const int delay = m_backoff.nextDelayMs(initialDelayMs);
    m_lastDelayMs = delay;
    m_reconnectDeadline.setRemainingTime(delay);
    m_reconnectTimer.start(delay, this);
    qCInfo(lcTransport) << "attempting reconnect in" << delay << "ms";
    setState(State::Disconnected);
    Q_EMIT reconnectScheduled(delay);
    Q_EMIT stateChanged();  // retries changed even if the state did not
}

void WebSocketTransport::discardSocket()
{
    if (!m_socket)
        return;
    QWebSocket *socket = m_socket;
    m_socket.clear();
    // Disconnect first: nothing this socket does from now on may reach us.
    socket->disconnect(this);
    if (socket->state() == QAbstractSocket::ConnectedState)
        socket->close();
    else
        socket->abort();
    socket->deleteLater();
}

void WebSocketTransport::restartInactivityTimer()
{
    if (m_state == State::Terminated || m_state == State::Stopped)
        return;
    m_inactivityTimer.start(int(m_options.inactivityThreshold.count()), this);
}

void WebSocketTransport::timerEvent(QTimerEvent *event)
{
    if (event->timerId() == m_inactivityTimer.timerId()) {
        m_inactivityTimer.stop();
        qCInfo(lcTransport) << "no message from the server for"
                            << m_options.inactivityThreshold.count() << "ms; reconnecting";
        closeAndReconnect(inactiveServerReason());
    } else if (event->timerId() == m_reconnectTimer.timerId()) {
        m_reconnectTimer.stop();
        if (m_state == State::Disconnected)
            connectSocket();
    } else {
        QObject::timerEvent(event);
    }
}

void WebSocketTransport::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

} // namespace convex::transport
