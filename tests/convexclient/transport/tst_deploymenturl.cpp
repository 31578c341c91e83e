// SPDX-License-Identifier: MIT
// Deployment URL → sync URL mapping and validation (protocol reference §2.1).
#include "transport/deploymenturl.h"

#include <convexclient/version.h>

#include <QTest>

using convex::transport::isLoopbackHost;
using convex::transport::syncUrlForDeployment;

class TestDeploymentUrl : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void mapsValidUrls_data()
    {
        QTest::addColumn<QString>("deployment");
        QTest::addColumn<QString>("expected");
        const QString v = convex::referenceClientVersion();
        QTest::newRow("https cloud") << u"https://happy-animal-123.convex.cloud"_qs
                                     << u"wss://happy-animal-123.convex.cloud/api/%1/sync"_qs.arg(v);
        QTest::newRow("trailing slash stripped") << u"https://a.convex.cloud/"_qs
                                                 << u"wss://a.convex.cloud/api/%1/sync"_qs.arg(v);
        QTest::newRow("several slashes") << u"https://a.convex.cloud///"_qs
                                         << u"wss://a.convex.cloud/api/%1/sync"_qs.arg(v);
        QTest::newRow("path kept") << u"https://proxy.example.com/convex/"_qs
                                   << u"wss://proxy.example.com/convex/api/%1/sync"_qs.arg(v);
        QTest::newRow("port kept") << u"https://example.com:8443"_qs
                                   << u"wss://example.com:8443/api/%1/sync"_qs.arg(v);
        QTest::newRow("http localhost") << u"http://localhost:3210"_qs
                                        << u"ws://localhost:3210/api/%1/sync"_qs.arg(v);
        QTest::newRow("http 127.0.0.1") << u"http://127.0.0.1:3210/"_qs
                                        << u"ws://127.0.0.1:3210/api/%1/sync"_qs.arg(v);
        QTest::newRow("http 127/8") << u"http://127.4.5.6"_qs
                                    << u"ws://127.4.5.6/api/%1/sync"_qs.arg(v);
        QTest::newRow("http ::1") << u"http://[::1]:3210"_qs
                                  << u"ws://[::1]:3210/api/%1/sync"_qs.arg(v);
        QTest::newRow("upper-case scheme") << u"HTTPS://a.convex.cloud"_qs
                                           << u"wss://a.convex.cloud/api/%1/sync"_qs.arg(v);
    }
    void mapsValidUrls()
    {
        QFETCH(QString, deployment);
        QFETCH(QString, expected);
        const auto url = syncUrlForDeployment(QUrl(deployment));
        QVERIFY2(url.ok(), qPrintable(url.error()));
        QCOMPARE(url->toString(), expected);
    }

    void rejectsBadUrls_data()
    {
        QTest::addColumn<QString>("deployment");
        QTest::addColumn<QString>("errorContains");
        QTest::newRow("plain http remote") << u"http://a.convex.cloud"_qs << u"unencrypted"_qs;
        QTest::newRow("plain http lan ip") << u"http://192.168.1.5:3210"_qs << u"unencrypted"_qs;
        QTest::newRow("http localhost lookalike") << u"http://localhost.evil.com"_qs
                                                  << u"unencrypted"_qs;
        QTest::newRow("convex.site") << u"https://a.convex.site"_qs << u".convex.site"_qs;
        QTest::newRow("ws scheme") << u"wss://a.convex.cloud"_qs << u"https://"_qs;
        QTest::newRow("ftp scheme") << u"ftp://a.convex.cloud"_qs << u"https://"_qs;
        QTest::newRow("no scheme") << u"a.convex.cloud"_qs << u"https://"_qs;
        QTest::newRow("empty") << QString() << u"not a valid URL"_qs;
        QTest::newRow("query") << u"https://a.convex.cloud/?x=1"_qs << u"query"_qs;
        QTest::newRow("fragment") << u"https://a.convex.cloud/#x"_qs << u"fragment"_qs;
        QTest::newRow("user info") << u"https://u:p@a.convex.cloud"_qs << u"credentials"_qs;
    }
    void rejectsBadUrls()
    {
        QFETCH(QString, deployment);
        QFETCH(QString, errorContains);
        const auto url = syncUrlForDeployment(QUrl(deployment));
        QVERIFY(!url.ok());
        QVERIFY2(url.error().contains(errorContains), qPrintable(url.error()));
    }

    void loopbackHosts()
    {
        QVERIFY(isLoopbackHost(u"localhost"_qs));
        QVERIFY(isLoopbackHost(u"LOCALHOST"_qs));
        QVERIFY(isLoopbackHost(u"127.0.0.1"_qs));
        QVERIFY(isLoopbackHost(u"127.255.0.9"_qs));
        QVERIFY(isLoopbackHost(u"::1"_qs));
        QVERIFY(!isLoopbackHost(u"128.0.0.1"_qs));
        QVERIFY(!isLoopbackHost(u"10.0.0.1"_qs));
        QVERIFY(!isLoopbackHost(u"::2"_qs));
        QVERIFY(!isLoopbackHost(u"localhost.example"_qs));
        QVERIFY(!isLoopbackHost(QString()));
    }
};

QTEST_GUILESS_MAIN(TestDeploymentUrl)
#include "tst_deploymenturl.moc"
