// SPDX-License-Identifier: MIT
#pragma once
// qonvex-cli --clerk: reuse the session the Qonvex app stored in the OS keychain (same service,
// same key, through the app's own KeychainTokenStore and SessionController), so that scripts
// run as the signed-in user. Never signs in, never prints or logs a token.

#include "clioptions.h"

#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace qonvex::app {
class KeychainTokenStore;
class SessionController;
}

namespace qonvex::cli {

class ClerkLogin : public QObject {
    Q_OBJECT
public:
    //! \a options must have clerk set.
    explicit ClerkLogin(const Options &options, QObject *parent = nullptr);
    ~ClerkLogin() override;

    //! Restores the stored session and mints a first Convex token. Exactly one of ready() or
    //! failed() follows, from the event loop.
    void start();
    //! After ready(): fresh tokens for convex::Client (cached, refreshed before expiry).
    std::function<void(bool, std::function<void(std::optional<QString>)>)> fetcher();

Q_SIGNALS:
    //! Signed in; \a firstToken is for the runner's first request (never print it).
    void ready(const QString &firstToken);
    //! \a exitCode is ExitUsage (configuration) or ExitConnection (not signed in, keyring, Clerk).
    void failed(int exitCode, const QString &message);

private:
    void onStateChanged();
    void fail(int exitCode, const QString &message);

    Options m_options;
    std::unique_ptr<app::KeychainTokenStore> m_store;
    std::unique_ptr<app::SessionController> m_session;
    QTimer m_deadline;
    bool m_done = false;
    bool m_minting = false;
};

} // namespace qonvex::cli
