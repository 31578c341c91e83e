// SPDX-License-Identifier: MIT
#pragma once
//! \file
//! SignInView on Qt WebEngine. Lives only in the plugin `qonvex_signin_webengine`.

#include "navigationpolicy.h"
#include "signinviewinterface.h"

#include <QPointer>

#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QWebEngineLoadingInfo;
class QWebEngineProfile;
class QWebEngineView;

namespace qonvex::ui {

class SignInWebPage;

//! Top bar (where the page is, progress, "Sign in with your browser instead", Cancel) over a
//! stack of the web view and a message panel. The message panel covers the web view whenever
//! there is nothing useful to show (first load, error, cancelled, done, in the browser), so
//! the user never faces a blank page. The off-the-record profile, page and web view are created
//! on the first start() and destroyed (page first) by wipeProfile() and the destructor.
class WebEngineSignInView : public SignInView
{
    Q_OBJECT
public:
    WebEngineSignInView(QWidget *parent, const SignInViewOptions &options);
    ~WebEngineSignInView() override;

    void start(const QUrl &hostedUrl, const QStringList &allowlist) override;
    void cancel() override;
    void showCallbackRejected(const QString &reason) override;
    void wipeProfile() override;
    LoadState loadState() const override { return m_state; }
    QUrl hostedUrl() const override { return m_hostedUrl; }

private:
    enum class RetryAction { Reload, AskHost };

    void ensureWebEngine();
    void destroyWebEngine();
    void setState(LoadState state);
    void onLoadingChanged(const QWebEngineLoadingInfo &info);
    bool showFirstPageAfterExternalLink(const QUrl &abortedUrl);
    void onNavigationIntercepted(const QUrl &url, NavigationPolicy::Decision decision, const QString &reason,
                                 bool fromPopup);
    void onCertificateRefused(const QUrl &url, const QString &description);
    void handOverToBrowser(BrowserReason reason);
    void fail(const QString &title, const QString &message, RetryAction retry);
    void showPanel(const QString &title, const QString &message);
    void showWeb();
    // The page loaded: show it; the first time after start() it also takes the keyboard focus.
    void showPage();
    void updateBar();
    void retry();

    SignInViewOptions m_options;
    std::optional<NavigationPolicy> m_policy;
    QUrl m_hostedUrl;
    QStringList m_allowlist;
    LoadState m_state = LoadState::Idle;
    RetryAction m_retryAction = RetryAction::Reload;
    bool m_pageShownOnce = false;
    QString m_certificateErrorHost;

    QWebEngineProfile *m_profile = nullptr;
    SignInWebPage *m_page = nullptr;
    QWebEngineView *m_webView = nullptr;

    QLabel *m_location = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_browserButton = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_webContainer = nullptr;
    QWidget *m_panel = nullptr;
    QLabel *m_panelTitle = nullptr;
    QLabel *m_panelMessage = nullptr;
    QPushButton *m_retryButton = nullptr;
    QPushButton *m_panelBrowserButton = nullptr;
};

} // namespace qonvex::ui
