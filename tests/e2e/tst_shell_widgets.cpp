// SPDX-License-Identifier: MIT
// The shell's widgets on their own: settings validation as you type, the banner, the account
// button, the welcome screen's modes, the status bar's fields at wide and narrow widths, the
// tray icon, the app icon; over the whole main window: accessible names on every control,
// mnemonics without clashes, the window's geometry kept across runs.

#include "mainwindow/accountbutton.h"
#include "mainwindow/mainwindow.h"
#include "mainwindow/signinpage.h"
#include "mainwindow/workspace.h"
#include "settings/settingsdialog.h"
#include "status/elidedlabel.h"
#include "status/statusbanner.h"
#include "status/statusicons.h"
#include "status/statusindicators.h"
#include "status/statustrayicon.h"
#include "style/shellstyle.h"
#include "welcome/welcomepage.h"
#ifdef QONVEX_HAVE_CONSOLE
#include "console/functionconsolewidget.h"
#endif

#include <convexclient/client.h>

#include <QDialogButtonBox>
#include <QMenu>
#include <QToolButton>
#include <QStatusBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QScopeGuard>
#include <QTest>

#include "devstackprocess.h"
#include "shellwidgetchecks.h"

#include <algorithm>

using namespace qonvex;
using F = app::AppSettings::Field;

namespace {
using shellchecks::checkAccessibleNames;
using shellchecks::windowOptions;

QString key() { return QStringLiteral("pk_test_") + QString::fromLatin1(QByteArray("clerk.example.test$").toBase64(QByteArray::OmitTrailingEquals)); }

} // namespace

class TestShellWidgets : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void settingsDialogValidatesAsYouType();
    void settingsErrorsAreReadableInLightAndDark();
    void settingsDialogShowsOverrides();
    void bannerShowsReasonAndRetry();
    void accountButtonInitials();
    void welcomeModes();
    void welcomeMessageWrapsFully();
    void statusBarShowsWholeConnectionText();
    void statusBarElidesAtNarrowWidths();
    void trayIconFollowsStatus();
    void appIconIsTheMenuIconAtAnySize();
    void menuBarOverflowArrowIsDrawn();
    void consoleIsBuiltWhenItsTabOpens();
    void mnemonicsAreUniqueOnEveryPage();
    void everyControlInTheWindowIsNamed();
    void windowGeometryIsRemembered();

private:
    QTemporaryDir m_config; // QSettings of this run: the window's geometry, the tray choice
};

void TestShellWidgets::initTestCase()
{
    QVERIFY(m_config.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("io.github.qonvex.Qonvex.shellwidgets"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_shell_widgets"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_config.path());
}

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

void TestShellWidgets::settingsErrorsAreReadableInLightAndDark()
{
    // A field's error as painted, against what is painted behind it: WCAG's 4.5:1 in a light
    // palette and after a switch to a dark one (and back), as the task input's error.
    ui::SettingsDialog dialog(app::AppSettings(), true);
    const QPalette light = QApplication::style()->standardPalette();
    dialog.setPalette(light);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    auto *url = dialog.findChild<QLineEdit *>(QStringLiteral("settingsConvexUrl"));
    auto *urlError = dialog.findChild<QLabel *>(QStringLiteral("settingsConvexUrlError"));
    QVERIFY(url && urlError);
    url->setText(QStringLiteral("http://remote.example.com"));
    QTRY_VERIFY(urlError->isVisible());
    const std::pair<const char *, QPalette> palettes[] = {{"light", light}, {"dark", shellchecks::darkPalette()}, {"light-again", light}};
    for (const auto &[name, palette] : palettes) {
        dialog.setPalette(palette);
        QCoreApplication::processEvents();
        const double painted = shellchecks::paintedTextContrast(urlError);
        const QColor text = urlError->palette().color(urlError->foregroundRole()), behind = urlError->grab().toImage().pixelColor(0, 0);
        QVERIFY2(painted >= 4.5, qPrintable(QStringLiteral("%1 palette: the error's text %2 on %3 has a contrast of %4:1")
                                               .arg(QString::fromLatin1(name), text.name(), behind.name())
                                               .arg(painted, 0, 'f', 2)));
        QVERIFY2(ui::contrastRatio(text, behind) >= 4.5, qPrintable(text.name() + QStringLiteral(" on ") + behind.name()));
        // A tint of this palette's window colour, not a light strip left over in a dark dialog.
        QCOMPARE(behind.lightnessF() < 0.5, palette.color(QPalette::Window).lightnessF() < 0.5);
        urlError->grab().save(QDir(test::artifactsDir()).filePath(QStringLiteral("settings-error-%1.png").arg(QString::fromLatin1(name))));
    }
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
    // A screen reader names the banner by what it is about, not always "connection".
    QCOMPARE(banner.accessibleName(), QStringLiteral("Connection problem"));
    status.banner = app::AppStatus::BannerKind::Auth;
    status.bannerText = QStringLiteral("Your session expired. Sign in again.");
    banner.setStatus(status);
    QCOMPARE(banner.accessibleName(), QStringLiteral("Sign-in problem"));
    status.banner = app::AppStatus::BannerKind::Offline;
    banner.setStatus(status);
    QCOMPARE(banner.accessibleName(), QStringLiteral("Offline"));
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

void TestShellWidgets::welcomeMessageWrapsFully()
{
    // Laid out as in the main window: the page inside a stacked widget inside a main window.
    QMainWindow window;
    auto *pages = new QStackedWidget;
    auto *page = new ui::WelcomePage(pages);
    pages->addWidget(page);
    window.setCentralWidget(pages);
    window.resize(980, 700);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *message = page->findChild<QLabel *>(QStringLiteral("welcomeMessage"));
    auto *blurb = page->findChild<QLabel *>(QStringLiteral("welcomeBlurb"));
    QVERIFY(message && blurb);

    // The message is set after the page is shown, as after a stale qonvex:// link; a longer one
    // too, so that it needs several lines.
    const QString stale = QStringLiteral("That sign-in link has expired or belongs to another sign-in. "
                                         "Please sign in again.");
    const QString longer = QStringList{stale, stale, stale}.join(QLatin1Char(' '));
    for (const QString &text : {stale, longer}) {
        page->setMessage(text);
        for (int width : {980, 700, 480, 360, 200}) {
            window.resize(width, 700);
            QTRY_VERIFY(window.width() <= std::max(width, window.minimumSizeHint().width()));
            QCoreApplication::processEvents();
            shellchecks::checkWrappedLabelFits(page, message);
            shellchecks::checkWrappedLabelFits(page, blurb);
            if (QTest::currentTestFailed())
                return;
            if (width == 980 && text == stale)
                window.grab().save(QDir(test::artifactsDir()).filePath(QStringLiteral("welcome-message.png")));
            if (width == 360 && text == stale)
                window.grab().save(QDir(test::artifactsDir()).filePath(QStringLiteral("welcome-message-narrow.png")));
        }
        window.resize(980, 700);
    }
}

namespace {
app::AppStatus reconnectingStatus()
{
    app::AppStatus status;
    status.connection = app::AppStatus::Connection::Reconnecting;
    status.connectionText = QStringLiteral("Reconnecting in 12 s (attempt 3)");
    status.auth = app::AppStatus::Auth::SignedIn;
    status.authText = QStringLiteral("Signed in as Ada Lovelace");
    return status;
}

app::AppStatus connectedStatus()
{
    app::AppStatus status = reconnectingStatus();
    status.connection = app::AppStatus::Connection::Connected;
    status.connectionText = QStringLiteral("Connected");
    return status;
}

// What an elided label shows is the full text, its short form, or a prefix of one of them
// with "…" — and it fits.
void checkShownSensibly(const ui::ElidedLabel *label, const QString &full, const QString &shorter)
{
    const QString shown = label->displayedText();
    QVERIFY2(label->fontMetrics().horizontalAdvance(shown) <= label->contentsRect().width(), qPrintable(shown));
    if (shown == full || shown == shorter)
        return;
    if (shown.isEmpty()) { // no room even for "…"
        QVERIFY(label->contentsRect().width() < label->fontMetrics().horizontalAdvance(QStringLiteral("…")));
        return;
    }
    QVERIFY2(shown.endsWith(u'…'), qPrintable(shown));
    QVERIFY2(shorter.startsWith(shown.chopped(1)) || full.startsWith(shown.chopped(1)), qPrintable(shown));
}
} // namespace

void TestShellWidgets::statusBarShowsWholeConnectionText()
{
    QMainWindow window;
    window.setCentralWidget(new QWidget);
    auto *indicators = new ui::StatusIndicators(window.statusBar()); // owned by the bar
    window.resize(980, 700); // MainWindow's default size
    indicators->setStatus(connectedStatus());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE(indicators->connectionLabel()->displayedText(), QStringLiteral("Connected"));

    // Straight after the change, with no event processed: the bar must already have made room
    // (the old layout squeezed "Reconnecting…" into the width of "Connected").
    const app::AppStatus status = reconnectingStatus();
    indicators->setStatus(status);
    ui::ElidedLabel *connection = indicators->connectionLabel();
    QCOMPARE(connection->displayedText(), status.connectionText);
    QVERIFY2(connection->width() >= connection->fontMetrics().horizontalAdvance(status.connectionText),
             qPrintable(QString::number(connection->width())));
    QCOMPARE(indicators->authLabel()->displayedText(), QStringLiteral("· ") + status.authText);
    QCOMPARE(indicators->authText(), status.authText);
    QCOMPARE(indicators->authLabel()->toolTip(), status.authText);
    QCOMPARE(connection->toolTip(), status.connectionText);
    QCOMPARE(connection->accessibleDescription(), status.connectionText);
    QCOMPARE(connection->accessibleName(), QStringLiteral("Connection: ") + status.connectionText);
    // What grab() paints is what displayedText() says: the label is wide enough for all of it.
    const QImage image = window.statusBar()->grab().toImage();
    QVERIFY(!image.isNull());
    image.save(QDir(test::artifactsDir()).filePath(QStringLiteral("statusbar-reconnecting.png")));
}

void TestShellWidgets::statusBarElidesAtNarrowWidths()
{
    QMainWindow window;
    window.setCentralWidget(new QWidget);
    auto *indicators = new ui::StatusIndicators(window.statusBar());
    window.resize(980, 700);
    const app::AppStatus status = reconnectingStatus();
    indicators->setStatus(status);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ui::ElidedLabel *connection = indicators->connectionLabel();
    ui::ElidedLabel *auth = indicators->authLabel();
    const QString shorter = QStringLiteral("Reconnecting in 12 s");
    QCOMPARE(ui::withoutTrailingParenthesis(status.connectionText), shorter);

    // A little more than the connection text: the sign-in text gives way first.
    const int justConnection = connection->sizeHint().width() + 90;
    window.resize(justConnection, 300);
    QTRY_COMPARE(window.width(), justConnection);
    const QString authShown = QStringLiteral("· ") + status.authText;
    QTRY_VERIFY(auth->displayedText() != authShown);
    QCOMPARE(connection->displayedText(), status.connectionText);
    checkShownSensibly(auth, authShown, QString());

    // Narrow: the connection text drops its detail, then elides; never a clipped word.
    const int full = connection->sizeHint().width();
    for (int width : {full * 4 / 5, full / 2, 100}) {
        window.resize(width, 300);
        QTRY_VERIFY(window.width() <= std::max(width, window.minimumSizeHint().width()));
        QTRY_VERIFY(connection->displayedText() != status.connectionText);
        checkShownSensibly(connection, status.connectionText, shorter);
        checkShownSensibly(auth, authShown, QString());
        QCOMPARE(connection->toolTip(), status.connectionText); // the whole text is a hover away
        QCOMPARE(connection->accessibleDescription(), status.connectionText);
    }
    window.statusBar()->grab().save(QDir(test::artifactsDir()).filePath(QStringLiteral("statusbar-narrow.png")));
}

void TestShellWidgets::trayIconFollowsStatus()
{
    ui::StatusTrayIcon tray;
    const auto dotColour = [&tray] {
        // The status dot sits in the bottom-right corner of the mark.
        const QImage image = tray.icon().pixmap(64, 64).toImage();
        return image.pixelColor(image.width() * 78 / 100, image.height() * 78 / 100);
    };
    app::AppStatus status = connectedStatus();
    tray.setStatus(status);
    QCOMPARE(tray.toolTip(), QStringLiteral("Qonvex — Connected · Signed in as Ada Lovelace"));
    QMenu *menu = tray.contextMenu();
    QVERIFY(menu);
    QCOMPARE(menu->actions().at(0)->text(), QStringLiteral("Connected · Signed in as Ada Lovelace"));
    QVERIFY(!menu->actions().at(0)->isEnabled());
    const QColor connected = dotColour();
    QVERIFY2(connected.green() > connected.red() && connected.green() > connected.blue(), qPrintable(connected.name()));

    status = reconnectingStatus();
    status.pendingText = QStringLiteral("1 change pending");
    tray.setStatus(status);
    QCOMPARE(tray.toolTip(), QStringLiteral("Qonvex — Reconnecting in 12 s (attempt 3) · Signed in as Ada Lovelace · 1 change pending"));
    const QColor reconnecting = dotColour();
    QVERIFY2(reconnecting.red() > reconnecting.blue() && reconnecting.green() > reconnecting.blue()
                 && reconnecting.red() > reconnecting.green(), qPrintable(reconnecting.name())); // amber

    status.connection = app::AppStatus::Connection::Stopped;
    status.connectionText = QStringLiteral("Stopped");
    tray.setStatus(status);
    const QColor stopped = dotColour();
    QVERIFY2(stopped.red() > 2 * stopped.green(), qPrintable(stopped.name()));

    // Connected but signed out: not "all good" green.
    status = connectedStatus();
    status.auth = app::AppStatus::Auth::SignedOut;
    status.authText = QStringLiteral("Signed out");
    tray.setStatus(status);
    QCOMPARE(dotColour(), reconnecting);
    QCOMPARE(menu->actions().at(0)->text(), QStringLiteral("Connected · Signed out"));

    QSignalSpy show(&tray, &ui::StatusTrayIcon::showWindowRequested);
    QSignalSpy quit(&tray, &ui::StatusTrayIcon::quitRequested);
    Q_EMIT tray.activated(QSystemTrayIcon::Trigger);
    Q_EMIT tray.activated(QSystemTrayIcon::Context); // opens the menu, nothing else
    QCOMPARE(show.count(), 1);
    for (QAction *action : menu->actions()) {
        if (action->text() == u"Show Qonvex")
            action->trigger();
        else if (action->text() == u"Quit")
            action->trigger();
    }
    QCOMPARE(show.count(), 2);
    QCOMPARE(quit.count(), 1);
}

void TestShellWidgets::appIconIsTheMenuIconAtAnySize()
{
    // The window and tray show the icon the desktop menu shows (resources/icons/, rendered for
    // the .deb and the .ico), drawn for the size asked, not scaled from a neighbour: 200 px is a
    // size no fixed pixmap has.
    const QIcon icon = ui::appIcon();
    QVERIFY(!icon.isNull());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    for (int side : {22, 128, 200}) {
        const QImage reference = shellchecks::renderIconSource(dir.path(), side);
        QVERIFY2(!reference.isNull(), "rsvg-convert (Debian: librsvg2-bin, installed by ./dev deps) could not render the icon");
        const QImage painted = icon.pixmap(QSize(side, side)).toImage().convertToFormat(QImage::Format_ARGB32_Premultiplied);
        QCOMPARE(painted.size(), QSize(side, side));
        const auto [mean, far] = shellchecks::imageDifference(painted, reference);
        qInfo("app icon at %d px vs the SVG: mean channel difference %.2f, %.2f%% of pixels far off", side, mean, far * 100);
        QVERIFY2(mean < 3.0 && far < 0.02, qPrintable(QStringLiteral("%1 px: mean %2, far %3").arg(side).arg(mean).arg(far)));
    }
}

void TestShellWidgets::menuBarOverflowArrowIsDrawn()
{
    // ShellStyle draws the overflow arrow Qt's styles would read from PNGs (through every image
    // plugin): it must still be there, in the text colour, and point the way the overflow lies.
    ui::ShellStyle style(QApplication::style()->name());
    const QColor text = QApplication::palette().color(QPalette::WindowText);
    auto inkColumns = [&](const QImage &image) { // x of the leftmost and rightmost text-coloured pixel
        int first = image.width(), last = -1;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c.alpha() > 200 && qAbs(c.red() - text.red()) < 40 && qAbs(c.green() - text.green()) < 40) {
                    first = std::min(first, x);
                    last = std::max(last, x);
                }
            }
        }
        return std::pair{first, last};
    };
    auto tipRow = [](const QImage &image, int x) { // the tallest run of ink in column x
        int n = 0;
        for (int y = 0; y < image.height(); ++y)
            n += image.pixelColor(x, y).alpha() > 200;
        return n;
    };
    const QImage ltr = style.standardIcon(QStyle::SP_ToolBarHorizontalExtensionButton).pixmap(QSize(32, 32)).toImage();
    const auto [left, right] = inkColumns(ltr);
    QVERIFY2(right - left > 10, "no arrow drawn");
    // Pointing right: the chevrons' tips (one pixel high) are on the right, their open ends
    // (tall) on the left.
    QVERIFY2(tipRow(ltr, left + 1) > tipRow(ltr, right - 1), "the arrow does not point right");
    QApplication::setLayoutDirection(Qt::RightToLeft);
    const QImage rtl = style.standardIcon(QStyle::SP_ToolBarHorizontalExtensionButton).pixmap(QSize(32, 32)).toImage();
    QApplication::setLayoutDirection(Qt::LeftToRight);
    const auto [rleft, rright] = inkColumns(rtl);
    QVERIFY2(tipRow(rtl, rright - 1) > tipRow(rtl, rleft + 1), "right to left, the arrow does not point left");

    // In a menu bar too narrow for its menus, the overflow button shows it (the menu bar picks
    // its button's icon from the application style, as in the app: ShellStyle::install()).
    const QString previousStyle = QApplication::style()->name();
    ui::ShellStyle::install();
    QVERIFY(qobject_cast<ui::ShellStyle *>(QApplication::style()));
    const auto restoreStyle = qScopeGuard([&] { QApplication::setStyle(previousStyle); });
    QMainWindow window;
    for (const char *title : {"&File", "&Edit", "&View", "&Account", "&Help", "&Window", "&Tools"})
        window.menuBar()->addMenu(QString::fromLatin1(title));
    window.resize(160, 120);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.menuBar()->grab().save(QDir(test::artifactsDir()).filePath(QStringLiteral("menubar-overflow.png")));
    const auto buttons = window.menuBar()->findChildren<QToolButton *>();
    const auto extension = std::find_if(buttons.begin(), buttons.end(), [](QToolButton *b) { return b->isVisible(); });
    QVERIFY2(extension != buttons.end(), "no overflow button at 160 px");
    const auto [bl, br] = inkColumns((*extension)->icon().pixmap(QSize(16, 16)).toImage());
    QVERIFY2(br > bl, "the overflow button has no arrow");
}

void TestShellWidgets::consoleIsBuiltWhenItsTabOpens()
{
#ifndef QONVEX_HAVE_CONSOLE
    QSKIP("this build has no function console");
#else
    // Nothing listens there: the client just keeps trying; the console needs no server to be built.
    convex::Client client(QUrl(QStringLiteral("http://127.0.0.1:9")));
    ui::Workspace workspace(&client);
    workspace.show();
    // Not built for the start-up path to the task list...
    QVERIFY(!workspace.findChild<ui::FunctionConsoleWidget *>());
    // ...but the server log is collected from the start and shown once the console opens.
    Q_EMIT client.serverLogLine(QStringLiteral("tasks:add"), QStringLiteral("[LOG] 'before the console opened'"));
    workspace.tabs()->setCurrentIndex(1);
    auto *console = workspace.findChild<ui::FunctionConsoleWidget *>(QStringLiteral("functionConsole"));
    QVERIFY(console);
    QVERIFY(console->isVisible());
    QVERIFY2(console->serverLogText().contains(u"tasks:add: [LOG] 'before the console opened'"),
             qPrintable(console->serverLogText()));
    Q_EMIT client.serverLogLine(QStringLiteral("debug:echo"), QStringLiteral("[LOG] 'after'"));
    QVERIFY2(console->serverLogText().contains(u"debug:echo: [LOG] 'after'"), qPrintable(console->serverLogText()));
    QCOMPARE(workspace.ensureConsole(), console); // built once
    workspace.tabs()->setCurrentIndex(0);
    workspace.tabs()->setCurrentIndex(1);
    QCOMPARE(workspace.findChildren<ui::FunctionConsoleWidget *>().size(), 1);
#endif
}

void TestShellWidgets::mnemonicsAreUniqueOnEveryPage()
{
    // Alt+letter must reach one thing: among the menu titles, the tabs and the shown page's
    // buttons and labels, no letter twice.
    convex::Client client(QUrl(QStringLiteral("http://127.0.0.1:9")));
    ui::MainWindow window(app::AppSettings(), windowOptions());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QStringList clashes = shellchecks::mnemonicClashesOnEveryPage(window, &client);
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u'\n')));
}

void TestShellWidgets::everyControlInTheWindowIsNamed()
{
    convex::Client client(QUrl(QStringLiteral("http://127.0.0.1:9")));
    ui::MainWindow window(app::AppSettings(), windowOptions());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    shellchecks::tourPages(window, &client, [&](const QString &page) {
        if (QTest::currentTestFailed())
            return;
        qInfo("checking the %s page", qPrintable(page));
        checkAccessibleNames(&window);
    });
#ifdef QONVEX_HAVE_CONSOLE
    QVERIFY(window.findChild<ui::FunctionConsoleWidget *>()); // the console's controls were checked too
#endif
}

void TestShellWidgets::windowGeometryIsRemembered()
{
    QSettings().clear();
    const QRect placed(QPoint(140, 90), QSize(720, 530));
    {
        ui::MainWindow window(app::AppSettings(), windowOptions());
        QVERIFY(window.size() != placed.size()); // nothing stored yet: the default size
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.move(placed.topLeft());
        window.resize(placed.size());
        QTRY_COMPARE(window.pos(), placed.topLeft());
        QTRY_COMPARE(window.size(), placed.size());
        QVERIFY(window.close()); // as the user closing it: saved in closeEvent
    }
    ui::MainWindow next(app::AppSettings(), windowOptions());
    QCOMPARE(next.size(), placed.size());
    next.show();
    QVERIFY(QTest::qWaitForWindowExposed(&next));
    QTRY_COMPARE(next.pos(), placed.topLeft());
    QCOMPARE(next.size(), placed.size());
}

QTEST_MAIN(TestShellWidgets)
#include "tst_shell_widgets.moc"
