// SPDX-License-Identifier: MIT
#pragma once
// Builds convex::Value trees straight from JSON text: a hand-written fast reader for valid input
// (jsonfastreader.h), else nlohmann's SAX parser, whose errors are the ones reported. No DOM in
// between, nesting bounded by Value::MaxNestingDepth, never throws.

#include <convexclient/value.h>

#include <QByteArrayView>

#include <span>
#include <string_view>

namespace convex::detail {

//! Parse Convex encoded JSON (every number a float64, `$`-objects decoded, field names checked).
Result<Value> readConvexJson(QByteArrayView json);

//! Parse a protocol frame. The frame itself is plain JSON (the "envelope": integer literals
//! become exact int64 Values, other numbers float64, no field-name rules); the value of any
//! envelope member whose name is in \a convexKeys is read as Convex encoded JSON.
Result<Value> readEnvelopeJson(QByteArrayView json, std::span<const std::string_view> convexKeys);

//! The nlohmann SAX reader alone (the two functions above try the fast reader of
//! jsonfastreader.h first and fall back to this one): tests compare the two.
Result<Value> readJsonWithNlohmann(QByteArrayView json, bool rootConvex,
                                   std::span<const std::string_view> convexKeys);

} // namespace convex::detail
