// SPDX-License-Identifier: MIT
// qonvex-cli's command line rules and token reading.

#include "clioptions.h"

#include <QBuffer>
#include <QTemporaryDir>
#include <QTest>

using convex::Value;
using namespace qonvex::cli;

namespace {
const QString localUrl = QStringLiteral("http://127.0.0.1:3210");

ParseOutcome parse(QStringList arguments, const QString &environmentUrl = localUrl)
{
    arguments.prepend(QStringLiteral("qonvex-cli"));
    return parseCommandLine(arguments, environmentUrl);
}
} // namespace

class TestCliOptions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaults()
    {
        const ParseOutcome outcome = parse({QStringLiteral("query"), QStringLiteral("messages:list")});
        QCOMPARE(outcome.action, ParseOutcome::Action::Run);
        const Options &o = outcome.options;
        QCOMPARE(o.command, Command::Query);
        QCOMPARE(o.function, QStringLiteral("messages:list"));
        QVERIFY(o.args.isEmpty());
        QCOMPARE(o.url, QUrl(localUrl));
        QVERIFY(o.tokenFile.isEmpty());
        QVERIFY(!o.http);
        QCOMPARE(o.count, 0);
        QCOMPARE(o.timeout.count(), 30000);
    }

    void everyOption()
    {
        const ParseOutcome outcome = parse({QStringLiteral("--url"), QStringLiteral("https://happy-animal-123.convex.cloud"),
                                            QStringLiteral("--token-file"), QStringLiteral("-"),
                                            QStringLiteral("--count"), QStringLiteral("3"),
                                            QStringLiteral("--timeout"), QStringLiteral("2.5"),
                                            QStringLiteral("watch"), QStringLiteral("debug:echo"),
                                            QStringLiteral(R"({"value":{"$integer":"BQAAAAAAAAA="},"s":"x"})")},
                                           QString());
        QCOMPARE(outcome.action, ParseOutcome::Action::Run);
        const Options &o = outcome.options;
        QCOMPARE(o.command, Command::Watch);
        QCOMPARE(o.function, QStringLiteral("debug:echo"));
        QCOMPARE(o.url, QUrl(QStringLiteral("https://happy-animal-123.convex.cloud")));
        QCOMPARE(o.tokenFile, QStringLiteral("-"));
        QCOMPARE(o.count, 3);
        QCOMPARE(o.timeout.count(), 2500);
        QCOMPARE(o.args.value(QStringLiteral("value")), Value::int64(5));
        QCOMPARE(o.args.value(QStringLiteral("s")), Value(u"x"));
    }

    void commands_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<Command>("command");
        QTest::newRow("query") << QStringLiteral("query") << Command::Query;
        QTest::newRow("mutation") << QStringLiteral("mutation") << Command::Mutation;
        QTest::newRow("action") << QStringLiteral("action") << Command::Action;
        QTest::newRow("watch") << QStringLiteral("watch") << Command::Watch;
    }
    void commands()
    {
        QFETCH(QString, name);
        QFETCH(Command, command);
        const ParseOutcome outcome = parse({name, QStringLiteral("a:b"), QStringLiteral("--http")});
        if (command == Command::Watch) {
            QCOMPARE(outcome.action, ParseOutcome::Action::Fail);
            return;
        }
        QCOMPARE(outcome.action, ParseOutcome::Action::Run);
        QCOMPARE(outcome.options.command, command);
        QVERIFY(outcome.options.http);
        QCOMPARE(commandName(command), name);
    }

    void urlOptionWinsOverEnvironment()
    {
        const ParseOutcome outcome = parse({QStringLiteral("--url"), QStringLiteral("http://localhost:9"),
                                            QStringLiteral("query"), QStringLiteral("a:b")},
                                           QStringLiteral("https://other.example"));
        QCOMPARE(outcome.action, ParseOutcome::Action::Run);
        QCOMPARE(outcome.options.url, QUrl(QStringLiteral("http://localhost:9")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("environmentUrl");
        QTest::addColumn<QString>("message");
        const QString q = QStringLiteral("query"), f = QStringLiteral("a:b");
        QTest::newRow("nothing") << QStringList{} << localUrl << QStringLiteral("Missing COMMAND");
        QTest::newRow("unknown command") << QStringList{QStringLiteral("get"), f} << localUrl << QStringLiteral("Unknown command 'get'");
        QTest::newRow("no function") << QStringList{q} << localUrl << QStringLiteral("Missing FUNCTION");
        QTest::newRow("blank function") << QStringList{q, QStringLiteral(" ")} << localUrl << QStringLiteral("Missing FUNCTION");
        QTest::newRow("bad json") << QStringList{q, f, QStringLiteral("{\"a\":")} << localUrl << QStringLiteral("Invalid ARGS_JSON: ");
        QTest::newRow("not an object") << QStringList{q, f, QStringLiteral("[1]")} << localUrl << QStringLiteral("it must be a JSON object");
        QTest::newRow("reserved field") << QStringList{q, f, QStringLiteral(R"({"$x":1})")} << localUrl << QStringLiteral("Invalid ARGS_JSON: ");
        QTest::newRow("bad $integer") << QStringList{q, f, QStringLiteral(R"({"a":{"$integer":"AQ=="}})")} << localUrl << QStringLiteral("Invalid ARGS_JSON: ");
        QTest::newRow("two args") << QStringList{q, f, QStringLiteral("{}"), QStringLiteral("{}")} << localUrl << QStringLiteral("Too many arguments");
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frob"), q, f} << localUrl << QStringLiteral("Unknown option 'frob'");
        QTest::newRow("watch over http") << QStringList{QStringLiteral("watch"), f, QStringLiteral("--http")} << localUrl << QStringLiteral("cannot be used with --http");
        QTest::newRow("count on query") << QStringList{q, f, QStringLiteral("--count"), QStringLiteral("1")} << localUrl << QStringLiteral("--count only applies to watch");
        QTest::newRow("count 0") << QStringList{QStringLiteral("watch"), f, QStringLiteral("--count"), QStringLiteral("0")} << localUrl << QStringLiteral("--count must be");
        QTest::newRow("count text") << QStringList{QStringLiteral("watch"), f, QStringLiteral("--count"), QStringLiteral("two")} << localUrl << QStringLiteral("--count must be");
        QTest::newRow("timeout 0") << QStringList{q, f, QStringLiteral("--timeout"), QStringLiteral("0")} << localUrl << QStringLiteral("--timeout must be");
        QTest::newRow("timeout negative") << QStringList{q, f, QStringLiteral("--timeout=-1")} << localUrl << QStringLiteral("--timeout must be");
        QTest::newRow("timeout text") << QStringList{q, f, QStringLiteral("--timeout"), QStringLiteral("soon")} << localUrl << QStringLiteral("--timeout must be");
        QTest::newRow("timeout inf") << QStringList{q, f, QStringLiteral("--timeout"), QStringLiteral("inf")} << localUrl << QStringLiteral("--timeout must be");
        QTest::newRow("no url") << QStringList{q, f} << QString() << QStringLiteral("No deployment URL: pass --url or set QONVEX_CONVEX_URL");
        QTest::newRow("http remote") << QStringList{q, f} << QStringLiteral("http://example.com") << QStringLiteral("must use https://");
        QTest::newRow("ftp") << QStringList{q, f} << QStringLiteral("ftp://example.com") << QStringLiteral("must start with https://");
        QTest::newRow("not a url") << QStringList{QStringLiteral("--url"), QStringLiteral("example.com"), q, f} << localUrl << QStringLiteral("The deployment URL");
        QTest::newRow("empty token file") << QStringList{QStringLiteral("--token-file="), q, f} << localUrl << QStringLiteral("--token-file needs");
    }
    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, environmentUrl);
        QFETCH(QString, message);
        const ParseOutcome outcome = parse(arguments, environmentUrl);
        QCOMPARE(outcome.action, ParseOutcome::Action::Fail);
        QVERIFY2(outcome.text.contains(message), qPrintable(outcome.text));
    }

    void helpAndVersion()
    {
        const ParseOutcome help = parse({QStringLiteral("--help")}, QString());
        QCOMPARE(help.action, ParseOutcome::Action::ShowHelp);
        for (const char *word : {"--url", "--token-file", "--http", "--count", "--timeout", "COMMAND", "FUNCTION", "ARGS_JSON", "watch"})
            QVERIFY2(help.text.contains(QLatin1String(word)), word);
        const ParseOutcome version = parse({QStringLiteral("--version")}, QString());
        QCOMPARE(version.action, ParseOutcome::Action::ShowVersion);
        QCOMPARE(version.text, QStringLiteral("qonvex-cli " QONVEX_VERSION "\n"));
    }

    void tokenFromFile()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("token"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("  \teyJh.eyJi.c2ln\r\n\n");
        file.close();
        const auto token = readToken(path, nullptr);
        QVERIFY2(token.ok(), qPrintable(token.error()));
        QCOMPARE(token.value(), QStringLiteral("eyJh.eyJi.c2ln"));
    }

    void tokenFromStandardInput()
    {
        QByteArray data("eyJh.eyJi.c2ln\n");
        QBuffer input(&data);
        QVERIFY(input.open(QIODevice::ReadOnly));
        const auto token = readToken(QStringLiteral("-"), &input);
        QVERIFY2(token.ok(), qPrintable(token.error()));
        QCOMPARE(token.value(), QStringLiteral("eyJh.eyJi.c2ln"));
    }

    void badTokens_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << QStringLiteral("is empty");
        QTest::newRow("blank") << QByteArray(" \n\t") << QStringLiteral("is empty");
        QTest::newRow("two words") << QByteArray("secret-one secret-two") << QStringLiteral("does not hold a single token");
        QTest::newRow("two lines") << QByteArray("secret-one\nsecret-two\n") << QStringLiteral("does not hold a single token");
    }
    void badTokens()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        QBuffer input(&content);
        QVERIFY(input.open(QIODevice::ReadOnly));
        const auto token = readToken(QStringLiteral("-"), &input);
        QVERIFY(!token.ok());
        QVERIFY2(token.error().contains(message), qPrintable(token.error()));
        QVERIFY2(!token.error().contains(QLatin1String("secret")), "the message must not quote the file");
    }

    void missingTokenFile()
    {
        const auto token = readToken(QStringLiteral("/nonexistent/qonvex/token"), nullptr);
        QVERIFY(!token.ok());
        QVERIFY2(token.error().startsWith(QStringLiteral("Cannot read the token file /nonexistent/qonvex/token")),
                 qPrintable(token.error()));
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "tst_clioptions.moc"
