using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Http;

/// <summary>
/// One HTTP request and the reading of its body, bounded by a timeout of its own (a linked token, so
/// callers with different timeouts share one HttpClient). Turns transport failures into engine exceptions.
/// </summary>
internal sealed class TimedAttempt : IDisposable
{
    private readonly CancellationTokenSource timeoutSource;
    private readonly CancellationTokenSource linkedSource;
    private readonly CancellationToken callerToken;
    private readonly TimeSpan timeout;

    public TimedAttempt(Uri endpoint, TimeSpan timeout, CancellationToken callerToken)
    {
        Endpoint = EndpointPolicy.WithoutQuery(endpoint);
        this.timeout = timeout;
        this.callerToken = callerToken;
        timeoutSource = new CancellationTokenSource();
        linkedSource = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeoutSource.Token);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            timeoutSource.CancelAfter(timeout);
        }
    }

    public Uri Endpoint { get; }

    /// <summary>
    /// Returns once the headers are in: the body is left to <see cref="ReadBodyAsync"/>, which caps it. (HttpClient
    /// would otherwise buffer the whole body first, however large; a bare invoker never buffers.) The caller
    /// disposes the response; this attempt's timeout goes on covering the body until the attempt is disposed.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMessageInvoker invoker, HttpRequestMessage request)
    {
        try
        {
            return invoker is HttpClient client
                ? await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linkedSource.Token).ConfigureAwait(false)
                : await invoker.SendAsync(request, linkedSource.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (Translate(exception) is Exception translated)
        {
            throw translated;
        }
    }

    /// <summary>Reads at most <paramref name="maximumBytes"/>; the rest is left unread and reported through ExceededLimit.</summary>
    public async Task<ResponseBody> ReadBodyAsync(HttpResponseMessage response, int maximumBytes)
    {
        var headers = response.Content?.Headers;
        var mediaType = headers?.ContentType?.MediaType;
        var charSet = headers?.ContentType?.CharSet;
        if (response.Content == null)
        {
            return new ResponseBody(Array.Empty<byte>(), 0, false, mediaType, charSet);
        }

        var announced = headers!.ContentLength;
        if (announced > maximumBytes)
        {
            return new ResponseBody(Array.Empty<byte>(), announced.Value, true, mediaType, charSet);
        }

        try
        {
            // Some stream implementations (.NET Framework) ignore the token in ReadAsync; disposing the response aborts them.
            using (linkedSource.Token.Register(response.Dispose))
            using (var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false))
            {
                var buffer = new MemoryStream();
                var chunk = new byte[16384];
                while (true)
                {
                    var wanted = (int)Math.Min(chunk.Length, maximumBytes + 1L - buffer.Length);
                    var read = await stream.ReadAsync(chunk, 0, wanted, linkedSource.Token).ConfigureAwait(false);
                    if (read == 0)
                    {
                        return new ResponseBody(buffer.ToArray(), buffer.Length, false, mediaType, charSet);
                    }

                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > maximumBytes)
                    {
                        return new ResponseBody(buffer.ToArray(), buffer.Length, true, mediaType, charSet);
                    }
                }
            }
        }
        catch (Exception exception) when (Translate(exception) is Exception translated)
        {
            throw translated;
        }
    }

    public void Dispose()
    {
        linkedSource.Dispose();
        timeoutSource.Dispose();
    }

    private Exception? Translate(Exception exception)
    {
        if (callerToken.IsCancellationRequested)
        {
            return new OperationCanceledException(callerToken);
        }

        if (timeoutSource.IsCancellationRequested)
        {
            return new HyprTimeoutException(Endpoint, timeout);
        }

        if (FindTlsFailure(exception) is AuthenticationException tls)
        {
            return new HyprTlsException(
                Endpoint,
                $"The TLS certificate of {Endpoint.Host} was not trusted, so nothing was sent: " +
                    $"{Diagnostics.SecretRedactor.Redact(tls.Message).TrimEnd('.')}. Check the address (the certificate must be for " +
                    $"{Endpoint.Host}), and that this computer trusts the authority that issued it; HyprAuth never skips certificate validation.",
                tls);
        }

        switch (exception)
        {
            case HttpRequestException _ when IsUnknownHost(exception):
                return new HyprTransportException(
                    Endpoint,
                    $"The host name {Endpoint.Host} could not be resolved (DNS: {Describe(exception)}); check the tenant address.",
                    exception,
                    retryable: false);
            case HttpRequestException _:
            case IOException _:
                return new HyprTransportException(Endpoint, $"The connection to {Endpoint.Authority} failed: {Describe(exception)}", exception);
            case ObjectDisposedException _:
                return new HyprTransportException(Endpoint, $"The connection to {Endpoint.Authority} was closed while the response was read.");
            default:
                return null;
        }
    }

    /// <summary>The name does not exist (not a DNS server that failed for now, which TryAgain reports).</summary>
    private static bool IsUnknownHost(Exception exception) =>
        FindInChain<SocketException>(exception, socket => socket.SocketErrorCode == SocketError.HostNotFound
            || socket.SocketErrorCode == SocketError.NoData) != null;

    // .NET reports a refused certificate as an AuthenticationException inside the HttpRequestException.
    private static AuthenticationException? FindTlsFailure(Exception exception) => FindInChain<AuthenticationException>(exception, _ => true);

    /// <summary>The first exception of type <typeparamref name="T"/> that matches, in this one or its inner ones.</summary>
    private static T? FindInChain<T>(Exception exception, Func<T, bool> match)
        where T : Exception
    {
        for (var current = exception; current != null; current = current.InnerException)
        {
            if (current is T found && match(found))
            {
                return found;
            }
        }

        return null;
    }

    // The innermost message names the actual cause (connection refused, reset, TLS); none holds a secret.
    private static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException != null)
        {
            innermost = innermost.InnerException;
        }

        var message = Diagnostics.SecretRedactor.Redact(innermost.Message);
        return string.IsNullOrEmpty(message) ? innermost.GetType().Name : message;
    }
}
