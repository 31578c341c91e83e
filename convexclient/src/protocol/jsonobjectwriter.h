// SPDX-License-Identifier: MIT
#pragma once
// Appends one compact JSON object member by member; used by the message encoders.

#include "values/jsonwriter.h"

#include <convexclient/value.h>

#include <QByteArray>
#include <QStringView>

namespace convex::protocol::detail {

class JsonObjectWriter {
public:
    explicit JsonObjectWriter(QByteArray &out) : m_out(out) { m_out.append('{'); }
    JsonObjectWriter(const JsonObjectWriter &) = delete;
    JsonObjectWriter &operator=(const JsonObjectWriter &) = delete;
    ~JsonObjectWriter() { m_out.append('}'); }

    //! Starts a member and returns the buffer to write its value into.
    QByteArray &key(const char *name)
    {
        if (!m_first)
            m_out.append(',');
        m_first = false;
        m_out.append('"').append(name).append("\":");
        return m_out;
    }
    void string(const char *name, QStringView value) { convex::detail::writeJsonString(key(name), value); }
    void integer(const char *name, qint64 value) { key(name).append(QByteArray::number(value)); }
    void unsignedInteger(const char *name, quint64 value) { key(name).append(QByteArray::number(value)); }
    void boolean(const char *name, bool value) { key(name).append(value ? "true" : "false"); }
    void null(const char *name) { key(name).append("null"); }
    void raw(const char *name, QByteArrayView json) { key(name).append(json); }
    //! A Convex value; written leniently (see messages.h on validating values first).
    void value(const char *name, const Value &v) { convex::detail::writeJson(key(name), v, {.lenient = true}); }
    void stringList(const char *name, const QStringList &list)
    {
        QByteArray &out = key(name);
        out.append('[');
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (i > 0)
                out.append(',');
            convex::detail::writeJsonString(out, list.at(i));
        }
        out.append(']');
    }
    void optionalString(const char *name, const std::optional<QString> &value)
    {
        if (value)
            string(name, *value);
        else
            null(name);
    }

private:
    QByteArray &m_out;
    bool m_first = true;
};

} // namespace convex::protocol::detail
