// SPDX-License-Identifier: MIT
#pragma once
// Private storage of convex::Value, shared by the files of the values layer.

#include <convexclient/value.h>

#include <variant>

namespace convex {

//! The heap part of a non-null Value. The variant index + 1 is the Value::Type.
class Value::Data : public QSharedData {
public:
    using Storage = std::variant<qint64, double, bool, QString, QByteArray, ValueArray, ValueObject>;

    template <typename... Args>
    explicit Data(Args &&...args) : storage(std::forward<Args>(args)...) {}

    Type type() const noexcept { return Type(storage.index() + 1); }

    Storage storage;
};

} // namespace convex
