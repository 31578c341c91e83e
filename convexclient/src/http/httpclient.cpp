// SPDX-License-Identifier: MIT
#include <convexclient/httpclient.h>
#include <convexclient/version.h>

#include "http/httpwire.h"

#include <QHostAddress>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QPromise>
#include <QTimer>

#include <deque>
#include <functional>

Q_LOGGING_CATEGORY(lcHttp, "qonvex.convex.http", QtInfoMsg)

namespace convex {

namespace {

const char *kindName(HttpClient::FunctionKind kind)
{
    switch (kind) {
    case HttpClient::FunctionKind::Query: return "query";
    case HttpClient::FunctionKind::Mutation: return "mutation";
    case HttpClient::FunctionKind::Action: return "action";
    }
    return "?";
}

QFuture<HttpClient::Response> readyResponse(HttpClient::Response response)
{
    QPromise<HttpClient::Response> promise;
    promise.start();
    promise.addResult(std::move(response));
    promise.finish();
    return promise.future();
}

HttpClient::Response failure(HttpClient::Failure kind, QString message)
{
    HttpClient::Response r;
    r.result = FunctionResult::clientError(std::move(message));
    r.failure = kind;
    return r;
}

} // namespace

// One call from creation to its single answer.
struct PendingCall {
    HttpClient::FunctionKind kind;
    QString path;
    QByteArray body;
    QString token;  // may be empty; never logged
    QPromise<HttpClient::Response> promise;
    QPointer<QNetworkReply> reply;
    bool timedOut = false;
};

class HttpClient::Private {
public:
    Private(HttpClient *q, const QUrl &url, QNetworkAccessManager *network)
        : q(q), urlError(HttpClient::deploymentUrlError(url)), network(network)
    {
        baseUrl = url.adjusted(QUrl::StripTrailingSlash | QUrl::NormalizePathSegments);
        if (!network) {
            ownNetwork = std::make_unique<QNetworkAccessManager>();
            this->network = ownNetwork.get();
        }
    }

    void send(const std::shared_ptr<PendingCall> &call);
    void finished(const std::shared_ptr<PendingCall> &call);
    void resolve(const std::shared_ptr<PendingCall> &call, Response response);
    void sendNextMutation();

    HttpClient *q;
    QUrl baseUrl;
    QString urlError;
    QNetworkAccessManager *network = nullptr;
    std::unique_ptr<QNetworkAccessManager> ownNetwork;
    QString token;
    std::chrono::milliseconds timeout{30000};
    std::vector<std::shared_ptr<PendingCall>> inFlight;
    // Mutations wait here while another mutation is in flight (JS: mutationQueue).
    std::deque<std::shared_ptr<PendingCall>> mutationQueue;
    bool mutationInFlight = false;
};

void HttpClient::Private::send(const std::shared_ptr<PendingCall> &call)
{
    QUrl url = baseUrl;
    url.setPath(baseUrl.path() + http::endpointPath(call->kind));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
    request.setRawHeader("Convex-Client", clientHeaderValue().toUtf8());
    if (!call->token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + call->token.toUtf8());
    // A redirect could carry the Authorization header to another origin: never follow one.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (call->kind == FunctionKind::Mutation)
        mutationInFlight = true;

    qCDebug(lcHttp) << kindName(call->kind) << call->path << "sent";
    QNetworkReply *reply = network->post(request, call->body);
    call->reply = reply;
    inFlight.push_back(call);
    QObject::connect(reply, &QNetworkReply::finished, q, [this, call] { finished(call); });
    // The deadline covers the whole call, not just inactivity (unlike transferTimeout).
    QTimer::singleShot(timeout, reply, [call] {
        if (call->reply && !call->reply->isFinished()) {
            call->timedOut = true;
            call->reply->abort();
        }
    });
}

void HttpClient::Private::finished(const std::shared_ptr<PendingCall> &call)
{
    QNetworkReply *reply = call->reply;
    if (!reply)
        return;
    reply->deleteLater();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    Response response;
    if (call->timedOut) {
        response = failure(Failure::Timeout,
                           QStringLiteral("No answer from the Convex server within %1 s")
                               .arg(double(timeout.count()) / 1000.0));
    } else if (status.isValid() && status.toInt() > 0) {
        response = http::decodeResponse(
            status.toInt(), reply->readAll(),
            reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
    } else {
        response = failure(Failure::Network,
                           QStringLiteral("Cannot reach the Convex server: ") + reply->errorString());
    }
    qCDebug(lcHttp) << kindName(call->kind) << call->path << "answered, HTTP" << response.httpStatus;
    if (response.failure != Failure::None)
        qCDebug(lcHttp).noquote() << kindName(call->kind) << call->path << "failed:"
                                 << response.result.errorMessage();
    resolve(call, std::move(response));
    if (call->kind == FunctionKind::Mutation) {
        mutationInFlight = false;
        sendNextMutation();
    }
}

void HttpClient::Private::resolve(const std::shared_ptr<PendingCall> &call, Response response)
{
    std::erase(inFlight, call);
    call->reply = nullptr;
    call->promise.addResult(std::move(response));
    call->promise.finish();
}

void HttpClient::Private::sendNextMutation()
{
    if (mutationInFlight || mutationQueue.empty())
        return;
    auto next = mutationQueue.front();
    mutationQueue.pop_front();
    send(next);
}

HttpClient::HttpClient(const QUrl &deploymentUrl, QObject *parent)
    : HttpClient(deploymentUrl, nullptr, parent)
{
}

HttpClient::HttpClient(const QUrl &deploymentUrl, QNetworkAccessManager *network, QObject *parent)
    : QObject(parent), d(std::make_unique<Private>(this, deploymentUrl, network))
{
}

HttpClient::~HttpClient()
{
    const Response cancelled = failure(Failure::Cancelled,
                                       QStringLiteral("The HTTP client was closed before the call finished"));
    for (const auto &call : d->mutationQueue) {
        call->promise.addResult(cancelled);
        call->promise.finish();
    }
    d->mutationQueue.clear();
    const auto inFlight = d->inFlight;
    for (const auto &call : inFlight) {
        if (QNetworkReply *reply = call->reply) {
            QObject::disconnect(reply, nullptr, this, nullptr);
            reply->abort();
            reply->deleteLater();
        }
        d->resolve(call, cancelled);
    }
}

bool HttpClient::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    QString address = host;
    if (address.startsWith(u'[') && address.endsWith(u']'))
        address = address.mid(1, address.size() - 2);
    const QHostAddress ip(address);
    return !ip.isNull() && ip.isLoopback();
}

QString HttpClient::deploymentUrlError(const QUrl &url)
{
    if (url.isEmpty())
        return QStringLiteral("No deployment URL given");
    if (!url.isValid())
        return QStringLiteral("The deployment URL is not a valid URL: ") + url.errorString();
    if (url.host().isEmpty())
        return QStringLiteral("The deployment URL has no host");
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return QStringLiteral("The deployment URL must start with https://");
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return QStringLiteral("The deployment URL must use https:// (plain http:// is only allowed "
                              "for localhost)");
    if (url.hasQuery() || url.hasFragment())
        return QStringLiteral("The deployment URL must not have a query or fragment");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("The deployment URL must not contain a user name or password");
    return {};
}

QUrl HttpClient::deploymentUrl() const { return d->baseUrl; }
QString HttpClient::urlError() const { return d->urlError; }

void HttpClient::setAuthToken(const QString &token) { d->token = token; }
void HttpClient::clearAuthToken() { d->token.clear(); }
bool HttpClient::hasAuthToken() const { return !d->token.isEmpty(); }

void HttpClient::setTimeout(std::chrono::milliseconds timeout)
{
    d->timeout = timeout.count() > 0 ? timeout : std::chrono::milliseconds(1);
}

std::chrono::milliseconds HttpClient::timeout() const { return d->timeout; }

QFuture<HttpClient::Response> HttpClient::call(FunctionKind kind, const QString &path,
                                               const ValueObject &args, const QString &bearerToken)
{
    if (!d->urlError.isEmpty())
        return readyResponse(failure(Failure::InvalidRequest, d->urlError));
    if (path.isEmpty())
        return readyResponse(failure(Failure::InvalidRequest, QStringLiteral("No function path given")));
    Result<QByteArray> body = http::encodeRequestBody(path, args);
    if (!body.ok())
        return readyResponse(failure(Failure::InvalidRequest, body.error()));

    auto call = std::make_shared<PendingCall>();
    call->kind = kind;
    call->path = path;
    call->body = std::move(body).value();
    call->token = bearerToken.isEmpty() ? d->token : bearerToken;
    call->promise.start();
    QFuture<Response> future = call->promise.future();
    if (kind == FunctionKind::Mutation && (d->mutationInFlight || !d->mutationQueue.empty())) {
        d->mutationQueue.push_back(call);
    } else {
        d->send(call);
    }
    return future;
}

namespace {
QFuture<FunctionResult> resultOnly(QFuture<HttpClient::Response> response)
{
    // Without a context the continuation runs where the promise is fulfilled (this thread).
    return response.then([](const HttpClient::Response &r) { return r.result; });
}
} // namespace

QFuture<FunctionResult> HttpClient::query(const QString &path, const ValueObject &args,
                                          const QString &bearerToken)
{
    return resultOnly(call(FunctionKind::Query, path, args, bearerToken));
}

QFuture<FunctionResult> HttpClient::mutation(const QString &path, const ValueObject &args,
                                             const QString &bearerToken)
{
    return resultOnly(call(FunctionKind::Mutation, path, args, bearerToken));
}

QFuture<FunctionResult> HttpClient::action(const QString &path, const ValueObject &args,
                                           const QString &bearerToken)
{
    return resultOnly(call(FunctionKind::Action, path, args, bearerToken));
}

} // namespace convex
