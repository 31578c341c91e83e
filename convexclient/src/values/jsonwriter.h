// SPDX-License-Identifier: MIT
#pragma once
// Writes Convex encoded JSON straight into a QByteArray, the way the JS client's
// convexToJson + JSON.stringify would: keys sorted, numbers in JavaScript's shortest form.

#include <convexclient/value.h>

#include <QByteArray>
#include <QStringView>

namespace convex::detail {

struct JsonWriteOptions {
    int indent = -1;        //!< spaces per level; -1 for compact output
    bool lenient = false;   //!< write invalid field names / too-deep values instead of failing
};

//! Append \a value. Returns an empty string on success, else the error (invalid field name,
//! nesting deeper than Value::MaxNestingDepth) and \a out holds a partial text.
QString writeJson(QByteArray &out, const Value &value, JsonWriteOptions options = {});

//! A JSON string literal with JSON.stringify's escaping (lone surrogates as \uXXXX).
void writeJsonString(QByteArray &out, QStringView text);

//! A finite double as JavaScript's Number.prototype.toString prints it.
void writeJsonNumber(QByteArray &out, double value);

} // namespace convex::detail
