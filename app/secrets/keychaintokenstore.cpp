// SPDX-License-Identifier: MIT
#include "secrets/keychaintokenstore.h"

#include "secrets/logging_p.h"

#include <qt6keychain/keychain.h>

#include <QPointer>

namespace qonvex::app {

Q_LOGGING_CATEGORY(lcSecrets, "qonvex.secrets", QtInfoMsg)

namespace {

TokenStoreError toStoreError(const QKeychain::Job &job)
{
    TokenStoreError error;
    switch (job.error()) {
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        error.kind = TokenStoreError::Kind::Unavailable;
        break;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        error.kind = TokenStoreError::Kind::AccessDenied;
        break;
    case QKeychain::OtherError:
        // libsecret reports "no D-Bus" and "no secrets service" as OtherError; both mean
        // there is no usable keychain, which the UI treats the same way.
        error.kind = TokenStoreError::Kind::Unavailable;
        break;
    default:
        error.kind = TokenStoreError::Kind::Failed;
        break;
    }
    error.message = job.errorString();
    return error;
}

// All QtKeychain plumbing in one place: configure, run, and hand the finished job to
// \a onFinished exactly once (the job deletes itself afterwards).
template <typename JobT, typename Fn>
void runKeychainJob(JobT *job, QObject *context, const QString &key, Fn onFinished)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [onFinished = std::move(onFinished)](QKeychain::Job *finished) {
                         onFinished(*static_cast<JobT *>(finished));
                     });
    job->start();
}

} // namespace

KeychainTokenStore::KeychainTokenStore(const QString &frontendApiAuthority, QObject *parent)
    : TokenStore(parent), m_key(QStringLiteral("clerk-client-token:") + frontendApiAuthority)
{
}

void KeychainTokenStore::load(LoadCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(QString::fromLatin1(kService));
    runKeychainJob(job, this, m_key, [done = std::move(done)](QKeychain::ReadPasswordJob &j) {
        TokenLoadResult result;
        if (j.error() == QKeychain::NoError) {
            const QString value = j.textData();
            if (!value.isEmpty())
                result.token = SecretToken(value);
        } else if (j.error() != QKeychain::EntryNotFound) {
            // A missing entry just means "signed out"; anything else is a real failure.
            result.error = toStoreError(j);
            qCWarning(lcSecrets) << "keychain read failed:" << j.error() << j.errorString();
        }
        if (done)
            done(std::move(result));
    });
}

void KeychainTokenStore::save(const SecretToken &token, DoneCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService));
    job->setTextData(token.reveal());
    runKeychainJob(job, this, m_key, [done = std::move(done)](QKeychain::WritePasswordJob &j) {
        std::optional<TokenStoreError> error;
        if (j.error() != QKeychain::NoError) {
            error = toStoreError(j);
            qCWarning(lcSecrets) << "keychain write failed:" << j.error() << j.errorString();
        }
        if (done)
            done(error);
    });
}

void KeychainTokenStore::clear(DoneCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(QString::fromLatin1(kService));
    runKeychainJob(job, this, m_key, [done = std::move(done)](QKeychain::DeletePasswordJob &j) {
        std::optional<TokenStoreError> error;
        if (j.error() != QKeychain::NoError && j.error() != QKeychain::EntryNotFound) {
            error = toStoreError(j);
            qCWarning(lcSecrets) << "keychain delete failed:" << j.error() << j.errorString();
        }
        if (done)
            done(error);
    });
}

} // namespace qonvex::app
