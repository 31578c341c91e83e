// SPDX-License-Identifier: MIT
#pragma once
//! \file
//! Where the embedded sign-in view may go. Pure logic (no Qt WebEngine), so it is unit-tested
//! on its own and shared by the WebEngine plugin through the `qonvex_signin` library.

#include "signin_export.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace qonvex::ui {

//! One allowlist / browser-only entry. Two spellings:
//! - a host pattern: `accounts.example.com` (that host, http or https, any port) or
//!   `*.clerk.accounts.dev` (strict subdomains only);
//! - an origin with an optional path prefix: `https://idp.example`, `http://127.0.0.1:4100`,
//!   `http://127.0.0.1:4100/google` (matches `/google` and `/google/…`, not `/googlex`).
class QONVEX_SIGNIN_EXPORT UrlPattern
{
public:
    //! Parse \a text; returns nothing and sets \a error for bad input ("*", "a*b", a URL with
    //! a query, a scheme other than http/https, …).
    static std::optional<UrlPattern> parse(const QString &text, QString *error = nullptr);
    bool matches(const QUrl &url) const;
    //! The pattern as given (normalised to lower case).
    QString toString() const { return m_text; }

private:
    QString m_text;
    QString m_scheme;     // empty: http or https
    QString m_host;       // without the "*." of a wildcard
    bool m_subdomains = false;
    int m_port = -1;      // -1: any
    QString m_pathPrefix; // empty: any path
};

//! Decides what to do with each navigation of the sign-in page.
class QONVEX_SIGNIN_EXPORT NavigationPolicy
{
public:
    enum class Decision {
        Load,            //!< let the page load it
        Callback,        //!< the app's callback: report it, do not load it
        OpenExternally,  //!< off-allowlist link: hand it to the system browser
        BrowserFallback, //!< a provider that blocks embedded browsers: continue in the browser
        Refuse,          //!< neither load nor open (insecure, sub-frame, odd scheme)
    };

    struct Verdict {
        Decision decision = Decision::Refuse;
        //! Why, for logs and error messages (never contains the query).
        QString reason;
    };

    //! Build from strings; fails (nothing, \a error set) if any entry does not parse or the
    //! callback scheme is empty or http(s).
    static std::optional<NavigationPolicy> create(const QString &callbackScheme,
                                                  const QStringList &allowlist,
                                                  const QStringList &browserOnly,
                                                  QString *error = nullptr);

    //! Decide about a navigation to \a url in the main frame or a sub-frame.
    Verdict decide(const QUrl &url, bool isMainFrame) const;
    //! The hosted sign-in URL itself must be loadable (allowlisted, https or loopback http).
    Verdict decideStart(const QUrl &url) const;

    QString callbackScheme() const { return m_callbackScheme; }

    //! localhost, *.localhost, 127.0.0.0/8, ::1.
    static bool isLoopbackHost(const QString &host);
    //! `scheme://host[:port]/path` without user info, query or fragment: safe to log.
    static QString redacted(const QUrl &url);

private:
    NavigationPolicy() = default;
    bool isAllowed(const QUrl &url) const;
    bool isBrowserOnly(const QUrl &url) const;

    QString m_callbackScheme;
    QList<UrlPattern> m_allowed;
    QList<UrlPattern> m_browserOnly;
};

} // namespace qonvex::ui
