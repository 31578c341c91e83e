// SPDX-License-Identifier: MIT
// Second processes for tst_signinflow. Deliberately links no Qt WebEngine, so that "a signed-in
// launch never maps WebEngine" can be checked in /proc/self/maps. Prints one JSON line.
//
//   signinflow_helper restore   FRONTEND_API   silent restore from the keychain
//   signinflow_helper nokeyring FRONTEND_API   hosted sign-in without a keyring, then session-only
//   signinflow_helper forward   APP_KEY URL    forward a callback URL to the running instance

#include "secrets/keychaintokenstore.h"
#include "session/sessioncontroller.h"
#include "singleinstance.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMetaEnum>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <cstdio>

using namespace qonvex::app;
using State = SessionController::State;

namespace {

constexpr int kWaitMs = 30000;

void printLine(const QJsonObject &object)
{
    const QByteArray line = QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
    std::fflush(stdout);
}

bool webEngineMapped()
{
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly))
        return true; // cannot prove the opposite
    return maps.readAll().contains("libQt6WebEngine");
}

//! Runs the event loop until \a done or the timeout.
template<typename Predicate> bool waitFor(Predicate done)
{
    QTimer timeout;
    timeout.setSingleShot(true);
    timeout.start(kWaitMs);
    while (!done() && timeout.isActive())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    return done();
}

AppConfig configFor(const QString &frontendApi)
{
    ClerkSettingsInput input;
    input.frontendApiUrl = frontendApi;
    input.convexUrl = QStringLiteral("http://127.0.0.1:1"); // unused: no Convex client here
    return buildAppConfig(input).value();
}

QString stateName(State state)
{
    return QString::fromLatin1(QMetaEnum::fromType<State>().valueToKey(int(state)));
}

int restore(const QString &frontendApi)
{
    const AppConfig config = configFor(frontendApi);
    KeychainTokenStore store(config.frontendApiAuthority());
    SessionController controller(config, &store);
    controller.restore();
    waitFor([&] { return controller.state() != State::SigningIn; });
    bool minted = false;
    if (controller.state() == State::SignedIn) {
        bool done = false;
        controller.convexTokenFetcher()(false, [&](std::optional<QString> token) {
            minted = token && !token->isEmpty();
            done = true;
        });
        waitFor([&] { return done; });
    }
    printLine({{QStringLiteral("state"), stateName(controller.state())},
               {QStringLiteral("user"), controller.userIdentifier()},
               {QStringLiteral("minted"), minted},
               {QStringLiteral("webEngineMapped"), webEngineMapped()}});
    return 0;
}

//! The stand-in's control that finishes a hosted auth as if the user signed in.
QUrl completeHostedAuth(const QUrl &frontendApi, const QUrl &hostedUrl)
{
    QNetworkAccessManager nam;
    QUrl control = frontendApi;
    control.setPath(QStringLiteral("/__devstack/hosted-auth/complete"));
    QNetworkRequest request(control);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    QNetworkReply *reply = nam.post(request, QJsonDocument(QJsonObject{
        {QStringLiteral("url"), hostedUrl.toString()}}).toJson());
    waitFor([&] { return reply->isFinished(); });
    const QJsonObject answer = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return QUrl(answer.value(QLatin1String("callbackUrl")).toString());
}

int noKeyring(const QString &frontendApi)
{
    const AppConfig config = configFor(frontendApi);
    KeychainTokenStore store(config.frontendApiAuthority());
    SessionController controller(config, &store);
    QUrl hosted;
    QObject::connect(&controller, &SessionController::openUrlRequested, [&](const QUrl &url) { hosted = url; });
    controller.signIn();
    waitFor([&] { return hosted.isValid(); });
    const QUrl callback = completeHostedAuth(config.frontendApi, hosted);
    const bool accepted = callback.isValid() && controller.handleCallbackUrl(callback);
    waitFor([&] { return controller.state() != State::SigningIn; });
    const State offered = controller.state();
    const QString offeredReason = controller.reason();
    controller.acceptSessionOnly();
    waitFor([&] { return controller.state() == State::SignedIn; });
    bool minted = false;
    if (controller.state() == State::SignedIn) {
        bool done = false;
        controller.convexTokenFetcher()(false, [&](std::optional<QString> token) {
            minted = token && !token->isEmpty();
            done = true;
        });
        waitFor([&] { return done; });
    }
    printLine({{QStringLiteral("callbackAccepted"), accepted},
               {QStringLiteral("offered"), stateName(offered)},
               {QStringLiteral("offeredReason"), offeredReason},
               {QStringLiteral("state"), stateName(controller.state())},
               {QStringLiteral("persistent"), controller.isPersistent()},
               {QStringLiteral("user"), controller.userIdentifier()},
               {QStringLiteral("minted"), minted}});
    return 0;
}

int forward(const QString &appKey, const QString &url)
{
    qonvex::SingleInstance instance(appKey);
    const auto role = instance.claim();
    const bool forwarded = role == qonvex::SingleInstance::Role::Secondary && instance.forward({url});
    printLine({{QStringLiteral("secondary"), role == qonvex::SingleInstance::Role::Secondary},
               {QStringLiteral("forwarded"), forwarded},
               {QStringLiteral("error"), instance.errorString()}});
    return forwarded ? 0 : 1;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() == 3 && args.at(1) == u"restore")
        return restore(args.at(2));
    if (args.size() == 3 && args.at(1) == u"nokeyring")
        return noKeyring(args.at(2));
    if (args.size() == 4 && args.at(1) == u"forward")
        return forward(args.at(2), args.at(3));
    std::fputs("usage: signinflow_helper restore|nokeyring FRONTEND_API | forward APP_KEY URL\n", stderr);
    return 2;
}
