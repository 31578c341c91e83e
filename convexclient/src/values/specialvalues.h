// SPDX-License-Identifier: MIT
#pragma once
// The `$`-objects of Convex encoded JSON and field-name rules, shared by every decoder
// (text, QJsonValue) so that they agree exactly.

#include <convexclient/value.h>

#include <QByteArrayView>

#include <string_view>

namespace convex::detail {

//! NaN, ±Inf and -0: the floats that must travel as `{"$float": …}`.
bool isSpecialFloat(double f) noexcept;

//! What a single-key object `{key: …}` means when key starts with '$'.
enum class DollarKey : quint8 { Integer, Float, Bytes, CommitTs, Unsupported, Reserved };
DollarKey classifyDollarKey(std::string_view key) noexcept;

//! Decode `{"$integer"|"$float"|"$bytes"|"$commitTs": payload}`; \a kind must be one of those.
Result<Value> decodeSpecial(DollarKey kind, const Value &payload);
//! decodeSpecial() for a string payload given as its bytes (Integer, Float or Bytes only):
//! what the JSON reader uses, without making a QString first.
Result<Value> decodeSpecialText(DollarKey kind, QByteArrayView text);

//! Error for a `$` key that may not appear (Reserved, Unsupported, or a special key in an
//! object with other members).
QString dollarKeyError(std::string_view key, DollarKey kind);

//! Field-name check on UTF-8 bytes (the JSON parser's keys); same messages as
//! Value::fieldNameError. Empty when valid.
QString fieldNameErrorUtf8(std::string_view name);

} // namespace convex::detail
