// SPDX-License-Identifier: MIT
// SignalWatcher turns a POSIX signal into a Qt signal on the event loop, and restores the
// default action when it goes away.

#include "signalwatcher.h"

#include <QSignalSpy>
#include <QTest>

#include <csignal>

using qonvex::cli::SignalWatcher;

class TestSignalWatcher : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void deliversSignalsOnTheEventLoop()
    {
        SignalWatcher watcher({SIGUSR1, SIGUSR2});
        QVERIFY(watcher.isValid());
        QSignalSpy spy(&watcher, &SignalWatcher::signalReceived);
        QCOMPARE(::raise(SIGUSR1), 0);
        QCOMPARE(::raise(SIGUSR2), 0);
        QCOMPARE(spy.count(), 0);  // nothing runs inside the handler itself
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 10000);
        QCOMPARE(spy.at(0).at(0).toInt(), SIGUSR1);
        QCOMPARE(spy.at(1).at(0).toInt(), SIGUSR2);
    }

    void restoresTheDefaultActionWhenDestroyed()
    {
        {
            SignalWatcher watcher({SIGUSR1});
            struct sigaction current = {};
            QCOMPARE(::sigaction(SIGUSR1, nullptr, &current), 0);
            QVERIFY(current.sa_handler != SIG_DFL);
        }
        struct sigaction current = {};
        QCOMPARE(::sigaction(SIGUSR1, nullptr, &current), 0);
        QVERIFY(current.sa_handler == SIG_DFL);
        // A second watcher can be made after the first is gone.
        SignalWatcher again({SIGUSR1});
        QVERIFY(again.isValid());
    }
};

QTEST_GUILESS_MAIN(TestSignalWatcher)
#include "tst_signalwatcher.moc"
