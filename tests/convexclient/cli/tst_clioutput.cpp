// SPDX-License-Identifier: MIT
// What qonvex-cli prints for each kind of result, and the exit codes.

#include "clioutput.h"

#include <QTest>

#include <limits>

using convex::FunctionResult;
using convex::HttpClient;
using convex::Value;
using convex::ValueArray;
using convex::ValueObject;
using namespace qonvex::cli;

namespace {
// A stdout line as printed: the text and its newline.
QByteArray lineOf(const char *text) { return QByteArray(text).append('\n'); }
} // namespace

class TestCliOutput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void successLines_data()
    {
        QTest::addColumn<Value>("value");
        QTest::addColumn<QByteArray>("line");
        QTest::newRow("null") << Value() << QByteArray("{\"value\":null}\n");
        QTest::newRow("int64 5") << Value::int64(5) << lineOf("{\"value\":{\"$integer\":\"BQAAAAAAAAA=\"}}");
        QTest::newRow("int64 max") << Value::int64(std::numeric_limits<qint64>::max())
                                   << lineOf("{\"value\":{\"$integer\":\"/////////38=\"}}");
        QTest::newRow("float") << Value::float64(1.5) << QByteArray("{\"value\":1.5}\n");
        QTest::newRow("NaN") << Value::float64(std::numeric_limits<double>::quiet_NaN())
                             << lineOf("{\"value\":{\"$float\":\"AAAAAAAA+H8=\"}}");
        QTest::newRow("-Infinity") << Value::float64(-std::numeric_limits<double>::infinity())
                                   << lineOf("{\"value\":{\"$float\":\"AAAAAAAA8P8=\"}}");
        QTest::newRow("-0") << Value::float64(-0.0) << lineOf("{\"value\":{\"$float\":\"AAAAAAAAAIA=\"}}");
        QTest::newRow("bytes") << Value::bytes(QByteArray("\x00\x01\xff", 3)) << lineOf("{\"value\":{\"$bytes\":\"AAH/\"}}");
        ValueObject object;
        object.insert(QStringLiteral("z"), Value(u"line\n\"two\""));
        object.insert(QStringLiteral("a"), Value(ValueArray{Value(true), Value()}));
        QTest::newRow("object") << Value(object) << lineOf("{\"value\":{\"a\":[true,null],\"z\":\"line\\n\\\"two\\\"\"}}");
    }
    void successLines()
    {
        QFETCH(Value, value);
        QFETCH(QByteArray, line);
        const auto result = FunctionResult::success(value, {QStringLiteral("[LOG] ignored here")});
        const auto printed = resultLine(result);
        QVERIFY2(printed.ok(), qPrintable(printed.error()));
        QCOMPARE(printed.value(), line);
        QCOMPARE(exitCodeOf(result), ExitSuccess);
    }

    void errorLines()
    {
        const auto plain = FunctionResult::functionError(QStringLiteral("[Request ID: 1] Server Error\nUncaught \"boom\""));
        QCOMPARE(resultLine(plain).value(), lineOf("{\"error\":\"[Request ID: 1] Server Error\\nUncaught \\\"boom\\\"\"}"));
        QCOMPARE(exitCodeOf(plain), ExitFunctionError);

        ValueObject data;
        data.insert(QStringLiteral("code"), Value::int64(-1));
        const auto withData = FunctionResult::functionError(QStringLiteral("boom"), Value(data));
        QCOMPARE(resultLine(withData).value(), lineOf("{\"error\":\"boom\",\"data\":{\"code\":{\"$integer\":\"//////////8=\"}}}"));
        const auto nullData = FunctionResult::functionError(QStringLiteral("boom"), Value());
        QCOMPARE(resultLine(nullData).value(), lineOf("{\"error\":\"boom\",\"data\":null}"));
        QCOMPARE(exitCodeOf(nullData), ExitFunctionError);
    }

    void clientErrorsAreNotResults()
    {
        const auto error = FunctionResult::clientError(QStringLiteral("Connection lost"));
        const auto printed = resultLine(error);
        QVERIFY(!printed.ok());
        QCOMPARE(printed.error(), QStringLiteral("Connection lost"));
        QCOMPARE(exitCodeOf(error), ExitConnection);
    }

    void httpFailureExitCodes_data()
    {
        QTest::addColumn<int>("failure");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("exitCode");
        using F = HttpClient::Failure;
        QTest::newRow("invalid request") << int(F::InvalidRequest) << 0 << int(ExitUsage);
        QTest::newRow("network") << int(F::Network) << 0 << int(ExitConnection);
        QTest::newRow("timeout") << int(F::Timeout) << 0 << int(ExitConnection);
        QTest::newRow("401") << int(F::HttpStatus) << 401 << int(ExitConnection);
        QTest::newRow("403") << int(F::HttpStatus) << 403 << int(ExitConnection);
        QTest::newRow("400 bad path") << int(F::HttpStatus) << 400 << int(ExitUsage);
        QTest::newRow("404") << int(F::HttpStatus) << 404 << int(ExitUsage);
        QTest::newRow("307") << int(F::HttpStatus) << 307 << int(ExitUsage);
        QTest::newRow("500") << int(F::HttpStatus) << 500 << int(ExitConnection);
        QTest::newRow("503") << int(F::HttpStatus) << 503 << int(ExitConnection);
        QTest::newRow("invalid response") << int(F::InvalidResponse) << 200 << int(ExitConnection);
    }
    void httpFailureExitCodes()
    {
        QFETCH(int, failure);
        QFETCH(int, status);
        QFETCH(int, exitCode);
        HttpClient::Response response;
        response.result = FunctionResult::clientError(QStringLiteral("x"));
        response.failure = HttpClient::Failure(failure);
        response.httpStatus = status;
        QCOMPARE(int(exitCodeOfHttpFailure(response)), exitCode);
    }

    void logLines()
    {
        QCOMPARE(logLine(Command::Query, QStringLiteral("debug:echo"), QStringLiteral("[LOG] 'hi'")),
                 QStringLiteral("[CONVEX Q(debug:echo)] [LOG] 'hi'"));
        QCOMPARE(logLine(Command::Watch, QStringLiteral("a:b"), QStringLiteral("[WARN] w")),
                 QStringLiteral("[CONVEX Q(a:b)] [WARN] w"));
        QCOMPARE(logLine(Command::Mutation, QStringLiteral("a:b"), QStringLiteral("[INFO] %1")),
                 QStringLiteral("[CONVEX M(a:b)] [INFO] %1"));
        QCOMPARE(logLine(Command::Action, QStringLiteral("a:b"), QStringLiteral("[ERROR] e")),
                 QStringLiteral("[CONVEX A(a:b)] [ERROR] e"));
    }
};

QTEST_GUILESS_MAIN(TestCliOutput)
#include "tst_clioutput.moc"
