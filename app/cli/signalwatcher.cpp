// SPDX-License-Identifier: MIT
#include "signalwatcher.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace qonvex::cli {

namespace {

// Written by the handler, so plain ints (async-signal-safe); -1 when no watcher exists.
int writeEnd = -1;
int readEnd = -1;

extern "C" void onSignal(int signalNumber)
{
    const int savedErrno = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    // If the pipe is full, signals are already pending; dropping this one loses nothing.
    [[maybe_unused]] const ssize_t written = ::write(writeEnd, &byte, 1);
    errno = savedErrno;
}

} // namespace

SignalWatcher::SignalWatcher(const QList<int> &watched, QObject *parent)
    : QObject(parent), m_watched(watched)
{
    Q_ASSERT_X(writeEnd == -1, "SignalWatcher", "INTERNAL BUG: only one SignalWatcher at a time");
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0, fds) != 0)
        return;
    writeEnd = fds[0];
    readEnd = fds[1];
    m_notifier = std::make_unique<QSocketNotifier>(readEnd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &SignalWatcher::readSignals);
    m_valid = true;
    for (const int number : m_watched) {
        struct sigaction action = {};
        action.sa_handler = onSignal;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (::sigaction(number, &action, nullptr) != 0)
            m_valid = false;
    }
}

SignalWatcher::~SignalWatcher()
{
    for (const int number : m_watched)
        ::signal(number, SIG_DFL);
    m_notifier.reset();
    if (writeEnd != -1) {
        ::close(writeEnd);
        ::close(readEnd);
        writeEnd = readEnd = -1;
    }
}

void SignalWatcher::readSignals()
{
    unsigned char buffer[16];
    ssize_t n;
    while ((n = ::read(readEnd, buffer, sizeof buffer)) > 0) {
        for (ssize_t i = 0; i < n; ++i)
            Q_EMIT signalReceived(int(buffer[i]));
    }
}

} // namespace qonvex::cli
