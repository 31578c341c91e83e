// SPDX-License-Identifier: MIT
#pragma once
// The Clerk Frontend API over QNetworkAccessManager, in native mode.

#include "clerk/fapierror.h"
#include "secrets/tokenstore.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace qonvex::app {


//! \brief Talks to the Clerk Frontend API the way Clerk's native SDKs do.
//!
//! Every request carries `_is_native=1`, `__clerk_api_version`, and `Authorization: <client
//! token>` (an empty value before the first answer). No cookies are loaded or saved, no
//! `Origin` is sent, and redirects are not followed. Every answer's `Authorization` header
//! (401s included) replaces the client token at once and is written to the TokenStore; an
//! empty value or a bare `Bearer` clears it. Bodies are never logged.
class FapiClient : public QObject {
    Q_OBJECT
public:
    //! The FAPI version native SDKs pin (clerk-ios, clerk-android).
    static constexpr const char *kApiVersion = "2026-05-12";

    enum class Method { Get, Post, Put, Delete };

    //! Called with the error (nullopt on 2xx) and the parsed JSON body.
    using Callback = std::function<void(std::optional<FapiError> error, QJsonObject body)>;

    //! \a frontendApi is AppConfig::frontendApi; \a store may be null (nothing persisted).
    //! \a nam may be shared; a private one is created when null.
    FapiClient(QUrl frontendApi, TokenStore *store, QObject *parent = nullptr,
               QNetworkAccessManager *nam = nullptr);
    ~FapiClient() override;

    //! Sends a request to `<frontendApi>/v1<path>`. \a form becomes the form-urlencoded body
    //! (POST/PUT/DELETE); \a query is added to the URL next to the native parameters.
    //! \a done runs once, later, unless this client is destroyed first.
    void send(Method method, const QString &path, const QUrlQuery &form, Callback done,
              const QUrlQuery &query = {});

    //! The current client token (from the store at startup, then from responses).
    const std::optional<SecretToken> &clientToken() const { return m_clientToken; }
    //! Uses \a token from now on without persisting it (e.g. after loading it from the store).
    void adoptClientToken(std::optional<SecretToken> token);
    //! Forgets the client token and clears the store (sign-out). Answers to requests sent before this call no longer
    //! change the token, so a late rotation cannot resurrect the signed-out client.
    void forgetClientToken();

    //! Where rotated tokens are written from now on. Writes the current token there at once.
    void setTokenStore(TokenStore *store);
    TokenStore *tokenStore() const { return m_store; }

    //! Per-request transfer timeout (default 30 s).
    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }

    QUrl frontendApi() const { return m_frontendApi; }

Q_SIGNALS:
    //! The client token changed (value deliberately not passed).
    void clientTokenChanged();
    //! Writing the token to the store failed; the token is still used in memory.
    void persistenceFailed(const qonvex::app::TokenStoreError &error);

private:
    void handleRotation(const QByteArray &headerValue, quint64 epoch);
    void persist();

    QUrl m_frontendApi;
    QPointer<TokenStore> m_store;
    QNetworkAccessManager *m_nam = nullptr;
    std::optional<SecretToken> m_clientToken;
    quint64 m_epoch = 0;          // bumped by forgetClientToken()
    int m_transferTimeoutMs = 30000;
    bool m_persistBusy = false;   // one store write at a time, in order
    bool m_persistDirty = false;
};

//! The `client` object in a FAPI answer: `response` when it is a client, else the piggybacked
//! `client` (or `meta.client`). Empty when the answer carries no client (signed out).
QJsonObject clientFromEnvelope(const QJsonObject &body);

} // namespace qonvex::app
