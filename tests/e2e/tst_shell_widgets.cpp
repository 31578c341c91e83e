// SPDX-License-Identifier: MIT
// The shell's widgets on their own: settings validation as you type, the banner, the account
// button, the welcome screen's modes, and accessible names on every control.

#include "mainwindow/accountbutton.h"
#include "settings/settingsdialog.h"
#include "status/statusbanner.h"
#include "status/statusicons.h"
#include "welcome/welcomepage.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace qonvex;
using F = app::AppSettings::Field;

namespace {
QString key() { return QStringLiteral("pk_test_") + QString::fromLatin1(QByteArray("clerk.example.test$").toBase64(QByteArray::OmitTrailingEquals)); }

void checkAccessibleNames(QWidget *root)
{
    const auto controls = root->findChildren<QWidget *>();
    for (QWidget *w : controls) {
        if (!qobject_cast<QAbstractButton *>(w) && !qobject_cast<QLineEdit *>(w))
            continue;
        if (w->objectName() == u"qt_toolbar_ext_button" || qobject_cast<QLineEdit *>(w->parentWidget()))
            continue; // Qt's own sub-controls (a line edit's clear button is announced by Qt)
        QVERIFY2(!w->accessibleName().isEmpty() || (qobject_cast<QAbstractButton *>(w) && !qobject_cast<QAbstractButton *>(w)->text().isEmpty()),
                 qPrintable(w->objectName() + QStringLiteral(" has no accessible name")));
    }
}
} // namespace

class TestShellWidgets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void settingsDialogValidatesAsYouType();
    void settingsDialogShowsOverrides();
    void bannerShowsReasonAndRetry();
    void accountButtonInitials();
    void welcomeModes();
};

void TestShellWidgets::settingsDialogValidatesAsYouType()
{
    app::AppSettings settings;
    ui::SettingsDialog dialog(settings, true);
    QPushButton *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("settingsConvexUrl"));
    auto *keyEdit = dialog.findChild<QLineEdit *>(QStringLiteral("settingsPublishableKey"));
    auto *urlError = dialog.findChild<QLabel *>(QStringLiteral("settingsConvexUrlError"));
    QVERIFY(url && keyEdit && urlError);
    QVERIFY(!ok->isEnabled()); // nothing configured yet
    QVERIFY(dialog.problem().contains(u"Convex deployment URL is not set"));

    QTest::keyClicks(url, QStringLiteral("http://remote.example.com"));
    QVERIFY(!ok->isEnabled());
    QVERIFY2(urlError->text().contains(u"https"), qPrintable(urlError->text()));
    QCOMPARE(url->accessibleDescription(), urlError->text());

    url->setText(QStringLiteral("https://happy-animal-123.convex.cloud"));
    QVERIFY(urlError->text().isEmpty());
    QVERIFY(!ok->isEnabled()); // still no Clerk instance
    QTest::keyClicks(keyEdit, QStringLiteral("pk_test_garbage"));
    QVERIFY(!ok->isEnabled());
    keyEdit->setText(key());
    QVERIFY2(ok->isEnabled(), qPrintable(dialog.problem()));

    const app::AppSettings edited = dialog.settings();
    QCOMPARE(edited.stored(F::ConvexUrl), QStringLiteral("https://happy-animal-123.convex.cloud"));
    QCOMPARE(edited.stored(F::PublishableKey), key());
    QVERIFY(!edited.isStored(F::FrontendApi));
    QCOMPARE(edited.effective(F::JwtTemplate), QStringLiteral("convex"));
    checkAccessibleNames(&dialog);
}

void TestShellWidgets::settingsDialogShowsOverrides()
{
    app::AppSettings settings;
    settings.setOverride(F::ConvexUrl, QStringLiteral("https://env.convex.cloud"), app::AppSettings::Source::Environment);
    settings.setOverride(F::PublishableKey, key());
    ui::SettingsDialog dialog(settings, false);
    bool found = false;
    for (QLabel *label : dialog.findChildren<QLabel *>())
        found = found || label->text().contains(u"QONVEX_CONVEX_URL");
    QVERIFY(found);
    // Overrides make this run valid even with nothing stored.
    QVERIFY(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
    QVERIFY(!dialog.settings().isStored(F::ConvexUrl));
}

void TestShellWidgets::bannerShowsReasonAndRetry()
{
    QWidget parent;
    ui::StatusBanner banner(&parent);
    parent.show();
    app::AppStatus status;
    banner.setStatus(status);
    QVERIFY(!banner.isVisible());
    status.banner = app::AppStatus::BannerKind::Connection;
    status.bannerText = QStringLiteral("Cannot reach the server.");
    status.connectionText = QStringLiteral("Reconnecting in 3 s (attempt 2)");
    status.bannerRetry = true;
    banner.setStatus(status);
    QVERIFY(banner.isVisible());
    QVERIFY(banner.text().contains(u"Cannot reach the server."));
    QVERIFY(banner.text().contains(u"attempt 2"));
    QSignalSpy retry(&banner, &ui::StatusBanner::retryClicked);
    auto *button = banner.findChild<QPushButton *>(QStringLiteral("statusBannerRetry"));
    QVERIFY(button->isVisible());
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(retry.count(), 1);
    checkAccessibleNames(&banner);
}

void TestShellWidgets::accountButtonInitials()
{
    QCOMPARE(ui::initialsFor(QStringLiteral("Ada Lovelace")), QStringLiteral("AL"));
    QCOMPARE(ui::initialsFor(QStringLiteral("  grace  brewster hopper ")), QStringLiteral("GH"));
    QCOMPARE(ui::initialsFor(QString(), QStringLiteral("zed@example.com")), QStringLiteral("Z"));
    QCOMPARE(ui::initialsFor(QString(), QString()), QStringLiteral("?"));
    QWidget parent;
    ui::AccountButton button(&parent);
    parent.show();
    QVERIFY(!button.isVisible()); // nobody signed in
    button.setIdentity(QStringLiteral("Ada Lovelace"), QStringLiteral("ada@example.com"), true);
    QVERIFY(button.isVisible());
    QCOMPARE(button.initials(), QStringLiteral("AL"));
    QCOMPARE(button.accessibleName(), QStringLiteral("Account: Ada Lovelace"));
    QVERIFY(button.signOutAction()->isEnabled());
}

void TestShellWidgets::welcomeModes()
{
    ui::WelcomePage page;
    page.show();
    auto *signIn = page.findChild<QPushButton *>(QStringLiteral("welcomeSignIn"));
    auto *browser = page.findChild<QPushButton *>(QStringLiteral("welcomeSignInBrowser"));
    auto *settings = page.findChild<QPushButton *>(QStringLiteral("welcomeSettings"));
    auto *sessionOnly = page.findChild<QPushButton *>(QStringLiteral("welcomeSessionOnly"));
    QVERIFY(signIn->isVisible() && signIn->isEnabled() && browser->isVisible());
    QVERIFY(!settings->isVisible() && !sessionOnly->isVisible());
    QSignalSpy requested(&page, &ui::WelcomePage::signInRequested);
    QTest::mouseClick(signIn, Qt::LeftButton);
    QCOMPARE(requested.count(), 1);

    page.setMode(ui::WelcomePage::Mode::NotConfigured);
    QVERIFY(!signIn->isVisible() && settings->isVisible());
    page.setMode(ui::WelcomePage::Mode::Busy);
    QVERIFY(signIn->isVisible() && !signIn->isEnabled());
    page.setSessionOnlyOffered(true);
    QVERIFY(sessionOnly->isVisible());
    page.setMessage(QStringLiteral("Your session expired."));
    QCOMPARE(page.message(), QStringLiteral("Your session expired."));
    checkAccessibleNames(&page);
}

QTEST_MAIN(TestShellWidgets)
#include "tst_shell_widgets.moc"
