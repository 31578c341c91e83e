// SPDX-License-Identifier: MIT
#include "core/remotequeryset.h"

namespace convex::core {

QString describeVersion(const protocol::StateVersion &version)
{
    return QStringLiteral("%1:%2:%3").arg(version.ts).arg(version.querySet).arg(version.identity);
}

QString RemoteQuerySet::startVersionError(const protocol::Transition &transition) const
{
    if (transition.startVersion == m_version)
        return {};
    return QStringLiteral("Invalid start version: %1, transitioning from %2")
        .arg(describeVersion(transition.startVersion), describeVersion(m_version));
}

void RemoteQuerySet::apply(const protocol::Transition &transition)
{
    for (const auto &modification : transition.modifications) {
        if (const auto *updated = std::get_if<protocol::QueryUpdated>(&modification))
            m_results.insert(updated->queryId, resultOf(*updated));
        else if (const auto *failed = std::get_if<protocol::QueryFailed>(&modification))
            m_results.insert(failed->queryId, resultOf(*failed));
        else if (const auto *removed = std::get_if<protocol::QueryRemoved>(&modification))
            m_results.remove(removed->queryId);
    }
    m_version = transition.endVersion;
}

FunctionResult RemoteQuerySet::resultOf(const protocol::QueryUpdated &updated)
{
    return FunctionResult::success(updated.value, updated.logLines);
}

FunctionResult RemoteQuerySet::resultOf(const protocol::QueryFailed &failed)
{
    return FunctionResult::functionError(failed.errorMessage, failed.errorData, failed.logLines);
}

TransitionChunkAssembler::Outcome TransitionChunkAssembler::add(const protocol::TransitionChunk &chunk)
{
    using Kind = Outcome::Kind;
    const auto fail = [this](QString message) {
        reset();
        Outcome outcome;
        outcome.kind = Kind::Error;
        outcome.error = std::move(message);
        return outcome;
    };
    // (partNumber is unsigned on the wire, so "< 0" cannot happen here.)
    if (chunk.totalParts == 0 || chunk.partNumber >= chunk.totalParts
        || (isBuffering()
            && (m_totalParts != chunk.totalParts || m_transitionId != chunk.transitionId)))
        return fail(QStringLiteral("Invalid TransitionChunk"));

    if (!isBuffering()) {
        m_totalParts = chunk.totalParts;
        m_transitionId = chunk.transitionId;
    }
    if (chunk.partNumber != quint32(m_parts.size())) {
        return fail(QStringLiteral("TransitionChunk received out of order: expected part %1, got %2")
                        .arg(m_parts.size())
                        .arg(chunk.partNumber));
    }
    m_parts.append(chunk.chunk);
    if (quint32(m_parts.size()) < m_totalParts)
        return {};

    const QByteArray json = m_parts.join(QString()).toUtf8();
    reset();
    Result<protocol::ServerMessage> decoded = protocol::decodeServerMessage(json);
    if (!decoded)
        return fail(QStringLiteral("Invalid assembled Transition: ") + decoded.error());
    auto *transition = std::get_if<protocol::Transition>(&decoded.value());
    if (!transition)
        return fail(QStringLiteral("Expected Transition, got %1 after assembling chunks")
                        .arg(protocol::typeName(decoded.value())));
    Outcome outcome;
    outcome.kind = Kind::Complete;
    outcome.transition = std::move(*transition);
    return outcome;
}

void TransitionChunkAssembler::reset()
{
    m_parts.clear();
    m_totalParts = 0;
    m_transitionId.clear();
}

} // namespace convex::core
