// SPDX-License-Identifier: MIT
#include "clerk/fapiclient.h"

#include "clerk/logging_p.h"
#include "secrets/tokenstore.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace qonvex::app {

Q_LOGGING_CATEGORY(lcFapi, "qonvex.clerk.fapi", QtInfoMsg)

FapiClient::FapiClient(QUrl frontendApi, TokenStore *store, QObject *parent, QNetworkAccessManager *nam)
    : QObject(parent), m_frontendApi(std::move(frontendApi)), m_store(store), m_nam(nam)
{
    if (!m_nam)
        m_nam = new QNetworkAccessManager(this);
}

FapiClient::~FapiClient() = default;

void FapiClient::adoptClientToken(std::optional<SecretToken> token)
{
    if (token && token->isEmpty())
        token.reset();
    if (m_clientToken == token)
        return;
    m_clientToken = std::move(token);
    Q_EMIT clientTokenChanged();
}

void FapiClient::forgetClientToken()
{
    ++m_epoch;
    adoptClientToken(std::nullopt);
    // Clear the stored entry too, ordered after any write that is still running.
    m_persistDirty = true;
    persist();
}

void FapiClient::setTokenStore(TokenStore *store)
{
    m_store = store;
    m_persistDirty = true;
    m_persistBusy = false;
    persist();
}

void FapiClient::send(Method method, const QString &path, const QUrlQuery &form, Callback done,
                      const QUrlQuery &query)
{
    QUrl url = m_frontendApi;
    url.setPath(m_frontendApi.path() + QStringLiteral("/v1") + path);
    QUrlQuery fullQuery = query;
    fullQuery.addQueryItem(QStringLiteral("_is_native"), QStringLiteral("1"));
    fullQuery.addQueryItem(QStringLiteral("__clerk_api_version"), QString::fromLatin1(kApiVersion));
    url.setQuery(fullQuery);

    QNetworkRequest request(url);
    // The client token is the only credential; cookies would mix in browser state.
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    // Empty before the first answer: FAPI then creates a client and returns its token.
    request.setRawHeader("Authorization", m_clientToken ? m_clientToken->reveal().toUtf8() : QByteArray(""));

    const QByteArray body = form.query(QUrl::FullyEncoded).toUtf8();
    QNetworkReply *reply = nullptr;
    const char *verb = "GET";
    switch (method) {
    case Method::Get:
        reply = m_nam->get(request);
        break;
    case Method::Post:
        verb = "POST";
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = m_nam->post(request, body);
        break;
    case Method::Put:
        verb = "PUT";
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = m_nam->put(request, body);
        break;
    case Method::Delete:
        verb = "DELETE";
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/x-www-form-urlencoded"));
        reply = m_nam->sendCustomRequest(request, "DELETE", body);
        break;
    }
    qCDebug(lcFapi) << verb << path; // path only: the query and body may carry nonces
    const quint64 epoch = m_epoch;
    connect(reply, &QNetworkReply::finished, this, [this, reply, done = std::move(done), epoch, path] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (reply->hasRawHeader("Authorization"))
            handleRotation(reply->rawHeader("Authorization"), epoch);
        const QByteArray data = reply->readAll();
        QNetworkReply::NetworkError netError = reply->error();
        // A transfer timeout surfaces as OperationCanceledError; we never abort replies
        // ourselves, so it is a network failure, not a cancellation.
        if (netError == QNetworkReply::OperationCanceledError)
            netError = QNetworkReply::TimeoutError;
        qCDebug(lcFapi) << "answer" << status << "for" << path;
        if (status >= 200 && status < 300) {
            QJsonParseError parseError;
            const QJsonDocument doc = data.trimmed().isEmpty()
                                          ? QJsonDocument(QJsonObject())
                                          : QJsonDocument::fromJson(data, &parseError);
            if (!doc.isObject()) {
                FapiError error;
                error.kind = FapiError::Kind::Server;
                error.httpStatus = status;
                error.message = QStringLiteral("the answer is not a JSON object");
                if (done)
                    done(error, {});
                return;
            }
            if (done)
                done(std::nullopt, doc.object());
            return;
        }
        const FapiError error = mapFapiError(netError, status, data, reply->rawHeader("Retry-After"));
        qCInfo(lcFapi) << "request failed:" << path << error.describe();
        if (done)
            done(error, {});
    });
}

void FapiClient::handleRotation(const QByteArray &headerValue, quint64 epoch)
{
    if (epoch != m_epoch)
        return; // answer to a request from before sign-out
    const QByteArray trimmed = headerValue.trimmed();
    std::optional<SecretToken> next;
    // Like clerk-ios: an empty header or a bare "Bearer" means "forget the client".
    if (!trimmed.isEmpty() && trimmed != "Bearer")
        next = SecretToken(QString::fromUtf8(trimmed));
    if (next == m_clientToken)
        return;
    qCDebug(lcFapi) << "client token rotated" << (next ? *next : SecretToken());
    m_clientToken = next;
    Q_EMIT clientTokenChanged();
    m_persistDirty = true;
    persist();
}

void FapiClient::persist()
{
    if (!m_store || m_persistBusy || !m_persistDirty)
        return;
    m_persistBusy = true;
    m_persistDirty = false;
    QPointer<TokenStore> store = m_store;
    QPointer<FapiClient> self = this;
    auto done = [self, this, store](std::optional<TokenStoreError> error) {
        if (!self || store != m_store)
            return; // the store was swapped meanwhile; setTokenStore() restarted the chain
        m_persistBusy = false;
        if (error)
            Q_EMIT persistenceFailed(*error);
        persist(); // a newer token may have arrived while this write ran
    };
    if (m_clientToken)
        m_store->save(*m_clientToken, done);
    else
        m_store->clear(done);
}

QJsonObject clientFromEnvelope(const QJsonObject &body)
{
    const QJsonObject response = body.value(QLatin1String("response")).toObject();
    if (response.value(QLatin1String("object")).toString() == QLatin1String("client"))
        return response;
    const QJsonObject client = body.value(QLatin1String("client")).toObject();
    if (!client.isEmpty())
        return client;
    return body.value(QLatin1String("meta")).toObject().value(QLatin1String("client")).toObject();
}

} // namespace qonvex::app
