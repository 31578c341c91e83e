// SPDX-License-Identifier: MIT
#pragma once
//! \file
//! The plugin entry point: SignInViewFactory backed by Qt WebEngine.

#include "signinviewinterface.h"

#include <QObject>

namespace qonvex::ui {

class WebEngineSignInPlugin : public QObject, public SignInViewFactory
{
    Q_OBJECT
    Q_PLUGIN_METADATA(IID QonvexSignInViewFactory_iid FILE "webenginesigninplugin.json")
    Q_INTERFACES(qonvex::ui::SignInViewFactory)
public:
    SignInView *createView(QWidget *parent, const SignInViewOptions &options) override;
};

} // namespace qonvex::ui
