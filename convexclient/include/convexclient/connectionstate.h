// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <algorithm>

namespace convex {

//! \brief A snapshot of how a Client's connection to its deployment is doing.
//!
//! The counterpart of the JS client's `ConnectionState`, plus what a desktop UI needs to
//! show "reconnecting in 4 s" or "stopped: <error>". A plain value: copy it, compare it,
//! read it from QML through its properties. Client::connectionStateChanged() delivers a new
//! one whenever any field changed.
class ConnectionState {
    Q_GADGET
    Q_PROPERTY(bool connected MEMBER connected)
    Q_PROPERTY(bool webSocketConnected MEMBER isWebSocketConnected)
    Q_PROPERTY(bool hasEverConnected MEMBER hasEverConnected)
    Q_PROPERTY(int connectionCount MEMBER connectionCount)
    Q_PROPERTY(int connectionRetries MEMBER connectionRetries)
    Q_PROPERTY(QDateTime nextRetryAt MEMBER nextRetryAt)
    Q_PROPERTY(qint64 nextRetryInMs READ nextRetryInMs)
    Q_PROPERTY(bool hasInflightRequests MEMBER hasInflightRequests)
    Q_PROPERTY(int inflightMutations MEMBER inflightMutations)
    Q_PROPERTY(int inflightActions MEMBER inflightActions)
    Q_PROPERTY(QDateTime timeOfOldestInflightRequest MEMBER timeOfOldestInflightRequest)
    Q_PROPERTY(QString lastCloseReason MEMBER lastCloseReason)
    Q_PROPERTY(bool terminated MEMBER terminated)
    Q_PROPERTY(QString terminationError MEMBER terminationError)

public:
    //! A socket is open *and* the client has sent its `Connect` sequence on it, i.e.
    //! queries and requests are flowing (false while paused for an auth token).
    bool connected = false;
    //! A WebSocket is open (JS `isWebSocketConnected`), whether or not it is in use yet.
    bool isWebSocketConnected = false;
    //! A WebSocket has been open at least once.
    bool hasEverConnected = false;
    //! How many WebSockets have opened so far. A high number means an unstable connection.
    int connectionCount = 0;
    //! Failed attempts since the connection last proved healthy (JS `connectionRetries`);
    //! drives the backoff.
    int connectionRetries = 0;
    //! When the next reconnect attempt is due (UTC); invalid unless waiting to reconnect.
    QDateTime nextRetryAt;
    //! Mutations or actions were sent and have no response yet.
    bool hasInflightRequests = false;
    //! Mutations not yet resolved (including ones waiting for their Transition).
    int inflightMutations = 0;
    //! Actions not yet resolved.
    int inflightActions = 0;
    //! When the oldest unanswered request was made (UTC); invalid if none.
    QDateTime timeOfOldestInflightRequest;
    //! Why the previous WebSocket closed ("InitialConnect" before the first one; a server
    //! reason such as "InternalServerError", "closed with code 1006", or a client reason
    //! such as "InactiveServer"). Empty while a socket is open.
    QString lastCloseReason;
    //! The client will never connect again (close() was called, the server sent a fatal
    //! error, or the deployment URL was rejected).
    bool terminated = false;
    //! Why it terminated, if not by close(): the server's FatalError message or the
    //! configuration error. Empty otherwise.
    QString terminationError;

    //! Milliseconds until nextRetryAt (0 if due), or -1 when not waiting to reconnect.
    qint64 nextRetryInMs() const
    {
        if (!nextRetryAt.isValid())
            return -1;
        return std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(nextRetryAt));
    }

    bool operator==(const ConnectionState &) const = default;
};

} // namespace convex

Q_DECLARE_METATYPE(convex::ConnectionState)
