// SPDX-License-Identifier: MIT
// JSON shapes of the FAPI resources (client, session, user, environment), following the
// OpenAPI spec's field names. Timestamps in resources are milliseconds; JWT claims are seconds.
import type { Client, ClerkState, Session, User } from "./state.ts";

export function userJson(u: User) {
  return {
    object: "user",
    id: u.id,
    username: null,
    first_name: u.firstName,
    last_name: u.lastName,
    image_url: u.imageUrl,
    has_image: false,
    primary_email_address_id: u.emailId,
    primary_phone_number_id: null,
    email_addresses: [
      {
        object: "email_address",
        id: u.emailId,
        email_address: u.email,
        verification: { status: "verified", strategy: "email_code" },
        linked_to: [],
      },
    ],
    phone_numbers: [],
    external_accounts: [],
    password_enabled: true,
    two_factor_enabled: false,
    public_metadata: {},
    unsafe_metadata: {},
    last_sign_in_at: null,
    created_at: u.createdAt,
    updated_at: u.updatedAt,
  };
}

const SESSION_MAX_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export function sessionJson(state: ClerkState, s: Session) {
  const u = state.users.get(s.userId);
  return {
    object: "session",
    id: s.id,
    status: s.status,
    expire_at: s.createdAt + SESSION_MAX_LIFETIME_MS,
    abandon_at: s.createdAt + 30 * 24 * 3600 * 1000,
    last_active_at: s.lastActiveAt,
    last_active_organization_id: s.lastActiveOrganizationId,
    actor: null,
    factor_verification_age: [0, -1],
    last_active_token: s.lastActiveToken ? { object: "token", jwt: s.lastActiveToken } : null,
    user: u ? userJson(u) : null,
    public_user_data: u
      ? { first_name: u.firstName, last_name: u.lastName, image_url: u.imageUrl, has_image: false, identifier: u.email }
      : null,
    tasks: null,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export function clientJson(state: ClerkState, c: Client) {
  return {
    object: "client",
    id: c.id,
    sessions: state.liveSessions(c).map((s) => sessionJson(state, s)),
    sign_in: null,
    sign_up: null,
    last_active_session_id: c.lastActiveSessionId,
    last_authentication_strategy: null,
    cookie_expires_at: null,
    captcha_bypass: false,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

export function environmentJson(state: ClerkState, base: string) {
  return {
    object: "environment",
    id: "env_devstack",
    auth_config: {
      object: "auth_config",
      id: "aac_devstack",
      single_session_mode: true,
      claimed_at: null,
      reverification: false,
      native_settings: { api_enabled: state.config.nativeApiEnabled },
    },
    display_config: {
      object: "display_config",
      id: "display_config_devstack",
      instance_environment_type: "development",
      application_name: "Qonvex devstack",
      home_url: `${base}/`,
      sign_in_url: `${base}/sign-in`,
      sign_up_url: `${base}/sign-up`,
      user_profile_url: `${base}/user`,
      after_sign_in_url: `${base}/`,
      after_sign_up_url: `${base}/`,
      after_sign_out_one_url: `${base}/sign-in`,
      after_sign_out_all_url: `${base}/sign-in`,
      branded: false,
      logo_image_url: "",
      favicon_image_url: "",
      preferred_sign_in_strategy: "password",
    },
    user_settings: {
      attributes: {
        email_address: { enabled: true, required: true, used_for_first_factor: true, first_factors: ["email_code"] },
        password: { enabled: true, required: true },
      },
      social: {
        oauth_google: { enabled: true, required: false, authenticatable: true, strategy: "oauth_google", name: "Google" },
      },
      sign_in: { second_factor: { required: false } },
      sign_up: { mode: "public", progressive: true },
    },
    organization_settings: { enabled: false },
    commerce_settings: { billing: { enabled: false } },
    maintenance_mode: false,
  };
}
