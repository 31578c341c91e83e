// SPDX-License-Identifier: MIT
// AppSettings (precedence, persistence, validation) and the qonvex command line.

#include "settings/appsettings.h"
#include "settings/commandline.h"

#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace qonvex::app;
using F = AppSettings::Field;

namespace {
// A syntactically valid development key for "clerk.example.test".
QString key() { return QStringLiteral("pk_test_") + QString::fromLatin1(QByteArray("clerk.example.test$").toBase64(QByteArray::OmitTrailingEquals)); }
} // namespace

class TestShellSettings : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void precedence();
    void saveWritesOnlyStoredValues();
    void loadIgnoresNonStrings();
    void validation_data();
    void validation();
    void jwtTemplateDefaultAndEmpty();
    void commandLine();
    void commandLineRejectsOtherArguments();
    void commandLineHelpAndVersion();
};

void TestShellSettings::precedence()
{
    AppSettings s;
    QCOMPARE(s.source(F::ConvexUrl), AppSettings::Source::Default);
    s.setStored(F::ConvexUrl, QStringLiteral(" https://stored.convex.cloud "));
    QCOMPARE(s.effective(F::ConvexUrl), QStringLiteral("https://stored.convex.cloud"));
    QCOMPARE(s.source(F::ConvexUrl), AppSettings::Source::Stored);

    s.setOverride(F::ConvexUrl, QStringLiteral("https://cli.convex.cloud"), AppSettings::Source::CommandLine);
    QProcessEnvironment env;
    env.insert(QStringLiteral("QONVEX_CONVEX_URL"), QStringLiteral("https://env.convex.cloud"));
    env.insert(QStringLiteral("QONVEX_CLERK_PUBLISHABLE_KEY"), key());
    s.applyEnvironment(env); // applied after the command line, still loses to it
    QCOMPARE(s.effective(F::ConvexUrl), QStringLiteral("https://cli.convex.cloud"));
    QCOMPARE(s.source(F::ConvexUrl), AppSettings::Source::CommandLine);
    QCOMPARE(s.effective(F::PublishableKey), key());
    QCOMPARE(s.source(F::PublishableKey), AppSettings::Source::Environment);
    QVERIFY(s.isOverridden(F::PublishableKey));
    QCOMPARE(s.stored(F::ConvexUrl), QStringLiteral("https://stored.convex.cloud"));
    QVERIFY(s.isConfigured());
}

void TestShellSettings::saveWritesOnlyStoredValues()
{
    QTemporaryDir dir;
    QSettings file(dir.filePath(QStringLiteral("q.ini")), QSettings::IniFormat);
    AppSettings s;
    s.setStored(F::ConvexUrl, QStringLiteral("https://stored.convex.cloud"));
    s.setOverride(F::PublishableKey, key());
    s.save(file);
    file.sync();
    QCOMPARE(file.value(QStringLiteral("convex/url")).toString(), QStringLiteral("https://stored.convex.cloud"));
    QVERIFY(!file.contains(QStringLiteral("clerk/publishableKey")));

    AppSettings loaded;
    loaded.load(file);
    QCOMPARE(loaded.effective(F::ConvexUrl), QStringLiteral("https://stored.convex.cloud"));
    QVERIFY(!loaded.isStored(F::PublishableKey));
    // Unsetting removes the key.
    loaded.setStored(F::ConvexUrl, {}, false);
    loaded.save(file);
    QVERIFY(!file.contains(QStringLiteral("convex/url")));
}

void TestShellSettings::loadIgnoresNonStrings()
{
    QTemporaryDir dir;
    QSettings file(dir.filePath(QStringLiteral("q.ini")), QSettings::IniFormat);
    file.setValue(QStringLiteral("convex/url"), QStringList{QStringLiteral("a"), QStringLiteral("b")});
    AppSettings s;
    s.load(file);
    QVERIFY(!s.isStored(F::ConvexUrl));
    QVERIFY(!s.isConfigured());
}

void TestShellSettings::validation_data()
{
    QTest::addColumn<QString>("convexUrl");
    QTest::addColumn<QString>("publishableKey");
    QTest::addColumn<QString>("frontendApi");
    QTest::addColumn<QString>("errorContains"); // empty: valid

    QTest::newRow("ok key") << "https://happy-animal-123.convex.cloud" << key() << "" << "";
    QTest::newRow("ok fapi") << "https://happy-animal-123.convex.cloud" << "" << "https://clerk.example.com" << "";
    QTest::newRow("loopback http") << "http://127.0.0.1:3210" << "" << "http://127.0.0.1:4000" << "";
    QTest::newRow("no url") << "" << key() << "" << "Convex deployment URL is not set";
    QTest::newRow("no clerk") << "https://a.convex.cloud" << "" << "" << "Clerk publishable key";
    QTest::newRow("http remote") << "http://a.convex.cloud" << key() << "" << "https";
    QTest::newRow("bad key") << "https://a.convex.cloud" << "pk_nope" << "" << "publishable key is not valid";
    QTest::newRow("garbage url") << "not a url" << key() << "" << "Convex deployment URL";
}

void TestShellSettings::validation()
{
    QFETCH(QString, convexUrl);
    QFETCH(QString, publishableKey);
    QFETCH(QString, frontendApi);
    QFETCH(QString, errorContains);
    AppSettings s;
    s.setStored(F::ConvexUrl, convexUrl, !convexUrl.isEmpty());
    s.setStored(F::PublishableKey, publishableKey, !publishableKey.isEmpty());
    s.setStored(F::FrontendApi, frontendApi, !frontendApi.isEmpty());
    const auto config = s.validate();
    if (errorContains.isEmpty()) {
        QVERIFY2(config.ok(), qPrintable(config.error()));
        QCOMPARE(config->jwtTemplate, QStringLiteral("convex"));
    } else {
        QVERIFY(!config.ok());
        QVERIFY2(config.error().contains(errorContains, Qt::CaseInsensitive), qPrintable(config.error()));
    }
}

void TestShellSettings::jwtTemplateDefaultAndEmpty()
{
    AppSettings s;
    s.setStored(F::ConvexUrl, QStringLiteral("https://a.convex.cloud"));
    s.setStored(F::PublishableKey, key());
    QCOMPARE(s.validate()->jwtTemplate, QStringLiteral("convex"));
    s.setStored(F::JwtTemplate, QString(), true); // explicitly empty: Clerk session token
    QCOMPARE(s.validate()->jwtTemplate, QString());
    s.setStored(F::JwtTemplate, QStringLiteral("bad name!"));
    QVERIFY(!s.validate().ok());
    QVERIFY(!AppSettings::fieldError(F::JwtTemplate, QStringLiteral("bad name!")).isEmpty());
    QVERIFY(AppSettings::fieldError(F::JwtTemplate, QStringLiteral("convex-prod")).isEmpty());
}

void TestShellSettings::commandLine()
{
    const CommandLine cli = parseCommandLine({QStringLiteral("qonvex"), QStringLiteral("--convex-url"),
                                              QStringLiteral("https://x.convex.cloud"), QStringLiteral("--jwt-template="),
                                              QStringLiteral("--exit-after-first-data"), QStringLiteral("--no-tray"),
                                              QStringLiteral("qonvex://callback?state=abc&rotating_token_nonce=n")});
    QCOMPARE(cli.action, CommandLine::Action::Run);
    QCOMPARE(cli.convexUrl.value_or(QString()), QStringLiteral("https://x.convex.cloud"));
    QVERIFY(cli.jwtTemplate.has_value());
    QCOMPARE(*cli.jwtTemplate, QString());
    QVERIFY(!cli.publishableKey);
    QVERIFY(cli.exitAfterFirstData);
    QVERIFY(cli.noTray);
    QCOMPARE(cli.urls.size(), 1);
    QCOMPARE(cli.urls.first().host(), QStringLiteral("callback"));

    AppSettings s;
    s.setStored(F::ConvexUrl, QStringLiteral("https://stored.convex.cloud"));
    cli.applyTo(s);
    QCOMPARE(s.effective(F::ConvexUrl), QStringLiteral("https://x.convex.cloud"));
    QCOMPARE(s.effective(F::JwtTemplate), QString());
}

void TestShellSettings::commandLineRejectsOtherArguments()
{
    const QString secretish = QStringLiteral("https://example.com/?token=abc");
    const CommandLine cli = parseCommandLine({QStringLiteral("qonvex"), secretish});
    QCOMPARE(cli.action, CommandLine::Action::Error);
    QVERIFY(!cli.text.contains(u"token=abc")); // never echoed
    QCOMPARE(parseCommandLine({QStringLiteral("qonvex"), QStringLiteral("--bogus")}).action, CommandLine::Action::Error);
    QCOMPARE(parseCommandLine({QStringLiteral("qonvex"), QStringLiteral("--convex-url")}).action, CommandLine::Action::Error);
}

void TestShellSettings::commandLineHelpAndVersion()
{
    const CommandLine help = parseCommandLine({QStringLiteral("qonvex"), QStringLiteral("--help")});
    QCOMPARE(help.action, CommandLine::Action::ShowText);
    for (const char *option : {"--convex-url", "--clerk-publishable-key", "--clerk-frontend-api", "--jwt-template",
                               "--exit-after-first-data", "--version", "QONVEX_CONVEX_URL"})
        QVERIFY2(help.text.contains(QLatin1String(option)), option);
    const CommandLine version = parseCommandLine({QStringLiteral("qonvex"), QStringLiteral("--version")});
    QCOMPARE(version.action, CommandLine::Action::ShowText);
    QVERIFY(version.text.contains(QStringLiteral(QONVEX_VERSION)));
}

QTEST_GUILESS_MAIN(TestShellSettings)
#include "tst_shell_settings.moc"
