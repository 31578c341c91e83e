// SPDX-License-Identifier: MIT
#include "signinwebpage.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSignInPage, "qonvex.ui.signin.page", QtInfoMsg)

namespace qonvex::ui {

//! Stands in for a popup window: it is never shown, it only waits for the popup's first real
//! navigation (window.open('') starts at about:blank and sets the location later), hands it to
//! the sign-in page and deletes itself.
class PopupCatcherPage : public QWebEnginePage
{
public:
    PopupCatcherPage(QWebEngineProfile *profile, SignInWebPage *opener)
        : QWebEnginePage(profile, opener), m_opener(opener) {}

protected:
    bool acceptNavigationRequest(const QUrl &url, NavigationType, bool isMainFrame) override
    {
        if (!isMainFrame)
            return false;
        if (url.isEmpty() || url.toString() == u"about:blank")
            return true;
        if (!m_handled) {
            m_handled = true;
            m_opener->handlePopupNavigation(url);
            deleteLater();
        }
        return false;
    }

private:
    SignInWebPage *m_opener;
    bool m_handled = false;
};

SignInWebPage::SignInWebPage(QWebEngineProfile *profile, QObject *parent)
    : QWebEnginePage(profile, parent)
{
    connect(this, &QWebEnginePage::featurePermissionRequested, this,
            [this](const QUrl &origin, QWebEnginePage::Feature feature) {
                qCInfo(lcSignInPage) << "refused feature permission" << feature << "for" << NavigationPolicy::redacted(origin);
                setFeaturePermission(origin, feature, PermissionDeniedByUser);
            });
}

bool SignInWebPage::acceptNavigationRequest(const QUrl &url, NavigationType type, bool isMainFrame)
{
    if (!m_policy)
        return false; // no start() yet: nothing may load
    NavigationPolicy::Verdict verdict = m_policy->decide(url, isMainFrame);
    qCDebug(lcSignInPage).noquote() << "navigation" << NavigationPolicy::redacted(url) << "type" << int(type)
                                    << (isMainFrame ? "main frame" : "sub-frame") << verdict.reason;
    if (verdict.decision == NavigationPolicy::Decision::Load)
        return true;
    // Only a click is the user's wish to leave: a redirect or script heading off the allowlist
    // is the sign-in flow going somewhere unexpected, which must stop rather than silently
    // continue in the browser without the page's state.
    if (verdict.decision == NavigationPolicy::Decision::OpenExternally && type != NavigationTypeLinkClicked)
        verdict = {NavigationPolicy::Decision::Refuse, QStringLiteral("left the allowlist without a click: ") + verdict.reason};
    qCInfo(lcSignInPage).noquote() << "navigation not loaded:" << verdict.reason << "type" << int(type)
                                   << (isMainFrame ? "main frame" : "sub-frame");
    if (isMainFrame) { // a refused sub-frame (an ad, a tracker) is no reason to stop sign-in
        m_lastRefusedUrl = url;
        m_lastRefusedDecision = verdict.decision;
        Q_EMIT navigationIntercepted(url, verdict.decision, verdict.reason, false);
    }
    return false;
}

void SignInWebPage::handlePopupNavigation(const QUrl &url)
{
    if (!m_policy)
        return;
    NavigationPolicy::Verdict verdict = m_policy->decide(url, true);
    // A popup never opens inside the app, even for an allowlisted page (terms, help).
    if (verdict.decision == NavigationPolicy::Decision::Load)
        verdict = {NavigationPolicy::Decision::OpenExternally, QStringLiteral("popup")};
    qCInfo(lcSignInPage).noquote() << "popup not loaded:" << verdict.reason;
    Q_EMIT navigationIntercepted(url, verdict.decision, verdict.reason, true);
}

QWebEnginePage *SignInWebPage::createWindow(WebWindowType)
{
    return new PopupCatcherPage(profile(), this);
}

void SignInWebPage::javaScriptAlert(const QUrl &, const QString &)
{
    qCInfo(lcSignInPage) << "ignored a JavaScript alert";
}

bool SignInWebPage::javaScriptConfirm(const QUrl &, const QString &)
{
    qCInfo(lcSignInPage) << "refused a JavaScript confirm";
    return false;
}

bool SignInWebPage::javaScriptPrompt(const QUrl &, const QString &, const QString &, QString *)
{
    qCInfo(lcSignInPage) << "refused a JavaScript prompt";
    return false;
}

QStringList SignInWebPage::chooseFiles(FileSelectionMode, const QStringList &, const QStringList &)
{
    return {};
}

} // namespace qonvex::ui
