// SPDX-License-Identifier: MIT
#pragma once
// Private storage of convex::Value's arrays and objects.

#include <convexclient/value.h>

#include <variant>

namespace convex {

//! The shared heap part of an array or object Value.
class Value::Data : public QSharedData {
public:
    template <typename... Args>
    explicit Data(Args &&...args) : storage(std::forward<Args>(args)...) {}

    std::variant<ValueArray, ValueObject> storage;
};

} // namespace convex
