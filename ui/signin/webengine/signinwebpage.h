// SPDX-License-Identifier: MIT
#pragma once
//! \file
//! The sign-in page: every navigation goes through NavigationPolicy before Chromium acts on it.

#include "navigationpolicy.h"

#include <QWebEnginePage>

#include <optional>

namespace qonvex::ui {

//! A QWebEnginePage that loads only what the policy allows and reports everything else with
//! navigationIntercepted() (queued by the view, so a slot may delete the page safely).
//! JavaScript dialogs, file choosers and feature permissions are refused without UI: the
//! sign-in page has no business with them and a modal dialog would block a headless run.
class SignInWebPage : public QWebEnginePage
{
    Q_OBJECT
public:
    SignInWebPage(QWebEngineProfile *profile, QObject *parent);

    void setPolicy(const NavigationPolicy &policy) { m_policy = policy; }

    //! The last main-frame navigation this page did not load and what was decided about it,
    //! recorded synchronously (navigationIntercepted() reaches the view queued, possibly after
    //! the aborted load it caused has already been reported).
    QUrl lastRefusedUrl() const { return m_lastRefusedUrl; }
    NavigationPolicy::Decision lastRefusedDecision() const { return m_lastRefusedDecision; }

Q_SIGNALS:
    //! A navigation the page did not load (callback, external link, browser-only provider,
    //! refused). \a fromPopup: it came from window.open / target=_blank.
    void navigationIntercepted(const QUrl &url, qonvex::ui::NavigationPolicy::Decision decision,
                               const QString &reason, bool fromPopup);

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame) override;
    QWebEnginePage *createWindow(WebWindowType type) override;
    void javaScriptAlert(const QUrl &securityOrigin, const QString &msg) override;
    bool javaScriptConfirm(const QUrl &securityOrigin, const QString &msg) override;
    bool javaScriptPrompt(const QUrl &securityOrigin, const QString &msg, const QString &defaultValue,
                          QString *result) override;
    QStringList chooseFiles(FileSelectionMode mode, const QStringList &oldFiles,
                            const QStringList &acceptedMimeTypes) override;

private:
    friend class PopupCatcherPage;
    //! Decide about a popup's first real navigation: popups never load in the app.
    void handlePopupNavigation(const QUrl &url);

    std::optional<NavigationPolicy> m_policy;
    QUrl m_lastRefusedUrl;
    NavigationPolicy::Decision m_lastRefusedDecision = NavigationPolicy::Decision::Refuse;
};

} // namespace qonvex::ui
