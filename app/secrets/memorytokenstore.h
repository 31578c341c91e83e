// SPDX-License-Identifier: MIT
#pragma once

#include "secrets/tokenstore.h"

namespace qonvex::app {

//! \brief Keeps the token in memory only: "stay signed in for this session only", and tests.
class MemoryTokenStore final : public TokenStore {
    Q_OBJECT
public:
    explicit MemoryTokenStore(QObject *parent = nullptr);
    explicit MemoryTokenStore(std::optional<SecretToken> initial, QObject *parent = nullptr);

    void load(LoadCallback done) override;
    void save(const SecretToken &token, DoneCallback done) override;
    void clear(DoneCallback done) override;
    bool isPersistent() const override { return false; }

    //! The current value, for tests.
    std::optional<SecretToken> current() const { return m_token; }

private:
    std::optional<SecretToken> m_token;
};

} // namespace qonvex::app
