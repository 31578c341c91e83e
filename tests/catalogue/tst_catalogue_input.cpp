// SPDX-License-Identifier: MIT
// Catalogue of bad input, part 1: what a user types or passes before anything goes on the
// network. Each row is one bad input and the exact message the app shows for it (see
// CATALOGUE.md for where it is shown); after each row a good input is accepted again by the
// same object, i.e. nothing was left broken.
//
// Real app logic: AppSettings (Settings dialog and welcome screen), parseCommandLine (`qonvex`),
// parseHostedAuthCallback (the check HostedSignIn runs on every callback).

#include "clerk/pkce.h"
#include "config/clerkconfig.h"
#include "settings/appsettings.h"
#include "settings/commandline.h"

#include <QTest>

using namespace qonvex::app;
using Field = AppSettings::Field;

Q_DECLARE_METATYPE(qonvex::app::AppSettings::Field)

namespace {

QString keyFor(const QByteArray &decoded)
{
    return QStringLiteral("pk_test_") + QString::fromLatin1(decoded.toBase64(QByteArray::OmitTrailingEquals));
}

//! A complete, valid configuration: every row breaks exactly one field of it.
AppSettings validSettings()
{
    AppSettings settings;
    settings.setStored(Field::ConvexUrl, QStringLiteral("https://happy-animal-123.convex.cloud"));
    settings.setStored(Field::PublishableKey, keyFor("clerk.example.com$"));
    return settings;
}

const QString kKeyHint = QStringLiteral(" Copy it from the Clerk dashboard: API Keys → Publishable key.");

} // namespace

class TestCatalogueInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(validSettings().validate().ok(), qPrintable(validSettings().validate().error()));
    }

    // ---- connection settings (Settings dialog inline + summary, welcome screen) ------------
    void settingsValue_data()
    {
        QTest::addColumn<Field>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("message");
        const QString badKey = QStringLiteral("The Clerk publishable key is not valid (%1).") + kKeyHint;
        QTest::newRow("key: secret key pasted")
            << Field::PublishableKey << QStringLiteral("sk_test_Y2xlcmsuZXhhbXBsZS5jb20k")
            << badKey.arg(QStringLiteral("the publishable key must start with pk_test_ or pk_live_"));
        QTest::newRow("key: extra underscore")
            << Field::PublishableKey << QStringLiteral("pk_test_abc_Y2xlcmsuZXhhbXBsZS5jb20k")
            << badKey.arg(QStringLiteral("the publishable key has an unexpected format"));
        QTest::newRow("key: prefix only") << Field::PublishableKey << QStringLiteral("pk_live_")
                                          << badKey.arg(QStringLiteral("the publishable key has no encoded host"));
        QTest::newRow("key: not base64") << Field::PublishableKey << QStringLiteral("pk_test_!!!!")
                                         << badKey.arg(QStringLiteral("the publishable key is not valid base64"));
        QTest::newRow("key: truncated (no $)")
            << Field::PublishableKey << keyFor("clerk.example.com")
            << badKey.arg(QStringLiteral("the publishable key does not encode a host followed by '$'"));
        QTest::newRow("key: no domain") << Field::PublishableKey << keyFor("localhost$")
                                        << badKey.arg(QStringLiteral("the publishable key does not encode a domain name"));
        QTest::newRow("key: host with a path") << Field::PublishableKey << keyFor("evil.example/x$")
                                               << badKey.arg(QStringLiteral("the publishable key encodes an invalid host"));

        QTest::newRow("convex url: http to a remote host")
            << Field::ConvexUrl << QStringLiteral("http://happy-animal-123.convex.cloud")
            << QStringLiteral("Convex deployment URL must use https (plain http is only allowed for localhost)");
        QTest::newRow("convex url: not a URL") << Field::ConvexUrl << QStringLiteral("happy animal")
                                               << QStringLiteral("Convex deployment URL is not a valid absolute URL");
        QTest::newRow("convex url: ws scheme") << Field::ConvexUrl << QStringLiteral("wss://happy-animal-123.convex.cloud")
                                               << QStringLiteral("Convex deployment URL must be an https URL");
        QTest::newRow("convex url: with a query")
            << Field::ConvexUrl << QStringLiteral("https://happy-animal-123.convex.cloud/?admin=1")
            << QStringLiteral("Convex deployment URL must not contain user info, a query or a fragment");
        QTest::newRow("fapi url: http to a remote host")
            << Field::FrontendApi << QStringLiteral("http://clerk.example.com")
            << QStringLiteral("Clerk Frontend API URL must use https (plain http is only allowed for localhost)");
        QTest::newRow("fapi url: user info") << Field::FrontendApi << QStringLiteral("https://me:pw@clerk.example.com")
                                             << QStringLiteral("Clerk Frontend API URL must not contain user info, a query or a fragment");
        QTest::newRow("jwt template: space")
            << Field::JwtTemplate << QStringLiteral("my template")
            << QStringLiteral("The JWT template name may use only letters, digits, '-' and '_' (up to 64).");
    }
    void settingsValue()
    {
        QFETCH(Field, field);
        QFETCH(QString, value);
        QFETCH(QString, message);
        // Inline, as the user types (Settings dialog, next to the field).
        QCOMPARE(AppSettings::fieldError(field, value), message);
        // Stored, then validated at start (welcome screen: "The connection settings need attention: …").
        AppSettings settings = validSettings();
        settings.setStored(field, value);
        const auto config = settings.validate();
        QVERIFY(!config.ok());
        QCOMPARE(config.error(), message);
        // The same value as a one-run override (environment or command line) is refused alike.
        AppSettings overridden = validSettings();
        overridden.setOverride(field, value);
        QCOMPARE(overridden.validate().error(), message);
        // Nothing stuck: removing the override / fixing the value makes the settings valid again.
        settings.setStored(field, validSettings().stored(field), validSettings().isStored(field));
        QVERIFY2(settings.validate().ok(), qPrintable(settings.validate().error()));
    }

    void settingsMissing_data()
    {
        QTest::addColumn<Field>("field");
        QTest::addColumn<QString>("message");
        QTest::newRow("no convex url")
            << Field::ConvexUrl << QStringLiteral("The Convex deployment URL is not set (e.g. https://happy-animal-123.convex.cloud).");
        QTest::newRow("no key and no fapi url")
            << Field::PublishableKey
            << QStringLiteral("Set the Clerk publishable key (pk_test_… or pk_live_…) or the Clerk Frontend API URL.");
    }
    void settingsMissing()
    {
        QFETCH(Field, field);
        QFETCH(QString, message);
        AppSettings settings = validSettings();
        settings.setStored(field, QString(), false);
        QVERIFY(!settings.isConfigured());
        QCOMPARE(settings.validate().error(), message);
    }

    // ---- `qonvex` command line (stderr, exit code 2) ---------------------------------------
    void appCommandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--convex")}
                                        << QStringLiteral("Unknown option 'convex'.\nTry 'qonvex --help'.");
        QTest::newRow("option without its value") << QStringList{QStringLiteral("--convex-url")}
                                                  << QStringLiteral("Missing value after '--convex-url'.\nTry 'qonvex --help'.");
        // The argument is not echoed: it may be a callback URL with a nonce in it.
        QTest::newRow("https link instead of qonvex://")
            << QStringList{QStringLiteral("https://evil.example/callback?rotating_token_nonce=n")}
            << QStringLiteral("Unexpected argument (only qonvex:// links are accepted). Try 'qonvex --help'.");
        QTest::newRow("stray word") << QStringList{QStringLiteral("tasks")}
                                    << QStringLiteral("Unexpected argument (only qonvex:// links are accepted). Try 'qonvex --help'.");
    }
    void appCommandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CommandLine bad = parseCommandLine(QStringList{QStringLiteral("qonvex")} + arguments);
        QCOMPARE(bad.action, CommandLine::Action::Error);
        QCOMPARE(bad.text, message);
        QVERIFY(!bad.text.contains(u"nonce"));
        const CommandLine good = parseCommandLine({QStringLiteral("qonvex"), QStringLiteral("--no-tray"),
                                                   QStringLiteral("qonvex://callback?state=s")});
        QCOMPARE(good.action, CommandLine::Action::Run);
    }

    void appCommandLineOverride_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("--convex-url http remote")
            << QStringList{QStringLiteral("--convex-url"), QStringLiteral("http://happy-animal-123.convex.cloud")}
            << QStringLiteral("Convex deployment URL must use https (plain http is only allowed for localhost)");
        QTest::newRow("--clerk-frontend-api http remote")
            << QStringList{QStringLiteral("--clerk-frontend-api"), QStringLiteral("http://clerk.example.com")}
            << QStringLiteral("Clerk Frontend API URL must use https (plain http is only allowed for localhost)");
        QTest::newRow("--clerk-publishable-key malformed")
            << QStringList{QStringLiteral("--clerk-publishable-key"), QStringLiteral("pk_test_!!!!")}
            << QStringLiteral("The Clerk publishable key is not valid (the publishable key is not valid base64).") + kKeyHint;
    }
    void appCommandLineOverride()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CommandLine cli = parseCommandLine(QStringList{QStringLiteral("qonvex")} + arguments);
        QCOMPARE(cli.action, CommandLine::Action::Run);
        AppSettings settings = validSettings();
        cli.applyTo(settings);
        QCOMPARE(settings.validate().error(), message);
        // The stored settings are untouched: without the override the app connects as before.
        AppSettings stored = validSettings();
        QVERIFY(stored.validate().ok());
    }

    // ---- hosted sign-in callback (sign-in view panel / welcome screen) ---------------------
    void signInCallback_data()
    {
        QTest::addColumn<QByteArray>("callback");
        QTest::addColumn<QString>("message");
        const QByteArray rest = "&rotating_token_nonce=n1&created_session_id=sess_1";
        QTest::newRow("wrong state") << QByteArray("qonvex://callback?state=other") + rest
                                     << QStringLiteral("the sign-in callback's state does not match this sign-in");
        QTest::newRow("no state") << QByteArray("qonvex://callback?x=1") + rest
                                  << QStringLiteral("the sign-in callback has no state");
        QTest::newRow("state twice") << QByteArray("qonvex://callback?state=s1&state=s1") + rest
                                     << QStringLiteral("the sign-in callback repeats the parameter 'state'");
        QTest::newRow("empty nonce") << QByteArray("qonvex://callback?state=s1&rotating_token_nonce=&created_session_id=sess_1")
                                     << QStringLiteral("the sign-in callback has an empty parameter 'rotating_token_nonce'");
        QTest::newRow("no nonce") << QByteArray("qonvex://callback?state=s1&created_session_id=sess_1")
                                  << QStringLiteral("the sign-in callback has no rotating_token_nonce");
        QTest::newRow("wrong host") << QByteArray("qonvex://evil?state=s1") + rest
                                    << QStringLiteral("the sign-in callback has the wrong host");
        QTest::newRow("wrong scheme") << QByteArray("https://callback?state=s1") + rest
                                      << QStringLiteral("the sign-in callback has the wrong scheme");
        QTest::newRow("fragment") << QByteArray("qonvex://callback?state=s1") + rest + "#x"
                                  << QStringLiteral("the sign-in callback must not have a fragment");
        QTest::newRow("failed at Clerk")
            << QByteArray("qonvex://callback?state=s1&__clerk_status=failed&__clerk_error_code=oauth_access_denied")
            << QStringLiteral("sign-in failed at Clerk (oauth_access_denied)");
        QTest::newRow("too long") << QByteArray("qonvex://callback?state=s1") + rest + "&pad=" + QByteArray(17000, 'a')
                                  << QStringLiteral("the sign-in callback is too long");
    }
    void signInCallback()
    {
        QFETCH(QByteArray, callback);
        QFETCH(QString, message);
        const auto parsed = parseHostedAuthCallback(callback, defaultRedirectUrl(), "s1");
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error(), message);
        QVERIFY(!parsed.error().contains(u"n1")); // never echoes the nonce
        const auto good = parseHostedAuthCallback(
            "qonvex://callback?state=s1&rotating_token_nonce=n1&created_session_id=sess_1", defaultRedirectUrl(), "s1");
        QVERIFY2(good.ok(), qPrintable(good.error()));
    }
};

QTEST_GUILESS_MAIN(TestCatalogueInput)
#include "tst_catalogue_input.moc"
