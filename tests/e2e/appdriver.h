// SPDX-License-Identifier: MIT
#pragma once
// Drives the real Qonvex window from outside, for the e2e tests and `./dev demo`: finds
// widgets by object name, clicks them, fills the hosted sign-in page with runJavaScript and
// saves screenshots. Nothing here is compiled into the app.

#include "settings/appsettings.h"

#include <QImage>
#include <QString>
#include <QVariant>

#include <memory>

namespace qonvex::ui {
class MainWindow;
}

namespace qonvex::test {

class AppDriver {
public:
    //! Builds the window for \a settings (no tray icon) and shows it; call start() next.
    explicit AppDriver(const qonvex::app::AppSettings &settings, const QString &screenshotDir);
    ~AppDriver();

    qonvex::ui::MainWindow *window() const { return m_window.get(); }
    void start();

    //! Object name of the page shown in the window's stack.
    QString currentPage() const;
    //! Waits until the page \a objectName is shown.
    bool waitForPage(const QString &objectName, int timeoutMs = 30000) const;
    //! Clicks the widget \a objectName (a button) with the mouse, as a user would.
    bool click(const QString &objectName);

    //! Clicks "Sign in", waits for the hosted page, saves \a screenshotName (if not empty) and
    //! submits \a email / \a password. Returns an empty string or what went wrong.
    QString signInEmbedded(const QString &email, const QString &password, const QString &screenshotName = {});
    //! Runs \a script in the sign-in page (null if no page).
    QVariant runJs(const QString &script, int timeoutMs = 15000) const;

    //! Grabs the whole window and saves it as \a name in the screenshot folder; returns the path.
    QString screenshot(const QString &name) const;
    //! Like screenshot(), but first waits until the window has at least \a minColours colours
    //! (web content paints asynchronously).
    QString screenshotWhenRendered(const QString &name, int minColours, int timeoutMs = 15000) const;

    //! Text of the status bar's connection / auth fields and the banner.
    QString connectionText() const;
    QString authText() const;
    QString bannerText() const;

private:
    std::unique_ptr<qonvex::ui::MainWindow> m_window;
    QString m_dir;
};

//! Distinct colours on a coarse grid (a blank window has very few).
int colourCount(const QImage &image);

} // namespace qonvex::test
