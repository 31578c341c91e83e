// SPDX-License-Identifier: MIT
// The typed half of FakeSyncServer, kept apart so that tests of the raw transport do not
// need the wire codec.
#include "fakesyncserver.h"

#include <QTest>

namespace qonvex::test {

QList<convex::protocol::ClientMessage> FakeSyncServer::messages(int index) const
{
    QList<convex::protocol::ClientMessage> out;
    for (const QByteArray &frame : connection(index).frames) {
        auto decoded = convex::protocol::decodeClientMessage(frame);
        if (!decoded) {
            QTest::qFail(qPrintable(QStringLiteral("client sent an undecodable frame: ")
                                    + decoded.error()),
                         __FILE__, __LINE__);
            continue;
        }
        out.append(decoded.value());
    }
    return out;
}

QStringList FakeSyncServer::messageTypes(int index) const
{
    QStringList out;
    for (const auto &m : messages(index))
        out.append(convex::protocol::typeName(m));
    return out;
}

void FakeSyncServer::send(const convex::protocol::ServerMessage &message)
{
    sendFrame(convex::protocol::encode(message));
}

} // namespace qonvex::test
