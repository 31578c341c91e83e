// SPDX-License-Identifier: MIT
#include "secretsinwidgets.h"

#include <QAccessible>
#include <QApplication>
#include <QFile>
#include <QMetaProperty>
#include <QUrl>
#include <QWebEngineHistory>
#include <QWebEnginePage>
#include <QWebEngineView>
#include <QWidget>
#include <QWindow>

namespace qonvex::test {

namespace {

constexpr qsizetype kPiece = 16;

bool isJwtKind(const QString &kind)
{
    return kind == u"client_token" || kind == u"session_token" || kind == u"convex_jwt";
}

//! Strings, byte arrays, URLs and string lists as text; other values are not texts.
QString textOf(const QVariant &value)
{
    switch (value.metaType().id()) {
    case QMetaType::QString:
        return value.toString();
    case QMetaType::QByteArray:
        return QString::fromUtf8(value.toByteArray());
    case QMetaType::QUrl:
        return value.toUrl().toString(QUrl::FullyEncoded);
    case QMetaType::QStringList:
        return value.toStringList().join(u'\n');
    default:
        return {};
    }
}

QString nameOf(const QObject *object)
{
    const QString name = object->objectName();
    const QString className = QString::fromLatin1(object->metaObject()->className());
    return name.isEmpty() ? className : className + u'#' + name;
}

void addObjectTexts(const QObject *object, QList<std::pair<QString, QString>> &out)
{
    const QString where = nameOf(object);
    const QMetaObject *meta = object->metaObject();
    for (int i = 0; i < meta->propertyCount(); ++i) {
        const QMetaProperty property = meta->property(i);
        if (!property.isReadable())
            continue;
        const QString text = textOf(property.read(object));
        if (!text.isEmpty())
            out.append({where + u'.' + QString::fromLatin1(property.name()), text});
    }
    for (const QByteArray &name : object->dynamicPropertyNames()) {
        const QString text = textOf(object->property(name.constData()));
        if (!text.isEmpty())
            out.append({where + QStringLiteral(".[dynamic]") + QString::fromLatin1(name), text});
    }
    if (QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(const_cast<QObject *>(object))) {
        for (const auto role : {QAccessible::Name, QAccessible::Description, QAccessible::Value, QAccessible::Help})
            if (const QString text = accessible->text(role); !text.isEmpty())
                out.append({where + QStringLiteral(".[accessible ") + QString::number(int(role)) + u']', text});
    }
    if (const auto *view = qobject_cast<const QWebEngineView *>(object)) {
        // The page's navigation history is not a property.
        const QList<QWebEngineHistoryItem> items = view->history()->items();
        for (const QWebEngineHistoryItem &item : items) {
            out.append({where + QStringLiteral(".history.url"), item.url().toString(QUrl::FullyEncoded)});
            out.append({where + QStringLiteral(".history.originalUrl"), item.originalUrl().toString(QUrl::FullyEncoded)});
            out.append({where + QStringLiteral(".history.title"), item.title()});
        }
    }
}

} // namespace

void SecretNeedles::add(const QString &kind, const QString &value)
{
    if (value.isEmpty() || m_values.contains(value))
        return;
    m_values.insert(value);
    QString part = value;
    if (isJwtKind(kind) && value.count(u'.') == 2)
        part = value.section(u'.', 1); // the header is the same public text in every token
    if (part.size() < kPiece)
        part = value;
    for (qsizetype i = 0; i + kPiece <= part.size(); ++i)
        m_pieces.insert(part.mid(i, kPiece), kind);
}

int SecretNeedles::addIssuedLog()
{
    const QString path = qEnvironmentVariable("QONVEX_DEVSTACK_SECRETS_LOG");
    QFile file(path);
    if (path.isEmpty() || !file.open(QIODevice::ReadOnly))
        return 0;
    int lines = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        const qsizetype tab = line.indexOf(u'\t');
        if (tab > 0) {
            add(line.left(tab), line.mid(tab + 1));
            ++lines;
        }
    }
    return lines;
}

QString SecretNeedles::findIn(const QString &text) const
{
    for (qsizetype i = 0; i + kPiece <= text.size(); ++i) {
        const auto it = m_pieces.constFind(text.mid(i, kPiece));
        if (it != m_pieces.constEnd())
            return it.value();
    }
    return {};
}

QList<std::pair<QString, QString>> userInterfaceTexts()
{
    QList<std::pair<QString, QString>> out;
    for (QWidget *top : QApplication::topLevelWidgets()) {
        addObjectTexts(top, out);
        for (const QObject *child : top->findChildren<QObject *>())
            addObjectTexts(child, out);
    }
    for (const QWindow *window : QGuiApplication::allWindows())
        out.append({QStringLiteral("QWindow.title"), window->title()});
    return out;
}

QStringList secretsInUserInterface(const SecretNeedles &needles)
{
    QStringList found;
    for (const auto &[where, text] : userInterfaceTexts())
        if (const QString kind = needles.findIn(text); !kind.isEmpty())
            found.append(where + QStringLiteral(" (") + kind + u')');
    return found;
}

} // namespace qonvex::test
