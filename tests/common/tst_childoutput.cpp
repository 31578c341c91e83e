// SPDX-License-Identifier: MIT
// childoutput.h end to end with the secrets scan: what a test reads from a child process is
// handed back unchanged, lands in QONVEX_SECRETS_CHILD_DIR (one file per process and channel),
// and scan_secrets.py fails on a piece of an issued token printed by a child, passes once it
// is gone. Without the variable nothing is written.

#include "childoutput.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace qonvex::test;

namespace {

// A token-shaped secret as the Clerk stand-in records it (kind<TAB>value).
const QByteArray kToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyX2NoaWxkb3V0cHV0In0.Y2hpbGQtb3V0cHV0LXNlbGYtdGVzdC1zaWduYXR1cmU";
// 20 characters of its signature: more than the scan's 16-character window.
const QByteArray kPiece = kToken.right(30).left(20);

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
}

// `sh -c SCRIPT sh ARGS...`, waited for.
void runShell(QProcess &process, const QString &script, const QStringList &arguments = {})
{
    process.start(QStringLiteral("/bin/sh"), QStringList{QStringLiteral("-c"), script, QStringLiteral("sh")} + arguments);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
}

struct ScanResult {
    int exitCode = -1;
    QByteArray report;
};

ScanResult scan(const QString &artifacts)
{
    QProcess python;
    python.setProcessChannelMode(QProcess::MergedChannels);
    python.start(QStringLiteral(QONVEX_PYTHON3), {QStringLiteral(QONVEX_SECRETS_SCANNER), QStringLiteral("--artifacts"), artifacts});
    if (!python.waitForFinished(60000))
        return {};
    return {python.exitStatus() == QProcess::NormalExit ? python.exitCode() : -1, python.readAll()};
}

} // namespace

class TestChildOutput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        m_temporary = std::make_unique<QTemporaryDir>();
        QVERIFY(m_temporary->isValid());
        qunsetenv(kSecretsChildDirVariable);
    }
    void cleanup() { qunsetenv(kSecretsChildDirVariable); }

    void nothingWrittenOutsideTheScan()
    {
        QProcess child;
        runShell(child, QStringLiteral("echo out; echo err >&2"));
        QCOMPARE(readStdout(child), QByteArray("out\n"));
        QCOMPARE(readStderr(child), QByteArray("err\n"));
        recordChildOutput(QStringLiteral("named"), "x", "y");
        QVERIFY(QDir(dir().path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }

    void recordsWhatTheTestReadPerProcess()
    {
        const QString children = dir().filePath(QStringLiteral("children/t"));
        qputenv(kSecretsChildDirVariable, QFile::encodeName(children));
        QProcess first;
        QProcess second;
        runShell(first, QStringLiteral("printf 'one\\n'; printf 'debug: one\\n' >&2"));
        runShell(second, QStringLiteral("printf 'two\\n'; printf 'debug: two\\n' >&2"));
        // Read in pieces and out of order, as tests do; each child keeps files of its own.
        QCOMPARE(readStdout(second, QStringLiteral("cli")), QByteArray("two\n"));
        QCOMPARE(readStdout(first, QStringLiteral("cli")), QByteArray("one\n"));
        recordRemainingOutput(first, QStringLiteral("cli"));
        recordRemainingOutput(second, QStringLiteral("cli"));
        recordChildOutput(QStringLiteral("../escape"), "named\n");

        QStringList files = QDir(children).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 5);
        QVERIFY2(files.contains(QStringLiteral("child.._escape.stdout")), qPrintable(files.join(u' ')));
        QVERIFY(!QFile::exists(dir().filePath(QStringLiteral("children/escape.stdout"))));
        QByteArray firstOut, firstErr, secondOut, secondErr;
        for (const QString &file : files) {
            const QByteArray bytes = readFile(QDir(children).filePath(file));
            if (bytes.contains("one"))
                (file.endsWith(QLatin1String(".stdout")) ? firstOut : firstErr) = bytes;
            else if (bytes.contains("two"))
                (file.endsWith(QLatin1String(".stdout")) ? secondOut : secondErr) = bytes;
        }
        QCOMPARE(firstOut, QByteArray("one\n"));
        QCOMPARE(firstErr, QByteArray("debug: one\n"));
        QCOMPARE(secondOut, QByteArray("two\n"));
        QCOMPARE(secondErr, QByteArray("debug: two\n"));
    }

    // The chain the scan depends on: a child's debug line with a piece of an issued token,
    // read by a test through these helpers, fails scan_secrets.py; without it the scan passes.
    void scanFindsATokenAChildPrinted()
    {
        const QString root = dir().filePath(QStringLiteral("secrets-scan"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/issued")));
        QFile issued(root + QStringLiteral("/issued/t.log"));
        QVERIFY(issued.open(QIODevice::WriteOnly));
        issued.write("client_token\t" + kToken + '\n');
        issued.close();
        qputenv(kSecretsChildDirVariable, QFile::encodeName(root + QStringLiteral("/children/t")));

        QProcess clean;
        runShell(clean, QStringLiteral("echo '{\"value\":null}'; echo 'qonvex.convex.transport: debug: connected' >&2"));
        recordRemainingOutput(clean, QStringLiteral("qonvex-cli"));
        ScanResult result = scan(dir().path());
        QVERIFY2(result.exitCode == 0, result.report.constData());
        QVERIFY2(result.report.contains("child processes' stdout+stderr: 2 files"), result.report.constData());

        QProcess leaky;
        runShell(leaky, QStringLiteral("echo 'qonvex.clerk.fapi: debug: Authorization '\"$1\" >&2"), {QString::fromLatin1(kPiece)});
        QCOMPARE(readStderr(leaky, QStringLiteral("qonvex-cli")), "qonvex.clerk.fapi: debug: Authorization " + kPiece + '\n');
        result = scan(dir().path());
        QVERIFY2(result.exitCode == 1, result.report.constData());
        QVERIFY2(result.report.contains("/children/t/qonvex-cli-"), result.report.constData());
        QVERIFY2(!result.report.contains(kPiece), "the report printed the secret");
    }

private:
    QTemporaryDir &dir() { return *m_temporary; }
    std::unique_ptr<QTemporaryDir> m_temporary;
};

QTEST_GUILESS_MAIN(TestChildOutput)
#include "tst_childoutput.moc"
