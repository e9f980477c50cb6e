using System.Security;
using HyprAuth.Core.Cache;

namespace HyprAuth;

/// <summary>
/// An access token from HYPR's token endpoint. The value is a SecureString, so no view, Format-List *,
/// ConvertTo-Json or ToString() shows it; Invoke-RestMethod -Authentication Bearer -Token takes it as it is.
/// </summary>
public sealed class HyprAccessToken
{
    internal HyprAccessToken(CachedToken cached, TokenBinding binding)
    {
        var secure = new SecureString();
        foreach (char character in cached.Token.AccessToken)
        {
            secure.AppendChar(character);
        }

        secure.MakeReadOnly();
        TokenType = cached.Token.TokenType;
        AccessToken = secure;
        IssuedOn = cached.Token.IssuedAt;
        ExpiresOn = cached.Token.ExpiresAt;
        Scope = cached.Token.Scopes.ToArray();
        TenantUri = binding.TenantUri;
        ClientId = cached.Token.ClientId;
        FromCache = cached.FromCache;
        Binding = binding;
    }

    public string TokenType { get; }

    public SecureString AccessToken { get; }

    public DateTimeOffset IssuedOn { get; }

    /// <summary>When the server will stop accepting the token (UTC).</summary>
    public DateTimeOffset ExpiresOn { get; }

    /// <summary>How long the token has left, computed when read; zero once it has expired.</summary>
    public TimeSpan ExpiresIn => TimeSpan.FromTicks(Math.Max(0, (ExpiresOn - DateTimeOffset.UtcNow).Ticks));

    public string[] Scope { get; }

    public Uri TenantUri { get; }

    public string ClientId { get; }

    /// <summary>True when the session cache served the token without a new exchange.</summary>
    public bool FromCache { get; }

    /// <summary>How Invoke-HyprApi gets this client's current token (renewed through the cache); not public.</summary>
    internal TokenBinding Binding { get; }

    public override string ToString() => FormattableString.Invariant($"{TokenType} token for {ClientId} at {TenantUri}, expires {ExpiresOn:u}");
}
