// SPDX-License-Identifier: MIT
// Function console argument validation and result formatting (int64/bytes faithful,
// ConvexError data), identity initials and states, the badge; no server needed.
#include "console/functionconsolecontroller.h"
#include "identity/identitybadge.h"
#include "identity/identitymodel.h"

#include <QSignalSpy>
#include <QTest>

using convex::FunctionResult;
using convex::Value;
using convex::ValueObject;
using qonvex::console::FunctionConsoleController;
using qonvex::identity::IdentityModel;

class TestConsoleIdentityUnit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void argumentsMustBeAnObject_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("errorPart");  // empty: valid
        QTest::newRow("empty means {}") << u"  "_qs << QString();
        QTest::newRow("object") << u"{\"value\": 1}"_qs << QString();
        QTest::newRow("int64") << u"{\"v\": {\"$integer\": \"AQAAAAAAAAA=\"}}"_qs << QString();
        QTest::newRow("syntax") << u"{\"value\": }"_qs << u"not valid JSON"_qs;
        QTest::newRow("array") << u"[1, 2]"_qs << u"must be a JSON object"_qs;
        QTest::newRow("number") << u"42"_qs << u"must be a JSON object"_qs;
        QTest::newRow("bad $integer") << u"{\"v\": {\"$integer\": \"xx\"}}"_qs << u"Convex JSON"_qs;
    }
    void argumentsMustBeAnObject()
    {
        QFETCH(QString, text);
        QFETCH(QString, errorPart);
        const auto parsed = FunctionConsoleController::parseArguments(text);
        if (errorPart.isEmpty()) {
            QVERIFY2(parsed.value.has_value(), qPrintable(parsed.error));
            QVERIFY(parsed.value->isObject());
        } else {
            QVERIFY(!parsed.value);
            QVERIFY2(parsed.error.contains(errorPart), qPrintable(parsed.error));
        }
    }

    // Positions count characters from 1 (the one to fix), whatever Qt's byte offset counts.
    void syntaxErrorsSayWhatAndWhere_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("error");
        const QString prefix = u"Arguments are not valid JSON: "_qs;
        QTest::newRow("bare word") << u"{\"value\": x}"_qs
                                   << prefix + u"unexpected 'x' — strings need double quotes (at character 11)"_qs;
        QTest::newRow("bare word after non-ASCII") << u"{\"wert\": \"ä\", \"n\": hallo}"_qs
                                                   << prefix + u"unexpected 'hallo' — strings need double quotes (at character 20)"_qs;
        // A lone minus: the digit it needs is missing where the } is.
        QTest::newRow("bad number") << u"{\"a\": -}"_qs << prefix + u"a number is not written correctly (at character 8)"_qs;
        QTest::newRow("missing value") << u"{\"text\": }"_qs << prefix + u"a value is missing (at character 10)"_qs;
        QTest::newRow("two objects") << u"{} {}"_qs << prefix + u"there is more text after the object (at character 4)"_qs;
    }
    void syntaxErrorsSayWhatAndWhere()
    {
        QFETCH(QString, text);
        QFETCH(QString, error);
        const auto parsed = FunctionConsoleController::parseArguments(text);
        QVERIFY(!parsed.value);
        QCOMPARE(parsed.error, error);
    }

    void int64ArgumentIsExact()
    {
        const auto parsed = FunctionConsoleController::parseArguments(
            u"{\"v\": {\"$integer\": \"AQAAAAAAAAA=\"}}"_qs);
        QVERIFY(parsed.value);
        QCOMPARE((*parsed.value)[u"v"_qs], Value::int64(1));
    }

    void paths()
    {
        QVERIFY(FunctionConsoleController::pathError(u"tasks:list"_qs).isEmpty());
        QVERIFY(FunctionConsoleController::pathError(u"dir/mod:fn"_qs).isEmpty());
        QVERIFY(FunctionConsoleController::pathError(u"messages"_qs).isEmpty());
        QVERIFY(!FunctionConsoleController::pathError(QString()).isEmpty());
        QVERIFY(!FunctionConsoleController::pathError(u"tasks list"_qs).isEmpty());
        QVERIFY(!FunctionConsoleController::pathError(u"a::b"_qs).isEmpty());
    }

    void resultsAreEncodedJson()
    {
        const Value value(ValueObject{{u"big"_qs, Value::int64(9007199254740993LL)},
                                      {u"raw"_qs, Value::bytes(QByteArray("\x00\xff", 2))}});
        const QString text = FunctionConsoleController::formatResult(FunctionResult::success(value));
        QCOMPARE(text, value.toPrettyJson());
        QVERIFY2(text.contains(u"$integer"_qs), qPrintable(text));
        QVERIFY2(text.contains(u"\"AP8=\""_qs), qPrintable(text));  // base64 of 00 ff
        // Round trip: what the console shows parses back to the same value.
        QCOMPARE(Value::fromJson(text.toUtf8()).value(), value);

        const QString error = FunctionConsoleController::formatResult(FunctionResult::functionError(
            u"Uncaught ConvexError: bad"_qs, Value(ValueObject{{u"code"_qs, u"INVALID"_qs}})));
        QVERIFY(error.contains(u"Uncaught ConvexError: bad"_qs));
        QVERIFY(error.contains(u"ConvexError data"_qs));
        QVERIFY(error.contains(u"\"INVALID\""_qs));
        QVERIFY(FunctionConsoleController::formatResult(FunctionResult::clientError(u"Client closed"_qs))
                    .contains(u"Client closed"_qs));
    }

    void initials_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("email");
        QTest::addColumn<QString>("initials");
        QTest::newRow("two words") << u"Ada Lovelace"_qs << u"ada@example.com"_qs << u"AL"_qs;
        QTest::newRow("three words") << u"ada  king lovelace"_qs << QString() << u"AL"_qs;
        QTest::newRow("one word") << u"Ada"_qs << QString() << u"A"_qs;
        QTest::newRow("email only") << QString() << u"grace.hopper@example.com"_qs << u"GH"_qs;
        QTest::newRow("nothing") << QString() << QString() << u"?"_qs;
        QTest::newRow("non-BMP") << u"\U0001D400lpha Beta"_qs << QString() << u"\U0001D400B"_qs;
    }
    void initials()
    {
        QFETCH(QString, name);
        QFETCH(QString, email);
        QFETCH(QString, initials);
        QCOMPARE(IdentityModel::initialsFor(name, email), initials);
    }

    void identityStatesAndBadge()
    {
        IdentityModel model(static_cast<QObject *>(nullptr));
        qonvex::ui::IdentityBadge badge(&model);
        QCOMPARE(model.state(), IdentityModel::State::Loading);
        QCOMPARE(badge.nameText(), u"Loading…"_qs);
        QSignalSpy changed(&model, &IdentityModel::changed);
        model.setResultValue(Value(ValueObject{{u"name"_qs, u"Ada Lovelace"_qs},
                                               {u"email"_qs, u"ada@example.com"_qs},
                                               {u"pictureUrl"_qs, u"javascript:alert(1)"_qs}}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.state(), IdentityModel::State::SignedIn);
        QCOMPARE(model.initials(), u"AL"_qs);
        QVERIFY(model.pictureUrl().isEmpty());  // only web URLs are kept
        QCOMPARE(badge.nameText(), u"Ada Lovelace"_qs);
        QCOMPARE(badge.emailText(), u"ada@example.com"_qs);
        model.setResultValue(Value());
        QCOMPARE(model.state(), IdentityModel::State::SignedOut);
        QCOMPARE(model.initials(), u"?"_qs);
        QCOMPARE(badge.nameText(), u"Not signed in"_qs);
        model.setError(u"boom"_qs);
        QCOMPARE(model.state(), IdentityModel::State::Error);
        QCOMPARE(badge.emailText(), u"boom"_qs);
    }
};

QTEST_MAIN(TestConsoleIdentityUnit)
#include "tst_consoleidentity_unit.moc"
