// SPDX-License-Identifier: MIT
#include "navigationpolicy.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace qonvex::ui {

namespace {

bool isWebScheme(const QString &scheme)
{
    return scheme == u"http" || scheme == u"https";
}

int defaultPort(const QString &scheme)
{
    return scheme == u"https" ? 443 : 80;
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

} // namespace

std::optional<UrlPattern> UrlPattern::parse(const QString &input, QString *error)
{
    const QString text = input.trimmed().toLower();
    UrlPattern pattern;
    pattern.m_text = text;
    if (text.contains(u"://")) {
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || !isWebScheme(url.scheme()) || url.host().isEmpty()) {
            setError(error, QStringLiteral("not an http(s) origin: %1").arg(text));
            return std::nullopt;
        }
        if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty()) {
            setError(error, QStringLiteral("an allowlist entry takes no user, query or fragment: %1").arg(text));
            return std::nullopt;
        }
        pattern.m_scheme = url.scheme();
        pattern.m_host = url.host();
        pattern.m_port = url.port(defaultPort(url.scheme()));
        pattern.m_pathPrefix = url.path();
        if (pattern.m_pathPrefix == u"/")
            pattern.m_pathPrefix.clear();
        while (pattern.m_pathPrefix.endsWith(u'/'))
            pattern.m_pathPrefix.chop(1);
        return pattern;
    }

    QString host = text;
    if (host.startsWith(u"*.")) {
        pattern.m_subdomains = true;
        host = host.mid(2);
    }
    // Host names, IPv4 and bare IPv6 addresses; a '*' anywhere else is refused rather than
    // silently read as something broader than intended.
    static const QRegularExpression hostChars(QStringLiteral("^[a-z0-9]([a-z0-9.:-]*[a-z0-9])?$"));
    if (host.isEmpty() || !hostChars.match(host).hasMatch()
        || (pattern.m_subdomains && !host.contains(u'.'))) {
        setError(error, QStringLiteral("not a host pattern: %1").arg(text));
        return std::nullopt;
    }
    pattern.m_host = host;
    return pattern;
}

bool UrlPattern::matches(const QUrl &url) const
{
    const QString scheme = url.scheme().toLower();
    if (!isWebScheme(scheme))
        return false;
    if (!m_scheme.isEmpty() && scheme != m_scheme)
        return false;
    const QString host = url.host().toLower();
    if (m_subdomains) {
        if (!host.endsWith(u'.' + m_host))
            return false;
    } else if (host != m_host) {
        return false;
    }
    if (m_port != -1 && url.port(defaultPort(scheme)) != m_port)
        return false;
    if (!m_pathPrefix.isEmpty()) {
        const QString path = url.path();
        if (path != m_pathPrefix && !path.startsWith(m_pathPrefix + u'/'))
            return false;
    }
    return true;
}

std::optional<NavigationPolicy> NavigationPolicy::create(const QString &callbackScheme,
                                                         const QStringList &allowlist,
                                                         const QStringList &browserOnly,
                                                         QString *error)
{
    NavigationPolicy policy;
    policy.m_callbackScheme = callbackScheme.trimmed().toLower();
    static const QRegularExpression schemeChars(QStringLiteral("^[a-z][a-z0-9+.-]*$"));
    if (!schemeChars.match(policy.m_callbackScheme).hasMatch() || isWebScheme(policy.m_callbackScheme)) {
        setError(error, QStringLiteral("the callback scheme must be a custom scheme, not \"%1\"").arg(callbackScheme));
        return std::nullopt;
    }
    for (const QString &entry : allowlist) {
        auto pattern = UrlPattern::parse(entry, error);
        if (!pattern)
            return std::nullopt;
        policy.m_allowed.append(*pattern);
    }
    for (const QString &entry : browserOnly) {
        auto pattern = UrlPattern::parse(entry, error);
        if (!pattern)
            return std::nullopt;
        policy.m_browserOnly.append(*pattern);
    }
    return policy;
}

bool NavigationPolicy::isAllowed(const QUrl &url) const
{
    return std::any_of(m_allowed.cbegin(), m_allowed.cend(), [&](const UrlPattern &p) { return p.matches(url); });
}

bool NavigationPolicy::isBrowserOnly(const QUrl &url) const
{
    return std::any_of(m_browserOnly.cbegin(), m_browserOnly.cend(), [&](const UrlPattern &p) { return p.matches(url); });
}

NavigationPolicy::Verdict NavigationPolicy::decide(const QUrl &url, bool isMainFrame) const
{
    const QString scheme = url.scheme().toLower();
    if (scheme == m_callbackScheme) {
        if (!isMainFrame)
            return {Decision::Refuse, QStringLiteral("callback in a sub-frame")};
        return {Decision::Callback, QStringLiteral("callback")};
    }
    if (scheme == u"about" || scheme == u"data" || scheme == u"blob") {
        // Frames start as about:blank/about:srcdoc and widgets use data:/blob: frames; a
        // top-level data: page is a classic phishing trick, so only about:blank is let through.
        if (!isMainFrame || url.toString() == u"about:blank")
            return {Decision::Load, QStringLiteral("local document")};
        return {Decision::Refuse, QStringLiteral("top-level %1: page").arg(scheme)};
    }
    if (isBrowserOnly(url)) {
        if (!isMainFrame)
            return {Decision::Refuse, QStringLiteral("browser-only provider in a sub-frame")};
        return {Decision::BrowserFallback, QStringLiteral("provider blocks embedded browsers: %1").arg(redacted(url))};
    }
    if (isWebScheme(scheme)) {
        if (isAllowed(url)) {
            if (scheme == u"https" || isLoopbackHost(url.host()))
                return {Decision::Load, QStringLiteral("allowlisted")};
            return {Decision::Refuse, QStringLiteral("insecure http to %1").arg(redacted(url))};
        }
        if (isMainFrame)
            return {Decision::OpenExternally, QStringLiteral("not on the allowlist: %1").arg(redacted(url))};
        return {Decision::Refuse, QStringLiteral("sub-frame not on the allowlist: %1").arg(redacted(url))};
    }
    if (scheme == u"mailto" && isMainFrame)
        return {Decision::OpenExternally, QStringLiteral("mail link")};
    return {Decision::Refuse, QStringLiteral("scheme %1 is not allowed").arg(scheme)};
}

NavigationPolicy::Verdict NavigationPolicy::decideStart(const QUrl &url) const
{
    if (!url.isValid() || !isWebScheme(url.scheme().toLower()))
        return {Decision::Refuse, QStringLiteral("the sign-in address is not an http(s) URL")};
    Verdict verdict = decide(url, true);
    if (verdict.decision == Decision::OpenExternally)
        verdict = {Decision::Refuse, QStringLiteral("the sign-in address is not on the allowlist: %1").arg(redacted(url))};
    return verdict;
}

bool NavigationPolicy::isLoopbackHost(const QString &host)
{
    const QString h = host.toLower();
    if (h == u"localhost" || h.endsWith(u".localhost"))
        return true;
    const QHostAddress address(h);
    return !address.isNull() && address.isLoopback();
}

QString NavigationPolicy::redacted(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

} // namespace qonvex::ui
