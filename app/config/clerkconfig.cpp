// SPDX-License-Identifier: MIT
#include "config/clerkconfig.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QRegularExpression>

namespace qonvex::app {

namespace {
// What a person reads when a setting is wrong (the Settings dialog, the welcome screen),
// translated in the "ClerkConfig" context; qonvex-cli loads no translation and stays English.
struct ConfigTexts {
    Q_DECLARE_TR_FUNCTIONS(ClerkConfig)
};
constexpr QByteArrayView kTestPrefix = "pk_test_";
constexpr QByteArrayView kLivePrefix = "pk_live_";
} // namespace

convex::Result<PublishableKeyInfo> parsePublishableKey(QByteArrayView key)
{
    using R = convex::Result<PublishableKeyInfo>;
    const QByteArrayView trimmed = key.trimmed();
    if (trimmed.isEmpty())
        return R::failure(ConfigTexts::tr("the publishable key is empty"));
    PublishableKeyInfo info;
    if (trimmed.startsWith(kTestPrefix)) {
        info.instanceType = ClerkInstanceType::Development;
    } else if (trimmed.startsWith(kLivePrefix)) {
        info.instanceType = ClerkInstanceType::Production;
    } else {
        return R::failure(ConfigTexts::tr("the publishable key must start with pk_test_ or pk_live_"));
    }
    // Same rule as @clerk/shared: exactly three parts when split on '_'.
    if (trimmed.count('_') != 2)
        return R::failure(ConfigTexts::tr("the publishable key has an unexpected format"));
    QByteArray encoded = trimmed.sliced(kTestPrefix.size()).toByteArray();
    if (encoded.isEmpty())
        return R::failure(ConfigTexts::tr("the publishable key has no encoded host"));
    // Keys are built without '=' padding; restore it so the strict decoder accepts the data.
    while (encoded.size() % 4 != 0)
        encoded.append('=');
    auto decoded = QByteArray::fromBase64Encoding(
        encoded, QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok) {
        // Some tools produce URL-safe base64; accept it too.
        decoded = QByteArray::fromBase64Encoding(
            encoded, QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
        if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
            return R::failure(ConfigTexts::tr("the publishable key is not valid base64"));
    }
    const QByteArray &text = decoded.decoded;
    if (!text.endsWith('$') || text.count('$') != 1)
        return R::failure(ConfigTexts::tr("the publishable key does not encode a host followed by '$'"));
    const QByteArray host = text.chopped(1);
    if (!host.contains('.'))
        return R::failure(ConfigTexts::tr("the publishable key does not encode a domain name"));
    // Only characters that can appear in host[:port]; rejects control bytes, '/', '@', spaces.
    static const QRegularExpression hostPattern(QStringLiteral("^[A-Za-z0-9.-]+(:[0-9]{1,5})?$"));
    const QString hostString = QString::fromLatin1(host);
    if (!hostPattern.match(hostString).hasMatch())
        return R::failure(ConfigTexts::tr("the publishable key encodes an invalid host"));
    info.frontendApiHost = hostString.toLower();
    return info;
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QHostAddress address;
    if (!address.setAddress(host))
        return false;
    return address.isLoopback();
}

convex::Result<QUrl> validateServiceUrl(const QString &url, const QString &settingName)
{
    using R = convex::Result<QUrl>;
    const QString trimmed = url.trimmed();
    if (trimmed.isEmpty())
        return R::failure(ConfigTexts::tr("%1 is not set").arg(settingName));
    QUrl parsed(trimmed, QUrl::StrictMode);
    if (!parsed.isValid() || parsed.isRelative() || parsed.host().isEmpty())
        return R::failure(ConfigTexts::tr("%1 is not a valid absolute URL").arg(settingName));
    const QString scheme = parsed.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return R::failure(ConfigTexts::tr("%1 must be an https URL").arg(settingName));
    if (scheme == QLatin1String("http") && !isLoopbackHost(parsed.host()))
        return R::failure(
            ConfigTexts::tr("%1 must use https (plain http is only allowed for localhost)").arg(settingName));
    if (!parsed.userInfo().isEmpty() || parsed.hasQuery() || parsed.hasFragment())
        return R::failure(
            ConfigTexts::tr("%1 must not contain user info, a query or a fragment").arg(settingName));
    QString path = parsed.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    parsed.setPath(path);
    return parsed;
}

QString AppConfig::frontendApiAuthority() const
{
    const int port = frontendApi.port();
    return port < 0 ? frontendApi.host() : frontendApi.host() + QLatin1Char(':') + QString::number(port);
}

QUrl defaultRedirectUrl()
{
    return QUrl(QStringLiteral("qonvex://callback"));
}

convex::Result<AppConfig> buildAppConfig(const ClerkSettingsInput &input)
{
    using R = convex::Result<AppConfig>;
    AppConfig config;
    config.redirectUrl = defaultRedirectUrl();

    const bool haveKey = !input.publishableKey.trimmed().isEmpty();
    std::optional<PublishableKeyInfo> keyInfo;
    if (haveKey) {
        auto parsed = parsePublishableKey(input.publishableKey.toUtf8());
        if (!parsed)
            return R::failure(QStringLiteral("clerk/publishableKey is invalid: %1").arg(parsed.error()));
        keyInfo = parsed.value();
    }

    if (!input.frontendApiUrl.trimmed().isEmpty()) {
        auto url = validateServiceUrl(input.frontendApiUrl, QStringLiteral("clerk/frontendApiUrl"));
        if (!url)
            return R::failure(url.error());
        config.frontendApi = url.value();
        config.instanceType = keyInfo ? keyInfo->instanceType : ClerkInstanceType::Development;
    } else if (keyInfo) {
        // Real SDKs always talk https to the host from the key; loopback keys (test stand-ins)
        // need an explicit clerk/frontendApiUrl for http.
        auto url = validateServiceUrl(QStringLiteral("https://") + keyInfo->frontendApiHost,
                                      QStringLiteral("clerk/publishableKey"));
        if (!url)
            return R::failure(url.error());
        config.frontendApi = url.value();
        config.instanceType = keyInfo->instanceType;
    } else {
        return R::failure(QStringLiteral("clerk/publishableKey is not set (or set clerk/frontendApiUrl)"));
    }

    if (!input.jwtTemplateSet) {
        config.jwtTemplate = QStringLiteral("convex");
    } else {
        config.jwtTemplate = input.jwtTemplate.trimmed();
        static const QRegularExpression templatePattern(QStringLiteral("^[A-Za-z0-9_-]*$"));
        if (!templatePattern.match(config.jwtTemplate).hasMatch())
            return R::failure(QStringLiteral(
                "clerk/jwtTemplate may contain only letters, digits, '-' and '_' (empty = session token)"));
    }

    auto convexUrl = validateServiceUrl(input.convexUrl, QStringLiteral("convex/url"));
    if (!convexUrl)
        return R::failure(convexUrl.error());
    config.convexUrl = convexUrl.value();
    return config;
}

} // namespace qonvex::app
