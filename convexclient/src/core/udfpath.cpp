// SPDX-License-Identifier: MIT
#include "core/udfpath.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>

namespace convex::core {

namespace {

const QString kJsSuffix = QStringLiteral(".js");

bool isAsciiAlnum(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9'));
}

QString identifierError(const QString &name)
{
    if (name.isEmpty())
        return QStringLiteral("the export name is empty");
    if (name.size() > 64)
        return QStringLiteral("the export name is longer than 64 characters");
    const QChar first = name.front();
    if (!(first == QLatin1Char('_') || (isAsciiAlnum(first) && !first.isDigit())))
        return QStringLiteral("the export name must start with a letter or '_'");
    bool allUnderscores = true;
    for (QChar c : name) {
        if (!(isAsciiAlnum(c) || c == QLatin1Char('_')))
            return QStringLiteral("the export name may only contain [A-Za-z0-9_]");
        if (c != QLatin1Char('_'))
            allUnderscores = false;
    }
    if (allUnderscores)
        return QStringLiteral("the export name must not be only underscores");
    return {};
}

QString componentError(const QString &component, qsizetype maxLength)
{
    if (component.isEmpty())
        return QStringLiteral("the module path has an empty component");
    if (component.size() > maxLength)
        return QStringLiteral("a module path component is longer than 64 characters");
    bool hasAlnum = false;
    for (QChar c : component) {
        if (!(isAsciiAlnum(c) || c == QLatin1Char('_') || c == QLatin1Char('.')))
            return QStringLiteral("the module path may only contain [A-Za-z0-9_./]");
        hasAlnum = hasAlnum || isAsciiAlnum(c);
    }
    if (!hasAlnum)
        return QStringLiteral("a module path component has no letter or digit");
    return {};
}

} // namespace

QString canonicalizeUdfPath(const QString &udfPath)
{
    const qsizetype colon = udfPath.lastIndexOf(QLatin1Char(':'));
    QString module = colon < 0 ? udfPath : udfPath.left(colon);
    const QString exportName = colon < 0 ? QStringLiteral("default") : udfPath.mid(colon + 1);
    if (module.endsWith(kJsSuffix))
        module.chop(kJsSuffix.size());
    return module + QLatin1Char(':') + exportName;
}

QString udfPathError(const QString &udfPath)
{
    const qsizetype colon = udfPath.lastIndexOf(QLatin1Char(':'));
    QString module = colon < 0 ? udfPath : udfPath.left(colon);
    if (colon >= 0) {
        if (QString e = identifierError(udfPath.mid(colon + 1)); !e.isEmpty())
            return e;
    }
    if (module.isEmpty())
        return QStringLiteral("the module path is empty");
    if (module.startsWith(QLatin1Char('/')))
        return QStringLiteral("the module path must be relative");
    if (module.endsWith(kJsSuffix))
        module.chop(kJsSuffix.size());
    const QStringList components = module.split(QLatin1Char('/'));
    for (qsizetype i = 0; i < components.size(); ++i) {
        const bool last = i == components.size() - 1;
        // The server checks the file name with ".js" appended.
        if (QString e = componentError(components.at(i), last ? 64 - kJsSuffix.size() : 64);
            !e.isEmpty())
            return e;
        if (last && components.at(i).contains(QLatin1Char('.')))
            return QStringLiteral("the module may only have the extension .js");
    }
    return {};
}

Result<QueryToken> makeQueryToken(const QString &udfPath, const Value &args)
{
    if (!args.isObject())
        return Result<QueryToken>::failure(QStringLiteral("query arguments must be an object"));
    const Result<QByteArray> argsJson = args.toJson();
    if (!argsJson)
        return Result<QueryToken>::failure(argsJson.error());
    // JSON-escape the path the standard way: encode a one-element array and strip [ ].
    QByteArray pathJson =
        QJsonDocument(QJsonArray{canonicalizeUdfPath(udfPath)}).toJson(QJsonDocument::Compact);
    pathJson = pathJson.mid(1, pathJson.size() - 2);
    // Key order as JS JSON.stringify({udfPath, args}) emits it.
    return QueryToken(QStringLiteral("{\"udfPath\":") + QString::fromUtf8(pathJson)
                      + QStringLiteral(",\"args\":") + QString::fromUtf8(*argsJson)
                      + QLatin1Char('}'));
}

QString serverRequestId(const QString &sessionId, quint32 requestId)
{
    const QByteArray input = sessionId.toUtf8() + '|' + QByteArray::number(requestId);
    const QByteArray digest = QCryptographicHash::hash(input, QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toHex().left(16));
}

} // namespace convex::core
