// SPDX-License-Identifier: MIT
#include "singleinstance.h"

#include <QDataStream>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTimer>
#include <QUrl>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

Q_LOGGING_CATEGORY(lcSingleInstance, "qonvex.singleinstance", QtInfoMsg)

namespace qonvex {

namespace {

// Frame: quint32 payload length, then the payload: magic, version, QStringList (QDataStream
// Qt_6_0). The primary answers one ack byte once it has taken the arguments.
constexpr quint32 frameMagic = 0x514f4e58; // "QONX"
constexpr quint16 frameVersion = 1;
constexpr char ackByte = 'K';
// A client that connects and says nothing must not hold a connection open forever.
constexpr int idleClientTimeoutMs = 10000;

bool isValidKey(const QString &key)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    return plain.match(key).hasMatch();
}

} // namespace

SingleInstance::SingleInstance(const QString &appKey, QObject *parent)
    : QObject(parent)
{
    if (isValidKey(appKey)) {
        m_name = serverName(appKey);
    } else {
        m_role = Role::Failed;
        m_error = QStringLiteral("invalid single-instance key");
    }
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverName(const QString &appKey)
{
#ifdef Q_OS_UNIX
    // $XDG_RUNTIME_DIR is per user and 0700; the temp dir is shared, so the uid goes in the name.
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    const QFileInfo runtime(runtimeDir);
    if (!runtimeDir.isEmpty() && runtime.isDir() && runtime.isWritable())
        return QDir(runtimeDir).filePath(appKey + QStringLiteral(".instance"));
    return QDir(QDir::tempPath()).filePath(appKey + u'-' + QString::number(::getuid()) + QStringLiteral(".instance"));
#else
    const QString user = qEnvironmentVariable("USERNAME", qEnvironmentVariable("USER"));
    return appKey + u'-' + QString::number(qHash(user), 16);
#endif
}

SingleInstance::Role SingleInstance::claim(int timeoutMs)
{
    if (m_role != Role::Undecided)
        return m_role;
    const QDeadlineTimer deadline(timeoutMs);

    // Held only while deciding, so that two launches at the same moment cannot both find no
    // answer, both remove the socket and both listen. QLockFile removes a lock whose owner died.
    QLockFile lock(m_name + QStringLiteral(".lock"));
    const bool locked = lock.tryLock(int(deadline.remainingTime()));
    if (!locked)
        qCWarning(lcSingleInstance) << "could not take the single-instance lock; deciding without it";

    auto socket = std::make_unique<QLocalSocket>();
    socket->connectToServer(m_name);
    if (socket->waitForConnected(int(qBound(qint64(1), deadline.remainingTime(), qint64(1000))))) {
        m_socket = std::move(socket);
        m_role = Role::Secondary;
        qCInfo(lcSingleInstance) << "another instance is running";
        return m_role;
    }

    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    bool listening = m_server->listen(m_name);
    if (!listening && m_server->serverError() == QAbstractSocket::AddressInUseError) {
        // The socket file exists but nobody answered it: a crashed instance left it behind.
        qCInfo(lcSingleInstance) << "replacing a stale single-instance socket";
        QLocalServer::removeServer(m_name);
        listening = m_server->listen(m_name);
    }
    if (!listening) {
        m_error = QStringLiteral("cannot listen for other instances: ") + m_server->errorString();
        qCWarning(lcSingleInstance).noquote() << m_error;
        m_server.reset();
        m_role = Role::Failed;
        return m_role;
    }
    connect(m_server.get(), &QLocalServer::newConnection, this, &SingleInstance::acceptConnections);
    m_role = Role::Primary;
    return m_role;
}

bool SingleInstance::forward(const QStringList &arguments, int timeoutMs)
{
    if (m_role != Role::Secondary || !m_socket) {
        m_error = QStringLiteral("forward() needs a running primary instance");
        return false;
    }
    QByteArray payload;
    {
        QDataStream out(&payload, QIODevice::WriteOnly);
        out.setVersion(QDataStream::Qt_6_0);
        out << frameMagic << frameVersion << arguments;
    }
    if (payload.size() > maxMessageBytes) {
        m_error = QStringLiteral("the arguments are too long to forward");
        return false;
    }
    QByteArray frame;
    {
        QDataStream out(&frame, QIODevice::WriteOnly);
        out << quint32(payload.size());
    }
    frame += payload;

    const QDeadlineTimer deadline(timeoutMs);
    const auto remaining = [&deadline] { return int(qMax<qint64>(1, deadline.remainingTime())); };
    m_socket->write(frame);
    while (m_socket->bytesToWrite() > 0) {
        if (deadline.hasExpired() || !m_socket->waitForBytesWritten(remaining())) {
            m_error = QStringLiteral("could not send to the running instance: ") + m_socket->errorString();
            return false;
        }
    }
    while (m_socket->bytesAvailable() < 1) {
        if (deadline.hasExpired() || !m_socket->waitForReadyRead(remaining())) {
            m_error = QStringLiteral("the running instance did not confirm");
            return false;
        }
    }
    char ack = 0;
    if (!m_socket->getChar(&ack) || ack != ackByte) {
        m_error = QStringLiteral("the running instance answered something unexpected");
        return false;
    }
    QStringList described;
    for (const QString &argument : arguments)
        described << describeForLog(argument);
    qCInfo(lcSingleInstance).noquote() << "forwarded to the running instance:" << described.join(u' ');
    m_socket->disconnectFromServer();
    return true;
}

void SingleInstance::acceptConnections()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readFrom(socket); });
        QTimer::singleShot(idleClientTimeoutMs, socket, [socket] {
            qCInfo(lcSingleInstance) << "dropping a silent client";
            socket->abort();
        });
        readFrom(socket); // data may already be buffered
    }
}

void SingleInstance::readFrom(QLocalSocket *socket)
{
    if (socket->property("qonvexDone").toBool())
        return;
    if (socket->bytesAvailable() < qint64(sizeof(quint32)))
        return;
    quint32 length = 0;
    {
        const QByteArray header = socket->peek(sizeof(quint32));
        QDataStream in(header);
        in >> length;
    }
    if (length == 0 || length > quint32(maxMessageBytes)) {
        qCWarning(lcSingleInstance) << "refused a message of" << length << "bytes from another process";
        socket->abort();
        return;
    }
    if (socket->bytesAvailable() < qint64(sizeof(quint32)) + length)
        return; // wait for the rest
    socket->skip(sizeof(quint32));
    const QByteArray payload = socket->read(length);

    QDataStream in(payload);
    in.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0;
    quint16 version = 0;
    QStringList arguments;
    in >> magic >> version;
    if (in.status() == QDataStream::Ok && magic == frameMagic && version == frameVersion)
        in >> arguments;
    if (in.status() != QDataStream::Ok || magic != frameMagic || version != frameVersion || !in.atEnd()) {
        qCWarning(lcSingleInstance) << "refused a malformed message from another process";
        socket->abort();
        return;
    }
    socket->setProperty("qonvexDone", true);
    socket->putChar(ackByte);
    socket->flush();
    QStringList described;
    for (const QString &argument : std::as_const(arguments))
        described << describeForLog(argument);
    qCInfo(lcSingleInstance).noquote() << "received from another launch:" << described.join(u' ');
    Q_EMIT argumentsReceived(arguments);
}

QString SingleInstance::describeForLog(const QString &argument)
{
    const QUrl url(argument, QUrl::StrictMode);
    // Two letters or more: "C:/x" is a path, not a URL with scheme "c".
    if (url.isValid() && url.scheme().size() > 1 && !url.scheme().contains(u'\\'))
        return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
    return QStringLiteral("(argument of %1 characters)").arg(argument.size());
}

} // namespace qonvex
