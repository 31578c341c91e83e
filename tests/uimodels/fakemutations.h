// SPDX-License-Identifier: MIT
#pragma once
// A stand-in for Client::mutation(): records each call and lets the test decide when and
// how it finishes, so controller logic is tested without a server or timers.
#include <convexclient/functionresult.h>

#include <QFuture>
#include <QList>
#include <QPromise>

#include <memory>

namespace qonvex::test {

class FakeMutations {
public:
    struct Call {
        QString name;
        convex::Value args;
        std::shared_ptr<QPromise<convex::FunctionResult>> promise;
    };

    //! The runner to give to TasksController.
    auto runner()
    {
        return [this](const QString &name, const convex::Value &args) {
            auto promise = std::make_shared<QPromise<convex::FunctionResult>>();
            promise->start();
            calls.append(Call{name, args, promise});
            return promise->future();
        };
    }

    //! Finishes call \a i with \a result.
    void finish(qsizetype i, const convex::FunctionResult &result)
    {
        calls[i].promise->addResult(result);
        calls[i].promise->finish();
    }

    QList<Call> calls;
};

} // namespace qonvex::test
