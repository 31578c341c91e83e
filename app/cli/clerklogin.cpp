// SPDX-License-Identifier: MIT
#include "clerklogin.h"

#include "config/clerkconfig.h"
#include "secrets/keychaintokenstore.h"
#include "session/sessioncontroller.h"

#include <QPointer>

namespace qonvex::cli {

using State = app::SessionController::State;

ClerkLogin::ClerkLogin(const Options &options, QObject *parent) : QObject(parent), m_options(options)
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, [this] {
        const QString why = m_session ? m_session->reason() : QString();
        fail(ExitConnection, QStringLiteral("Could not restore the Clerk session within --timeout")
                                 + (why.isEmpty() ? QString() : QStringLiteral(": ") + why));
    });
}

ClerkLogin::~ClerkLogin()
{
    // The controller refers to the store; it goes first.
    m_session.reset();
    m_store.reset();
}

void ClerkLogin::start()
{
    app::ClerkSettingsInput input;
    input.publishableKey = m_options.clerkPublishableKey;
    input.frontendApiUrl = m_options.clerkFrontendApi;
    input.jwtTemplate = m_options.jwtTemplate;
    input.jwtTemplateSet = m_options.jwtTemplateSet;
    input.convexUrl = m_options.url.toString();
    const convex::Result<app::AppConfig> config = app::buildAppConfig(input);
    if (!config.ok()) {
        // Errors name the app's setting; say which option feeds it.
        QTimer::singleShot(0, this, [this, error = config.error()] {
            fail(ExitUsage, QStringLiteral("Invalid Clerk configuration (--clerk-publishable-key, "
                                           "--clerk-frontend-api, --jwt-template): ") + error);
        });
        return;
    }
    m_store = std::make_unique<app::KeychainTokenStore>(config->frontendApiAuthority());
    m_session = std::make_unique<app::SessionController>(*config, m_store.get());
    connect(m_session.get(), &app::SessionController::stateChanged, this, &ClerkLogin::onStateChanged);
    m_deadline.start(m_options.timeout);
    m_session->restore();
}

std::function<void(bool, std::function<void(std::optional<QString>)>)> ClerkLogin::fetcher()
{
    return m_session ? m_session->convexTokenFetcher() : nullptr;
}

void ClerkLogin::onStateChanged()
{
    if (m_done || !m_session)
        return;
    const QString reason = m_session->reason();
    switch (m_session->state()) {
    case State::SigningIn:
        return;
    case State::Error:
        // The controller retries on its own; the deadline decides when the CLI gives up.
        return;
    case State::SignedOut:
        fail(ExitConnection, QStringLiteral("not signed in: sign in with Qonvex first")
                                 + (reason.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(reason)));
        return;
    case State::SessionOnly: {
        // The app's reason ends with an offer ("stay signed in for this session only") that
        // means nothing to a script; keep only what went wrong.
        const qsizetype offer = reason.indexOf(QLatin1String(" You can stay signed in"));
        QString problem = (offer > 0 ? reason.left(offer) : reason).trimmed();
        if (!problem.isEmpty() && !problem.endsWith(u'.'))
            problem += u'.';
        fail(ExitConnection, QStringLiteral("cannot read the Qonvex session from the OS keyring")
                                 + (problem.isEmpty() ? QStringLiteral(".") : QStringLiteral(": ") + problem)
                                 + QStringLiteral(" Is a Secret Service (e.g. gnome-keyring) running and unlocked "
                                                  "in this D-Bus session?"));
        return;
    }
    case State::SignedIn:
        break;
    }
    if (m_minting)
        return;
    m_minting = true;
    QPointer<ClerkLogin> self(this);
    m_session->convexTokenFetcher()(false, [self](std::optional<QString> token) {
        if (!self || self->m_done)
            return;
        if (!token || token->isEmpty()) {
            self->fail(ExitConnection, QStringLiteral("Clerk did not issue a token for this session (JWT template '%1')")
                                           .arg(self->m_options.jwtTemplateSet ? self->m_options.jwtTemplate
                                                                               : QStringLiteral("convex")));
            return;
        }
        self->m_done = true;
        self->m_deadline.stop();
        Q_EMIT self->ready(*token);
    });
}

void ClerkLogin::fail(int exitCode, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    Q_EMIT failed(exitCode, message);
}

} // namespace qonvex::cli
