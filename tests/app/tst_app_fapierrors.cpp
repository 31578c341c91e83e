// SPDX-License-Identifier: MIT
// Clerk error JSON → typed errors; token redaction; client/session/JWT parsing.

#include "clerk/clerkmodels.h"
#include "clerk/fapierror.h"
#include "secrets/secrettoken.h"

#include <QJsonDocument>
#include <QTest>

using namespace qonvex::app;
using Kind = FapiError::Kind;

Q_DECLARE_METATYPE(FapiError::Kind)

namespace {
QByteArray clerkError(const char *code, const char *longMessage = "")
{
    return QByteArray(R"({"errors":[{"message":"m","long_message":")") + longMessage + R"(","code":")" + code
           + R"(","meta":{}}],"clerk_trace_id":"t"})";
}
QByteArray jwtWithPayload(const QByteArray &json)
{
    return "eyJhbGciOiJSUzI1NiJ9." + json.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) + ".c2ln";
}
} // namespace

class TestFapiErrors : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mapsErrors_data()
    {
        QTest::addColumn<int>("network");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<Kind>("kind");
        QTest::addColumn<QString>("code");
        const int ok = QNetworkReply::NoError;
        const int content = QNetworkReply::ContentAccessDenied;
        QTest::newRow("refused") << int(QNetworkReply::ConnectionRefusedError) << 0 << QByteArray() << Kind::Network << QString();
        QTest::newRow("timeout") << int(QNetworkReply::TimeoutError) << 0 << QByteArray() << Kind::Network << QString();
        QTest::newRow("cancelled") << int(QNetworkReply::OperationCanceledError) << 0 << QByteArray() << Kind::Cancelled << QString();
        QTest::newRow("500") << int(QNetworkReply::InternalServerError) << 500 << QByteArray("oops") << Kind::Server << QString();
        QTest::newRow("503 json") << int(QNetworkReply::ServiceUnavailableError) << 503 << clerkError("internal") << Kind::Server << QStringLiteral("internal");
        QTest::newRow("429") << ok << 429 << clerkError("too_many_requests") << Kind::RateLimited << QStringLiteral("too_many_requests");
        QTest::newRow("signed out") << content << 401 << clerkError("signed_out", "You are signed out") << Kind::SignedOut << QStringLiteral("signed_out");
        QTest::newRow("auth invalid") << content << 401 << clerkError("authentication_invalid") << Kind::SessionEnded << QStringLiteral("authentication_invalid");
        QTest::newRow("session revoked") << content << 401 << clerkError("session_revoked") << Kind::SessionEnded << QStringLiteral("session_revoked");
        QTest::newRow("session expired") << content << 401 << clerkError("session_expired") << Kind::SessionEnded << QStringLiteral("session_expired");
        QTest::newRow("no session") << int(QNetworkReply::ContentNotFoundError) << 404
                                    << clerkError("resource_not_found", "No session was found with id sess_1") << Kind::SessionEnded
                                    << QStringLiteral("resource_not_found");
        QTest::newRow("no template") << int(QNetworkReply::ContentNotFoundError) << 404
                                     << clerkError("resource_not_found", "No JWT template exists with name: convex") << Kind::TemplateNotFound
                                     << QStringLiteral("resource_not_found");
        QTest::newRow("pkce") << ok << 422 << clerkError("pkce_verification_failed") << Kind::PkceFailed << QStringLiteral("pkce_verification_failed");
        QTest::newRow("native off") << ok << 400 << clerkError("native_api_disabled") << Kind::NativeApiDisabled << QStringLiteral("native_api_disabled");
        QTest::newRow("bad nonce") << ok << 400 << clerkError("rotating_token_nonce_invalid") << Kind::Rejected << QStringLiteral("rotating_token_nonce_invalid");
        QTest::newRow("401 no json") << content << 401 << QByteArray("<html>") << Kind::SignedOut << QString();
        QTest::newRow("400 garbage") << ok << 400 << QByteArray("\xff\xfe{") << Kind::Rejected << QString();
    }
    void mapsErrors()
    {
        QFETCH(int, network);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(Kind, kind);
        QFETCH(QString, code);
        const FapiError e = mapFapiError(QNetworkReply::NetworkError(network), status, body);
        QCOMPARE(e.kind, kind);
        QCOMPARE(e.code, code);
        QCOMPARE(e.httpStatus, status);
        QVERIFY(!e.describe().isEmpty());
    }

    void classifiesForRetryAndSignOut()
    {
        QVERIFY(mapFapiError(QNetworkReply::HostNotFoundError, 0, {}).isTransient());
        QVERIFY(!mapFapiError(QNetworkReply::HostNotFoundError, 0, {}).isSessionGone());
        QVERIFY(mapFapiError(QNetworkReply::NoError, 502, {}).isTransient());
        QVERIFY(mapFapiError(QNetworkReply::NoError, 401, clerkError("authentication_invalid")).isSessionGone());
        QVERIFY(!mapFapiError(QNetworkReply::NoError, 401, clerkError("authentication_invalid")).isTransient());
        QVERIFY(!mapFapiError(QNetworkReply::NoError, 422, clerkError("pkce_verification_failed")).isSessionGone());
    }

    void readsRetryAfterAndMessage()
    {
        const FapiError e = mapFapiError(QNetworkReply::NoError, 429, clerkError("too_many_requests", "Slow  down\nplease"), "7");
        QCOMPARE(e.retryAfterSeconds, 7);
        QCOMPARE(e.message, QStringLiteral("Slow down please"));
        QCOMPARE(mapFapiError(QNetworkReply::NoError, 429, {}, "soon").retryAfterSeconds, -1);
    }

    void readsSessionStatusFromMeta()
    {
        const FapiError e = mapFapiError(QNetworkReply::ContentAccessDenied, 401,
                                         R"({"errors":[{"code":"authentication_invalid","meta":{"session_status":"revoked"}}]})");
        QCOMPARE(e.kind, Kind::SessionEnded);
        QCOMPARE(e.sessionStatus, QStringLiteral("revoked"));
    }

    void secretTokenNeverPrintsItself()
    {
        const SecretToken token(QStringLiteral("eyJhbGciOiJSUzI1NiJ9.very-secret-payload.sigXYZ9"));
        QString printed;
        QDebug(&printed) << token;
        QVERIFY2(!printed.contains(QLatin1String("very-secret")), qPrintable(printed));
        QVERIFY(printed.contains(QLatin1String("XYZ9")));
        QVERIFY(printed.startsWith(QLatin1String("SecretToken(")));
        // Short values show proportionally less.
        QString shortPrinted;
        QDebug(&shortPrinted) << SecretToken(QStringLiteral("abc"));
        QVERIFY(!shortPrinted.contains(QLatin1String("abc")));
    }

    void readsJwtClaimsWithoutTrusting()
    {
        const QJsonObject claims = unverifiedJwtClaims(jwtWithPayload(R"({"aud":"convex","exp":1800000060})"));
        QCOMPARE(claims.value(QLatin1String("exp")).toInteger(), 1800000060);
        QVERIFY(jwtHasAudience(claims, QStringLiteral("convex")));
        QVERIFY(jwtHasAudience(unverifiedJwtClaims(jwtWithPayload(R"({"aud":["x","convex"]})")), QStringLiteral("convex")));
        QVERIFY(!jwtHasAudience(unverifiedJwtClaims(jwtWithPayload(R"({"aud":"other"})")), QStringLiteral("convex")));
        QVERIFY(unverifiedJwtClaims("not-a-jwt").isEmpty());
        QVERIFY(unverifiedJwtClaims("a.b.c.d").isEmpty());
        QVERIFY(unverifiedJwtClaims("a.!!!.c").isEmpty());
        QVERIFY(unverifiedJwtClaims("").isEmpty());
    }

    void parsesClientAndPicksActiveSession()
    {
        const QByteArray json = R"({"object":"client","id":"client_1","last_active_session_id":"sess_2","sessions":[
            {"object":"session","id":"sess_1","status":"active","user":{"id":"user_1"},"public_user_data":{"identifier":"a@x.com","first_name":"Ada","last_name":"L"}},
            {"object":"session","id":"sess_2","status":"revoked","user":{"id":"user_1"}}]})";
        const auto client = parseClerkClient(QJsonDocument::fromJson(json).object());
        QVERIFY(client);
        QCOMPARE(client->sessions.size(), 2);
        // The last active session is revoked, so another active one is chosen.
        QVERIFY(client->activeSession());
        QCOMPARE(client->activeSession()->id, QStringLiteral("sess_1"));
        QCOMPARE(client->activeSession()->userIdentifier, QStringLiteral("a@x.com"));
        QCOMPARE(client->activeSession()->userDisplayName, QStringLiteral("Ada L"));
        QVERIFY(!parseClerkClient(QJsonObject()));
        QVERIFY(!parseClerkClient(QJsonDocument::fromJson(R"({"object":"session"})").object()));
    }
};

QTEST_GUILESS_MAIN(TestFapiErrors)
#include "tst_app_fapierrors.moc"
