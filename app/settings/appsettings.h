// SPDX-License-Identifier: MIT
#pragma once
// What the user configures: which Convex deployment and which Clerk instance. Stored in
// QSettings (none of it is secret; tokens live in the keychain), overridable per run by
// environment variables and command-line options, validated with messages that say what to fix.

#include "config/clerkconfig.h"

#include <QCoreApplication>
#include <QString>

#include <array>

class QProcessEnvironment;
class QSettings;

namespace qonvex::app {

//! \brief The connection settings, with where each effective value came from.
//!
//! Precedence, highest first: command line, environment (`QONVEX_CONVEX_URL`,
//! `QONVEX_CLERK_PUBLISHABLE_KEY`, `QONVEX_CLERK_FRONTEND_API`, `QONVEX_JWT_TEMPLATE`), stored
//! settings, default. save() writes only the stored layer, so a one-off override never
//! ends up on disk.
class AppSettings {
    Q_DECLARE_TR_FUNCTIONS(AppSettings)
public:
    enum class Field { ConvexUrl, PublishableKey, FrontendApi, JwtTemplate };
    static constexpr int fieldCount = 4;
    enum class Source { Default, Stored, Environment, CommandLine };

    //! QSettings key of \a field (`convex/url`, `clerk/publishableKey`, ...).
    static QString settingsKey(Field field);
    //! Environment variable that overrides \a field.
    static QString environmentVariable(Field field);
    //! User-facing name, e.g. "Convex deployment URL".
    static QString label(Field field);
    //! The JWT template used when none is configured.
    static QString defaultJwtTemplate() { return QStringLiteral("convex"); }

    //! Reads the stored layer from \a settings (unknown or missing keys are simply unset).
    void load(const QSettings &settings);
    //! Writes the stored layer to \a settings (unset fields are removed).
    void save(QSettings &settings) const;
    //! Applies the overrides present in \a env (a variable set to "" counts as set).
    void applyEnvironment(const QProcessEnvironment &env);
    //! Overrides \a field for this run (command line).
    void setOverride(Field field, const QString &value, Source source = Source::CommandLine);

    //! The stored value (what the settings dialog edits).
    QString stored(Field field) const;
    bool isStored(Field field) const;
    //! Sets (or with \a set false, removes) the stored value.
    void setStored(Field field, const QString &value, bool set = true);

    //! The value in effect (override, else stored, else default).
    QString effective(Field field) const;
    Source source(Field field) const;
    bool isOverridden(Field field) const { return source(field) >= Source::Environment; }

    //! Everything needed to connect is present (it may still be invalid).
    bool isConfigured() const;
    //! The effective values as the Clerk config parser takes them.
    ClerkSettingsInput input() const;
    //! The validated configuration of the effective values, or a message naming what to fix.
    convex::Result<AppConfig> validate() const;

    //! Checks one value on its own, as the user types it; empty string = fine (or not set).
    static QString fieldError(Field field, const QString &value);

private:
    struct Slot {
        QString stored;
        bool storedSet = false;
        QString override;
        Source overrideSource = Source::Default;
    };
    const Slot &slot(Field field) const { return m_slots[static_cast<int>(field)]; }
    Slot &slot(Field field) { return m_slots[static_cast<int>(field)]; }

    std::array<Slot, fieldCount> m_slots;
};

} // namespace qonvex::app
