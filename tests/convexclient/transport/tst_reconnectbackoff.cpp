// SPDX-License-Identifier: MIT
// Reconnect backoff arithmetic (protocol reference §6.8), with an injected RNG.
#include "transport/reconnectbackoff.h"

#include <QTest>

using convex::transport::ReconnectBackoff;

class TestReconnectBackoff : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initialDelayByReason_data()
    {
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("initial");
        QTest::newRow("empty") << QString() << 1000;
        QTest::newRow("unknown") << u"SomethingElse"_qs << 1000;
        QTest::newRow("closed with code") << u"closed with code 1006"_qs << 1000;
        QTest::newRow("InternalServerError") << u"InternalServerError"_qs << 1000;
        QTest::newRow("prefix with suffix") << u"TooManyConcurrentRequests: 1001"_qs << 3000;
        for (const char16_t *r : {u"SubscriptionsWorkerFullError", u"TooManyConcurrentRequests",
                                  u"CommitterFullError", u"AwsTooManyRequestsException",
                                  u"ExecuteFullError", u"SystemTimeoutError", u"ExpiredInQueue",
                                  u"VectorIndexTooLarge", u"SearchIndexTooLarge",
                                  u"TooManyWritesInTimePeriod"})
            QTest::newRow(qPrintable(QString::fromUtf16(r))) << QString::fromUtf16(r) << 3000;
        for (const char16_t *r : {u"VectorIndexesUnavailable", u"SearchIndexesUnavailable",
                                  u"TableSummariesUnavailable"})
            QTest::newRow(qPrintable(QString::fromUtf16(r))) << QString::fromUtf16(r) << 1000;
        QTest::newRow("not a prefix match") << u"xTooManyConcurrentRequests"_qs << 1000;
    }
    void initialDelayByReason()
    {
        QFETCH(QString, reason);
        QFETCH(int, initial);
        QCOMPARE(ReconnectBackoff::initialDelayForServerReason(reason), initial);
    }

    void doublesAndCapsWithoutJitterAtMidpoint()
    {
        // rand = 0.5 makes the jitter factor exactly 1.
        ReconnectBackoff backoff([] { return 0.5; });
        QCOMPARE(backoff.retries(), 0);
        QCOMPARE(backoff.nextDelayMs(1000), 1000);
        QCOMPARE(backoff.nextDelayMs(1000), 2000);
        QCOMPARE(backoff.nextDelayMs(1000), 4000);
        QCOMPARE(backoff.nextDelayMs(1000), 8000);
        QCOMPARE(backoff.nextDelayMs(1000), 16000);
        QCOMPARE(backoff.nextDelayMs(1000), 16000);
        QCOMPARE(backoff.retries(), 6);
        // Many more attempts never overflow and stay capped.
        for (int i = 0; i < 100; ++i)
            QCOMPARE(backoff.nextDelayMs(3000), 16000);
    }

    void retriesCarryAcrossReasons()
    {
        // JS uses one retry counter: a 100 ms client close after two failures is 400 ms.
        ReconnectBackoff backoff([] { return 0.5; });
        QCOMPARE(backoff.nextDelayMs(3000), 3000);
        QCOMPARE(backoff.nextDelayMs(3000), 6000);
        QCOMPARE(backoff.nextDelayMs(ReconnectBackoff::clientInitialDelayMs), 400);
    }

    void jitterBounds()
    {
        double r = 0.0;
        ReconnectBackoff backoff([&r] { return r; });
        QCOMPARE(backoff.nextDelayMs(1000), 500);     // ×0.5 at rand 0
        r = 0.999;
        QCOMPARE(backoff.nextDelayMs(1000), 2998);    // 2000 × 1.499
        r = 0.25;
        QCOMPARE(backoff.nextDelayMs(1000), 3000);    // 4000 × 0.75
        backoff.reset();
        r = 0.0;
        QCOMPARE(backoff.nextDelayMs(16000 * 4), 8000); // capped before jitter: 16000 × 0.5
    }

    void resetStartsOver()
    {
        ReconnectBackoff backoff([] { return 0.5; });
        backoff.nextDelayMs(100);
        backoff.nextDelayMs(100);
        QCOMPARE(backoff.retries(), 2);
        backoff.reset();
        QCOMPARE(backoff.retries(), 0);
        QCOMPARE(backoff.nextDelayMs(100), 100);
    }

    void defaultRandomStaysInRange()
    {
        ReconnectBackoff backoff;
        for (int i = 0; i < 200; ++i) {
            backoff.reset();
            const int d = backoff.nextDelayMs(1000);
            QVERIFY2(d >= 500 && d < 1500, qPrintable(QString::number(d)));
        }
    }
};

QTEST_GUILESS_MAIN(TestReconnectBackoff)
#include "tst_reconnectbackoff.moc"
