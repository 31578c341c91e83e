// SPDX-License-Identifier: MIT
#include "clerk/pkce.h"

#include <QCryptographicHash>
#include <QHash>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace qonvex::app {

QByteArray pkceChallengeS256(QByteArrayView verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray randomUrlSafeString(int byteCount, QRandomGenerator *rng)
{
    if (!rng)
        rng = QRandomGenerator::system();
    QByteArray bytes(std::max(byteCount, 0), Qt::Uninitialized);
    // Fill 32 bits at a time; fillRange needs whole quint32s.
    QList<quint32> words((bytes.size() + 3) / 4);
    rng->fillRange(words.data(), words.size());
    std::memcpy(bytes.data(), words.constData(), size_t(bytes.size()));
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

PkcePair makePkcePair(QRandomGenerator *rng)
{
    PkcePair pair;
    pair.verifier = randomUrlSafeString(32, rng);
    pair.challenge = pkceChallengeS256(pair.verifier);
    return pair;
}

namespace {

// Compares without an early exit, so the time taken does not reveal how much of the state matched.
bool constantTimeEquals(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace

convex::Result<HostedAuthCallback> parseHostedAuthCallback(QByteArrayView callbackUrl,
                                                           const QUrl &expectedRedirect,
                                                           QByteArrayView expectedState)
{
    using R = convex::Result<HostedAuthCallback>;
    if (callbackUrl.size() > 16 * 1024)
        return R::failure(QStringLiteral("the sign-in callback is too long"));
    const QUrl url(QString::fromUtf8(callbackUrl), QUrl::StrictMode);
    if (!url.isValid())
        return R::failure(QStringLiteral("the sign-in callback is not a valid URL"));
    if (url.scheme().compare(expectedRedirect.scheme(), Qt::CaseInsensitive) != 0)
        return R::failure(QStringLiteral("the sign-in callback has the wrong scheme"));
    if (url.host() != expectedRedirect.host() || url.port() != expectedRedirect.port()
        || !url.userInfo().isEmpty())
        return R::failure(QStringLiteral("the sign-in callback has the wrong host"));
    if (url.path(QUrl::FullyEncoded) != expectedRedirect.path(QUrl::FullyEncoded))
        return R::failure(QStringLiteral("the sign-in callback has the wrong path"));
    if (url.hasFragment())
        return R::failure(QStringLiteral("the sign-in callback must not have a fragment"));
    if (expectedState.isEmpty())
        return R::failure(QStringLiteral("no sign-in is waiting for a callback"));

    // Split the raw query ourselves: QUrlQuery would silently keep duplicates we must refuse.
    QHash<QString, QString> params;
    const QString query = url.query(QUrl::FullyEncoded);
    for (const QStringView pair : QStringView(query).split(QLatin1Char('&'))) {
        if (pair.isEmpty())
            continue;
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        const QStringView rawKey = eq < 0 ? pair : pair.first(eq);
        const QStringView rawValue = eq < 0 ? QStringView() : pair.sliced(eq + 1);
        auto decode = [](QStringView v) {
            QByteArray bytes = v.toUtf8();
            bytes.replace('+', ' ');
            return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
        };
        const QString key = decode(rawKey);
        const QString value = decode(rawValue);
        if (key.isEmpty())
            return R::failure(QStringLiteral("the sign-in callback has a parameter without a name"));
        if (params.contains(key))
            return R::failure(QStringLiteral("the sign-in callback repeats the parameter '%1'").arg(key.left(40)));
        if (value.isEmpty())
            return R::failure(QStringLiteral("the sign-in callback has an empty parameter '%1'").arg(key.left(40)));
        params.insert(key, value);
    }

    const QString state = params.value(QStringLiteral("state"));
    if (state.isEmpty())
        return R::failure(QStringLiteral("the sign-in callback has no state"));
    if (!constantTimeEquals(state.toUtf8(), expectedState))
        return R::failure(QStringLiteral("the sign-in callback's state does not match this sign-in"));
    if (params.value(QStringLiteral("__clerk_status")) == QLatin1String("failed")) {
        // Echo only a code shaped like Clerk's (snake_case) that cannot carry the state or the
        // nonce: the parameter is free text in the URL (found by tests/fuzz/fuzz_hosted_callback).
        static const QRegularExpression codeShape(QStringLiteral("^[a-z0-9_]{1,80}$"));
        QString code = params.value(QStringLiteral("__clerk_error_code"));
        const QString nonce = params.value(QStringLiteral("rotating_token_nonce"));
        if (!codeShape.match(code).hasMatch() || code.contains(state) || (!nonce.isEmpty() && code.contains(nonce)))
            code = QStringLiteral("unknown");
        return R::failure(QStringLiteral("sign-in failed at Clerk (%1)").arg(code));
    }
    HostedAuthCallback result;
    result.rotatingTokenNonce = params.value(QStringLiteral("rotating_token_nonce"));
    result.createdSessionId = params.value(QStringLiteral("created_session_id"));
    if (result.rotatingTokenNonce.isEmpty())
        return R::failure(QStringLiteral("the sign-in callback has no rotating_token_nonce"));
    if (result.createdSessionId.isEmpty())
        return R::failure(QStringLiteral("the sign-in callback has no created_session_id"));
    return result;
}

} // namespace qonvex::app
