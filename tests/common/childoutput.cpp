// SPDX-License-Identifier: MIT
#include "childoutput.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QVariant>

#include <atomic>

Q_LOGGING_CATEGORY(lcChildOutput, "qonvex.test.childoutput")

namespace qonvex::test {

namespace {

constexpr char kRecordProperty[] = "_qonvex_child_output_record";

// File names only: a program path or a name with '/' must not escape the folder.
QString safeName(const QString &name)
{
    QString safe;
    for (const QChar c : name)
        safe += (c.isLetterOrNumber() && c.unicode() < 128) || c == u'-' || c == u'_' || c == u'.' ? c : u'_';
    return safe.isEmpty() || safe.startsWith(u'.') ? QStringLiteral("child") + safe : safe;
}

void append(const QDir &dir, const QString &file, const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    QFile out(dir.filePath(file));
    // A gap in the record is a gap in the scan: say so loudly in the test's own output.
    if (!out.open(QIODevice::WriteOnly | QIODevice::Append) || out.write(bytes) != bytes.size())
        qCWarning(lcChildOutput, "cannot record child output in %s: %s", qPrintable(out.fileName()),
                  qPrintable(out.errorString()));
}

} // namespace

void recordChildOutput(const QString &name, const QByteArray &out, const QByteArray &err)
{
    const QString dirPath = qEnvironmentVariable(kSecretsChildDirVariable);
    if (dirPath.isEmpty() || (out.isEmpty() && err.isEmpty()))
        return;
    const QDir dir(dirPath);
    if (!dir.exists() && !QDir().mkpath(dirPath)) {
        qCWarning(lcChildOutput, "cannot create %s", qPrintable(dirPath));
        return;
    }
    const QString base = safeName(name);
    append(dir, base + QStringLiteral(".stdout"), out);
    append(dir, base + QStringLiteral(".stderr"), err);
}

void recordChildOutput(QProcess &process, const QByteArray &out, const QByteArray &err, const QString &name)
{
    if (!qEnvironmentVariableIsSet(kSecretsChildDirVariable) || (out.isEmpty() && err.isEmpty()))
        return;
    QString record = process.property(kRecordProperty).toString();
    if (record.isEmpty()) {
        static std::atomic<int> sequence{0};
        const QString program = name.isEmpty() ? QFileInfo(process.program()).fileName() : name;
        record = QStringLiteral("%1-%2").arg(safeName(program)).arg(++sequence);
        process.setProperty(kRecordProperty, record);
    }
    recordChildOutput(record, out, err);
}

QByteArray readStdout(QProcess &process, const QString &name)
{
    const QByteArray out = process.readAllStandardOutput();
    recordChildOutput(process, out, {}, name);
    return out;
}

QByteArray readStderr(QProcess &process, const QString &name)
{
    const QByteArray err = process.readAllStandardError();
    recordChildOutput(process, {}, err, name);
    return err;
}

void recordRemainingOutput(QProcess &process, const QString &name)
{
    const QByteArray out = process.readAllStandardOutput();
    const QByteArray err = process.readAllStandardError();
    recordChildOutput(process, out, err, name);
}

} // namespace qonvex::test
