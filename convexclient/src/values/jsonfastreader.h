// SPDX-License-Identifier: MIT
#pragma once
// The fast path of the JSON readers (jsonreader.h): a hand-written, strict scanner that builds
// convex::Value trees straight from the frame's bytes. It only ever answers for input that is
// valid in every respect; on anything else (a syntax error, a field-name or `$`-key problem, a
// number strtod would round differently from std::from_chars, a byte-order mark, an escaped
// `$integer` payload, …) it gives up without a message and the nlohmann-based reader parses the
// input again, so errors (and their exact text) stay what that reader says.

#include <convexclient/value.h>

#include <QByteArrayView>

#include <optional>
#include <span>
#include <string_view>

namespace convex::detail {

//! The Value the nlohmann-based reader would produce for \a json with the same arguments, or
//! nullopt when that reader might report an error (or when this one is unsure).
std::optional<Value> readJsonFast(QByteArrayView json, bool rootConvex,
                                  std::span<const std::string_view> convexKeys);

} // namespace convex::detail
