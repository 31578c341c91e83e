// SPDX-License-Identifier: MIT
#include "welcome/welcomepage.h"

#include "status/statusicons.h"

#include <QFocusEvent>
#include <QLabel>
#include <QPushButton>
#include <QResizeEvent>
#include <QVBoxLayout>

#include <algorithm>

namespace qonvex::ui {

namespace {
constexpr int preferredTextWidth = 460;
constexpr int narrowestTextWidth = 260;

// A word-wrapped label that asks for all the width it may have and for the height its text needs
// at that width. A plain wrapped QLabel in a centred column is asked by the box layout for its
// height at the column's full width (the layout ignores that the label is narrower), so it got the
// height of one long line and its last words were cut off ("Please sign in" without "again.").
// Without height-for-width the layout uses these size hints, computed at the width it gets.
class WrappedLabel : public QLabel {
public:
    explicit WrappedLabel(const QString &text, QWidget *parent) : QLabel(text, parent)
    {
        setWordWrap(true);
        setAlignment(Qt::AlignCenter);
        setMinimumWidth(narrowestTextWidth);
        setMaximumWidth(preferredTextWidth);
    }
    bool hasHeightForWidth() const override { return false; }
    QSize sizeHint() const override { return {maximumWidth(), heightForWidth(maximumWidth())}; }
    QSize minimumSizeHint() const override { return {minimumWidth(), heightForWidth(minimumWidth())}; }
};
} // namespace

WelcomePage::WelcomePage(QWidget *parent)
    : QWidget(parent), m_message(new WrappedLabel(QString(), this)), m_deployment(new QLabel(this)),
      m_signIn(new QPushButton(tr("Sign in"), this)),
      m_browser(new QPushButton(tr("Sign in with your browser"), this)),
      m_sessionOnly(new QPushButton(tr("Stay signed in for this session only"), this)),
      m_settings(new QPushButton(tr("Open Settings…"), this)),
      m_cancel(new QPushButton(tr("Cancel sign-in"), this))
{
    setObjectName(QStringLiteral("welcomePage"));
    setAccessibleName(tr("Welcome"));

    auto *logo = new QLabel(this);
    logo->setPixmap(appIcon().pixmap(96, 96));
    logo->setAlignment(Qt::AlignCenter);
    logo->setAccessibleName(tr("Qonvex logo"));

    auto *title = new QLabel(tr("Welcome to Qonvex"), this);
    title->setObjectName(QStringLiteral("welcomeTitle"));
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);

    auto *blurb = m_blurb = new WrappedLabel(tr("Qonvex is a desktop client for your Convex app. Your tasks stay in sync "
                                "live across every device, and changes you make offline are sent as soon "
                                "as you are back online.\n\nSign in with your account to continue."),
                             this);
    blurb->setObjectName(QStringLiteral("welcomeBlurb"));

    m_signIn->setObjectName(QStringLiteral("welcomeSignIn"));
    m_signIn->setAccessibleName(tr("Sign in"));
    m_signIn->setDefault(true);
    m_signIn->setAutoDefault(true);
    m_signIn->setMinimumWidth(narrowestTextWidth);
    m_browser->setObjectName(QStringLiteral("welcomeSignInBrowser"));
    m_browser->setAccessibleName(tr("Sign in with your browser"));
    m_browser->setFlat(true);
    m_browser->setCursor(Qt::PointingHandCursor);
    m_browser->installEventFilter(this);
    m_sessionOnly->setObjectName(QStringLiteral("welcomeSessionOnly"));
    m_sessionOnly->setAccessibleName(tr("Stay signed in for this session only"));
    m_settings->setObjectName(QStringLiteral("welcomeSettings"));
    m_settings->setAccessibleName(tr("Open Settings"));
    m_cancel->setObjectName(QStringLiteral("welcomeCancel"));
    m_cancel->setAccessibleName(tr("Cancel sign-in"));

    m_message->setObjectName(QStringLiteral("welcomeMessage"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_deployment->setObjectName(QStringLiteral("welcomeDeployment"));
    m_deployment->setAlignment(Qt::AlignCenter);
    m_deployment->setForegroundRole(QPalette::PlaceholderText);

    auto *column = new QVBoxLayout;
    column->setSpacing(12);
    column->addWidget(logo);
    column->addWidget(title);
    column->addWidget(blurb, 0, Qt::AlignHCenter);
    column->addSpacing(12);
    for (QWidget *w : {static_cast<QWidget *>(m_signIn), static_cast<QWidget *>(m_browser),
                       static_cast<QWidget *>(m_sessionOnly), static_cast<QWidget *>(m_settings),
                       static_cast<QWidget *>(m_cancel)})
        column->addWidget(w, 0, Qt::AlignHCenter);
    column->addWidget(m_message, 0, Qt::AlignHCenter);
    column->addSpacing(16);
    column->addWidget(m_deployment);

    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column);
    outer->addStretch(2);

    connect(m_signIn, &QPushButton::clicked, this, &WelcomePage::signInRequested);
    connect(m_browser, &QPushButton::clicked, this, &WelcomePage::browserSignInRequested);
    connect(m_sessionOnly, &QPushButton::clicked, this, &WelcomePage::sessionOnlyRequested);
    connect(m_settings, &QPushButton::clicked, this, &WelcomePage::settingsRequested);
    connect(m_cancel, &QPushButton::clicked, this, &WelcomePage::cancelRequested);
    setSessionOnlyOffered(false);
    setMode(Mode::Ready);
    setMessage({});
}

void WelcomePage::fitWrappedLabels()
{
    // A comfortable reading width on a wide window; on a narrow one whatever the page can spare
    // (down to the labels' minimum width, which is the sign-in button's).
    const QMargins margins = layout()->contentsMargins();
    const int available = width() - margins.left() - margins.right();
    const int textWidth = std::clamp(available, narrowestTextWidth, preferredTextWidth);
    for (QLabel *label : {m_blurb, m_message})
        label->setMaximumWidth(textWidth);
}

void WelcomePage::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitWrappedLabels();
}

bool WelcomePage::eventFilter(QObject *watched, QEvent *event)
{
    // A flat button looks the same focused or not (the styles draw no focus frame for it);
    // while the keyboard is on it, it is drawn as a normal button. A click needs no such hint.
    if (watched == m_browser && event->type() == QEvent::FocusIn)
        m_browser->setFlat(static_cast<QFocusEvent *>(event)->reason() == Qt::MouseFocusReason);
    else if (watched == m_browser && event->type() == QEvent::FocusOut)
        m_browser->setFlat(true);
    return QWidget::eventFilter(watched, event);
}

void WelcomePage::setMode(Mode mode)
{
    m_mode = mode;
    const bool configured = mode != Mode::NotConfigured;
    m_signIn->setVisible(configured);
    m_browser->setVisible(configured);
    m_settings->setVisible(!configured);
    m_signIn->setEnabled(mode == Mode::Ready);
    m_browser->setEnabled(mode == Mode::Ready);
    m_cancel->setVisible(mode == Mode::WaitingForBrowser);
    if (mode == Mode::NotConfigured)
        m_settings->setDefault(true);
}

void WelcomePage::setMessage(const QString &message)
{
    m_message->setText(message);
    m_message->setAccessibleName(message);
    m_message->setVisible(!message.isEmpty());
}

QString WelcomePage::message() const { return m_message->text(); }

void WelcomePage::setSessionOnlyOffered(bool offered)
{
    m_sessionOnly->setVisible(offered);
}

void WelcomePage::setDeployment(const QString &host)
{
    m_deployment->setText(host.isEmpty() ? QString() : tr("Connects to %1").arg(host));
    m_deployment->setAccessibleName(m_deployment->text());
}

} // namespace qonvex::ui
