// SPDX-License-Identifier: MIT
#include "identity/identitymodel.h"

#include <convexclient/client.h>
#include <convexclient/querysubscription.h>

#include <QRegularExpression>

namespace qonvex::identity {

IdentityModel::IdentityModel(QObject *parent) : QObject(parent) {}

IdentityModel::IdentityModel(convex::Client *client, QObject *parent) : QObject(parent)
{
    m_subscription = client->subscribe(u"users:me"_qs, convex::ValueObject{}, this);
    connect(m_subscription, &convex::QuerySubscription::resultChanged, this, &IdentityModel::onResult);
    onResult();
}

IdentityModel::~IdentityModel() = default;

void IdentityModel::onResult()
{
    if (!m_subscription || m_subscription->isLoading())
        return;
    if (m_subscription->hasError())
        setError(m_subscription->errorMessage());
    else
        setResultValue(m_subscription->value());
}

void IdentityModel::setResultValue(const convex::Value &me)
{
    m_error.clear();
    if (!me.isObject()) {
        m_state = State::SignedOut;
        m_name.clear();
        m_email.clear();
        m_subject.clear();
        m_pictureUrl.clear();
    } else {
        m_state = State::SignedIn;
        m_name = me[u"name"_qs].toString();
        m_email = me[u"email"_qs].toString();
        m_subject = me[u"subject"_qs].toString();
        // Only web URLs: the value comes from a token claim and is shown, never executed.
        const QUrl picture(me[u"pictureUrl"_qs].toString());
        m_pictureUrl = picture.scheme() == u"https"_qs || picture.scheme() == u"http"_qs ? picture : QUrl();
    }
    Q_EMIT changed();
}

void IdentityModel::setError(const QString &message)
{
    m_state = State::Error;
    m_error = message;
    Q_EMIT changed();
}

QString IdentityModel::initials() const
{
    if (m_state != State::SignedIn)
        return u"?"_qs;
    return initialsFor(m_name, m_email.isEmpty() ? m_subject : m_email);
}

QString IdentityModel::displayName() const
{
    if (!m_name.isEmpty())
        return m_name;
    return m_email.isEmpty() ? m_subject : m_email;
}

QString IdentityModel::initialsFor(const QString &name, const QString &email)
{
    // Whole grapheme-ish first characters: take the first code point (surrogate pairs kept).
    auto firstLetter = [](QStringView word) {
        if (word.isEmpty())
            return QString();
        const qsizetype length = word.size() > 1 && word[0].isHighSurrogate() ? 2 : 1;
        return word.first(length).toString().toUpper();
    };
    const QStringList words = name.simplified().split(u' ', Qt::SkipEmptyParts);
    if (!words.isEmpty()) {
        QString result = firstLetter(words.first());
        if (words.size() > 1)
            result += firstLetter(words.last());
        return result;
    }
    const QString local = email.section(u'@', 0, 0);
    const QStringList parts = local.split(QRegularExpression(u"[._+-]"_qs), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return u"?"_qs;
    QString result = firstLetter(parts.first());
    if (parts.size() > 1)
        result += firstLetter(parts.last());
    return result;
}

} // namespace qonvex::identity
