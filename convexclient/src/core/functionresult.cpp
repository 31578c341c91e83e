// SPDX-License-Identifier: MIT
#include <convexclient/functionresult.h>

namespace convex {

FunctionResult FunctionResult::success(Value value, QStringList logLines)
{
    FunctionResult r;
    r.m_kind = Kind::Success;
    r.m_value = std::move(value);
    r.m_logLines = std::move(logLines);
    return r;
}

FunctionResult FunctionResult::functionError(QString message, std::optional<Value> errorData,
                                             QStringList logLines)
{
    FunctionResult r;
    r.m_kind = Kind::FunctionError;
    r.m_message = std::move(message);
    r.m_hasErrorData = errorData.has_value();
    if (errorData)
        r.m_errorData = std::move(*errorData);
    r.m_logLines = std::move(logLines);
    return r;
}

FunctionResult FunctionResult::clientError(QString message)
{
    FunctionResult r;
    r.m_kind = Kind::ClientError;
    r.m_message = std::move(message);
    return r;
}

bool FunctionResult::operator==(const FunctionResult &o) const
{
    return m_kind == o.m_kind && m_hasErrorData == o.m_hasErrorData && m_value == o.m_value
        && m_errorData == o.m_errorData && m_message == o.m_message && m_logLines == o.m_logLines;
}

} // namespace convex
