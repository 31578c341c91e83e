// SPDX-License-Identifier: MIT
#pragma once
// Turns POSIX signals (SIGINT, SIGTERM) into a Qt signal on the event loop: the handler only
// writes the signal number into a socket pair, a QSocketNotifier reads it (the classic
// "calling Qt functions from Unix signal handlers" pattern), so nothing unsafe runs inside
// the handler.

#include <QObject>

#include <memory>

class QSocketNotifier;

namespace qonvex::cli {

class SignalWatcher : public QObject {
    Q_OBJECT
public:
    //! Handle \a watched (e.g. {SIGINT, SIGTERM}) until destroyed. Only one instance at a time.
    explicit SignalWatcher(const QList<int> &watched, QObject *parent = nullptr);
    ~SignalWatcher() override;

    //! False if the socket pair or a handler could not be installed (then signals keep their
    //! default action).
    bool isValid() const { return m_valid; }

Q_SIGNALS:
    void signalReceived(int signalNumber);

private:
    void readSignals();

    QList<int> m_watched;
    bool m_valid = false;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

} // namespace qonvex::cli
