// SPDX-License-Identifier: MIT
#pragma once

#include "settings/appsettings.h"

#include <QDialog>

#include <array>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace qonvex::ui {

//! \brief Edits the stored connection settings, checking each field as it is typed.
//!
//! OK stays disabled while any field is invalid or the combination cannot work; the reason is
//! shown under the field. Fields overridden for this run (environment or command line) say
//! so: the stored value is still editable and takes effect once the override is gone.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    SettingsDialog(const qonvex::app::AppSettings &settings, bool trayIcon, QWidget *parent = nullptr);

    //! The settings with the edited stored values (overrides kept).
    qonvex::app::AppSettings settings() const;
    bool trayIcon() const;
    //! The first problem, empty when OK is enabled.
    QString problem() const;

private:
    void revalidate();

    qonvex::app::AppSettings m_settings;
    std::array<QLineEdit *, qonvex::app::AppSettings::fieldCount> m_edits{};
    std::array<QLabel *, qonvex::app::AppSettings::fieldCount> m_errors{};
    QCheckBox *m_tray;
    QLabel *m_summary;
    QDialogButtonBox *m_buttons;
    QString m_problem;
};

} // namespace qonvex::ui
