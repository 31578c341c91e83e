// SPDX-License-Identifier: MIT
#include "settings/settingsdialog.h"

#include "style/errorcolours.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace qonvex::ui {

using qonvex::app::AppSettings;
using Field = AppSettings::Field;

namespace {
constexpr std::array<Field, AppSettings::fieldCount> fields = {Field::ConvexUrl, Field::PublishableKey,
                                                               Field::FrontendApi, Field::JwtTemplate};

QString placeholder(Field f)
{
    switch (f) {
    case Field::ConvexUrl: return QStringLiteral("https://happy-animal-123.convex.cloud");
    case Field::PublishableKey: return QStringLiteral("pk_test_…");
    case Field::FrontendApi: return QObject::tr("optional: https://clerk.example.com");
    case Field::JwtTemplate: return QObject::tr("convex (empty: Clerk session token)");
    }
    return {};
}

QString objectNameFor(Field f)
{
    switch (f) {
    case Field::ConvexUrl: return QStringLiteral("settingsConvexUrl");
    case Field::PublishableKey: return QStringLiteral("settingsPublishableKey");
    case Field::FrontendApi: return QStringLiteral("settingsFrontendApi");
    case Field::JwtTemplate: return QStringLiteral("settingsJwtTemplate");
    }
    return {};
}
} // namespace

SettingsDialog::SettingsDialog(const AppSettings &settings, bool trayIcon, QWidget *parent)
    : QDialog(parent), m_settings(settings), m_tray(new QCheckBox(tr("Show an icon in the system tray"), this)),
      m_summary(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));

    auto *intro = new QLabel(tr("Which Convex deployment and Clerk instance Qonvex connects to. None of "
                                "this is secret; your sign-in is kept in the system keychain."),
                             this);
    intro->setWordWrap(true);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    for (Field f : fields) {
        const int i = static_cast<int>(f);
        auto *edit = new QLineEdit(this);
        edit->setObjectName(objectNameFor(f));
        edit->setAccessibleName(AppSettings::label(f));
        edit->setPlaceholderText(placeholder(f));
        edit->setClearButtonEnabled(true);
        edit->setMinimumWidth(380);
        if (f == Field::JwtTemplate)
            edit->setText(settings.isStored(f) ? settings.stored(f) : AppSettings::defaultJwtTemplate());
        else
            edit->setText(settings.stored(f));
        auto *error = new QLabel(this);
        error->setObjectName(objectNameFor(f) + QStringLiteral("Error"));
        error->setWordWrap(true);
        // The task input's error red, on its tint: readable in light and dark palettes, and
        // it follows a palette switch at run time.
        error->setContentsMargins(6, 2, 6, 2);
        followErrorColours(error);
        error->hide();
        auto *column = new QVBoxLayout;
        column->setSpacing(2);
        column->addWidget(edit);
        column->addWidget(error);
        if (settings.isOverridden(f)) {
            const QString where = settings.source(f) == AppSettings::Source::CommandLine
                ? tr("the command line") : AppSettings::environmentVariable(f);
            // The value itself, not only where it came from: these are addresses and a
            // publishable key, none of them secret, and the user wants to see what is in use.
            auto *note = new QLabel(tr("This run uses %1 from %2.").arg(settings.effective(f), where), this);
            note->setObjectName(objectNameFor(f) + QStringLiteral("Override"));
            note->setTextInteractionFlags(Qt::TextSelectableByMouse);
            note->setForegroundRole(QPalette::PlaceholderText);
            note->setWordWrap(true);
            column->addWidget(note);
        }
        auto *label = new QLabel(AppSettings::label(f) + QStringLiteral(":"), this);
        label->setBuddy(edit);
        form->addRow(label, column);
        m_edits[i] = edit;
        m_errors[i] = error;
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::revalidate);
    }
    m_tray->setObjectName(QStringLiteral("settingsTrayIcon"));
    m_tray->setAccessibleName(tr("Show an icon in the system tray"));
    m_tray->setChecked(trayIcon);
    form->addRow(QString(), m_tray);

    m_summary->setObjectName(QStringLiteral("settingsProblem"));
    m_summary->setWordWrap(true);
    m_buttons->button(QDialogButtonBox::Ok)->setAccessibleName(tr("Save settings"));
    m_buttons->button(QDialogButtonBox::Cancel)->setAccessibleName(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);
    revalidate();
}

AppSettings SettingsDialog::settings() const
{
    AppSettings out = m_settings;
    for (Field f : fields) {
        const QString text = m_edits[static_cast<int>(f)]->text().trimmed();
        // An empty field means "not set", except the JWT template, where empty is a choice
        // (use the session token) and the default is written out explicitly.
        out.setStored(f, text, f == Field::JwtTemplate || !text.isEmpty());
    }
    return out;
}

bool SettingsDialog::trayIcon() const { return m_tray->isChecked(); }

QString SettingsDialog::problem() const { return m_problem; }

void SettingsDialog::revalidate()
{
    QString first;
    for (Field f : fields) {
        const int i = static_cast<int>(f);
        const QString error = AppSettings::fieldError(f, m_edits[i]->text());
        m_errors[i]->setText(error);
        m_errors[i]->setVisible(!error.isEmpty());
        m_edits[i]->setAccessibleDescription(error);
        if (first.isEmpty())
            first = error;
    }
    if (first.isEmpty()) {
        // What this run would use: the edited values under this run's overrides.
        const auto config = settings().validate();
        if (!config)
            first = config.error();
    }
    m_problem = first;
    m_summary->setText(first);
    m_summary->setVisible(!first.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(first.isEmpty());
}

} // namespace qonvex::ui
