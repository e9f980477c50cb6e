using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Http;

namespace HyprAuth.Core.Api;

/// <summary>
/// Sends one API request with a bearer token: renews the token and retries once when the API rejects it,
/// retries what is safe to retry, follows same-origin redirects only, and never lets the token leave the tenant.
/// </summary>
public sealed class ApiClient
{
    public const int MaximumRedirects = 5;

    private readonly HttpMessageInvoker? invoker;
    private readonly TimeProvider clock;

    /// <summary>Uses the process's shared HTTP client for each request's proxy settings.</summary>
    public ApiClient()
        : this(null)
    {
    }

    /// <param name="clock">Tests' simulated time. Internal: the cmdlets, built against the netstandard2.0 engine, must not
    /// bind TimeProvider, which is Microsoft.Bcl.TimeProvider's there and .NET's in the net8.0 engine PowerShell 7 loads.</param>
    internal ApiClient(HttpMessageInvoker? invoker, TimeProvider? clock = null)
    {
        this.invoker = invoker;
        this.clock = clock ?? TimeProvider.System;
    }

    public async Task<ApiResponse> SendAsync(ApiRequest request, ITokenProvider tokens, IHyprEvents events, CancellationToken cancellationToken)
    {
        EndpointPolicy.EnsureAllowed(request.Uri, "TenantUri");
        var accessToken = await tokens.GetAccessTokenAsync(events, cancellationToken).ConfigureAwait(false);
        var retries = new RetryWaiter(request.Transport.RetryPolicy, clock, events);
        var target = new Target(request.Method, request.Uri, request.Body);
        var renewal = Renewal.NotTried;
        string? withheld = null;
        var redirects = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var endpoint = EndpointPolicy.WithoutQuery(target.Uri);
            using var attempt = new TimedAttempt(target.Uri, request.Transport.Timeout, cancellationToken);
            using var message = BuildMessage(request, target, accessToken);

            // The body is read after the headers arrived, so a connection lost mid-body is a transport failure too.
            try
            {
                using var response = await attempt.SendAsync(invoker ?? HttpClientProvider.For(target.Uri, request.Transport.Proxy), message)
                    .ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (IsRedirect(status) && response.Headers.Location != null)
                {
                    target = FollowRedirect(target, status, response.Headers.Location, ++redirects, events);
                    continue;
                }

                if (response.IsSuccessStatusCode)
                {
                    return await ReadSuccessAsync(attempt, response, request, target).ConfigureAwait(false);
                }

                var errorBody = await attempt.ReadBodyAsync(response, ServerErrorParser.MaximumParsedBytes).ConfigureAwait(false);
                var error = ServerErrorParser.Parse(errorBody, response.Headers, [accessToken]);
                var retryAfter = RetryAfter.Read(response, clock.GetUtcNow());
                if (status == 401 && renewal == Renewal.NotTried && IsTokenRejection(error))
                {
                    events.Verbose($"{endpoint} rejected the access token (HTTP 401); renewing it and retrying once.");
                    string? renewedToken = null;
                    try
                    {
                        renewedToken = await tokens.RenewAsync(accessToken, events, cancellationToken).ConfigureAwait(false);
                    }
                    catch (HyprTokenUnavailableException unavailable)
                    {
                        // The API's own rejection is the error the caller needs to see; this only says why no retry followed.
                        events.Verbose(unavailable.Message);
                        withheld = unavailable.Message;
                    }

                    renewal = renewedToken == null ? Renewal.Impossible : Renewal.Done;
                    if (renewedToken != null)
                    {
                        accessToken = renewedToken;
                        continue;
                    }
                }

                if (RetryRules.ApiStatus(status, target.Method) && retries.CanRetryAfter(retryAfter))
                {
                    await retries.WaitAsync($"HTTP {status} from {endpoint}", retryAfter, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw new HyprProtocolException(status, endpoint, error, retryAfter.Delay, Diagnose(status, error, renewal, withheld),
                    headers: ResponseHeaders.Of(response), retryAt: retryAfter.From(clock.GetUtcNow()));
            }
            catch (HyprTransportException failure) when (RetryRules.ApiFailure(failure, target.Method) && retries.CanRetry)
            {
                await retries.WaitAsync(failure.Message.TrimEnd('.'), default, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static bool IsTokenRejection(ServerError error) =>
        string.Equals(error.WwwAuthenticateError, "invalid_token", StringComparison.OrdinalIgnoreCase)
        || string.Equals(error.OAuthError, "invalid_token", StringComparison.OrdinalIgnoreCase)
        || error.HyprErrorCode == HyprErrorCodes.TokenInvalidOrExpired;

    private static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    /// <param name="withheld">Why the token provider got no new token, when it can renew but did not.</param>
    private static string? Diagnose(int status, ServerError error, Renewal renewal, string? withheld) => (status, renewal) switch
    {
        (403, _) when string.IsNullOrEmpty(error.RequiredScope) => "the token's scopes or its rpAppId do not allow this call; check the " +
            "scopes granted to the client and the application (rpAppId) in the path.",
        (403, _) => $"the token lacks the scope '{error.RequiredScope}'; grant it to the client in the Control Center and get a new token.",
        (401, Renewal.Done) => "a freshly renewed token was rejected too; check the client's scopes and the application (rpAppId) in the path.",
        (401, Renewal.Impossible) => withheld ?? "the token was rejected and cannot be renewed here (it was given " +
            "as a fixed token or came from a fixed assertion); get a new token.",
        _ => null,
    };

    private static Target FollowRedirect(Target current, int status, Uri location, int redirectNumber, IHyprEvents events)
    {
        var from = EndpointPolicy.WithoutQuery(current.Uri);
        var next = location.IsAbsoluteUri ? location : new Uri(current.Uri, location);
        if (!EndpointPolicy.IsSameOrigin(current.Uri, next))
        {
            throw new HyprRedirectException(from, status, next, "the access token is sent to the tenant only, never to another origin.");
        }

        if (redirectNumber > MaximumRedirects)
        {
            throw new HyprRedirectException(from, status, next, $"more than {MaximumRedirects} redirects in a row.");
        }

        events.Verbose($"{from} redirected (HTTP {status}) to {EndpointPolicy.WithoutQuery(next)}.");

        // As browsers do: 303, and 301/302 after a POST, continue as a GET without body; 307/308 repeat the request.
        var becomesGet = status == 303 || ((status == 301 || status == 302) && current.Method == HttpMethod.Post);
        return becomesGet && current.Method != HttpMethod.Head
            ? new Target(HttpMethod.Get, next, null)
            : new Target(current.Method, next, current.Body);
    }

    /// <summary>
    /// Anything HttpClient refuses while the request is built (headers it will not format) is the caller's argument,
    /// refused before a byte is sent: never a System.* error, never retried. Its message may quote a value, so it is dropped.
    /// </summary>
    private static HttpRequestMessage BuildMessage(ApiRequest request, Target target, string accessToken)
    {
        try
        {
            var message = new HttpRequestMessage(target.Method, target.Uri);
            if (target.Body != null)
            {
                message.Content = new ByteArrayContent(target.Body);
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType ?? "application/json; charset=utf-8");
            }

            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
            var given = new HashSet<string>(request.Headers.Select(header => header.Key), StringComparer.OrdinalIgnoreCase);
            if (!given.Contains("Accept"))
            {
                message.Headers.TryAddWithoutValidation("Accept", "application/json");
            }

            if (!given.Contains("User-Agent"))
            {
                message.Headers.TryAddWithoutValidation("User-Agent", UserAgent.Value);
            }

            foreach (var header in request.Headers)
            {
                if (message.Headers.TryAddWithoutValidation(header.Key, header.Value))
                {
                    continue;
                }

                // Content headers (Content-Type, Content-Language...) belong to the body.
                if (message.Content == null)
                {
                    throw new HyprArgumentException("Headers", $"The {header.Key} header describes a body, and this request has none.");
                }

                message.Content.Headers.Remove(header.Key);
                message.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return message;
        }
        catch (Exception refused) when (refused is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new HyprArgumentException("Headers",
                $"The request to {EndpointPolicy.WithoutQuery(target.Uri)} could not be built " +
                $"({refused.GetType().Name}): check -Headers and -ContentType; nothing was sent.");
        }
    }

    private static async Task<ApiResponse> ReadSuccessAsync(TimedAttempt attempt, HttpResponseMessage response, ApiRequest request, Target target)
    {
        var body = target.Method == HttpMethod.Head
            ? null
            : await attempt.ReadBodyAsync(response, request.MaximumResponseBytes).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (body is { ExceededLimit: true })
        {
            throw new HyprInvalidResponseException(attempt.Endpoint, status, body.MediaType, body.Length,
                $"the body is larger than the {request.MaximumResponseBytes} bytes allowed.");
        }

        var contentType = response.Content?.Headers.ContentType;
        return new ApiResponse(status, ResponseHeaders.Of(response), contentType?.ToString(), body?.MediaType ?? contentType?.MediaType,
            body?.Text() ?? string.Empty, target.Uri);
    }

    private enum Renewal
    {
        NotTried,
        Done,
        Impossible,
    }

    /// <summary>Where the next attempt goes: redirects may change the URI, and the method with it.</summary>
    private record struct Target(HttpMethod Method, Uri Uri, byte[]? Body);
}
