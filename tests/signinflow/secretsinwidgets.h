// SPDX-License-Identifier: MIT
#pragma once
// Looks for secrets (client tokens, JWTs, nonces) in what the user interface exposes: every
// text of every widget and QObject under the top-level widgets (titles, accessible names and
// descriptions, tool/status tips, what's-this, object names, any string or URL property,
// dynamic properties, QAccessible texts), window titles, and the embedded web view's URLs,
// title and history. The same rule as the secrets scan (tests/secrets/scan_secrets.py): any
// 16-character piece of a secret's secret part (a JWT without its public header) is a hit.

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <utility>

namespace qonvex::test {

//! The pieces of secrets to look for.
class SecretNeedles {
public:
    //! A secret of \a kind (e.g. "client_token"); JWT kinds drop their header.
    void add(const QString &kind, const QString &value);
    //! Adds every secret the Clerk stand-in recorded in QONVEX_DEVSTACK_SECRETS_LOG (when the
    //! test runs under the secrets scan); returns how many lines were read.
    int addIssuedLog();
    //! The kind of the first secret piece found in \a text; empty when there is none.
    QString findIn(const QString &text) const;
    qsizetype secretCount() const { return m_values.size(); }
    bool contains(const QString &value) const { return m_values.contains(value); }

private:
    QHash<QString, QString> m_pieces; // 16-character piece → kind
    QSet<QString> m_values;
};

//! Every ("where", text) pair the walk described above sees.
QList<std::pair<QString, QString>> userInterfaceTexts();

//! "where (kind)" for each user-interface text that holds a piece of a secret.
QStringList secretsInUserInterface(const SecretNeedles &needles);

} // namespace qonvex::test
