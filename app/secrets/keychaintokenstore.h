// SPDX-License-Identifier: MIT
#pragma once

#include "secrets/tokenstore.h"

namespace qonvex::app {

//! \brief Stores the Clerk client token in the OS keychain through QtKeychain.
//!
//! Service `io.github.qonvex.Qonvex`, key `clerk-client-token:<frontend API host[:port]>`, so
//! two Clerk instances never share an entry. QtKeychain's insecure fallback stays off: when
//! no keychain works, every call reports an error and the caller offers "this session only".
class KeychainTokenStore final : public TokenStore {
    Q_OBJECT
public:
    static constexpr const char *kService = "io.github.qonvex.Qonvex";

    //! \a frontendApiAuthority is AppConfig::frontendApiAuthority().
    explicit KeychainTokenStore(const QString &frontendApiAuthority, QObject *parent = nullptr);

    void load(LoadCallback done) override;
    void save(const SecretToken &token, DoneCallback done) override;
    void clear(DoneCallback done) override;
    bool isPersistent() const override { return true; }

    //! The keychain entry's key, for tests.
    QString key() const { return m_key; }

private:
    QString m_key;
};

} // namespace qonvex::app
