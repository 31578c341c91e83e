// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace convex {
class Client;
}

namespace qonvex::console {
class FunctionConsoleController;
}

namespace qonvex::ui {

//! \brief Runs any Convex function: path, kind (live query / mutation / action) and
//! arguments as Convex encoded JSON; shows the result as encoded JSON (int64 and bytes
//! faithful), function errors with their ConvexError data, the call's log lines and the
//! server log of this connection. Ctrl+Return runs; invalid arguments are explained next
//! to the editor while typing and never sent.
class FunctionConsoleWidget : public QWidget {
    Q_OBJECT
public:
    //! \a client must outlive the widget.
    explicit FunctionConsoleWidget(convex::Client *client, QWidget *parent = nullptr);
    //! On an existing \a controller (not owned; must outlive the widget), e.g. one created with
    //! the connection so the server log is collected before the console is first shown. The
    //! lines it already holds are shown at once.
    explicit FunctionConsoleWidget(console::FunctionConsoleController *controller, QWidget *parent = nullptr);
    ~FunctionConsoleWidget() override;

    console::FunctionConsoleController *controller() const { return m_controller; }
    QLineEdit *pathEdit() const { return m_path; }
    QComboBox *kindBox() const { return m_kind; }
    QPlainTextEdit *argumentsEdit() const { return m_args; }
    QPushButton *runButton() const { return m_run; }
    QString resultText() const;
    QString statusText() const;
    QString validationText() const;
    QString callLogText() const;
    QString serverLogText() const;

public Q_SLOTS:
    //! Validates and runs the function as the controls say.
    void run();

private:
    void validate();
    void refresh();

    console::FunctionConsoleController *m_controller;
    QComboBox *m_kind;
    QLineEdit *m_path;
    QPlainTextEdit *m_args;
    QLabel *m_validation;
    QPushButton *m_run;
    QPushButton *m_stop;
    QLabel *m_status;
    QPlainTextEdit *m_result;
    QPlainTextEdit *m_callLog;
    QPlainTextEdit *m_serverLog;
};

} // namespace qonvex::ui
