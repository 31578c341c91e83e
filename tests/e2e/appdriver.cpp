// SPDX-License-Identifier: MIT
#include "appdriver.h"

#include "mainwindow/mainwindow.h"
#include "signinviewinterface.h"
#include "status/statusbanner.h"
#include "status/statusindicators.h"

#include <QAbstractButton>
#include <QDir>
#include <QEventLoop>
#include <QSet>
#include <QStackedWidget>
#include <QTest>
#include <QTimer>
#include <QWebEnginePage>
#include <QWebEngineView>

namespace qonvex::test {

using qonvex::ui::SignInView;

int colourCount(const QImage &image)
{
    QSet<QRgb> colours;
    const int step = std::max(1, std::min(image.width(), image.height()) / 60);
    for (int y = 0; y < image.height(); y += step)
        for (int x = 0; x < image.width(); x += step)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

AppDriver::AppDriver(const qonvex::app::AppSettings &settings, const QString &screenshotDir) : m_dir(screenshotDir)
{
    qonvex::ui::MainWindow::Options options;
    options.trayAllowed = false;
    m_window = std::make_unique<qonvex::ui::MainWindow>(settings, options);
    m_window->resize(1000, 720);
    m_window->show();
    QDir().mkpath(m_dir);
}

AppDriver::~AppDriver() = default;

void AppDriver::start() { m_window->start(); }

QString AppDriver::currentPage() const
{
    QWidget *page = m_window->currentPage();
    return page ? page->objectName() : QString();
}

bool AppDriver::waitForPage(const QString &objectName, int timeoutMs) const
{
    return QTest::qWaitFor([&] { return currentPage() == objectName; }, timeoutMs);
}

bool AppDriver::click(const QString &objectName)
{
    auto *button = m_window->findChild<QAbstractButton *>(objectName);
    if (!button || !button->isVisible() || !button->isEnabled())
        return false;
    QTest::mouseClick(button, Qt::LeftButton);
    return true;
}

QVariant AppDriver::runJs(const QString &script, int timeoutMs) const
{
    SignInView *view = m_window->signInView();
    auto *web = view ? view->findChild<QWebEngineView *>() : nullptr;
    if (!web)
        return {};
    QVariant result;
    bool done = false;
    web->page()->runJavaScript(script, [&](const QVariant &value) {
        result = value;
        done = true;
    });
    (void)QTest::qWaitFor([&] { return done; }, timeoutMs);
    return result;
}

QString AppDriver::signInEmbedded(const QString &email, const QString &password, const QString &screenshotName)
{
    if (!click(QStringLiteral("welcomeSignIn")))
        return QStringLiteral("no enabled Sign in button on page %1").arg(currentPage());
    if (!waitForPage(QStringLiteral("signInPage")))
        return QStringLiteral("the sign-in page did not open (page %1)").arg(currentPage());
    SignInView *view = m_window->signInView();
    if (!view)
        return QStringLiteral("no sign-in view");
    if (!QTest::qWaitFor([&] { return view->loadState() == SignInView::LoadState::Ready; }, 30000))
        return QStringLiteral("the hosted page did not load (state %1)").arg(int(view->loadState()));
    if (!QTest::qWaitFor([&] { return runJs(QStringLiteral("document.getElementById('submit') !== null")).toBool(); }, 15000))
        return QStringLiteral("the hosted page has no #submit");
    if (!screenshotName.isEmpty()) {
        // The page paints asynchronously: wait until the view itself shows the form.
        (void)QTest::qWaitFor([&] {
            auto *web = view->findChild<QWebEngineView *>();
            if (!web)
                return false;
            const QRect area(web->mapTo(view, QPoint(0, 0)), web->size());
            return colourCount(view->grab().toImage().copy(area)) >= 20;
        }, 15000);
        screenshot(screenshotName);
    }
    const auto quoted = [](const QString &s) -> QString {
        QString escaped = s;
        escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'\'', QStringLiteral("\\'"));
        return QStringLiteral("'") + escaped + QStringLiteral("'");
    };
    runJs(QStringLiteral("document.getElementById('email').value = %1;"
                         "document.getElementById('password').value = %2;"
                         "document.getElementById('submit').click(); true")
              .arg(quoted(email), quoted(password)));
    if (!waitForPage(QStringLiteral("workspace"), 30000))
        return QStringLiteral("not signed in after submitting (page %1, auth '%2', banner '%3')")
            .arg(currentPage(), authText(), bannerText());
    return {};
}

QString AppDriver::screenshot(const QString &name) const
{
    const QString path = QDir(m_dir).filePath(name);
    m_window->grab().save(path);
    return path;
}

QString AppDriver::screenshotWhenRendered(const QString &name, int minColours, int timeoutMs) const
{
    (void)QTest::qWaitFor([&] { return colourCount(m_window->grab().toImage()) >= minColours; }, timeoutMs);
    return screenshot(name);
}

QString AppDriver::connectionText() const { return m_window->indicators()->connectionText(); }
QString AppDriver::authText() const { return m_window->indicators()->authText(); }
QString AppDriver::bannerText() const { return m_window->banner()->text(); }

} // namespace qonvex::test
