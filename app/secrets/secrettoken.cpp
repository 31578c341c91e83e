// SPDX-License-Identifier: MIT
#include "secrets/secrettoken.h"

namespace qonvex::app {

QString SecretToken::redacted() const
{
    if (m_value.isEmpty())
        return QStringLiteral("<empty>");
    // Show at most 4 characters, and never more than a quarter of a short value.
    const qsizetype shown = std::min<qsizetype>(4, m_value.size() / 4);
    return QStringLiteral("…") + m_value.right(shown);
}

QDebug operator<<(QDebug debug, const SecretToken &token)
{
    QDebugStateSaver saver(debug);
    debug.nospace().noquote() << "SecretToken(" << token.redacted() << ')';
    return debug;
}

} // namespace qonvex::app
