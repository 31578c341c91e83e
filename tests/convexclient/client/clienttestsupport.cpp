// SPDX-License-Identifier: MIT
#include "clienttestsupport.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMutexLocker>

namespace qonvex::test {

QString makeTestJwt(qint64 issuedAt, qint64 expiresAt, const QString &subject)
{
    const auto b64 = [](const QByteArray &raw) {
        return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    const QByteArray header = QJsonDocument(QJsonObject{{u"alg"_qs, u"none"_qs}, {u"typ"_qs, u"JWT"_qs}})
                                  .toJson(QJsonDocument::Compact);
    const QByteArray payload =
        QJsonDocument(QJsonObject{{u"iat"_qs, double(issuedAt)},
                                  {u"exp"_qs, double(expiresAt)},
                                  {u"sub"_qs, subject}})
            .toJson(QJsonDocument::Compact);
    return QString::fromLatin1(b64(header) + '.' + b64(payload) + '.' + b64("test-signature"));
}

namespace {
QMutex g_mutex;
QStringList g_lines;
QtMessageHandler g_previous = nullptr;

void captureHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_mutex);
        g_lines.append(QString::fromUtf8(context.category ? context.category : "") + u' ' + message);
    }
    if (g_previous)
        g_previous(type, context, message);
}
} // namespace

LogCapture::LogCapture()
{
    QMutexLocker lock(&g_mutex);
    g_lines.clear();
    g_previous = qInstallMessageHandler(captureHandler);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(g_previous);
}

QStringList LogCapture::lines() const
{
    QMutexLocker lock(&g_mutex);
    return g_lines;
}

bool LogCapture::contains(const QString &needle) const
{
    const QStringList all = lines();
    for (const QString &line : all) {
        if (line.contains(needle))
            return true;
    }
    return false;
}

} // namespace qonvex::test
