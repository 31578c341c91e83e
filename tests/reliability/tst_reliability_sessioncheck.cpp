// SPDX-License-Identifier: MIT
// Unit test of the fix found by tst_reliability_auth: with setWaitForSessionCheck() (what the
// SessionController uses), a token 401 keeps the Convex client's request waiting until the
// session check decides, instead of answering "no token" at once and leaving Convex signed out
// while the session is still valid. Fake minter, fake clock.

#include "fakescheduler.h"
#include "session/convextokenprovider.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace qonvex::app;
using qonvex::test::FakeScheduler;

namespace {

struct MintCall {
    bool skipCache = false;
    std::function<void(std::optional<FapiError>, SecretToken)> done;
};

QString jwtExpiringAt(qint64 expSeconds)
{
    auto part = [](const QJsonObject &o) {
        return QString::fromLatin1(QJsonDocument(o).toJson(QJsonDocument::Compact).toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    return part({{QStringLiteral("alg"), QStringLiteral("RS256")}}) + QLatin1Char('.')
        + part({{QStringLiteral("exp"), expSeconds}, {QStringLiteral("iat"), expSeconds - 60}}) + QStringLiteral(".sig");
}

FapiError sessionEnded()
{
    FapiError e;
    e.kind = FapiError::Kind::SessionEnded;
    e.code = QStringLiteral("authentication_invalid");
    return e;
}

} // namespace

class TestSessionCheck : public QObject {
    Q_OBJECT

    FakeScheduler *clock = nullptr;
    ConvexTokenProvider *provider = nullptr;
    std::vector<MintCall> calls;
    std::vector<std::optional<QString>> answers;

    void fetch()
    {
        provider->fetch(true, [this](std::optional<QString> t) { answers.push_back(std::move(t)); });
    }
    static void flush() { QCoreApplication::processEvents(); }

private Q_SLOTS:
    void init()
    {
        calls.clear();
        answers.clear();
        clock = new FakeScheduler(1'800'000'000'000);
        provider = new ConvexTokenProvider(
            [this](const QString &, const QString &, bool skipCache,
                   std::function<void(std::optional<FapiError>, SecretToken)> done) {
                calls.push_back({skipCache, std::move(done)});
            },
            clock);
        provider->setWaitForSessionCheck(true);
        provider->setSession(QStringLiteral("sess_1"), QStringLiteral("convex"), false);
    }
    void cleanup()
    {
        delete provider;
        delete clock;
    }

    void stillActiveSessionRetriesInsteadOfAnsweringNoToken()
    {
        QSignalSpy gone(provider, &ConvexTokenProvider::sessionGone);
        fetch();
        calls.at(0).done(sessionEnded(), {});
        flush();
        QCOMPARE(gone.count(), 1);
        QVERIFY(answers.empty()); // the caller still waits
        fetch();                  // a second caller joins, no extra request
        QCOMPARE(calls.size(), size_t(1));
        provider->sessionCheckDone(true);
        QCOMPARE(clock->nextDelay(), 1000); // retried with backoff, not in a tight loop
        clock->advance(1000);
        QCOMPARE(calls.size(), size_t(2));
        QVERIFY(calls.at(1).skipCache);
        const QString jwt = jwtExpiringAt(1'800'000'000 + 60);
        calls.at(1).done(std::nullopt, SecretToken(jwt));
        flush();
        QCOMPARE(answers.size(), size_t(2));
        QCOMPARE(answers.at(0), std::optional<QString>(jwt));
        QCOMPARE(answers.at(1), std::optional<QString>(jwt));
    }

    void goneSessionAnswersNoToken()
    {
        fetch();
        calls.at(0).done(sessionEnded(), {});
        flush();
        QVERIFY(answers.empty());
        provider->sessionCheckDone(false);
        flush();
        QCOMPARE(answers.size(), size_t(1));
        QCOMPARE(answers.at(0), std::optional<QString>());
        QCOMPARE(clock->pendingTimers(), size_t(0));
    }

    void signOutDuringTheCheckAnswersNoToken()
    {
        fetch();
        calls.at(0).done(sessionEnded(), {});
        provider->clearSession();
        flush();
        QCOMPARE(answers.size(), size_t(1));
        QCOMPARE(answers.at(0), std::optional<QString>());
        provider->sessionCheckDone(true); // too late: nothing happens
        QCOMPARE(clock->pendingTimers(), size_t(0));
        QCOMPARE(calls.size(), size_t(1));
    }

    void repeated401sEndAfterMaxAttempts()
    {
        ConvexTokenProvider::RetryPolicy policy;
        policy.maxAttempts = 3;
        provider->setRetryPolicy(policy);
        QSignalSpy unavailable(provider, &ConvexTokenProvider::tokenUnavailable);
        fetch();
        for (size_t i = 0; i < 3; ++i) {
            QCOMPARE(calls.size(), i + 1);
            calls.at(i).done(sessionEnded(), {});
            provider->sessionCheckDone(true);
            clock->advance(std::max<qint64>(clock->nextDelay(), 0));
        }
        flush();
        QCOMPARE(calls.size(), size_t(3));
        QCOMPARE(answers.size(), size_t(1));
        QCOMPARE(answers.at(0), std::optional<QString>());
        QCOMPARE(unavailable.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSessionCheck)
#include "tst_reliability_sessioncheck.moc"
