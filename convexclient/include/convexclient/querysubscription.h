// SPDX-License-Identifier: MIT
#pragma once

#include <convexclient/functionresult.h>
#include <convexclient/value.h>

#include <QObject>
#include <QPointer>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>

namespace convex {

class Client;

//! \brief A live subscription to one Convex query, created by Client::subscribe().
//!
//! The caller owns it: deleting it unsubscribes (the server is told once the last
//! subscription to the same query and arguments is gone). Until the server has answered,
//! isLoading() is true and result() is empty; afterwards result() holds the newest value or
//! the error the query threw, and resultChanged() fires whenever that changes. All
//! subscriptions changed by one server update are updated before any of their signals fire,
//! so slots see a consistent snapshot.
//!
//! Results are kept across reconnects until fresh ones arrive. If the Client is closed or
//! destroyed first, the subscription keeps its last result and simply stops updating.
//!
//! If the subscription could not be made (malformed function name, arguments that are
//! not an object or not encodable, the client is closed or misconfigured), result() is a
//! FunctionResult::clientError saying why, right after subscribe() returns, and isActive()
//! is false.
class QuerySubscription : public QObject {
    Q_OBJECT
    Q_PROPERTY(QString name READ name CONSTANT)
    Q_PROPERTY(bool loading READ isLoading NOTIFY resultChanged)
    Q_PROPERTY(bool hasError READ hasError NOTIFY resultChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY resultChanged)
    Q_PROPERTY(QVariant value READ variantValue NOTIFY resultChanged)

public:
    //! Unsubscribes (if the client still exists).
    ~QuerySubscription() override;

    //! The function name as given to subscribe(), e.g. "tasks:list".
    QString name() const;
    //! The arguments object as given to subscribe().
    Value args() const;

    //! The newest result, or nullopt while loading.
    std::optional<FunctionResult> result() const;
    //! No result yet.
    bool isLoading() const;
    //! The query's value if the newest result is a success, else null.
    Value value() const;
    //! value() as natural Qt types (Value::toVariant()), for QML and widgets.
    QVariant variantValue() const;
    //! The newest result is an error (thrown by the query, or a client-side error).
    bool hasError() const;
    //! The error message of the newest result, empty unless hasError().
    QString errorMessage() const;
    //! Still subscribed on a live client.
    bool isActive() const;

Q_SIGNALS:
    //! result() changed (new value, new error, or first result after loading).
    void resultChanged();

private:
    friend class Client;
    struct Private;
    QuerySubscription(Client *client, QString name, Value args, QObject *parent);
    std::unique_ptr<Private> d;
};

} // namespace convex
