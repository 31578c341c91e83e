// SPDX-License-Identifier: MIT
#pragma once
// Drives a SyncEngine the way the transport facade would, and records everything it
// says, so that tests read as transcripts of the wire.

#include "fakescheduler.h"

#include "core/syncengine.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QTest>

namespace convex::test {

inline QJsonObject parseJson(QByteArrayView json)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        qFatal("test bug: bad JSON literal: %s", json.toByteArray().constData());
    return doc.object();
}

inline QString jsonText(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

//! An unsigned test JWT with the given iat/exp (omitted when < 0) and a marker claim.
inline QString makeJwt(qint64 iat, qint64 exp, const QString &marker)
{
    const auto b64 = [](const QByteArray &b) {
        return QString::fromLatin1(
            b.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    };
    QJsonObject payload{{QStringLiteral("sub"), QStringLiteral("user_1")},
                        {QStringLiteral("n"), marker}};
    if (iat >= 0)
        payload.insert(QStringLiteral("iat"), double(iat));
    if (exp >= 0)
        payload.insert(QStringLiteral("exp"), double(exp));
    return b64(R"({"alg":"none","typ":"JWT"})") + QLatin1Char('.')
        + b64(QJsonDocument(payload).toJson(QJsonDocument::Compact)) + QStringLiteral(".c2ln");
}

//! A TransitionChunk frame carrying \a chunk (built as JSON, so the text is escaped right).
inline QByteArray chunkFrame(const QString &chunk, int part, int total, const QString &id)
{
    const QJsonObject frame{{QStringLiteral("type"), QStringLiteral("TransitionChunk")},
                            {QStringLiteral("chunk"), chunk},
                            {QStringLiteral("partNumber"), part},
                            {QStringLiteral("totalParts"), total},
                            {QStringLiteral("transitionId"), id}};
    return QJsonDocument(frame).toJson(QJsonDocument::Compact);
}

struct TokenFetch {
    bool forceRefresh = false;
    std::function<void(std::optional<QString>)> done;
};

class EngineHarness {
public:
    static constexpr const char *kSessionId = "dc50c4fc-2a68-4e70-88cc-17ee1263e352";

    explicit EngineHarness(core::SyncEngineOptions options = {})
    {
        if (options.sessionId.isEmpty())
            options.sessionId = QString::fromLatin1(kSessionId);
        core::SyncEngineCallbacks cb;
        cb.send = [this](const protocol::ClientMessage &m) {
            sent.append(parseJson(protocol::encode(m)));
            events.append(QStringLiteral("send ") + protocol::typeName(m));
        };
        cb.queryResultsChanged = [this](const QList<core::QueryToken> &tokens) {
            changes.append(tokens);
            events.append(QStringLiteral("changed"));
            if (onChanged)
                onChanged(tokens);
        };
        cb.requestCompleted = [this](core::RequestId id, const FunctionResult &result) {
            completed.append({id, result});
            events.append(QStringLiteral("completed %1").arg(id));
        };
        cb.authenticationChanged = [this](bool value) {
            authChanges.append(value);
            events.append(QStringLiteral("auth %1").arg(value));
        };
        cb.authRefreshingChanged = [this](bool value) {
            refreshChanges.append(value);
            events.append(QStringLiteral("refreshing %1").arg(value));
        };
        cb.fatalError = [this](const QString &error) {
            fatalErrors.append(error);
            events.append(QStringLiteral("fatal"));
        };
        cb.reconnectRequested = [this](const QString &reason) {
            reconnects.append(reason);
            events.append(QStringLiteral("reconnect ") + reason);
        };
        cb.stopRequested = [this] { ++stops; events.append(QStringLiteral("stop")); };
        cb.restartRequested = [this] { ++restarts; events.append(QStringLiteral("restart")); };
        cb.serverLog = [this](const core::ServerLogLine &line) { logs.append(line); };
        engine = std::make_unique<core::SyncEngine>(scheduler, std::move(cb), std::move(options));
    }

    //! A fetcher that records each call; the test answers through fetches[i].done.
    core::TokenFetcher fetcher()
    {
        return [this](bool force, std::function<void(std::optional<QString>)> done) {
            fetches.append({force, std::move(done)});
            events.append(QStringLiteral("fetch force=%1").arg(force));
        };
    }

    core::ReceiveOutcome server(QByteArrayView frame) { return engine->receiveFrame(frame); }

    QList<QJsonObject> takeSent()
    {
        QList<QJsonObject> result = sent;
        sent.clear();
        return result;
    }
    QStringList takeEvents()
    {
        QStringList result = events;
        events.clear();
        return result;
    }

    FakeScheduler scheduler;
    std::unique_ptr<core::SyncEngine> engine;
    //! Optional extra reaction to queryResultsChanged (to test re-entrant calls).
    std::function<void(const QList<core::QueryToken> &)> onChanged;
    QList<QJsonObject> sent;
    QList<QList<core::QueryToken>> changes;
    QList<std::pair<core::RequestId, FunctionResult>> completed;
    QList<bool> authChanges;
    QList<bool> refreshChanges;
    QStringList fatalErrors;
    QStringList reconnects;
    QList<core::ServerLogLine> logs;
    QList<TokenFetch> fetches;
    QStringList events;
    int stops = 0;
    int restarts = 0;
};

//! Empty if \a actual equals the JSON texts in \a expected (compared as parsed JSON).
inline QString sentDiff(const QList<QJsonObject> &actual, const QList<QByteArray> &expected)
{
    QString diff;
    for (qsizetype i = 0; i < std::max(actual.size(), expected.size()); ++i) {
        const QString a = i < actual.size() ? jsonText(actual.at(i)) : QStringLiteral("<nothing>");
        const QString e = i < expected.size() ? jsonText(parseJson(expected.at(i)))
                                              : QStringLiteral("<nothing>");
        if (a != e)
            diff += QStringLiteral("\n  message %1:\n    actual:   %2\n    expected: %3").arg(i).arg(a, e);
    }
    return diff;
}

} // namespace convex::test

// Hidden from moc: it expands macros in test files and trips over raw string arguments.
#ifndef Q_MOC_RUN
//! Compares what the client sent since the last check with the expected JSON messages.
#define EXPECT_SENT(harness, ...)                                                             \
    do {                                                                                      \
        const QString diff_ = convex::test::sentDiff((harness).takeSent(), QList<QByteArray>{__VA_ARGS__}); \
        QVERIFY2(diff_.isEmpty(), qPrintable(diff_));                                         \
    } while (false)
#endif
