// SPDX-License-Identifier: MIT
// The German UI as a person sees it. app/i18n loads the built qonvex_de.qm and Qt's own
// qtbase_de.qm; then every page of the main window (restoring, welcome, sign-in, task list,
// function console) shows no text that the translation file has a German text for, the menu
// titles and status texts are German, and Alt+letter still reaches one thing per page.
// English loads no translator at all.
#include "i18n/translations.h"
#include "shellwidgetchecks.h"
#include "wiring/appstatus.h"

#include <QAbstractButton>
#include <QDialogButtonBox>
#include <QFile>
#include <QGroupBox>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QStandardPaths>
#include <QTabBar>
#include <QTest>
#include <QXmlStreamReader>

using namespace qonvex;

namespace {

// English source -> German translation, from the committed .ts (the file the .qm is built from).
QHash<QString, QString> germanTexts()
{
    QHash<QString, QString> texts;
    QFile file(QStringLiteral(QONVEX_TS_FILE));
    if (!file.open(QIODevice::ReadOnly))
        return texts;
    QXmlStreamReader xml(&file);
    QString source;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("source"))
            source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation"))
            texts.insert(source, xml.readElementText(QXmlStreamReader::IncludeChildElements));
    }
    return texts;
}

// The texts a person reads on the window as shown now: menu titles, tab titles, and the
// visible buttons, labels, group titles and input placeholders.
QStringList visibleTexts(QMainWindow *window)
{
    QStringList texts;
    for (QAction *menu : window->menuBar()->actions())
        texts << menu->text();
    for (QTabBar *bar : window->findChildren<QTabBar *>()) {
        if (bar->isVisible()) {
            for (int i = 0; i < bar->count(); ++i)
                texts << bar->tabText(i);
        }
    }
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisible())
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(w))
            texts << button->text();
        else if (auto *label = qobject_cast<QLabel *>(w))
            texts << label->text();
        else if (auto *box = qobject_cast<QGroupBox *>(w))
            texts << box->title();
        else if (auto *edit = qobject_cast<QLineEdit *>(w))
            texts << edit->placeholderText();
    }
    texts.removeAll(QString());
    return texts;
}

} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY2(germanTexts().size() > 200, QONVEX_TS_FILE " has (almost) no translations");
    }

    // Runs first: nothing is installed yet.
    void englishLoadsNothing()
    {
        QCOMPARE(app::installTranslations(QLocale(QLocale::English, QLocale::UnitedStates), {QStringLiteral(QONVEX_QM_DIR)}),
                 QString());
        QCOMPARE(QCoreApplication::translate("qonvex::ui::MainWindow", "&File"), QStringLiteral("&File"));
    }

    void germanLoadsQonvexAndQt()
    {
        const QString loaded = app::installTranslations(QLocale(QLocale::German, QLocale::Germany), {QStringLiteral(QONVEX_QM_DIR)});
        QVERIFY2(loaded.endsWith(QLatin1String("/qonvex_de.qm")), qPrintable(loaded));
        // Qt's own strings come from the system's qtbase translation (qt6-translations-l10n).
        QDialogButtonBox box(QDialogButtonBox::Cancel);
        const QString cancel = box.button(QDialogButtonBox::Cancel)->text();
        QVERIFY2(!cancel.contains(QLatin1String("Cancel")), qPrintable(cancel));
    }

    void statusTextsAreGerman()
    {
        app::AppStatusInputs in;
        in.hasClient = true;
        in.connection.isWebSocketConnected = true;
        in.connection.hasEverConnected = true;
        in.connection.connectionRetries = 0;
        const app::AppStatus status = app::computeAppStatus(in);
        const QHash<QString, QString> german = germanTexts();
        QCOMPARE(status.connectionText, german.value(QStringLiteral("Connected")));
        QCOMPARE(status.authText, german.value(QStringLiteral("Signed out")));
        QVERIFY(status.connectionText != QLatin1String("Connected"));
    }

    // Every page as a person sees it: nothing shown in English that has a German text.
    void everyPageIsGerman()
    {
        const QHash<QString, QString> german = germanTexts();
        convex::Client client(QUrl(QStringLiteral("http://127.0.0.1:9")));
        ui::MainWindow window(app::AppSettings(), shellchecks::windowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QStringList english;
        int checked = 0;
        shellchecks::tourPages(window, &client, [&](const QString &page) {
            for (const QString &text : visibleTexts(&window)) {
                ++checked;
                const auto it = german.constFind(text);
                if (it != german.constEnd() && *it != text)
                    english << QStringLiteral("%1 page: \"%2\" (German: \"%3\")").arg(page, text, *it);
            }
        });
        QVERIFY2(english.isEmpty(), qPrintable(english.join(u'\n')));
        QVERIFY2(checked > 30, "the tour saw almost no text");
        const QStringList menus = visibleTexts(&window).mid(0, window.menuBar()->actions().size());
        QVERIFY2(!menus.contains(QStringLiteral("&File")), qPrintable(menus.join(u' ')));
    }

    void germanMnemonicsAreUniqueOnEveryPage()
    {
        convex::Client client(QUrl(QStringLiteral("http://127.0.0.1:9")));
        ui::MainWindow window(app::AppSettings(), shellchecks::windowOptions());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QStringList clashes = shellchecks::mnemonicClashesOnEveryPage(window, &client);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(u'\n')));
    }
};

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
