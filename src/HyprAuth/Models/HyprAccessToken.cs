using System;
using System.Security;
using HyprAuth.Internal;

namespace HyprAuth;

/// <summary>
/// An access token from HYPR's token endpoint. The value is a SecureString, so no view, Format-List *,
/// ConvertTo-Json or ToString() shows it; Invoke-RestMethod -Authentication Bearer -Token takes it as it is.
/// </summary>
public sealed class HyprAccessToken
{
    internal HyprAccessToken(
        string tokenType,
        SecureString accessToken,
        DateTimeOffset issuedOn,
        DateTimeOffset expiresOn,
        string[] scope,
        Uri tenantUri,
        string clientId,
        bool fromCache,
        TokenBinding binding)
    {
        TokenType = tokenType;
        AccessToken = accessToken;
        IssuedOn = issuedOn;
        ExpiresOn = expiresOn;
        Scope = scope;
        TenantUri = tenantUri;
        ClientId = clientId;
        FromCache = fromCache;
        Binding = binding;
    }

    public string TokenType { get; }

    public SecureString AccessToken { get; }

    public DateTimeOffset IssuedOn { get; }

    /// <summary>When the server will stop accepting the token (UTC).</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>How long the token has left, computed when read; zero once it has expired.</summary>
    public TimeSpan ExpiresIn
    {
        get
        {
            TimeSpan left = ExpiresOn - DateTimeOffset.UtcNow;
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public string[] Scope { get; }

    public Uri TenantUri { get; }

    public string ClientId { get; }

    /// <summary>True when the session cache served the token without a new exchange.</summary>
    public bool FromCache { get; }

    /// <summary>How Invoke-HyprApi gets this client's current token (renewed through the cache); not public.</summary>
    internal TokenBinding Binding { get; }

    public override string ToString() =>
        string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0} token for {1} at {2}, expires {3:u}", TokenType, ClientId,
            TenantUri, ExpiresOn);
}
