// SPDX-License-Identifier: MIT
#include "clerk/clerkmodels.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace qonvex::app {

const ClerkSession *ClerkClient::session(const QString &sessionId) const
{
    for (const auto &s : sessions)
        if (s.id == sessionId)
            return &s;
    return nullptr;
}

const ClerkSession *ClerkClient::activeSession() const
{
    if (const auto *last = session(lastActiveSessionId); last && last->isActive())
        return last;
    for (const auto &s : sessions)
        if (s.isActive())
            return &s;
    return nullptr;
}

ClerkSession parseClerkSession(const QJsonObject &json)
{
    ClerkSession s;
    s.id = json.value(QLatin1String("id")).toString();
    s.status = json.value(QLatin1String("status")).toString();
    const QJsonObject user = json.value(QLatin1String("user")).toObject();
    s.userId = user.value(QLatin1String("id")).toString();
    const QJsonObject publicData = json.value(QLatin1String("public_user_data")).toObject();
    s.userIdentifier = publicData.value(QLatin1String("identifier")).toString();
    const QString first = publicData.value(QLatin1String("first_name")).toString(
        user.value(QLatin1String("first_name")).toString());
    const QString last = publicData.value(QLatin1String("last_name")).toString(
        user.value(QLatin1String("last_name")).toString());
    s.userDisplayName = QStringList{first, last}.join(QLatin1Char(' ')).trimmed();
    if (s.userIdentifier.isEmpty()) {
        const QJsonArray emails = user.value(QLatin1String("email_addresses")).toArray();
        if (!emails.isEmpty())
            s.userIdentifier = emails.first().toObject().value(QLatin1String("email_address")).toString();
    }
    const QString jwt = json.value(QLatin1String("last_active_token")).toObject().value(QLatin1String("jwt")).toString();
    s.lastActiveToken = SecretToken(jwt);
    return s;
}

std::optional<ClerkClient> parseClerkClient(const QJsonObject &json)
{
    if (json.value(QLatin1String("object")).toString() != QLatin1String("client"))
        return std::nullopt;
    ClerkClient client;
    client.id = json.value(QLatin1String("id")).toString();
    client.lastActiveSessionId = json.value(QLatin1String("last_active_session_id")).toString();
    const QJsonArray sessions = json.value(QLatin1String("sessions")).toArray();
    for (const auto &v : sessions)
        client.sessions.append(parseClerkSession(v.toObject()));
    return client;
}

QJsonObject unverifiedJwtClaims(QByteArrayView jwt)
{
    const QList<QByteArrayView> parts = [&] {
        QList<QByteArrayView> out;
        qsizetype start = 0;
        for (qsizetype i = 0; i <= jwt.size() && out.size() < 4; ++i) {
            if (i == jwt.size() || jwt[i] == '.') {
                out.append(jwt.sliced(start, i - start));
                start = i + 1;
            }
        }
        return out;
    }();
    if (parts.size() != 3 || parts[1].isEmpty() || parts[1].size() > 64 * 1024)
        return {};
    const auto decoded = QByteArray::fromBase64Encoding(
        parts[1].toByteArray(),
        QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals | QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return {};
    return QJsonDocument::fromJson(decoded.decoded).object();
}

bool jwtHasAudience(const QJsonObject &claims, const QString &audience)
{
    const QJsonValue aud = claims.value(QLatin1String("aud"));
    if (aud.isString())
        return aud.toString() == audience;
    const QJsonArray list = aud.toArray();
    for (const auto &v : list)
        if (v.toString() == audience)
            return true;
    return false;
}

} // namespace qonvex::app
