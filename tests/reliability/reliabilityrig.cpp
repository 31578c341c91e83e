// SPDX-License-Identifier: MIT
#include "reliabilityrig.h"

#include "config/clerkconfig.h"

#include <QDateTime>
#include <QJsonArray>
#include <QMetaEnum>
#include <QRegularExpression>
#include <QTest>
#include <QVariantMap>

namespace qonvex::test {

using app::SessionController;

bool ReliabilityStack::start(QString *error)
{
    if (!m_devstack.start()) {
        *error = m_devstack.error();
        return false;
    }
    app::ClerkSettingsInput in;
    in.publishableKey = m_devstack.clerkPublishableKey();
    in.frontendApiUrl = m_devstack.clerkFrontendApi().toString();
    in.convexUrl = m_devstack.convexUrl().toString();
    const auto built = app::buildAppConfig(in);
    if (!built.ok()) {
        *error = built.error();
        return false;
    }
    m_config = built.value();
    return true;
}

QJsonObject ReliabilityStack::clerk(const QString &path, const QJsonObject &body)
{
    QString error;
    const QJsonObject result = m_devstack.control(path, body, false, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return result;
}

QJsonObject ReliabilityStack::convex(const QString &path, const QJsonObject &body)
{
    QString error;
    const QJsonObject result = m_devstack.control(path, body, true, &error);
    if (!error.isEmpty())
        qWarning("%s", qPrintable(error));
    return result;
}

void ReliabilityStack::resetClerk()
{
    clerk(QStringLiteral("/__devstack/faults/clear"));
    clerk(QStringLiteral("/__devstack/config"), {{QStringLiteral("convexTokenLifetime"), 60},
                                                 {QStringLiteral("sessionTokenLifetime"), 60},
                                                 {QStringLiteral("rotateOnEveryResponse"), false},
                                                 {QStringLiteral("convexIntegration"), false}});
    clerk(QStringLiteral("/__devstack/clock"), {{QStringLiteral("offsetSeconds"), 0}});
    clerk(QStringLiteral("/__devstack/requests/clear"));
}

StandInUser ReliabilityStack::signIn(const QString &email)
{
    const QJsonObject r = clerk(QStringLiteral("/__devstack/sign-in"), {{QStringLiteral("email"), email}});
    return {r.value(QLatin1String("clientToken")).toString(), r.value(QLatin1String("sessionId")).toString(),
            r.value(QLatin1String("userId")).toString()};
}

int ReliabilityStack::countRequests(const QString &pathPattern, int status)
{
    const QRegularExpression re(pathPattern);
    int n = 0;
    const QJsonArray requests = clerk(QStringLiteral("/__devstack/requests")).value(QLatin1String("requests")).toArray();
    for (const auto &v : requests) {
        const QJsonObject r = v.toObject();
        if (re.match(r.value(QLatin1String("path")).toString()).hasMatch()
            && (status == 0 || r.value(QLatin1String("status")).toInt() == status))
            ++n;
    }
    return n;
}

QString ReliabilityStack::sessionStatus(const QString &sid)
{
    const QJsonArray sessions = clerk(QStringLiteral("/__devstack/state")).value(QLatin1String("sessions")).toArray();
    for (const auto &v : sessions)
        if (v.toObject().value(QLatin1String("id")).toString() == sid)
            return v.toObject().value(QLatin1String("status")).toString();
    return {};
}

AppRig::AppRig(const app::AppConfig &config, const StandInUser &user)
    : store(app::SecretToken(user.clientToken)),
      // JWT `exp` is wall-clock time, so the fake clock starts at the real time and then
      // only moves when a test says so.
      clock(QDateTime::currentMSecsSinceEpoch()),
      userId(user.userId),
      m_app(std::make_unique<app::AppController>(config, nullptr, &store, &clock))
{
}

AppRig::~AppRig()
{
    m_me.reset();
    m_app.reset();
}

bool AppRig::startAndSubscribe(ReliabilityStack &stack)
{
    m_app->start();
    if (!QTest::qWaitFor([this] { return session()->state() == SessionController::State::SignedIn; },
                         kReliabilityWait))
        return false;
    m_me.reset(client()->subscribe(QStringLiteral("users:me")));
    auto serverConfirmedFreshToken = [&stack] {
        const QJsonArray sessions = stack.convex(QStringLiteral("/__devstack/state")).value(QLatin1String("sessions")).toArray();
        bool any = false;
        for (const auto &v : sessions) {
            const QJsonObject s = v.toObject();
            if (!s.value(QLatin1String("authenticated")).toBool())
                continue;
            any = true;
            if (s.value(QLatin1String("identity")).toInt() < 2)
                return false;
        }
        return any;
    };
    return QTest::qWaitFor([&] {
        return fullySignedIn() && !session()->tokenProvider()->isFetching() && serverConfirmedFreshToken()
            && fullySignedIn();
    }, kReliabilityWait);
}

QString AppRig::meSubject() const
{
    if (!m_me || m_me->isLoading() || m_me->hasError())
        return {};
    return m_me->variantValue().toMap().value(QStringLiteral("subject")).toString();
}

bool AppRig::meIsAnonymous() const
{
    return m_me && !m_me->isLoading() && !m_me->hasError() && m_me->value().isNull();
}

bool AppRig::fullySignedIn() const
{
    return session()->state() == SessionController::State::SignedIn && client()->isAuthenticated()
        && !client()->isAuthRefreshing() && client()->connectionState().connected && meSubject() == userId;
}

bool AppRig::fullySignedOut() const
{
    return session()->state() == SessionController::State::SignedOut && !client()->isAuthenticated()
        && !store.current().has_value() && meIsAnonymous();
}

QString AppRig::describe() const
{
    QString me = QStringLiteral("none");
    if (m_me)
        me = m_me->isLoading() ? QStringLiteral("loading")
            : m_me->hasError() ? QStringLiteral("error: ") + m_me->errorMessage()
            : m_me->value().isNull() ? QStringLiteral("null")
                                     : QStringLiteral("subject ") + meSubject();
    return QStringLiteral("session=%1 reason='%2' stored=%3 convexAuthenticated=%4 refreshing=%5 connected=%6 "
                          "users:me=%7 status='%8'")
        .arg(QString::fromLatin1(QMetaEnum::fromType<SessionController::State>().valueToKey(int(session()->state()))),
             session()->reason(), store.current() ? QStringLiteral("yes") : QStringLiteral("no"),
             client()->isAuthenticated() ? QStringLiteral("yes") : QStringLiteral("no"),
             client()->isAuthRefreshing() ? QStringLiteral("yes") : QStringLiteral("no"),
             client()->connectionState().connected ? QStringLiteral("yes") : QStringLiteral("no"), me,
             m_app->status().summary());
}

} // namespace qonvex::test
