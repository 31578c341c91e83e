// SPDX-License-Identifier: MIT
#include "secrets/memorytokenstore.h"

#include <QTimer>

namespace qonvex::app {

MemoryTokenStore::MemoryTokenStore(QObject *parent) : TokenStore(parent) {}

MemoryTokenStore::MemoryTokenStore(std::optional<SecretToken> initial, QObject *parent)
    : TokenStore(parent), m_token(std::move(initial))
{
}

// The state changes at once (so a later load sees it), the callback runs from the event loop
// like a real keychain's, so callers cannot come to depend on synchronous completion.
void MemoryTokenStore::load(LoadCallback done)
{
    QTimer::singleShot(0, this, [done = std::move(done), token = m_token] {
        if (done)
            done(TokenLoadResult{token, std::nullopt});
    });
}

void MemoryTokenStore::save(const SecretToken &token, DoneCallback done)
{
    m_token = token;
    QTimer::singleShot(0, this, [done = std::move(done)] {
        if (done)
            done(std::nullopt);
    });
}

void MemoryTokenStore::clear(DoneCallback done)
{
    m_token.reset();
    QTimer::singleShot(0, this, [done = std::move(done)] {
        if (done)
            done(std::nullopt);
    });
}

} // namespace qonvex::app
