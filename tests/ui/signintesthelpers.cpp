// SPDX-License-Identifier: MIT
#include "signintesthelpers.h"

#include <QCryptographicHash>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QSet>
#include <QTimer>
#include <QUrlQuery>

namespace signintest {

namespace {

QMutex logMutex;
QStringList capturedLogs;
QtMessageHandler previousHandler = nullptr;

void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&logMutex);
        capturedLogs << message;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

QJsonObject callFapi(QNetworkAccessManager &nam, const QUrl &frontendApi, const QString &path, const QByteArray &form,
                     QByteArray *authorization)
{
    QUrl url(frontendApi);
    url.setPath(path);
    url.setQuery(QStringLiteral("_is_native=1"));
    QNetworkRequest request(url);
    if (!authorization->isEmpty())
        request.setRawHeader("Authorization", *authorization);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = form.isNull() ? nam.get(request) : nam.post(request, form);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(15000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->isFinished() ? reply->readAll() : QByteArray();
    if (!reply->rawHeader("Authorization").isEmpty())
        *authorization = reply->rawHeader("Authorization");
    reply->abort();
    reply->deleteLater();
    return QJsonDocument::fromJson(body).object();
}

} // namespace

QString randomToken()
{
    QByteArray bytes(16, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QUrl requestHostedUrl(const QUrl &frontendApi, QString *clientToken, const QString &state)
{
    QNetworkAccessManager nam;
    QByteArray authorization = clientToken->toUtf8();
    if (authorization.isEmpty()) {
        callFapi(nam, frontendApi, QStringLiteral("/v1/client"), QByteArray(), &authorization);
        *clientToken = QString::fromUtf8(authorization);
    }
    const QByteArray verifier = randomToken().toUtf8() + randomToken().toUtf8();
    const QByteArray challenge = QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                                     .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    QUrlQuery form;
    form.addQueryItem(QStringLiteral("redirect_url"), QStringLiteral("qonvex://callback"));
    form.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
    form.addQueryItem(QStringLiteral("state"), state);
    const QJsonObject answer = callFapi(nam, frontendApi, QStringLiteral("/v1/client/hosted_auth"),
                                        form.toString(QUrl::FullyEncoded).toUtf8(), &authorization);
    return QUrl(answer.value(QStringLiteral("response")).toObject().value(QStringLiteral("url")).toString());
}

QString originOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo).toString();
}

QString withoutQuery(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

int colourCount(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

bool containsColour(const QImage &image, QRgb colour)
{
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if ((image.pixel(x, y) & 0xffffff) == (colour & 0xffffff))
                return true;
    return false;
}

LogCapture::LogCapture()
{
    {
        QMutexLocker lock(&logMutex);
        capturedLogs.clear();
    }
    previousHandler = qInstallMessageHandler(captureMessage);
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(previousHandler);
}

QString LogCapture::joined() const
{
    QMutexLocker lock(&logMutex);
    return capturedLogs.join(u'\n');
}

} // namespace signintest
