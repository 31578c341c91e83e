// SPDX-License-Identifier: MIT
// Function paths, query tokens and request ids (§9, §14.3, §14.4); the token wrapper and
// JWT claim decoding; the QTimer-backed scheduler.

#include "enginetestharness.h"

#include "core/authtoken.h"
#include "core/udfpath.h"

#include <QEventLoop>
#include <QTest>

using namespace convex;
using namespace convex::core;

class TestCorePaths : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void canonicalize_data();
    void canonicalize();
    void queryTokenVector();
    void queryTokenIgnoresKeyOrderAndJsSuffix();
    void queryTokenRejectsBadArgs();
    void serverRequestIdVectors_data();
    void serverRequestIdVectors();
    void pathValidation_data();
    void pathValidation();
    void jwtTimes();
    void jwtGarbage_data();
    void jwtGarbage();
    void qtSchedulerFiresAndCancels();
};

void TestCorePaths::canonicalize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"messages:list"_qs << u"messages:list"_qs;
    QTest::newRow("default") << u"messages"_qs << u"messages:default"_qs;
    QTest::newRow("js suffix") << u"messages.js:list"_qs << u"messages:list"_qs;
    QTest::newRow("js default") << u"messages.js"_qs << u"messages:default"_qs;
    QTest::newRow("dir") << u"dir/file:fn"_qs << u"dir/file:fn"_qs;
    QTest::newRow("dir js") << u"dir/file.js"_qs << u"dir/file:default"_qs;
    QTest::newRow("default module") << u"default"_qs << u"default:default"_qs;
    QTest::newRow("two colons") << u"a:b:c"_qs << u"a:b:c"_qs;
}

void TestCorePaths::canonicalize()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(canonicalizeUdfPath(input), expected);
}

void TestCorePaths::queryTokenVector()
{
    const Value args(ValueObject{{u"b"_qs, Value::int64(2)}, {u"a"_qs, Value::float64(1)}});
    const Result<QueryToken> token = makeQueryToken(u"messages.js:list"_qs, args);
    QVERIFY(token.ok());
    QCOMPARE(*token, uR"({"udfPath":"messages:list","args":{"a":1,"b":{"$integer":"AgAAAAAAAAA="}}})"_qs);
}

void TestCorePaths::queryTokenIgnoresKeyOrderAndJsSuffix()
{
    ValueObject first;
    first.insert(u"z"_qs, Value(u"é\"quote"));
    first.insert(u"a"_qs, Value(true));
    ValueObject second;
    second.insert(u"a"_qs, Value(true));
    second.insert(u"z"_qs, Value(u"é\"quote"));
    const auto a = makeQueryToken(u"m:f"_qs, Value(first));
    const auto b = makeQueryToken(u"m.js:f"_qs, Value(second));
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(*a, *b);
    QVERIFY(*makeQueryToken(u"m:g"_qs, Value(first)) != *a);
}

void TestCorePaths::queryTokenRejectsBadArgs()
{
    QVERIFY(!makeQueryToken(u"m:f"_qs, Value(ValueArray{})).ok());
    QVERIFY(!makeQueryToken(u"m:f"_qs, Value()).ok());
    const auto bad = makeQueryToken(u"m:f"_qs, Value(ValueObject{{u"$bad"_qs, Value(true)}}));
    QVERIFY(!bad.ok());
    QVERIFY(!bad.error().isEmpty());
}

void TestCorePaths::serverRequestIdVectors_data()
{
    QTest::addColumn<QString>("sessionId");
    QTest::addColumn<quint32>("requestId");
    QTest::addColumn<QString>("expected");
    QTest::newRow("zero 0") << u"00000000-0000-4000-8000-000000000000"_qs << 0u << u"21b6a12b5b8a3df1"_qs;
    QTest::newRow("zero 1") << u"00000000-0000-4000-8000-000000000000"_qs << 1u << u"75e4000803f4a4bf"_qs;
    QTest::newRow("session 3") << u"dc50c4fc-2a68-4e70-88cc-17ee1263e352"_qs << 3u << u"0707409d7d8893a3"_qs;
}

void TestCorePaths::serverRequestIdVectors()
{
    QFETCH(QString, sessionId);
    QFETCH(quint32, requestId);
    QFETCH(QString, expected);
    QCOMPARE(serverRequestId(sessionId, requestId), expected);
}

void TestCorePaths::pathValidation_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");
    QTest::newRow("plain") << u"messages:list"_qs << true;
    QTest::newRow("default export") << u"messages"_qs << true;
    QTest::newRow("js") << u"dir/sub_dir/file.js:fn_2"_qs << true;
    QTest::newRow("system") << u"_system/frontend/x:y"_qs << true;
    QTest::newRow("dotted dir") << u"v1.2/file:fn"_qs << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("two colons") << u"a:b:c"_qs << false;
    QTest::newRow("ts extension") << u"messages.ts:list"_qs << false;
    QTest::newRow("api dotted") << u"api.messages.list"_qs << false;
    QTest::newRow("absolute") << u"/messages:list"_qs << false;
    QTest::newRow("empty export") << u"messages:"_qs << false;
    QTest::newRow("digit export") << u"messages:1x"_qs << false;
    QTest::newRow("underscore export") << u"messages:__"_qs << false;
    QTest::newRow("dash") << u"my-file:fn"_qs << false;
    QTest::newRow("dotdot") << u"../x:fn"_qs << false;
    QTest::newRow("empty component") << u"a//b:fn"_qs << false;
    QTest::newRow("long export") << u"m:"_qs + QString(65, u'x') << false;
    QTest::newRow("long file") << QString(62, u'x') + u":f"_qs << false;
    QTest::newRow("file at limit") << QString(61, u'x') + u":f"_qs << true;
}

void TestCorePaths::pathValidation()
{
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QCOMPARE(udfPathError(path).isEmpty(), valid);
}

void TestCorePaths::jwtTimes()
{
    const auto times = decodeJwtTimes(AuthToken(test::makeJwt(100, 3700, u"x"_qs)));
    QVERIFY(times);
    QCOMPARE(times->issuedAt, std::optional<double>(100));
    QCOMPARE(times->expiresAt, std::optional<double>(3700));
    const auto noIat = decodeJwtTimes(AuthToken(test::makeJwt(-1, 3700, u"x"_qs)));
    QVERIFY(noIat && !noIat->issuedAt && noIat->expiresAt);
}

void TestCorePaths::jwtGarbage_data()
{
    QTest::addColumn<QString>("token");
    QTest::newRow("empty") << QString();
    QTest::newRow("one part") << u"abc"_qs;
    QTest::newRow("bad base64") << u"a.!!!.c"_qs;
    QTest::newRow("not json") << u"a.bm90IGpzb24.c"_qs;
    QTest::newRow("json array") << u"a.WzFd.c"_qs;
}

void TestCorePaths::jwtGarbage()
{
    QFETCH(QString, token);
    QVERIFY(!decodeJwtTimes(AuthToken(token)));
}

void TestCorePaths::qtSchedulerFiresAndCancels()
{
    QtScheduler scheduler;
    QVERIFY(scheduler.nowMs() > 1700000000000);
    QStringList fired;
    const TimerId cancelled = scheduler.start(0, [&] { fired.append(u"cancelled"_qs); });
    scheduler.start(1, [&] { fired.append(u"second"_qs); });
    scheduler.start(0, [&] { fired.append(u"first"_qs); });
    QVERIFY(cancelled != 0);
    scheduler.cancel(cancelled);
    scheduler.cancel(9999);  // unknown: ignored
    QVERIFY(fired.isEmpty());  // never synchronously from start()
    QTRY_COMPARE_WITH_TIMEOUT(fired.size(), 2, 5000);
    fired.sort();  // no timing assumption about which fires first
    QCOMPARE(fired, (QStringList{u"first"_qs, u"second"_qs}));
}

QTEST_GUILESS_MAIN(TestCorePaths)
#include "tst_core_paths.moc"
