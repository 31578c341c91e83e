// SPDX-License-Identifier: MIT
// NavigationPolicy decides every navigation of the embedded sign-in view; these cases pin the
// allowlist, the browser-only providers, https-only-except-loopback and the callback scheme.
#include "navigationpolicy.h"

#include <QTest>

using qonvex::ui::NavigationPolicy;
using qonvex::ui::UrlPattern;
using Decision = NavigationPolicy::Decision;
Q_DECLARE_METATYPE(Decision)

class TestNavigationPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void patterns_data();
    void patterns();
    void badPatterns_data();
    void badPatterns();
    void decide_data();
    void decide();
    void startUrl_data();
    void startUrl();
    void badCallbackScheme();
    void redactedDropsSecrets();
    void loopback_data();
    void loopback();
};

void TestNavigationPolicy::patterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("matches");
    QTest::newRow("host, https") << "accounts.example.com" << "https://accounts.example.com/sign-in" << true;
    QTest::newRow("host, any port") << "accounts.example.com" << "https://accounts.example.com:8443/x" << true;
    QTest::newRow("host, case") << "Accounts.Example.com" << "https://ACCOUNTS.example.com/" << true;
    QTest::newRow("host, other host") << "accounts.example.com" << "https://evil.example.com/" << false;
    QTest::newRow("host, suffix trick") << "example.com" << "https://evilexample.com/" << false;
    QTest::newRow("host, not a subdomain") << "example.com" << "https://a.example.com/" << false;
    QTest::newRow("host, ftp") << "example.com" << "ftp://example.com/" << false;
    QTest::newRow("wildcard, subdomain") << "*.accounts.dev" << "https://happy-cat-1.accounts.dev/sign-in" << true;
    QTest::newRow("wildcard, deep") << "*.accounts.dev" << "https://a.b.accounts.dev/" << true;
    QTest::newRow("wildcard, bare domain") << "*.accounts.dev" << "https://accounts.dev/" << false;
    QTest::newRow("wildcard, lookalike") << "*.accounts.dev" << "https://evilaccounts.dev/" << false;
    QTest::newRow("origin, same") << "http://127.0.0.1:4100" << "http://127.0.0.1:4100/sign-in?x=1" << true;
    QTest::newRow("origin, other port") << "http://127.0.0.1:4100" << "http://127.0.0.1:4101/sign-in" << false;
    QTest::newRow("origin, other scheme") << "http://127.0.0.1:4100" << "https://127.0.0.1:4100/" << false;
    QTest::newRow("origin, default port") << "https://idp.example" << "https://idp.example:443/a" << true;
    QTest::newRow("origin, explicit other port") << "https://idp.example" << "https://idp.example:444/a" << false;
    QTest::newRow("prefix, exact") << "http://127.0.0.1:4100/google" << "http://127.0.0.1:4100/google" << true;
    QTest::newRow("prefix, below") << "http://127.0.0.1:4100/google/" << "http://127.0.0.1:4100/google/auth" << true;
    QTest::newRow("prefix, sibling") << "http://127.0.0.1:4100/google" << "http://127.0.0.1:4100/googlex" << false;
    QTest::newRow("ipv6 loopback origin") << "http://[::1]:4100" << "http://[::1]:4100/a" << true;
}

void TestNavigationPolicy::patterns()
{
    QFETCH(QString, pattern);
    QFETCH(QString, url);
    QFETCH(bool, matches);
    QString error;
    const auto parsed = UrlPattern::parse(pattern, &error);
    QVERIFY2(parsed, qPrintable(error));
    QCOMPARE(parsed->matches(QUrl(url)), matches);
}

void TestNavigationPolicy::badPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::newRow("empty") << "";
    QTest::newRow("star") << "*";
    QTest::newRow("star dot") << "*.";
    QTest::newRow("wildcard tld") << "*.com";
    QTest::newRow("inner star") << "a*.example.com";
    QTest::newRow("space") << "exa mple.com";
    QTest::newRow("query") << "https://example.com/?a=1";
    QTest::newRow("user") << "https://user@example.com";
    QTest::newRow("scheme") << "ftp://example.com";
    QTest::newRow("no host") << "https://";
}

void TestNavigationPolicy::badPatterns()
{
    QFETCH(QString, pattern);
    QString error;
    QVERIFY(!UrlPattern::parse(pattern, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!NavigationPolicy::create(QStringLiteral("qonvex"), {pattern}, {}, &error));
}

void TestNavigationPolicy::decide_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("mainFrame");
    QTest::addColumn<Decision>("decision");
    QTest::newRow("allowlisted https") << "https://accounts.example.com/sign-in" << true << Decision::Load;
    QTest::newRow("allowlisted wildcard") << "https://clerk.example.com/v1/client" << true << Decision::Load;
    QTest::newRow("allowlisted http, not loopback") << "http://accounts.example.com/sign-in" << true << Decision::Refuse;
    QTest::newRow("allowlisted loopback http") << "http://127.0.0.1:4100/sign-in" << true << Decision::Load;
    QTest::newRow("loopback, other port") << "http://127.0.0.1:9/" << true << Decision::OpenExternally;
    QTest::newRow("off-allowlist link") << "https://example.org/terms" << true << Decision::OpenExternally;
    QTest::newRow("off-allowlist sub-frame") << "https://ads.example.org/" << false << Decision::Refuse;
    QTest::newRow("allowlisted sub-frame") << "https://accounts.example.com/frame" << false << Decision::Load;
    QTest::newRow("callback") << "qonvex://callback?state=s&rotating_token_nonce=n" << true << Decision::Callback;
    QTest::newRow("callback, upper case scheme") << "QONVEX://callback?state=s" << true << Decision::Callback;
    QTest::newRow("callback in sub-frame") << "qonvex://callback?state=s" << false << Decision::Refuse;
    QTest::newRow("google") << "https://accounts.google.com/o/oauth2/v2/auth?x" << true << Decision::BrowserFallback;
    QTest::newRow("google over http") << "http://accounts.google.com/o/oauth2" << true << Decision::BrowserFallback;
    QTest::newRow("google in sub-frame") << "https://accounts.google.com/x" << false << Decision::Refuse;
    QTest::newRow("browser-only prefix") << "http://127.0.0.1:4200/o/oauth2/v2/auth?s=1" << true << Decision::BrowserFallback;
    QTest::newRow("browser-only beats allowlist") << "http://127.0.0.1:4100/google/x" << true << Decision::BrowserFallback;
    QTest::newRow("about:blank") << "about:blank" << true << Decision::Load;
    QTest::newRow("data: top level") << "data:text/html,<h1>x</h1>" << true << Decision::Refuse;
    QTest::newRow("data: sub-frame") << "data:text/html,<h1>x</h1>" << false << Decision::Load;
    QTest::newRow("file") << "file:///etc/passwd" << true << Decision::Refuse;
    QTest::newRow("javascript") << "javascript:alert(1)" << true << Decision::Refuse;
    QTest::newRow("mailto") << "mailto:support@example.com" << true << Decision::OpenExternally;
    QTest::newRow("other custom scheme") << "otherapp://callback" << true << Decision::Refuse;
}

void TestNavigationPolicy::decide()
{
    QFETCH(QString, url);
    QFETCH(bool, mainFrame);
    QFETCH(Decision, decision);
    QString error;
    const auto policy = NavigationPolicy::create(
        QStringLiteral("qonvex"),
        {QStringLiteral("accounts.example.com"), QStringLiteral("*.example.com"), QStringLiteral("http://127.0.0.1:4100")},
        {QStringLiteral("accounts.google.com"), QStringLiteral("http://127.0.0.1:4200"),
         QStringLiteral("http://127.0.0.1:4100/google")},
        &error);
    QVERIFY2(policy, qPrintable(error));
    const NavigationPolicy::Verdict verdict = policy->decide(QUrl(url), mainFrame);
    QCOMPARE(verdict.decision, decision);
    QVERIFY(!verdict.reason.isEmpty());
    // A reason is logged: it must never carry the query (state, nonce).
    QVERIFY2(!verdict.reason.contains(u"state="), qPrintable(verdict.reason));
}

void TestNavigationPolicy::startUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<Decision>("decision");
    QTest::newRow("hosted https") << "https://accounts.example.com/sign-in?hosted_auth=h" << Decision::Load;
    QTest::newRow("not allowlisted") << "https://example.org/sign-in" << Decision::Refuse;
    QTest::newRow("http, not loopback") << "http://accounts.example.com/sign-in" << Decision::Refuse;
    QTest::newRow("callback as start") << "qonvex://callback" << Decision::Refuse;
    QTest::newRow("invalid") << "" << Decision::Refuse;
    QTest::newRow("browser-only start") << "https://accounts.google.com/x" << Decision::BrowserFallback;
}

void TestNavigationPolicy::startUrl()
{
    QFETCH(QString, url);
    QFETCH(Decision, decision);
    const auto policy = NavigationPolicy::create(QStringLiteral("qonvex"), {QStringLiteral("accounts.example.com")},
                                                 {QStringLiteral("accounts.google.com")});
    QVERIFY(policy);
    QCOMPARE(policy->decideStart(QUrl(url)).decision, decision);
}

void TestNavigationPolicy::badCallbackScheme()
{
    QString error;
    QVERIFY(!NavigationPolicy::create(QStringLiteral("https"), {}, {}, &error));
    QVERIFY(error.contains(u"custom scheme"));
    QVERIFY(!NavigationPolicy::create(QString(), {}, {}, &error));
    QVERIFY(!NavigationPolicy::create(QStringLiteral("bad scheme"), {}, {}, &error));
    QVERIFY(NavigationPolicy::create(QStringLiteral("qonvex"), {}, {}, &error));
}

void TestNavigationPolicy::redactedDropsSecrets()
{
    const QString redacted = NavigationPolicy::redacted(
        QUrl(QStringLiteral("qonvex://user:pw@callback/path?state=S3CRET&rotating_token_nonce=N0NCE#frag")));
    QCOMPARE(redacted, QStringLiteral("qonvex://callback/path"));
}

void TestNavigationPolicy::loopback_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");
    QTest::newRow("127.0.0.1") << "127.0.0.1" << true;
    QTest::newRow("127.1.2.3") << "127.1.2.3" << true;
    QTest::newRow("::1") << "::1" << true;
    QTest::newRow("localhost") << "localhost" << true;
    QTest::newRow("app.localhost") << "app.localhost" << true;
    QTest::newRow("10.0.0.1") << "10.0.0.1" << false;
    QTest::newRow("localhost.evil.com") << "localhost.evil.com" << false;
    QTest::newRow("128.0.0.1") << "128.0.0.1" << false;
}

void TestNavigationPolicy::loopback()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(NavigationPolicy::isLoopbackHost(host), loopback);
}

QTEST_GUILESS_MAIN(TestNavigationPolicy)
#include "tst_navigationpolicy.moc"
