// SPDX-License-Identifier: MIT
#pragma once
// One logical connection to a Convex deployment over a sequence of QWebSockets:
// opening, reconnect backoff, inactivity detection and the close bookkeeping that the
// next `Connect` message reports. It knows nothing about the sync protocol's state; the
// owner (convex::Client) reacts to opened()/frameReceived() and tells it when to
// reconnect, stop, restart or terminate. Behaviour follows the JS client's
// web_socket_manager.ts (protocol reference §2.3, §2.4, §6.8).
//
//                      ┌──────────────┐
//    terminate() ┌─────│ Disconnected │◀────────────────┐  backoff timer
//                │     └──────────────┘                 │  fires → connect
//                ▼            │ connect / reconnectNow()│
//        ┌────────────┐       ▼                         │
//        │ Terminated │  ┌────────────┐ socket closed,  │
//        └────────────┘  │ Connecting │─────────────────┤  closeAndReconnect(),
//                ▲       └────────────┘                 │  inactivity timeout
//   terminate()  │            │ open                    │
//   from any     │            ▼                         │
//   state        │       ┌────────────┐                 │
//                │       │   Ready    │─────────────────┘
//                │       └────────────┘
//                │            │ stop() (from any live state)
//                │            ▼
//                │       ┌────────────┐
//                └───────│  Stopped   │── restart() → Connecting
//                        └────────────┘

#include "transport/reconnectbackoff.h"

#include <QBasicTimer>
#include <QByteArray>
#include <QDeadlineTimer>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <chrono>
#include <optional>

class QWebSocket;

namespace convex::transport {

class WebSocketTransport : public QObject {
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Ready, Stopped, Terminated };
    Q_ENUM(State)

    struct Options {
        //! Reconnect when nothing at all arrived for this long (JS: 60 s). The timer runs
        //! from the moment a socket is created, so a hanging handshake is caught too.
        std::chrono::milliseconds inactivityThreshold{60000};
        //! Jitter source in [0, 1); default QRandomGenerator.
        ReconnectBackoff::RandomSource random;
    };

    //! Client-side close reasons (they select the short 100 ms initial backoff).
    static QString inactiveServerReason() { return QStringLiteral("InactiveServer"); }
    static QString failedToSendReason() { return QStringLiteral("FailedToSendMessage"); }

    //! \a syncUrl must already be validated (syncUrlForDeployment()).
    WebSocketTransport(QUrl syncUrl, Options options, QObject *parent = nullptr);
    ~WebSocketTransport() override;

    //! Opens the first socket. Only valid in state Disconnected before any connect.
    void start();

    //! Sends one text frame if the socket is Ready. Returns false if nothing was sent
    //! because no socket is open. A failing send closes the socket and reconnects
    //! ("FailedToSendMessage") and returns true, as JS does ("might have been sent").
    bool sendFrame(const QByteArray &utf8Json);

    //! Closes the current socket and schedules a reconnect with the *client* backoff
    //! (100 ms initial). \a reason becomes the next `Connect.lastCloseReason`. Used for
    //! inactivity, send failures and protocol violations. No-op without a socket.
    void closeAndReconnect(const QString &reason);

    //! Closes the socket without reconnecting until restart() (used while a rejected auth
    //! token is being replaced).
    void stop();
    //! Opens a new socket immediately after stop(); ignored in any other state.
    void restart();
    //! Closes for good. No timers, no reconnects afterwards.
    void terminate();

    //! Network came back / the machine resumed: if waiting for a backoff timer, cancel it
    //! and connect now (the retry count is kept). A `NetworkRecoveryReconnect` event with
    //! the time saved is sent on the new socket. Ignored in any other state.
    void reconnectNow();

    //! The engine reported "synced past the last reconnect": forget failed attempts.
    void resetBackoff();

    State state() const noexcept { return m_state; }
    bool isReady() const noexcept { return m_state == State::Ready; }
    bool hasEverConnected() const noexcept { return m_hasEverConnected; }
    quint32 connectionCount() const noexcept { return m_connectionCount; }
    int retries() const noexcept { return m_backoff.retries(); }
    //! Remaining backoff while Disconnected and waiting, else nullopt.
    std::optional<qint64> nextRetryInMs() const;
    //! The delay the last scheduled reconnect was computed with (diagnostics and tests).
    std::optional<int> lastScheduledDelayMs() const noexcept { return m_lastDelayMs; }
    //! Why the previous socket closed ("InitialConnect" before the first one), or empty
    //! while a socket is open or after stop(). (JS `lastCloseReason`; the engine keeps its
    //! own copy for the `Connect` message.)
    QString lastCloseReason() const { return m_lastCloseReason.value_or(QString()); }
    QUrl url() const { return m_url; }

Q_SIGNALS:
    //! A socket finished its handshake. The receiver must send `Connect` and the resync
    //! sequence synchronously (direct connection).
    void opened();
    //! Emitted right after opened() when the socket was opened by reconnectNow() while a
    //! backoff timer was pending; \a timeSavedMs is the wait that was skipped (JS sends
    //! this to the server as a `NetworkRecoveryReconnect` event).
    void networkRecoveryReconnected(qint64 timeSavedMs);
    //! The current socket went away (or failed to open). \a reason is the server's close
    //! reason, "closed with code N" if it gave none, or the client-side reason passed to
    //! closeAndReconnect(). \a stoppedByClient is true for stop(). Not emitted by
    //! terminate() or the destructor.
    void disconnected(const QString &reason, bool stoppedByClient);
    //! One complete text frame, UTF-8. Binary frames never get here (protocol violation).
    void frameReceived(const QByteArray &utf8Json);
    //! Any observable property changed (state, retries, counts, close reason).
    void stateChanged();
    //! A reconnect is scheduled in \a delayMs (jittered backoff).
    void reconnectScheduled(int delayMs);
    //! The server closed with an unusual code (not 1000/1001/1005/4040); for logs/UI.
    void serverDisconnectError(const QString &message);

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    void connectSocket();
    void onSocketConnected(QWebSocket *socket);
    void onSocketClosed(QWebSocket *socket);
    void onTextMessage(QWebSocket *socket, const QString &message);
    void onBinaryMessage(QWebSocket *socket);
    void scheduleReconnect(int initialDelayMs);
    void discardSocket();
    void restartInactivityTimer();
    void setState(State state);

    QUrl m_url;
    Options m_options;
    ReconnectBackoff m_backoff;
    State m_state = State::Disconnected;
    QPointer<QWebSocket> m_socket;
    bool m_socketSawCloseFrame = false;
    bool m_started = false;
    bool m_hasEverConnected = false;
    quint32 m_connectionCount = 0;
    std::optional<QString> m_lastCloseReason{QStringLiteral("InitialConnect")};

    QBasicTimer m_inactivityTimer;
    QBasicTimer m_reconnectTimer;
    QDeadlineTimer m_reconnectDeadline;
    std::optional<int> m_lastDelayMs;
    std::optional<qint64> m_pendingRecoveryTimeSavedMs;
};

} // namespace convex::transport
