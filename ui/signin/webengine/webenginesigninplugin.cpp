// SPDX-License-Identifier: MIT
#include "webenginesigninplugin.h"

#include "webenginesigninview.h"

namespace qonvex::ui {

SignInView *WebEngineSignInPlugin::createView(QWidget *parent, const SignInViewOptions &options)
{
    return new WebEngineSignInView(parent, options);
}

} // namespace qonvex::ui
