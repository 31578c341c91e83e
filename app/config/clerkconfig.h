// SPDX-License-Identifier: MIT
#pragma once
// Configuration of the Clerk + Convex connection, validated once at startup.
//
// Everything here is a pure function of its inputs (no settings, no environment, no I/O), so
// the parsers can be unit-tested and fuzzed directly.

#include <convexclient/result.h>

#include <QByteArrayView>
#include <QString>
#include <QUrl>

namespace qonvex::app {

//! Which kind of Clerk instance a publishable key belongs to.
enum class ClerkInstanceType { Development, Production };

//! What a publishable key tells us.
struct PublishableKeyInfo {
    QString frontendApiHost;            //!< e.g. `verb-noun-00.clerk.accounts.dev` (may carry `:port`)
    ClerkInstanceType instanceType = ClerkInstanceType::Development;
};

//! Parses a Clerk publishable key: `pk_test_` or `pk_live_`, then the unpadded base64 of
//! `<host>$`. Mirrors `parsePublishableKey` in `@clerk/shared/keys`: exactly three `_`-separated
//! parts, the decoded text ends in exactly one `$` and contains a `.`. Never crashes on any input.
convex::Result<PublishableKeyInfo> parsePublishableKey(QByteArrayView key);

//! True for `localhost`, `127.0.0.0/8` and `::1`: the only hosts that may use plain http.
bool isLoopbackHost(const QString &host);

//! Checks that \a url is an absolute http(s) URL with a host and no user info, query or
//! fragment, and that it uses https unless its host is loopback. \a settingName is used in the
//! error message so the user knows what to fix. Returns the URL without a trailing slash.
convex::Result<QUrl> validateServiceUrl(const QString &url, const QString &settingName);

//! Raw, unvalidated settings as the user or the command line gave them (empty = not set).
struct ClerkSettingsInput {
    QString publishableKey;      //!< setting `clerk/publishableKey`
    QString frontendApiUrl;      //!< setting `clerk/frontendApiUrl`, overrides the key's host
    QString jwtTemplate;         //!< setting `clerk/jwtTemplate`; unset means `convex`
    bool jwtTemplateSet = false; //!< distinguishes "unset" (→ `convex`) from "empty" (→ session token)
    QString convexUrl;           //!< setting `convex/url`
};

//! Validated configuration.
struct AppConfig {
    QUrl frontendApi;               //!< base URL of the Clerk Frontend API, no trailing slash
    ClerkInstanceType instanceType = ClerkInstanceType::Development;
    QString jwtTemplate;            //!< JWT template for Convex; empty = plain session token
    QUrl convexUrl;                 //!< Convex deployment URL
    QUrl redirectUrl;               //!< hosted-auth callback, `qonvex://callback`

    //! The Frontend API host with port when not default: the key scope in the keychain.
    QString frontendApiAuthority() const;
};

//! The default hosted-auth callback URL.
QUrl defaultRedirectUrl();

//! Validates \a input. Errors name the setting to fix (`clerk/publishableKey`,
//! `clerk/frontendApiUrl`, `convex/url`, `clerk/jwtTemplate`). An explicit Frontend API URL
//! wins over the key; the key is then optional.
convex::Result<AppConfig> buildAppConfig(const ClerkSettingsInput &input);

} // namespace qonvex::app
