// SPDX-License-Identifier: MIT
#include "transport/deploymenturl.h"

#include <convexclient/version.h>

#include <QHostAddress>

namespace convex::transport {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0)
        return true;
    // QUrl::host() gives IPv6 literals without brackets; QHostAddress parses both forms.
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Result<QUrl> syncUrlForDeployment(const QUrl &deploymentUrl)
{
    using R = Result<QUrl>;
    if (!deploymentUrl.isValid() || deploymentUrl.isEmpty())
        return R::failure(QStringLiteral("The deployment URL is not a valid URL"));

    const QString scheme = deploymentUrl.scheme().toLower();
    if (scheme != u"https" && scheme != u"http")
        return R::failure(QStringLiteral("The deployment URL must start with https:// "
                                         "(http:// only for a local deployment), not \"%1:\"")
                              .arg(scheme));

    const QString host = deploymentUrl.host();
    if (host.isEmpty())
        return R::failure(QStringLiteral("The deployment URL has no host"));
    if (!deploymentUrl.userInfo().isEmpty())
        return R::failure(QStringLiteral("The deployment URL must not contain user credentials"));
    if (deploymentUrl.hasQuery() || deploymentUrl.hasFragment())
        return R::failure(QStringLiteral("The deployment URL must not have a query or fragment"));
    if (host.endsWith(u".convex.site", Qt::CaseInsensitive))
        return R::failure(QStringLiteral(
            "%1 is an HTTP-actions host (.convex.site); use the deployment's .convex.cloud URL")
                              .arg(host));

    const bool secure = scheme == u"https";
    if (!secure && !isLoopbackHost(host))
        return R::failure(QStringLiteral(
            "Refusing unencrypted http:// for non-local host %1: use https:// (plain ws:// is "
            "only allowed for localhost, 127.0.0.0/8 and ::1)")
                              .arg(host));

    QString path = deploymentUrl.path();
    while (path.endsWith(u'/'))
        path.chop(1);

    QUrl url;
    url.setScheme(secure ? QStringLiteral("wss") : QStringLiteral("ws"));
    url.setHost(host);
    url.setPort(deploymentUrl.port());
    url.setPath(path + QStringLiteral("/api/") + referenceClientVersion() + QStringLiteral("/sync"));
    return url;
}

} // namespace convex::transport
