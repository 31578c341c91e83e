// SPDX-License-Identifier: MIT
// ConvexTokenProvider: cache with leeway, forceRefresh, coalescing, backoff (fake clock),
// session-gone handling. The minter is a fake that records calls and answers on demand.

#include "fakescheduler.h"
#include "session/convextokenprovider.h"

#include <QSignalSpy>
#include <QTest>

using namespace qonvex::app;
using qonvex::test::FakeScheduler;

namespace {

struct MintCall {
    QString sessionId;
    QString templateName;
    bool skipCache;
    std::function<void(std::optional<FapiError>, SecretToken)> done;
};

QString makeJwt(qint64 expSeconds, const QString &tag, const char *aud = "convex")
{
    const QByteArray payload = QStringLiteral(R"({"aud":"%1","exp":%2,"tag":"%3"})")
                                   .arg(QLatin1String(aud)).arg(expSeconds).arg(tag).toUtf8();
    return QStringLiteral("eyJhbGciOiJSUzI1NiJ9.")
           + QString::fromLatin1(payload.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
           + QStringLiteral(".sig");
}

FapiError errorOf(FapiError::Kind kind, int retryAfter = -1)
{
    FapiError e;
    e.kind = kind;
    e.retryAfterSeconds = retryAfter;
    return e;
}

struct Answers {
    std::vector<std::optional<QString>> values;
    std::function<void(std::optional<QString>)> sink()
    {
        return [this](std::optional<QString> v) { values.push_back(std::move(v)); };
    }
};

} // namespace

class TestTokenProvider : public QObject {
    Q_OBJECT

    FakeScheduler *clock = nullptr;
    std::vector<MintCall> calls;
    ConvexTokenProvider *provider = nullptr;

    qint64 nowSeconds() const { return clock->nowMs() / 1000; }
    void flushEvents() { QCoreApplication::processEvents(); QCoreApplication::processEvents(); }

private Q_SLOTS:
    void init()
    {
        clock = new FakeScheduler();
        calls.clear();
        provider = new ConvexTokenProvider(
            [this](const QString &sid, const QString &tmpl, bool skip, auto done) {
                calls.push_back({sid, tmpl, skip, std::move(done)});
            },
            clock);
        provider->setSession(QStringLiteral("sess_1"), QStringLiteral("convex"), false);
    }
    void cleanup()
    {
        delete provider;
        provider = nullptr;
        delete clock;
    }

    void noSessionAnswersNull()
    {
        provider->clearSession();
        Answers a;
        provider->fetch(false, a.sink());
        QVERIFY(a.values.empty()); // never inside the call
        flushEvents();
        QCOMPARE(a.values.size(), size_t(1));
        QVERIFY(!a.values[0].has_value());
        QVERIFY(calls.empty());
    }

    void usesTemplateEndpointAndCaches()
    {
        Answers a;
        provider->fetch(false, a.sink());
        QCOMPARE(calls.size(), size_t(1));
        QCOMPARE(calls[0].sessionId, QStringLiteral("sess_1"));
        QCOMPARE(calls[0].templateName, QStringLiteral("convex"));
        QVERIFY(!calls[0].skipCache);
        const QString jwt = makeJwt(nowSeconds() + 60, QStringLiteral("t1"));
        calls[0].done(std::nullopt, SecretToken(jwt));
        flushEvents();
        QCOMPARE(a.values.size(), size_t(1));
        QCOMPARE(a.values[0], std::optional<QString>(jwt));

        // 30 s later (well before exp − 10 s leeway): served from the cache.
        clock->advance(30'000);
        provider->fetch(false, a.sink());
        flushEvents();
        QCOMPARE(calls.size(), size_t(1));
        QCOMPARE(a.values.back(), std::optional<QString>(jwt));

        // 51 s after issue, inside the leeway: a new request.
        clock->advance(21'000);
        provider->fetch(false, a.sink());
        QCOMPARE(calls.size(), size_t(2));
    }

    void forceRefreshSkipsCache()
    {
        Answers a;
        provider->fetch(false, a.sink());
        calls[0].done(std::nullopt, SecretToken(makeJwt(nowSeconds() + 3600, QStringLiteral("t1"))));
        flushEvents();
        provider->fetch(true, a.sink());
        QCOMPARE(calls.size(), size_t(2));
        QVERIFY(calls[1].skipCache);
        const QString fresh = makeJwt(nowSeconds() + 3600, QStringLiteral("t2"));
        calls[1].done(std::nullopt, SecretToken(fresh));
        flushEvents();
        QCOMPARE(a.values.back(), std::optional<QString>(fresh));
        // The fresh token replaced the cached one.
        provider->fetch(false, a.sink());
        flushEvents();
        QCOMPARE(a.values.back(), std::optional<QString>(fresh));
        QCOMPARE(calls.size(), size_t(2));
    }

    void concurrentRequestsCoalesce()
    {
        Answers a;
        provider->fetch(false, a.sink());
        provider->fetch(true, a.sink());
        provider->fetch(false, a.sink());
        QCOMPARE(calls.size(), size_t(1));
        const QString jwt = makeJwt(nowSeconds() + 60, QStringLiteral("t1"));
        calls[0].done(std::nullopt, SecretToken(jwt));
        flushEvents();
        QCOMPARE(a.values.size(), size_t(3));
        for (const auto &v : a.values)
            QCOMPARE(v, std::optional<QString>(jwt));
    }

    void networkFailuresRetryWithBackoffAndRecover()
    {
        QSignalSpy gone(provider, &ConvexTokenProvider::sessionGone);
        Answers a;
        provider->fetch(false, a.sink());
        calls[0].done(errorOf(FapiError::Kind::Network), {});
        QCOMPARE(clock->nextDelay(), 1000);
        clock->advance(999);
        QCOMPARE(calls.size(), size_t(1));
        clock->advance(1);
        QCOMPARE(calls.size(), size_t(2));
        QVERIFY(calls[1].skipCache); // retries ask Clerk for a fresh token
        calls[1].done(errorOf(FapiError::Kind::Server), {});
        QCOMPARE(clock->nextDelay(), 2000);
        // A caller arriving during the backoff joins the wait, no extra request.
        provider->fetch(false, a.sink());
        clock->advance(2000);
        QCOMPARE(calls.size(), size_t(3));
        // 429 with Retry-After longer than the backoff is honoured.
        calls[2].done(errorOf(FapiError::Kind::RateLimited, 9), {});
        QCOMPARE(clock->nextDelay(), 9000);
        clock->advance(9000);
        QCOMPARE(calls.size(), size_t(4));
        const QString jwt = makeJwt(nowSeconds() + 60, QStringLiteral("ok"));
        calls[3].done(std::nullopt, SecretToken(jwt));
        flushEvents();
        QCOMPARE(a.values.size(), size_t(2));
        QCOMPARE(a.values[0], std::optional<QString>(jwt));
        QCOMPARE(a.values[1], std::optional<QString>(jwt));
        QCOMPARE(gone.count(), 0);
    }

    void backoffIsCappedAndGivesUpWithoutSigningOut()
    {
        ConvexTokenProvider::RetryPolicy policy;
        policy.initialDelayMs = 1000;
        policy.factor = 10;
        policy.maxDelayMs = 5000;
        policy.maxAttempts = 4;
        provider->setRetryPolicy(policy);
        QSignalSpy gone(provider, &ConvexTokenProvider::sessionGone);
        QSignalSpy unavailable(provider, &ConvexTokenProvider::tokenUnavailable);
        Answers a;
        provider->fetch(false, a.sink());
        QList<qint64> delays;
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(calls.size(), size_t(i + 1));
            calls[i].done(errorOf(FapiError::Kind::Network), {});
            if (i < 3) {
                delays.append(clock->nextDelay());
                clock->advance(clock->nextDelay());
            }
        }
        QCOMPARE(delays, (QList<qint64>{1000, 5000, 5000}));
        QCOMPARE(clock->pendingTimers(), size_t(0));
        flushEvents();
        QCOMPARE(a.values.size(), size_t(1));
        QVERIFY(!a.values[0].has_value());
        QCOMPARE(unavailable.count(), 1);
        QCOMPARE(gone.count(), 0);
        QCOMPARE(provider->sessionId(), QStringLiteral("sess_1")); // still signed in
        // The next fetch starts afresh.
        provider->fetch(false, a.sink());
        QCOMPARE(calls.size(), size_t(5));
    }

    void sessionGoneAnswersNullAndSignals()
    {
        QSignalSpy gone(provider, &ConvexTokenProvider::sessionGone);
        Answers a;
        provider->fetch(false, a.sink());
        provider->fetch(false, a.sink());
        calls[0].done(errorOf(FapiError::Kind::SessionEnded), {});
        flushEvents();
        QCOMPARE(a.values.size(), size_t(2));
        QVERIFY(!a.values[0] && !a.values[1]);
        QCOMPARE(gone.count(), 1);
        QCOMPARE(clock->pendingTimers(), size_t(0)); // no retry
    }

    void configErrorIsNotRetried()
    {
        QSignalSpy unavailable(provider, &ConvexTokenProvider::tokenUnavailable);
        Answers a;
        provider->fetch(false, a.sink());
        calls[0].done(errorOf(FapiError::Kind::TemplateNotFound), {});
        flushEvents();
        QCOMPARE(unavailable.count(), 1);
        QCOMPARE(clock->pendingTimers(), size_t(0));
        QVERIFY(!a.values.at(0).has_value());
    }

    void sessionSwitchDropsCacheAndStaleAnswers()
    {
        Answers a;
        provider->fetch(false, a.sink());
        provider->setSession(QStringLiteral("sess_2"), QStringLiteral("convex"), false);
        flushEvents();
        QCOMPARE(a.values.size(), size_t(1)); // the waiter of the old session got null
        QVERIFY(!a.values[0]);
        // The old session's late answer must not be served for the new one.
        calls[0].done(std::nullopt, SecretToken(makeJwt(nowSeconds() + 60, QStringLiteral("old"))));
        provider->fetch(false, a.sink());
        QCOMPARE(calls.size(), size_t(2));
        QCOMPARE(calls[1].sessionId, QStringLiteral("sess_2"));
    }

    void sessionTokenWhenTemplateEmptyOrAudienceIsConvex()
    {
        provider->setSession(QStringLiteral("sess_1"), QString(), false);
        Answers a;
        provider->fetch(false, a.sink());
        QCOMPARE(calls.back().templateName, QString());
        calls.back().done(std::nullopt, SecretToken(makeJwt(nowSeconds() + 60, QStringLiteral("s"))));
        provider->setSession(QStringLiteral("sess_1"), QStringLiteral("convex"), true);
        provider->fetch(false, a.sink());
        QCOMPARE(calls.back().templateName, QString());
        provider->setSession(QStringLiteral("sess_1"), QStringLiteral("convex"), false);
        provider->fetch(false, a.sink());
        QCOMPARE(calls.back().templateName, QStringLiteral("convex"));
    }

    void tokenWithoutExpIsNotCached()
    {
        Answers a;
        provider->fetch(false, a.sink());
        calls[0].done(std::nullopt, SecretToken(QStringLiteral("opaque-token")));
        flushEvents();
        QCOMPARE(a.values[0], std::optional<QString>(QStringLiteral("opaque-token")));
        provider->fetch(false, a.sink());
        QCOMPARE(calls.size(), size_t(2));
    }

    void fetcherOutlivesProvider()
    {
        ConvexAuthFetcher fetcher = provider->fetcher();
        Answers a;
        fetcher(false, a.sink());
        QCOMPARE(calls.size(), size_t(1));
        delete provider;
        provider = nullptr;
        fetcher(false, a.sink());
        QCOMPARE(a.values.size(), size_t(1));
        QVERIFY(!a.values[0]);
        calls[0].done(std::nullopt, SecretToken(QStringLiteral("late"))); // must not crash
    }
};

QTEST_GUILESS_MAIN(TestTokenProvider)
#include "tst_app_tokenprovider.moc"
