// SPDX-License-Identifier: MIT
#include "client/client_p.h"

namespace convex {

QuerySubscription::QuerySubscription(Client *client, QString name, Value args, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<Private>())
{
    d->client = client;
    d->name = std::move(name);
    d->args = std::move(args);
}

QuerySubscription::~QuerySubscription()
{
    // The client may be gone already (QPointer), or closed (then active is false).
    if (d->active && d->client)
        d->client->d->unsubscribe(this, d->token);
}

QString QuerySubscription::name() const { return d->name; }
Value QuerySubscription::args() const { return d->args; }
std::optional<FunctionResult> QuerySubscription::result() const { return d->result; }
bool QuerySubscription::isLoading() const { return !d->result.has_value(); }

Value QuerySubscription::value() const
{
    return d->result && d->result->isSuccess() ? d->result->value() : Value();
}

QVariant QuerySubscription::variantValue() const
{
    return d->result && d->result->isSuccess() ? d->result->value().toVariant() : QVariant();
}

bool QuerySubscription::hasError() const { return d->result && !d->result->isSuccess(); }

QString QuerySubscription::errorMessage() const
{
    return hasError() ? d->result->errorMessage() : QString();
}

bool QuerySubscription::isActive() const { return d->active && d->client; }

} // namespace convex
