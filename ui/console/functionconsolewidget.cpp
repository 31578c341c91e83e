// SPDX-License-Identifier: MIT
#include "console/functionconsolewidget.h"

#include "console/functionconsolecontroller.h"
#include "style/errorcolours.h"

#include <QAction>
#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

namespace qonvex::ui {

using console::FunctionConsoleController;

namespace {
QLabel *heading(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}
} // namespace

FunctionConsoleWidget::FunctionConsoleWidget(convex::Client *client, QWidget *parent)
    : FunctionConsoleWidget(new FunctionConsoleController(client), parent)
{
    m_controller->setParent(this);
}

FunctionConsoleWidget::FunctionConsoleWidget(FunctionConsoleController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller),
      m_kind(new QComboBox(this)), m_path(new QLineEdit(this)), m_args(new QPlainTextEdit(this)),
      m_validation(new QLabel(this)), m_run(new QPushButton(tr("&Run"), this)),
      m_stop(new QPushButton(tr("Sto&p live query"), this)), m_status(new QLabel(this)),
      m_result(new QPlainTextEdit(this)), m_callLog(new QPlainTextEdit(this)),
      m_serverLog(new QPlainTextEdit(this))
{
    setAccessibleName(tr("Function console"));
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);

    m_kind->addItem(tr("Query (live)"), QVariant::fromValue(FunctionConsoleController::Kind::Query));
    m_kind->addItem(tr("Mutation"), QVariant::fromValue(FunctionConsoleController::Kind::Mutation));
    m_kind->addItem(tr("Action"), QVariant::fromValue(FunctionConsoleController::Kind::Action));
    m_kind->setAccessibleName(tr("Function kind"));
    m_path->setPlaceholderText(tr("module:function, e.g. debug:echo"));
    m_path->setAccessibleName(tr("Function path"));
    m_args->setPlainText(u"{}"_qs);
    m_args->setFont(mono);
    m_args->setTabChangesFocus(true);
    m_args->setAccessibleName(tr("Arguments (Convex JSON object)"));
    m_args->setPlaceholderText(tr("{\"value\": {\"$integer\": \"AQAAAAAAAAA=\"}}"));
    m_args->setMaximumHeight(m_args->fontMetrics().lineSpacing() * 6 + 12);
    m_validation->setObjectName(u"consoleValidation"_qs);
    m_validation->setAccessibleName(tr("Arguments error"));
    m_validation->setTextFormat(Qt::PlainText);
    m_validation->setWordWrap(true);
    m_validation->setMargin(4);
    followErrorColours(m_validation); // an error, not a note: the same colours as elsewhere
    m_validation->hide();
    m_run->setAccessibleName(tr("Run function"));
    m_run->setToolTip(tr("Run (Ctrl+Return)"));
    m_stop->setAccessibleName(tr("Stop live query"));
    m_status->setAccessibleName(tr("Call status"));
    m_status->setTextFormat(Qt::PlainText);
    for (QPlainTextEdit *output : {m_result, m_callLog, m_serverLog}) {
        output->setReadOnly(true);
        output->setFont(mono);
        output->setTabChangesFocus(true);
        output->setTextInteractionFlags(Qt::TextSelectableByKeyboard | Qt::TextSelectableByMouse);
    }
    m_result->setAccessibleName(tr("Result"));
    m_callLog->setAccessibleName(tr("Log lines of this call"));
    m_serverLog->setAccessibleName(tr("Server log of this connection"));
    m_serverLog->setMaximumBlockCount(1000);

    auto *form = new QFormLayout;
    // Letters the main window's menus (File, Account, Connection: F, A, N, H) and tabs (Tasks,
    // Console: T, C) do not use, as those are in reach of Alt while the console is shown.
    form->addRow(heading(tr("&Kind:"), m_kind, this), m_kind);
    form->addRow(heading(tr("F&unction:"), m_path, this), m_path);
    form->addRow(heading(tr("Ar&guments:"), m_args, this), m_args);
    form->addRow(QString(), m_validation);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_run);
    buttons->addWidget(m_stop);
    buttons->addWidget(m_status, 1);
    form->addRow(buttons);

    auto *resultBox = new QWidget(this);
    auto *resultLayout = new QVBoxLayout(resultBox);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(heading(tr("Re&sult (Convex JSON):"), m_result, resultBox));
    resultLayout->addWidget(m_result);
    auto *logBox = new QWidget(this);
    auto *logLayout = new QVBoxLayout(logBox);
    logLayout->setContentsMargins(0, 0, 0, 0);
    logLayout->addWidget(heading(tr("&Log lines of this call:"), m_callLog, logBox));
    logLayout->addWidget(m_callLog);
    logLayout->addWidget(heading(tr("Ser&ver log (all functions on this connection):"), m_serverLog, logBox));
    logLayout->addWidget(m_serverLog);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(resultBox);
    splitter->addWidget(logBox);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(splitter, 1);

    auto *runAction = new QAction(tr("Run function"), this);
    runAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)});
    runAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(runAction);

    connect(runAction, &QAction::triggered, this, &FunctionConsoleWidget::run);
    connect(m_run, &QPushButton::clicked, this, &FunctionConsoleWidget::run);
    connect(m_path, &QLineEdit::returnPressed, this, &FunctionConsoleWidget::run);
    connect(m_stop, &QPushButton::clicked, m_controller, &FunctionConsoleController::stopLiveQuery);
    connect(m_args, &QPlainTextEdit::textChanged, this, &FunctionConsoleWidget::validate);
    connect(m_controller, &FunctionConsoleController::changed, this, &FunctionConsoleWidget::refresh);
    // Lines the controller collected before this widget existed (the console is built lazily).
    for (const QString &line : m_controller->serverLog())
        m_serverLog->appendPlainText(line);
    connect(m_controller, &FunctionConsoleController::serverLogLineAdded, m_serverLog,
            &QPlainTextEdit::appendPlainText);
    setFocusProxy(m_path);
    refresh();
}

FunctionConsoleWidget::~FunctionConsoleWidget() = default;

void FunctionConsoleWidget::validate()
{
    const QString error = FunctionConsoleController::parseArguments(m_args->toPlainText()).error;
    m_validation->setText(error);
    m_validation->setVisible(!error.isEmpty());
}

void FunctionConsoleWidget::run()
{
    const auto kind = m_kind->currentData().value<FunctionConsoleController::Kind>();
    const QString error = m_controller->run(kind, m_path->text().trimmed(), m_args->toPlainText());
    m_validation->setText(error);
    m_validation->setVisible(!error.isEmpty());
}

void FunctionConsoleWidget::refresh()
{
    using Status = FunctionConsoleController::Status;
    QString status;
    switch (m_controller->status()) {
    case Status::Idle:
        status = tr("Enter a function and press Run.");
        break;
    case Status::Running:
        status = tr("Running %1…").arg(m_controller->callDescription());
        break;
    case Status::Live:
        status = tr("%1: live, %n update(s)", nullptr, m_controller->liveUpdateCount())
                     .arg(m_controller->callDescription());
        break;
    case Status::Succeeded:
        status = tr("%1: succeeded").arg(m_controller->callDescription());
        break;
    case Status::Failed:
        status = tr("%1: failed").arg(m_controller->callDescription());
        break;
    }
    m_status->setText(status);
    m_stop->setEnabled(m_controller->status() == Status::Live);
    if (m_result->toPlainText() != m_controller->resultText())
        m_result->setPlainText(m_controller->resultText());
    m_callLog->setPlainText(m_controller->callLogLines().join(u'\n'));
}

QString FunctionConsoleWidget::resultText() const
{
    return m_result->toPlainText();
}

QString FunctionConsoleWidget::statusText() const
{
    return m_status->text();
}

QString FunctionConsoleWidget::validationText() const
{
    return m_validation->isHidden() ? QString() : m_validation->text();
}

QString FunctionConsoleWidget::callLogText() const
{
    return m_callLog->toPlainText();
}

QString FunctionConsoleWidget::serverLogText() const
{
    return m_serverLog->toPlainText();
}

} // namespace qonvex::ui
