// SPDX-License-Identifier: MIT
#include "webenginesigninview.h"

#include "signinwebpage.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QLabel>
#include <QLoggingCategory>
#include <QProgressBar>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QWebEngineCertificateError>
#include <QWebEngineCookieStore>
#include <QWebEngineDownloadRequest>
#include <QWebEngineLoadingInfo>
#include <QWebEngineProfile>
#include <QWebEngineSettings>
#include <QWebEngineView>

Q_LOGGING_CATEGORY(lcSignInView, "qonvex.ui.signin", QtInfoMsg)

namespace qonvex::ui {

namespace {

// Chromium net error codes (net/base/net_error_list.h) that get their own wording.
constexpr int errAborted = -3;
constexpr int errInternetDisconnected = -106;
constexpr int errNameNotResolved = -105;
constexpr int errNameResolutionFailed = -137;

struct ErrorText {
    QString title;
    QString message;
};

ErrorText describeLoadError(const QWebEngineLoadingInfo &info, bool certificateRefused)
{
    const QString host = info.url().host();
    if (certificateRefused || info.errorDomain() == QWebEngineLoadingInfo::CertificateErrorDomain)
        return {SignInView::tr("Connection not secure"),
                SignInView::tr("The certificate of %1 is not valid, so sign-in was stopped.").arg(host)};
    switch (info.errorCode()) {
    case errInternetDisconnected:
        return {SignInView::tr("You are offline"), SignInView::tr("Check your internet connection, then try again.")};
    case errNameNotResolved:
    case errNameResolutionFailed:
        return {SignInView::tr("Cannot reach %1").arg(host), SignInView::tr("The address could not be found.")};
    default:
        break;
    }
    if (info.errorDomain() == QWebEngineLoadingInfo::HttpStatusCodeDomain)
        return {SignInView::tr("Sign-in page unavailable"),
                SignInView::tr("%1 answered with HTTP status %2.").arg(host).arg(info.errorCode())};
    return {SignInView::tr("Cannot reach %1").arg(host),
            SignInView::tr("The sign-in server did not answer (%1).").arg(info.errorString())};
}

} // namespace

WebEngineSignInView::WebEngineSignInView(QWidget *parent, const SignInViewOptions &options)
    : SignInView(parent), m_options(options)
{
    m_location = new QLabel(this);
    m_location->setObjectName(QStringLiteral("signInLocation"));
    m_location->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_browserButton = new QPushButton(tr("Sign in with your browser instead"), this);
    m_browserButton->setObjectName(QStringLiteral("signInWithBrowser"));
    // The one way out of the embedded sign-in (the host shows no Back button of its own).
    m_cancelButton = new QPushButton(tr("Cancel sign-in"), this);
    m_cancelButton->setObjectName(QStringLiteral("signInCancel"));
    m_cancelButton->setAccessibleName(tr("Cancel sign-in"));
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelButton->setToolTip(tr("Cancel sign-in and go back (Esc)"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("signInProgress"));
    m_progress->setAccessibleName(tr("Loading the sign-in page"));
    m_progress->setRange(0, 100);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(4);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_location, 1);
    bar->addWidget(m_browserButton);
    bar->addWidget(m_cancelButton);

    m_panel = new QWidget(this);
    m_panelTitle = new QLabel(m_panel);
    m_panelTitle->setObjectName(QStringLiteral("signInPanelTitle"));
    QFont titleFont = m_panelTitle->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_panelTitle->setFont(titleFont);
    m_panelTitle->setAlignment(Qt::AlignCenter);
    m_panelMessage = new QLabel(m_panel);
    m_panelMessage->setObjectName(QStringLiteral("signInPanelMessage"));
    m_panelMessage->setWordWrap(true);
    m_panelMessage->setAlignment(Qt::AlignCenter);
    m_retryButton = new QPushButton(tr("Try again"), m_panel);
    m_retryButton->setObjectName(QStringLiteral("signInRetry"));
    m_panelBrowserButton = new QPushButton(tr("Sign in with your browser instead"), m_panel);
    m_panelBrowserButton->setObjectName(QStringLiteral("signInPanelBrowser"));
    auto *panelButtons = new QHBoxLayout;
    panelButtons->addStretch();
    panelButtons->addWidget(m_retryButton);
    panelButtons->addWidget(m_panelBrowserButton);
    panelButtons->addStretch();
    auto *panelLayout = new QVBoxLayout(m_panel);
    panelLayout->addStretch();
    panelLayout->addWidget(m_panelTitle);
    panelLayout->addWidget(m_panelMessage);
    panelLayout->addLayout(panelButtons);
    panelLayout->addStretch();

    m_webContainer = new QWidget(this);
    auto *webLayout = new QVBoxLayout(m_webContainer);
    webLayout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_webContainer);
    m_stack->addWidget(m_panel);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *barMargins = new QWidget(this);
    barMargins->setLayout(bar);
    layout->addWidget(barMargins);
    layout->addWidget(m_progress);
    layout->addWidget(m_stack, 1);

    connect(m_browserButton, &QPushButton::clicked, this, [this] { handOverToBrowser(BrowserReason::UserChoice); });
    connect(m_panelBrowserButton, &QPushButton::clicked, this, [this] { handOverToBrowser(BrowserReason::UserChoice); });
    connect(m_cancelButton, &QPushButton::clicked, this, &WebEngineSignInView::cancel);
    connect(m_retryButton, &QPushButton::clicked, this, &WebEngineSignInView::retry);

    showPanel(tr("Sign in"), tr("The sign-in page has not been opened yet."));
    m_retryButton->hide();
    updateBar();
}

WebEngineSignInView::~WebEngineSignInView()
{
    destroyWebEngine();
}

void WebEngineSignInView::ensureWebEngine()
{
    if (m_profile)
        return;
    // No storage name: off the record. Cookies, cache and local storage live in memory and die
    // with the profile, so nothing from the sign-in page outlives the view or wipeProfile().
    m_profile = new QWebEngineProfile(this);
    m_profile->setHttpCacheType(QWebEngineProfile::MemoryHttpCache);
    m_profile->setPersistentCookiesPolicy(QWebEngineProfile::NoPersistentCookies);
    connect(m_profile, &QWebEngineProfile::downloadRequested, this, [](QWebEngineDownloadRequest *download) {
        qCInfo(lcSignInView) << "refused a download";
        download->cancel();
    });

    m_page = new SignInWebPage(m_profile, this);
    // Chromium hands a navigation to an unknown scheme (our qonvex:// callback) to
    // acceptNavigationRequest only if this policy lets it; the default allows it only after a
    // user gesture, so a redirect after a scripted or autofilled submit would be dropped
    // silently. acceptNavigationRequest refuses every such navigation anyway (nothing reaches
    // QDesktopServices), so "allow all" only means "always ask us".
    m_page->settings()->setUnknownUrlSchemePolicy(QWebEngineSettings::AllowAllUnknownUrlSchemes);
    m_page->settings()->setAttribute(QWebEngineSettings::PluginsEnabled, false);
    m_page->settings()->setAttribute(QWebEngineSettings::LocalContentCanAccessFileUrls, false);
    m_webView = new QWebEngineView(m_webContainer);
    m_webView->setObjectName(QStringLiteral("signInWebView"));
    m_webView->setAccessibleName(tr("Sign-in page"));
    m_webView->setPage(m_page);
    m_webView->setContextMenuPolicy(Qt::NoContextMenu);
    m_webContainer->layout()->addWidget(m_webView);

    connect(m_page, &QWebEnginePage::loadingChanged, this, &WebEngineSignInView::onLoadingChanged);
    connect(m_page, &QWebEnginePage::loadProgress, this, [this](int progress) {
        if (progress > 0 && m_progress->maximum() == 0)
            m_progress->setRange(0, 100); // from "busy" to real progress
        m_progress->setValue(progress);
    });
    connect(m_page, &QWebEnginePage::urlChanged, this, &WebEngineSignInView::updateBar);
    connect(m_page, &QWebEnginePage::certificateError, this, [this](const QWebEngineCertificateError &error) {
        // Never accepted, not even for loopback: refusing is the only answer.
        QWebEngineCertificateError decision = error;
        decision.rejectCertificate();
        onCertificateRefused(error.url(), error.description());
    });
    connect(m_page, &QWebEnginePage::renderProcessTerminated, this,
            [this](QWebEnginePage::RenderProcessTerminationStatus status, int exitCode) {
                if (status == QWebEnginePage::NormalTerminationStatus)
                    return;
                qCWarning(lcSignInView) << "sign-in page renderer ended" << status << exitCode;
                fail(tr("The sign-in page stopped"), tr("The page stopped unexpectedly."), RetryAction::Reload);
            });
    // Queued: the slot may end the flow (and the host may delete this view) while Chromium is
    // still inside acceptNavigationRequest.
    connect(m_page, &SignInWebPage::navigationIntercepted, this,
            [this](const QUrl &url, NavigationPolicy::Decision decision, const QString &reason, bool fromPopup) {
                QMetaObject::invokeMethod(this, [this, url, decision, reason, fromPopup] {
                    onNavigationIntercepted(url, decision, reason, fromPopup);
                }, Qt::QueuedConnection);
            });
}

void WebEngineSignInView::destroyWebEngine()
{
    // Order matters: the view does not own the page, and a profile deleted while a page still
    // uses it takes the page's renderer down with it. View, then page, then profile.
    delete m_webView;
    m_webView = nullptr;
    delete m_page;
    m_page = nullptr;
    delete m_profile;
    m_profile = nullptr;
}

void WebEngineSignInView::start(const QUrl &hostedUrl, const QStringList &allowlist)
{
    m_hostedUrl = hostedUrl;
    m_allowlist = allowlist;
    m_certificateErrorHost.clear();
    m_pageShownOnce = false;
    QString error;
    m_policy = NavigationPolicy::create(m_options.callbackScheme, allowlist, m_options.browserOnly, &error);
    if (!m_policy) {
        fail(tr("Sign-in is not set up correctly"), error, RetryAction::AskHost);
        return;
    }
    const NavigationPolicy::Verdict verdict = m_policy->decideStart(hostedUrl);
    if (verdict.decision == NavigationPolicy::Decision::BrowserFallback) {
        handOverToBrowser(BrowserReason::ProviderBlocksEmbeddedBrowsers);
        return;
    }
    if (verdict.decision != NavigationPolicy::Decision::Load) {
        fail(tr("Sign-in is not set up correctly"), verdict.reason, RetryAction::AskHost);
        return;
    }
    ensureWebEngine();
    m_page->setPolicy(*m_policy);
    qCInfo(lcSignInView).noquote() << "opening sign-in page" << NavigationPolicy::redacted(hostedUrl);
    showPanel(tr("Loading sign-in…"), tr("Connecting to %1").arg(hostedUrl.host()));
    m_retryButton->hide();
    m_progress->setRange(0, 0); // busy until the first progress report
    setState(LoadState::Loading);
    m_page->load(hostedUrl);
}

void WebEngineSignInView::cancel()
{
    if (m_page)
        m_page->triggerAction(QWebEnginePage::Stop);
    setState(LoadState::Cancelled);
    showPanel(tr("Sign-in cancelled"), tr("You can start again at any time."));
    m_retryAction = RetryAction::Reload;
    m_retryButton->setText(tr("Start again"));
    m_retryButton->setVisible(m_hostedUrl.isValid());
    Q_EMIT cancelled();
}

void WebEngineSignInView::showCallbackRejected(const QString &reason)
{
    fail(tr("Sign-in could not be completed"), reason, RetryAction::AskHost);
}

void WebEngineSignInView::wipeProfile()
{
    if (m_profile) {
        // Belt and braces: clear what can be cleared, then drop the whole in-memory profile.
        m_profile->cookieStore()->deleteAllCookies();
        m_profile->clearHttpCache();
        m_profile->clearAllVisitedLinks();
    }
    destroyWebEngine();
    qCInfo(lcSignInView) << "sign-in profile wiped";
    m_pageShownOnce = false;
    showPanel(tr("Sign in"), tr("The sign-in page has not been opened yet."));
    m_retryButton->hide();
    setState(LoadState::Idle);
}

void WebEngineSignInView::setState(LoadState state)
{
    const bool changed = state != m_state;
    m_state = state;
    updateBar();
    if (changed)
        Q_EMIT loadStateChanged(state);
}

void WebEngineSignInView::onLoadingChanged(const QWebEngineLoadingInfo &info)
{
    // After completion, failure, cancel or hand-over the page's own aftermath (the aborted load
    // of a refused navigation) must not overwrite what the view shows.
    qCDebug(lcSignInView).noquote() << "loading" << NavigationPolicy::redacted(info.url()) << info.status()
                                    << info.errorDomain() << info.errorCode();
    if (m_state != LoadState::Loading && m_state != LoadState::Ready)
        return;
    if (m_policy && info.url().scheme().compare(m_policy->callbackScheme(), Qt::CaseInsensitive) == 0) {
        // Second line of defence: a callback navigation Chromium stopped without asking
        // acceptNavigationRequest still names the URL here. Same handling, at most once.
        // Queued like every intercepted navigation: the host may delete this view (and the
        // page emitting this signal) from its callbackReceived() slot.
        if (info.status() != QWebEngineLoadingInfo::LoadStartedStatus) {
            const QUrl url = info.url();
            QMetaObject::invokeMethod(this, [this, url] {
                onNavigationIntercepted(url, NavigationPolicy::Decision::Callback, QStringLiteral("callback"), false);
            }, Qt::QueuedConnection);
        }
        return;
    }
    switch (info.status()) {
    case QWebEngineLoadingInfo::LoadStartedStatus:
        setState(LoadState::Loading);
        break;
    case QWebEngineLoadingInfo::LoadSucceededStatus:
        if (info.isErrorPage()) // Chromium's own error page: treat like a failure below
            break;
        showPage();
        setState(LoadState::Ready);
        break;
    case QWebEngineLoadingInfo::LoadStoppedStatus:
        if (m_pageShownOnce)
            setState(LoadState::Ready);
        else
            showFirstPageAfterExternalLink(info.url());
        break;
    case QWebEngineLoadingInfo::LoadFailedStatus: {
        if (info.errorDomain() == QWebEngineLoadingInfo::HttpStatusCodeDomain && !info.isErrorPage()) {
            // The server answered with an error status and its own page (a form re-rendered
            // with "wrong password" as 422): that page is the message, show it.
            qCInfo(lcSignInView) << "sign-in page answered HTTP" << info.errorCode();
            showPage();
            setState(LoadState::Ready);
            break;
        }
        const bool certificateRefused = !m_certificateErrorHost.isEmpty() && info.url().host() == m_certificateErrorHost;
        if (info.errorCode() == errAborted && !certificateRefused) {
            // A navigation we refused, or one superseded by the next: not an error.
            if (m_pageShownOnce) {
                showWeb();
                setState(LoadState::Ready);
            } else {
                showFirstPageAfterExternalLink(info.url());
            }
            break;
        }
        qCWarning(lcSignInView).noquote() << "sign-in page failed to load" << NavigationPolicy::redacted(info.url())
                                          << info.errorDomain() << info.errorCode();
        const ErrorText text = describeLoadError(info, certificateRefused);
        fail(text.title, text.message, RetryAction::Reload);
        break;
    }
    }
}

bool WebEngineSignInView::showFirstPageAfterExternalLink(const QUrl &abortedUrl)
{
    // The first page followed an off-allowlist link before its load event. Chromium reports
    // only the refused navigation as stopped and never the first page's own completion, so
    // without this the view would stay in Loading behind the loading panel for good. The link
    // itself goes to the system browser (onNavigationIntercepted); the page that clicked it is
    // committed and allowlisted, so show it. A refused redirect or script navigation is not
    // handled here: onNavigationIntercepted turns it into a failure.
    if (!m_page || !m_policy || abortedUrl != m_page->lastRefusedUrl()
        || m_page->lastRefusedDecision() != NavigationPolicy::Decision::OpenExternally)
        return false;
    const QUrl shown = m_page->url();
    if (shown.isEmpty() || m_policy->decide(shown, true).decision != NavigationPolicy::Decision::Load)
        return false;
    qCInfo(lcSignInView).noquote() << "first page followed an external link while loading; showing"
                                    << NavigationPolicy::redacted(shown);
    showPage();
    setState(LoadState::Ready);
    return true;
}

void WebEngineSignInView::onCertificateRefused(const QUrl &url, const QString &description)
{
    qCWarning(lcSignInView).noquote() << "refused an invalid certificate for" << NavigationPolicy::redacted(url)
                                      << description;
    m_certificateErrorHost = url.host();
    if ((m_state == LoadState::Loading || m_state == LoadState::Ready) && m_page
        && url.host() == m_page->requestedUrl().host()) {
        m_page->triggerAction(QWebEnginePage::Stop);
        fail(tr("Connection not secure"),
             tr("The certificate of %1 is not valid, so sign-in was stopped.").arg(url.host()), RetryAction::Reload);
    }
}

void WebEngineSignInView::onNavigationIntercepted(const QUrl &url, NavigationPolicy::Decision decision,
                                                  const QString &reason, bool fromPopup)
{
    if (m_state == LoadState::Completed)
        return; // one callback per start(); later navigations are the page winding down
    switch (decision) {
    case NavigationPolicy::Decision::Callback:
        if (m_page)
            m_page->triggerAction(QWebEnginePage::Stop);
        qCInfo(lcSignInView).noquote() << "caught callback" << NavigationPolicy::redacted(url);
        setState(LoadState::Completed);
        showPanel(tr("Completing sign-in"), tr("Checking the answer from the sign-in page…"));
        m_retryButton->hide();
        Q_EMIT callbackReceived(url);
        break;
    case NavigationPolicy::Decision::OpenExternally:
        qCInfo(lcSignInView).noquote() << "opening in the system browser:" << NavigationPolicy::redacted(url);
        QDesktopServices::openUrl(url);
        Q_EMIT externalLinkOpened(url);
        break;
    case NavigationPolicy::Decision::BrowserFallback:
        if (m_state == LoadState::Loading || m_state == LoadState::Ready)
            handOverToBrowser(BrowserReason::ProviderBlocksEmbeddedBrowsers);
        break;
    case NavigationPolicy::Decision::Refuse:
        if (!fromPopup && (m_state == LoadState::Loading || m_state == LoadState::Ready)) {
            if (m_page)
                m_page->triggerAction(QWebEnginePage::Stop);
            fail(tr("Sign-in stopped"), tr("The sign-in page tried to go somewhere it may not (%1).").arg(reason),
                 RetryAction::Reload);
        }
        break;
    case NavigationPolicy::Decision::Load:
        break;
    }
}

void WebEngineSignInView::handOverToBrowser(BrowserReason reason)
{
    if (m_page)
        m_page->triggerAction(QWebEnginePage::Stop);
    qCInfo(lcSignInView) << "handing sign-in over to the system browser:" << reason;
    setState(LoadState::InBrowser);
    showPanel(tr("Continue in your browser"),
              reason == BrowserReason::ProviderBlocksEmbeddedBrowsers
                  ? tr("This sign-in provider does not allow signing in inside apps. Finish in your browser; "
                       "Qonvex continues by itself when you are done.")
                  : tr("Finish signing in in your browser; Qonvex continues by itself when you are done."));
    m_retryAction = RetryAction::Reload;
    m_retryButton->setText(tr("Sign in here instead"));
    m_retryButton->setVisible(m_hostedUrl.isValid());
    Q_EMIT openInBrowserRequested(m_hostedUrl, reason);
}

void WebEngineSignInView::fail(const QString &title, const QString &message, RetryAction retry)
{
    m_retryAction = retry;
    m_retryButton->setText(tr("Try again"));
    m_retryButton->setVisible(retry == RetryAction::AskHost || m_hostedUrl.isValid());
    showPanel(title, message);
    setState(LoadState::Failed);
    Q_EMIT failed(title + QStringLiteral(": ") + message);
}

void WebEngineSignInView::showPanel(const QString &title, const QString &message)
{
    m_panelTitle->setText(title);
    m_panelMessage->setText(message);
    m_stack->setCurrentWidget(m_panel);
}

void WebEngineSignInView::showWeb()
{
    m_stack->setCurrentWidget(m_webContainer);
}

void WebEngineSignInView::showPage()
{
    showWeb();
    if (m_pageShownOnce)
        return;
    m_pageShownOnce = true;
    // A keyboard user pressed "Sign in" and is still on our buttons: the page's fields are
    // where they type next. Only the first time, so a user who tabbed away stays there.
    if (m_webView)
        m_webView->setFocus(Qt::OtherFocusReason);
}

void WebEngineSignInView::updateBar()
{
    const QUrl shown = m_page && !m_page->url().isEmpty() && m_page->url().scheme() != m_options.callbackScheme
                           ? m_page->url()
                           : m_hostedUrl;
    const QString host = shown.host();
    const bool active = m_state == LoadState::Loading || m_state == LoadState::Ready;
    // Claim a secure connection only while a page is actually shown from it.
    QString location = host;
    if (active && !host.isEmpty())
        location = shown.scheme() == u"https" ? tr("Secure connection to %1").arg(host)
                                              : tr("Local connection to %1").arg(host);
    m_location->setText(location);
    m_progress->setVisible(m_state == LoadState::Loading);
    // One "use the browser" button at a time: in the bar while the page is up, in the panel
    // next to the error otherwise.
    const bool browserPossible = m_hostedUrl.isValid() && m_state != LoadState::InBrowser
                                 && m_state != LoadState::Completed;
    m_browserButton->setVisible(browserPossible && m_state != LoadState::Failed);
    m_panelBrowserButton->setVisible(browserPossible && m_state == LoadState::Failed);
    // Also after an error: the user must be able to leave the error panel.
    m_cancelButton->setEnabled(active || m_state == LoadState::Failed);
}

void WebEngineSignInView::retry()
{
    if (m_retryAction == RetryAction::AskHost) {
        Q_EMIT retryRequested();
        return;
    }
    if (m_hostedUrl.isValid())
        start(m_hostedUrl, m_allowlist);
}

} // namespace qonvex::ui
