// SPDX-License-Identifier: MIT
#pragma once
//! \file
//! Umbrella header of the convexclient library: everything a Qt application needs to talk
//! to a Convex deployment (realtime Client with subscriptions, one-shot HttpClient, values).

#include <convexclient/client.h>
#include <convexclient/connectionstate.h>
#include <convexclient/functionresult.h>
#include <convexclient/httpclient.h>
#include <convexclient/querysubscription.h>
#include <convexclient/result.h>
#include <convexclient/value.h>
#include <convexclient/version.h>
