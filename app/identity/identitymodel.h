// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

namespace convex {
class Client;
class QuerySubscription;
class Value;
}

namespace qonvex::identity {

//! \brief Who the Convex server says the caller is: the live result of `users:me`.
//!
//! This is the server's view of the token, not what the sign-in service claimed, so it also
//! proves that the connection is authenticated. States: Loading (no answer yet), SignedOut
//! (`users:me` returned null), SignedIn (name/email known), Error (the query failed).
class IdentityModel : public QObject {
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(QString name READ name NOTIFY changed)
    Q_PROPERTY(QString email READ email NOTIFY changed)
    Q_PROPERTY(QString initials READ initials NOTIFY changed)
    Q_PROPERTY(QString subject READ subject NOTIFY changed)
    Q_PROPERTY(QUrl pictureUrl READ pictureUrl NOTIFY changed)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY changed)

public:
    enum class State : quint8 { Loading, SignedOut, SignedIn, Error };
    Q_ENUM(State)

    //! Subscribes to `users:me` on \a client (which must outlive nothing: the subscription
    //! is owned by this model and stops updating if the client goes away).
    explicit IdentityModel(convex::Client *client, QObject *parent = nullptr);
    //! Without a client; feed it with setResultValue() (tests, or a shared subscription).
    explicit IdentityModel(QObject *parent = nullptr);
    ~IdentityModel() override;

    //! Applies a `users:me` value (an identity object or null).
    void setResultValue(const convex::Value &me);
    //! Applies a failed query.
    void setError(const QString &message);

    State state() const { return m_state; }
    QString name() const { return m_name; }
    QString email() const { return m_email; }
    QString subject() const { return m_subject; }
    QUrl pictureUrl() const { return m_pictureUrl; }
    QString errorMessage() const { return m_error; }
    //! Up to two letters for an avatar: from the name's first and last word, else the email;
    //! "?" if neither is known.
    QString initials() const;
    //! What to call the user: the name, else the email, else the subject.
    QString displayName() const;

    //! The initials of \a name (or of \a email's local part when the name is empty).
    static QString initialsFor(const QString &name, const QString &email);

Q_SIGNALS:
    void changed();

private:
    void onResult();

    QPointer<convex::QuerySubscription> m_subscription;
    State m_state = State::Loading;
    QString m_name;
    QString m_email;
    QString m_subject;
    QUrl m_pictureUrl;
    QString m_error;
};

} // namespace qonvex::identity
