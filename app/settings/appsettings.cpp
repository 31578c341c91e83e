// SPDX-License-Identifier: MIT
#include "settings/appsettings.h"

#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>

namespace qonvex::app {

namespace {
constexpr std::array<AppSettings::Field, AppSettings::fieldCount> allFields = {
    AppSettings::Field::ConvexUrl, AppSettings::Field::PublishableKey, AppSettings::Field::FrontendApi,
    AppSettings::Field::JwtTemplate};
} // namespace

QString AppSettings::settingsKey(Field field)
{
    switch (field) {
    case Field::ConvexUrl: return QStringLiteral("convex/url");
    case Field::PublishableKey: return QStringLiteral("clerk/publishableKey");
    case Field::FrontendApi: return QStringLiteral("clerk/frontendApiUrl");
    case Field::JwtTemplate: return QStringLiteral("clerk/jwtTemplate");
    }
    return {};
}

QString AppSettings::environmentVariable(Field field)
{
    switch (field) {
    case Field::ConvexUrl: return QStringLiteral("QONVEX_CONVEX_URL");
    case Field::PublishableKey: return QStringLiteral("QONVEX_CLERK_PUBLISHABLE_KEY");
    case Field::FrontendApi: return QStringLiteral("QONVEX_CLERK_FRONTEND_API");
    case Field::JwtTemplate: return QStringLiteral("QONVEX_JWT_TEMPLATE");
    }
    return {};
}

QString AppSettings::label(Field field)
{
    switch (field) {
    case Field::ConvexUrl: return tr("Convex deployment URL");
    case Field::PublishableKey: return tr("Clerk publishable key");
    case Field::FrontendApi: return tr("Clerk Frontend API URL");
    case Field::JwtTemplate: return tr("JWT template");
    }
    return {};
}

void AppSettings::load(const QSettings &settings)
{
    for (Field field : allFields) {
        const QVariant value = settings.value(settingsKey(field));
        // Only strings count; anything else in the file is treated as unset rather than guessed at.
        const bool set = value.isValid() && value.typeId() == QMetaType::QString;
        setStored(field, set ? value.toString() : QString(), set);
    }
}

void AppSettings::save(QSettings &settings) const
{
    for (Field field : allFields) {
        if (isStored(field))
            settings.setValue(settingsKey(field), stored(field));
        else
            settings.remove(settingsKey(field));
    }
}

void AppSettings::applyEnvironment(const QProcessEnvironment &env)
{
    for (Field field : allFields) {
        const QString name = environmentVariable(field);
        if (env.contains(name))
            setOverride(field, env.value(name), Source::Environment);
    }
}

void AppSettings::setOverride(Field field, const QString &value, Source source)
{
    Slot &s = slot(field);
    // The command line beats the environment whatever order they are applied in.
    if (s.overrideSource > source)
        return;
    s.override = value.trimmed();
    s.overrideSource = source;
}

QString AppSettings::stored(Field field) const { return slot(field).stored; }
bool AppSettings::isStored(Field field) const { return slot(field).storedSet; }

void AppSettings::setStored(Field field, const QString &value, bool set)
{
    Slot &s = slot(field);
    s.stored = set ? value.trimmed() : QString();
    s.storedSet = set;
}

AppSettings::Source AppSettings::source(Field field) const
{
    const Slot &s = slot(field);
    if (s.overrideSource != Source::Default)
        return s.overrideSource;
    return s.storedSet ? Source::Stored : Source::Default;
}

QString AppSettings::effective(Field field) const
{
    const Slot &s = slot(field);
    if (s.overrideSource != Source::Default)
        return s.override;
    if (s.storedSet)
        return s.stored;
    return field == Field::JwtTemplate ? defaultJwtTemplate() : QString();
}

bool AppSettings::isConfigured() const
{
    return !effective(Field::ConvexUrl).isEmpty()
        && (!effective(Field::PublishableKey).isEmpty() || !effective(Field::FrontendApi).isEmpty());
}

ClerkSettingsInput AppSettings::input() const
{
    ClerkSettingsInput in;
    in.convexUrl = effective(Field::ConvexUrl);
    in.publishableKey = effective(Field::PublishableKey);
    in.frontendApiUrl = effective(Field::FrontendApi);
    in.jwtTemplate = effective(Field::JwtTemplate);
    in.jwtTemplateSet = true; // effective() already applied the default
    return in;
}

convex::Result<AppConfig> AppSettings::validate() const
{
    if (effective(Field::ConvexUrl).isEmpty())
        return convex::Result<AppConfig>::failure(
            tr("The Convex deployment URL is not set (e.g. https://happy-animal-123.convex.cloud)."));
    if (effective(Field::PublishableKey).isEmpty() && effective(Field::FrontendApi).isEmpty())
        return convex::Result<AppConfig>::failure(
            tr("Set the Clerk publishable key (pk_test_… or pk_live_…) or the Clerk Frontend API URL."));
    for (Field field : allFields) {
        const QString error = fieldError(field, effective(field));
        if (!error.isEmpty())
            return convex::Result<AppConfig>::failure(error);
    }
    return buildAppConfig(input());
}

QString AppSettings::fieldError(Field field, const QString &raw)
{
    const QString value = raw.trimmed();
    if (value.isEmpty())
        return {};
    switch (field) {
    case Field::ConvexUrl:
    case Field::FrontendApi: {
        const auto url = validateServiceUrl(value, label(field));
        return url ? QString() : url.error();
    }
    case Field::PublishableKey: {
        const QByteArray bytes = value.toUtf8();
        const auto info = parsePublishableKey(bytes);
        if (info)
            return {};
        return tr("The Clerk publishable key is not valid (%1). Copy it from the Clerk dashboard: "
                  "API Keys → Publishable key.").arg(info.error());
    }
    case Field::JwtTemplate: {
        static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
        return name.match(value).hasMatch()
            ? QString()
            : tr("The JWT template name may use only letters, digits, '-' and '_' (up to 64).");
    }
    }
    return {};
}

} // namespace qonvex::app
