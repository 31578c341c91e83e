// SPDX-License-Identifier: MIT
#pragma once
// Where the long-lived Clerk client token lives between runs.

#include "secrets/secrettoken.h"

#include <QObject>

#include <functional>
#include <optional>

namespace qonvex::app {

//! Why a token store could not do its job.
struct TokenStoreError {
    enum class Kind {
        Unavailable,  //!< no keychain service (no D-Bus session, no secrets provider, ...)
        AccessDenied, //!< the keychain refused (locked collection, user said no)
        Failed,       //!< any other failure
    };
    Kind kind = Kind::Failed;
    QString message; //!< from the backend, for the UI; never contains the secret
};

//! Result of TokenStore::load(). A missing entry is `token == nullopt` with no error: that
//! means "signed out", not a failure.
struct TokenLoadResult {
    std::optional<SecretToken> token;
    std::optional<TokenStoreError> error;
};

//! \brief Asynchronous storage for one secret: the Clerk client token for one Frontend API.
//!
//! Callbacks always run later from the event loop, never inside the call, and not at all if
//! the store is destroyed first. Implementations never fall back to plaintext storage.
class TokenStore : public QObject {
    Q_OBJECT
public:
    using LoadCallback = std::function<void(TokenLoadResult)>;
    using DoneCallback = std::function<void(std::optional<TokenStoreError>)>;

    using QObject::QObject;

    //! Reads the stored token.
    virtual void load(LoadCallback done) = 0;
    //! Replaces the stored token.
    virtual void save(const SecretToken &token, DoneCallback done) = 0;
    //! Removes the stored token; removing a missing entry is success.
    virtual void clear(DoneCallback done) = 0;
    //! True when the token survives an app restart.
    virtual bool isPersistent() const = 0;
};

} // namespace qonvex::app

Q_DECLARE_METATYPE(qonvex::app::TokenStoreError)
