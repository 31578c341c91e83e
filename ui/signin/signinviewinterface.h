// SPDX-License-Identifier: MIT
#pragma once
//! \file
//! The embedded sign-in view as the app sees it. This header deliberately includes no Qt
//! WebEngine header: the WebEngine implementation lives in the plugin
//! `qonvex_signin_webengine`, which SignInViewLoader loads only when sign-in is needed, so an
//! app that is already signed in never maps the ~27 MB of Qt WebEngine.
//!
//! How the callback is caught: Clerk's hosted sign-in ends with a redirect to
//! `qonvex://callback?state=…&rotating_token_nonce=…`. A custom scheme handler
//! (`QWebEngineUrlScheme::registerScheme`) would have to be registered before QApplication
//! exists, i.e. before this plugin can possibly be loaded. Instead the view intercepts the
//! navigation in `QWebEnginePage::acceptNavigationRequest`, which Qt WebEngine calls for
//! main-frame navigations to any scheme, registered or not, before any request is made, provided
//! the page's UnknownUrlSchemePolicy allows it (the view sets AllowAllUnknownUrlSchemes: the
//! default asks only after a user gesture). The view reports the URL and refuses the navigation,
//! so the callback never reaches QDesktopServices or the network. See README.md.

#include "signin_export.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>
#include <QWidget>
#include <QtPlugin>

namespace qonvex::ui {

//! Set the one application attribute Qt WebEngine wants before QApplication is constructed
//! (a shared OpenGL context), without linking Qt WebEngine. Call it in main() before
//! QApplication; the plugin loaded later then renders with GPU compositing when available.
inline void prepareApplicationForSignInView()
{
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
}

//! How the view is set up. Navigation rules are given to SignInView::start().
struct SignInViewOptions {
    //! The app's callback scheme. Navigations to it are reported with callbackReceived() and
    //! never loaded.
    QString callbackScheme = QStringLiteral("qonvex");
    //! Hosts (or URL prefixes, see NavigationPolicy) of identity providers that refuse embedded
    //! browsers. When the page heads there the view stops and asks for the system browser
    //! (openInBrowserRequested with ProviderBlocksEmbeddedBrowsers).
    QStringList browserOnly = {QStringLiteral("accounts.google.com")};
};

//! The embedded sign-in view. Create one with SignInViewFactory::createView().
//!
//! States (loadStateChanged): Idle → Loading → Ready ⇄ Loading … then one of
//! Completed (callback caught), Failed (error shown in the view), Cancelled (user cancelled),
//! InBrowser (sign-in handed to the system browser). start() always goes back to Loading.
//! Errors, cancel and hand-over are shown inside the view, never as a blank page.
class QONVEX_SIGNIN_EXPORT SignInView : public QWidget
{
    Q_OBJECT
public:
    enum class LoadState { Idle, Loading, Ready, Completed, Failed, Cancelled, InBrowser };
    Q_ENUM(LoadState)

    //! Why the sign-in should continue in the system browser.
    enum class BrowserReason {
        UserChoice,                     //!< the user clicked "Sign in with your browser instead"
        ProviderBlocksEmbeddedBrowsers, //!< the page headed to a browserOnly host
    };
    Q_ENUM(BrowserReason)

    using QWidget::QWidget;
    ~SignInView() override;

    //! Load \a hostedUrl (https, or http on loopback) and allow navigation only to
    //! \a allowlist: host patterns ("accounts.example.com", "*.clerk.accounts.dev") or origins
    //! with an optional path prefix ("http://127.0.0.1:4100", "https://idp.example/oauth").
    //! The host of \a hostedUrl must be on it. Other links and popups open in the system
    //! browser (QDesktopServices). Creates the web engine profile on first use.
    virtual void start(const QUrl &hostedUrl, const QStringList &allowlist) = 0;
    //! Stop loading and show "cancelled" in the view (emits cancelled()).
    virtual void cancel() = 0;
    //! Show that the host rejected the callback (e.g. a state mismatch); the view offers to
    //! try again (retryRequested()) or to use the browser.
    virtual void showCallbackRejected(const QString &reason) = 0;
    //! Drop everything the web engine kept: cookies, cache, local storage. The profile is
    //! off the record; it is destroyed and created again on the next start().
    virtual void wipeProfile() = 0;

    virtual LoadState loadState() const = 0;
    //! The URL given to the last start() (what the browser fallback should open).
    virtual QUrl hostedUrl() const = 0;

Q_SIGNALS:
    //! The page navigated to the callback scheme. Emitted once per start(); the URL is whole
    //! (it carries state and nonce: validate it, and log only scheme and path).
    void callbackReceived(const QUrl &url);
    //! Sign-in should continue in the system browser; \a url is the hosted URL from start().
    //! The view does not open it itself: the host decides (it may need a fresh hosted URL).
    void openInBrowserRequested(const QUrl &url, qonvex::ui::SignInView::BrowserReason reason);
    //! An off-allowlist link or a popup was handed to QDesktopServices::openUrl().
    void externalLinkOpened(const QUrl &url);
    void loadStateChanged(qonvex::ui::SignInView::LoadState state);
    //! Loading failed (offline, unreachable, certificate refused, not allowed); \a message is
    //! user-facing and also shown in the view.
    void failed(const QString &message);
    void cancelled();
    //! The user asked to try again after the host rejected the callback: call start() with a
    //! fresh hosted URL.
    void retryRequested();
};

//! What the plugin exports. Only SignInViewLoader needs to know about it.
class QONVEX_SIGNIN_EXPORT SignInViewFactory
{
public:
    virtual ~SignInViewFactory();
    //! A new, idle view (no web engine objects yet). Owned by \a parent.
    virtual SignInView *createView(QWidget *parent, const SignInViewOptions &options) = 0;
};

} // namespace qonvex::ui

#define QonvexSignInViewFactory_iid "dev.qonvex.SignInViewFactory/1.0"
Q_DECLARE_INTERFACE(qonvex::ui::SignInViewFactory, QonvexSignInViewFactory_iid)
