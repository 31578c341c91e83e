// SPDX-License-Identifier: MIT
#pragma once
// Helpers for tst_signinview: what the hosted sign-in controller does against the Clerk
// stand-in, log capture, and checks that a grabbed frame really shows a page.

#include <QImage>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace signintest {

//! 16 random bytes, base64url.
QString randomToken();

//! Native FAPI like app/'s hosted sign-in controller: make a client (token kept in
//! \a clientToken between calls), then POST /v1/client/hosted_auth with PKCE and \a state.
//! Returns the hosted sign-in URL, or an invalid URL.
QUrl requestHostedUrl(const QUrl &frontendApi, QString *clientToken, const QString &state);

//! `scheme://host[:port]`.
QString originOf(const QUrl &url);
//! The URL without query and fragment, for failure messages.
QString withoutQuery(const QUrl &url);

//! Distinct colours on a coarse grid: a blank or one-colour grab has 1-2, a rendered page many.
int colourCount(const QImage &image);
//! Frames arrive asynchronously: a known colour of the expected page proves it is on screen.
bool containsColour(const QImage &image, QRgb colour);

//! Records every Qt log message (still passing them on) while alive.
class LogCapture
{
public:
    LogCapture();
    ~LogCapture();
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;
    QString joined() const;
};

} // namespace signintest
