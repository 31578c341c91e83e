// SPDX-License-Identifier: MIT
#pragma once
// Checks tst_shell_widgets runs over whole windows: accessible names on every focusable
// control, Alt+letter mnemonics that do not clash, the contrast of painted text, labels that
// show all their text; a tour of the main window's pages; the icon comparison helpers. Included by tst_shell_widgets.cpp only.

#include "mainwindow/mainwindow.h"
#include "mainwindow/signinpage.h"
#include "mainwindow/workspace.h"
#include "style/errorcolours.h"
#include "welcome/welcomepage.h"

#include <convexclient/client.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMap>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QProcess>
#include <QProgressBar>
#include <QSlider>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTextEdit>

#include <algorithm>
#include <functional>
#include <iterator>
#include <utility>

namespace shellchecks {

// A control a keyboard or screen reader user lands on: it must be announced by name.
inline bool isNamedControl(const QWidget *w)
{
    return qobject_cast<const QAbstractButton *>(w) || qobject_cast<const QLineEdit *>(w)
        || qobject_cast<const QComboBox *>(w) || qobject_cast<const QAbstractSpinBox *>(w)
        || qobject_cast<const QTextEdit *>(w) || qobject_cast<const QPlainTextEdit *>(w)
        || qobject_cast<const QAbstractItemView *>(w) || qobject_cast<const QTabBar *>(w)
        || qobject_cast<const QProgressBar *>(w) || qobject_cast<const QSlider *>(w);
}

// Qt's own parts of a control (a line edit's clear button, a combo box's popup, a tab bar's
// scroll arrows, the menu bar's and tool bars' overflow buttons): Qt announces those itself.
inline bool isQtSubControl(const QWidget *w)
{
    if (w->objectName() == u"qt_toolbar_ext_button" || w->objectName() == u"qt_menubar_ext_button")
        return true;
    for (const QWidget *p = w->parentWidget(); p; p = p->parentWidget()) {
        if (qobject_cast<const QLineEdit *>(p) || qobject_cast<const QComboBox *>(p)
            || qobject_cast<const QAbstractSpinBox *>(p) || qobject_cast<const QTabBar *>(p))
            return true;
        if (p->isWindow())
            break;
    }
    // The combo box's popup lives in its own window, a QComboBoxPrivateContainer.
    return w->window()->inherits("QComboBoxPrivateContainer");
}

inline void checkAccessibleNames(QWidget *root)
{
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!isNamedControl(w) || isQtSubControl(w))
            continue;
        const auto *button = qobject_cast<QAbstractButton *>(w);
        QVERIFY2(!w->accessibleName().isEmpty() || (button && !button->text().isEmpty()),
                 qPrintable(QStringLiteral("%1 (%2) has no accessible name")
                                .arg(w->objectName(), QString::fromLatin1(w->metaObject()->className()))));
    }
}

// The Alt+letter of "&x" in \a text, lower case ("&&" is a literal ampersand); null if none.
inline QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) != u'&')
            return text.at(i + 1).toLower();
        ++i;
    }
    return {};
}

// Every Alt+letter in reach in \a window as it is now: the menu bar's titles, the tabs of
// shown tab bars, the buttons and buddied labels of what is on screen. A button hidden only for
// now (Retry after a failed write) counts when its parent is on screen: it can show any time.
// Returns "x: owner, owner" for each letter with more than one owner.
inline QStringList mnemonicClashes(QMainWindow *window)
{
    QMap<QChar, QStringList> owners;
    const auto add = [&owners](const QString &text, const QString &what) {
        const QChar letter = mnemonicOf(text);
        if (!letter.isNull())
            owners[letter] << what + QStringLiteral(" '") + text + QLatin1Char('\'');
    };
    for (QAction *action : window->menuBar()->actions()) {
        if (action->isVisible() && action->menu())
            add(action->text(), QStringLiteral("menu"));
    }
    const auto widgets = window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->parentWidget() || !w->parentWidget()->isVisibleTo(window) || w->window() != window)
            continue;
        if (auto *tabs = qobject_cast<QTabBar *>(w); tabs && tabs->isVisibleTo(window)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(tabs->tabText(i), QStringLiteral("tab"));
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            add(button->text(), QStringLiteral("button"));
        } else if (auto *label = qobject_cast<QLabel *>(w); label && label->buddy()) {
            add(label->text(), QStringLiteral("label"));
        }
    }
    QStringList clashes;
    for (auto it = owners.cbegin(); it != owners.cend(); ++it) {
        if (it.value().size() > 1)
            clashes << QString(it.key()) + QStringLiteral(": ") + it.value().join(QStringLiteral(", "));
    }
    return clashes;
}

// The contrast of \a widget's text as painted: its ink (the pixel farthest from the background,
// the core of a glyph's stroke) against its background (the top-left pixel, in the margin).
inline double paintedTextContrast(QWidget *widget)
{
    const QImage image = widget->grab().toImage();
    const QColor background = image.pixelColor(0, 0);
    double best = 1.0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            best = std::max(best, qonvex::ui::contrastRatio(image.pixelColor(x, y), background));
    }
    return best;
}

// A dark palette, as a dark desktop theme gives.
inline QPalette darkPalette()
{
    QPalette dark(QColor(0x3a, 0x3a, 0x3a), QColor(0x2a, 0x2a, 0x2a)); // button, window
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    return dark;
}

// A wrapped label shows all of its text when it got at least the height its text needs at the
// width it got, and lies wholly inside the page (nothing cut off at the page's edges).
inline void checkWrappedLabelFits(const QWidget *page, const QLabel *label)
{
    QVERIFY(label->isVisible());
    QVERIFY2(label->height() >= label->heightForWidth(label->width()),
             qPrintable(QStringLiteral("%1: %2 px high, its text needs %3 px at %4 px wide")
                            .arg(label->objectName())
                            .arg(label->height())
                            .arg(label->heightForWidth(label->width()))
                            .arg(label->width())));
    const QRect inPage(label->mapTo(page, QPoint(0, 0)), label->size());
    QVERIFY2(page->rect().contains(inPage),
             qPrintable(QStringLiteral("%1 at %2,%3 %4x%5 is outside the %6x%7 page")
                            .arg(label->objectName())
                            .arg(inPage.x()).arg(inPage.y()).arg(inPage.width()).arg(inPage.height())
                            .arg(page->width()).arg(page->height())));
}

inline qonvex::ui::MainWindow::Options windowOptions()
{
    qonvex::ui::MainWindow::Options options;
    options.trayAllowed = false;
    return options;
}

// Shows each page of \a window in turn, calling \a visit with its name: the restoring, welcome
// and sign-in pages, then the workspace (what a signed-in user sees) with its task list and
// its function console. No server: the workspace is put into the window's page stack as the
// window does for an active session, on a client that just keeps trying to connect.
inline void tourPages(qonvex::ui::MainWindow &window, convex::Client *client, const std::function<void(const QString &)> &visit)
{
    auto *pages = window.findChild<QStackedWidget *>(QStringLiteral("pages"));
    QVERIFY(pages);
    visit(QStringLiteral("restoring"));
    pages->setCurrentWidget(window.welcomePage());
    visit(QStringLiteral("welcome"));
    pages->setCurrentWidget(window.signInPage());
    visit(QStringLiteral("sign-in"));
    auto *workspace = new qonvex::ui::Workspace(client, pages);
    pages->addWidget(workspace);
    pages->setCurrentWidget(workspace);
    QCOMPARE(workspace->tabs()->currentIndex(), 0);
    visit(QStringLiteral("task list"));
    workspace->tabs()->setCurrentIndex(1);
    QVERIFY(workspace->tabs()->currentWidget()->isVisible());
    visit(QStringLiteral("function console"));
}

// mnemonicClashes() on each page tourPages() shows, as "<page> page: Alt+<clash>".
inline QStringList mnemonicClashesOnEveryPage(qonvex::ui::MainWindow &window, convex::Client *client)
{
    QStringList clashes;
    tourPages(window, client, [&](const QString &page) {
        for (const QString &clash : mnemonicClashes(&window))
            clashes << page + QStringLiteral(" page: Alt+") + clash;
    });
    return clashes;
}

// rsvg-convert's rendering of the icon source at \a side px (librsvg2-bin, which ./dev deps
// installs for the packaging: the .deb's PNG icons and the Windows .ico come from it too).
inline QImage renderIconSource(const QString &dir, int side)
{
    const QString rsvg = QStandardPaths::findExecutable(QStringLiteral("rsvg-convert"));
    if (rsvg.isEmpty())
        return {};
    const QString png = dir + QStringLiteral("/icon-%1.png").arg(side);
    QProcess render;
    render.start(rsvg, {QStringLiteral("-w"), QString::number(side), QStringLiteral("-h"), QString::number(side),
                        QStringLiteral("-o"), png,
                        qEnvironmentVariable("QONVEX_SOURCE_DIR") + QStringLiteral("/resources/icons/io.github.qonvex.Qonvex.svg")});
    if (!render.waitForFinished(30000) || render.exitCode() != 0)
        return {};
    return QImage(png).convertToFormat(QImage::Format_ARGB32_Premultiplied);
}

// Mean absolute channel difference (0..255) and the share of pixels where some channel is off
// by more than 64: antialiased edges differ a little between two rasterisers, a different
// shape or colour differs a lot.
inline std::pair<double, double> imageDifference(const QImage &a, const QImage &b)
{
    double sum = 0;
    qint64 far = 0;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            const QRgb p = a.pixel(x, y), q = b.pixel(x, y);
            const int d[] = {qAbs(qRed(p) - qRed(q)), qAbs(qGreen(p) - qGreen(q)), qAbs(qBlue(p) - qBlue(q)),
                             qAbs(qAlpha(p) - qAlpha(q))};
            sum += d[0] + d[1] + d[2] + d[3];
            far += *std::max_element(std::begin(d), std::end(d)) > 64;
        }
    }
    const double pixels = double(a.width()) * a.height();
    return {sum / (4 * pixels), far / pixels};
}

} // namespace shellchecks
