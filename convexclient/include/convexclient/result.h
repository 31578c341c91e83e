// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace convex {

//! \brief A value or an error message, for operations that can fail on bad input.
//!
//! Parsing and validation in convexclient never throw and never crash: they return a
//! Result whose error() says what was wrong. (C++20 has no std::expected; this is the
//! one small stand-in the library uses.)
template <typename T>
class Result {
public:
    Result(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    static Result failure(QString message) { return Result(Error{std::move(message)}); }

    bool ok() const noexcept { return m_state.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    //! The value; only valid when ok().
    const T &value() const & { return std::get<0>(m_state); }
    T &value() & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }
    const T *operator->() const { return &value(); }
    const T &operator*() const & { return value(); }

    //! The error message; empty when ok().
    QString error() const { return ok() ? QString() : std::get<1>(m_state).message; }

private:
    struct Error { QString message; };
    explicit Result(Error e) : m_state(std::in_place_index<1>, std::move(e)) {}
    std::variant<T, Error> m_state;
};

} // namespace convex
