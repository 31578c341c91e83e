// SPDX-License-Identifier: MIT
#include "core/authtoken.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace convex::core {

QDebug operator<<(QDebug debug, const AuthToken &token)
{
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "AuthToken(…" << token.tail() << ')';
    return debug;
}

std::optional<JwtTimes> decodeJwtTimes(const AuthToken &token)
{
    // Like jwt-decode: no signature check; only the payload (2nd part) matters.
    const QStringList parts = token.reveal().split(QLatin1Char('.'));
    if (parts.size() < 2)
        return std::nullopt;
    const auto decoded = QByteArray::fromBase64Encoding(
        parts.at(1).toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(*decoded, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject payload = doc.object();
    JwtTimes times;
    if (payload.value(QLatin1String("iat")).isDouble())
        times.issuedAt = payload.value(QLatin1String("iat")).toDouble();
    if (payload.value(QLatin1String("exp")).isDouble())
        times.expiresAt = payload.value(QLatin1String("exp")).toDouble();
    return times;
}

} // namespace convex::core
