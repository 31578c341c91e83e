// SPDX-License-Identifier: MIT
#pragma once
//! \file
//! Symbol visibility for the shared library `qonvex_signin`, which both the app and the
//! WebEngine plugin link, so that SignInView's meta-object exists exactly once in the process
//! (a second copy would break qobject_cast and signal connections across the plugin boundary).

#include <QtGlobal>

#if defined(QONVEX_SIGNIN_BUILDING)
#  define QONVEX_SIGNIN_EXPORT Q_DECL_EXPORT
#else
#  define QONVEX_SIGNIN_EXPORT Q_DECL_IMPORT
#endif
