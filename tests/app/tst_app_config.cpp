// SPDX-License-Identifier: MIT
// Publishable key parsing, service URL validation and the whole configuration check.

#include "config/clerkconfig.h"

#include <QTest>

using namespace qonvex::app;

class TestAppConfig : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void parsesKnownKeys_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QString>("host");
        QTest::addColumn<bool>("production");
        // Worked examples from the reference (§1.1, §7).
        QTest::newRow("dev") << QByteArray("pk_test_dmVyYi1ub3VuLTAwLmNsZXJrLmFjY291bnRzLmRldiQ")
                             << QStringLiteral("verb-noun-00.clerk.accounts.dev") << false;
        QTest::newRow("live") << QByteArray("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k") << QStringLiteral("clerk.example.com") << true;
        QTest::newRow("loopback with port") << QByteArray("pk_test_MTI3LjAuMC4xOjg0NDMk") << QStringLiteral("127.0.0.1:8443") << false;
        QTest::newRow("padded and spaced") << QByteArray("  pk_live_Y2xlcmsuZXhhbXBsZS5jb20k  ") << QStringLiteral("clerk.example.com") << true;
    }
    void parsesKnownKeys()
    {
        QFETCH(QByteArray, key);
        QFETCH(QString, host);
        QFETCH(bool, production);
        const auto info = parsePublishableKey(key);
        QVERIFY2(info.ok(), qPrintable(info.error()));
        QCOMPARE(info->frontendApiHost, host);
        QCOMPARE(info->instanceType == ClerkInstanceType::Production, production);
    }

    void rejectsMalformedKeys_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("secret key") << QByteArray("sk_test_dmVyYi1ub3VuLTAwLmNsZXJrLmFjY291bnRzLmRldiQ");
        QTest::newRow("prefix only") << QByteArray("pk_test_");
        QTest::newRow("extra underscore") << QByteArray("pk_test_abc_Y2xlcmsuZXhhbXBsZS5jb20k");
        QTest::newRow("not base64") << QByteArray("pk_test_!!!!");
        QTest::newRow("no dollar") << QByteArray("pk_test_") + QByteArray("clerk.example.com").toBase64(QByteArray::OmitTrailingEquals);
        QTest::newRow("two dollars") << QByteArray("pk_test_") + QByteArray("clerk.exa$mple.com$").toBase64(QByteArray::OmitTrailingEquals);
        QTest::newRow("no dot") << QByteArray("pk_test_") + QByteArray("localhost$").toBase64(QByteArray::OmitTrailingEquals);
        QTest::newRow("path in host") << QByteArray("pk_test_") + QByteArray("evil.com/x$").toBase64(QByteArray::OmitTrailingEquals);
        QTest::newRow("userinfo") << QByteArray("pk_test_") + QByteArray("a@evil.com$").toBase64(QByteArray::OmitTrailingEquals);
        QTest::newRow("binary") << QByteArray("pk_test_") + QByteArray("\x01\x02.\xff$", 5).toBase64(QByteArray::OmitTrailingEquals);
    }
    void rejectsMalformedKeys()
    {
        QFETCH(QByteArray, key);
        const auto info = parsePublishableKey(key);
        QVERIFY(!info.ok());
        QVERIFY(!info.error().isEmpty());
    }

    void survivesArbitraryBytes()
    {
        // A cheap stand-in for fuzzing: every prefix of some tricky inputs parses or errors.
        const QByteArray inputs[] = {"pk_test_MTI3LjAuMC4xOjg0NDMk", "pk_live_////", QByteArray(300, '_'),
                                     QByteArray("pk_test_\0\0\0", 11)};
        for (const auto &input : inputs)
            for (qsizetype n = 0; n <= input.size(); ++n)
                (void)parsePublishableKey(QByteArrayView(input).first(n));
        QVERIFY(parsePublishableKey(inputs[0]).ok());
    }

    void validatesServiceUrls_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("ok");
        QTest::newRow("https") << QStringLiteral("https://clerk.example.com") << true;
        QTest::newRow("https trailing slash") << QStringLiteral("https://clerk.example.com/") << true;
        QTest::newRow("http loopback v4") << QStringLiteral("http://127.0.0.1:3210") << true;
        QTest::newRow("http localhost") << QStringLiteral("http://localhost:3210") << true;
        QTest::newRow("http loopback v6") << QStringLiteral("http://[::1]:3210") << true;
        QTest::newRow("http remote") << QStringLiteral("http://clerk.example.com") << false;
        QTest::newRow("http lookalike") << QStringLiteral("http://127.0.0.1.evil.com") << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://clerk.example.com") << false;
        QTest::newRow("relative") << QStringLiteral("clerk.example.com") << false;
        QTest::newRow("query") << QStringLiteral("https://clerk.example.com/?a=b") << false;
        QTest::newRow("userinfo") << QStringLiteral("https://u:p@clerk.example.com") << false;
        QTest::newRow("empty") << QString() << false;
    }
    void validatesServiceUrls()
    {
        QFETCH(QString, url);
        QFETCH(bool, ok);
        const auto result = validateServiceUrl(url, QStringLiteral("convex/url"));
        QCOMPARE(result.ok(), ok);
        if (ok)
            QVERIFY(!result->path().endsWith(QLatin1Char('/')));
        else
            QVERIFY2(result.error().contains(QLatin1String("convex/url")), qPrintable(result.error()));
    }

    void buildsConfigFromKey()
    {
        ClerkSettingsInput in;
        in.publishableKey = QStringLiteral("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k");
        in.convexUrl = QStringLiteral("https://happy-otter-123.convex.cloud");
        const auto config = buildAppConfig(in);
        QVERIFY2(config.ok(), qPrintable(config.error()));
        QCOMPARE(config->frontendApi, QUrl(QStringLiteral("https://clerk.example.com")));
        QCOMPARE(config->jwtTemplate, QStringLiteral("convex"));
        QCOMPARE(config->instanceType, ClerkInstanceType::Production);
        QCOMPARE(config->redirectUrl, QUrl(QStringLiteral("qonvex://callback")));
        QCOMPARE(config->frontendApiAuthority(), QStringLiteral("clerk.example.com"));
    }

    void explicitFrontendApiOverridesKey()
    {
        ClerkSettingsInput in;
        in.publishableKey = QStringLiteral("pk_test_MTI3LjAuMC4xOjg0NDMk");
        in.frontendApiUrl = QStringLiteral("http://127.0.0.1:4001/");
        in.convexUrl = QStringLiteral("http://127.0.0.1:3210");
        in.jwtTemplateSet = true; // empty template: use the plain session token
        const auto config = buildAppConfig(in);
        QVERIFY2(config.ok(), qPrintable(config.error()));
        QCOMPARE(config->frontendApi, QUrl(QStringLiteral("http://127.0.0.1:4001")));
        QCOMPARE(config->frontendApiAuthority(), QStringLiteral("127.0.0.1:4001"));
        QVERIFY(config->jwtTemplate.isEmpty());
    }

    void configErrorsNameTheSetting_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("fapi");
        QTest::addColumn<QString>("convex");
        QTest::addColumn<QString>("setting");
        const QString goodKey = QStringLiteral("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k");
        const QString goodConvex = QStringLiteral("https://x.convex.cloud");
        QTest::newRow("nothing") << QString() << QString() << goodConvex << QStringLiteral("clerk/publishableKey");
        QTest::newRow("bad key") << QStringLiteral("pk_test_xx") << QString() << goodConvex << QStringLiteral("clerk/publishableKey");
        // A loopback key without an explicit URL would mean https to a local port: refuse.
        QTest::newRow("http fapi remote") << goodKey << QStringLiteral("http://clerk.example.com") << goodConvex
                                          << QStringLiteral("clerk/frontendApiUrl");
        QTest::newRow("no convex") << goodKey << QString() << QString() << QStringLiteral("convex/url");
        QTest::newRow("http convex") << goodKey << QString() << QStringLiteral("http://x.convex.cloud") << QStringLiteral("convex/url");
    }
    void configErrorsNameTheSetting()
    {
        QFETCH(QString, key);
        QFETCH(QString, fapi);
        QFETCH(QString, convex);
        QFETCH(QString, setting);
        ClerkSettingsInput in;
        in.publishableKey = key;
        in.frontendApiUrl = fapi;
        in.convexUrl = convex;
        const auto config = buildAppConfig(in);
        QVERIFY(!config.ok());
        QVERIFY2(config.error().contains(setting), qPrintable(config.error()));
    }

    void rejectsBadTemplateName()
    {
        ClerkSettingsInput in;
        in.publishableKey = QStringLiteral("pk_live_Y2xlcmsuZXhhbXBsZS5jb20k");
        in.convexUrl = QStringLiteral("https://x.convex.cloud");
        in.jwtTemplate = QStringLiteral("../admin");
        in.jwtTemplateSet = true;
        const auto config = buildAppConfig(in);
        QVERIFY(!config.ok());
        QVERIFY(config.error().contains(QLatin1String("clerk/jwtTemplate")));
    }
};

QTEST_GUILESS_MAIN(TestAppConfig)
#include "tst_app_config.moc"
