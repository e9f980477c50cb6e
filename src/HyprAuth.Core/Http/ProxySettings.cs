using System;
using System.Net;
using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Http;

/// <summary>How to reach the network: the system proxy (default) or an explicit one, with or without credentials.</summary>
public sealed class ProxySettings(Uri? proxy = null, NetworkCredential? credential = null, bool useDefaultCredentials = false)
    : IEquatable<ProxySettings>
{
    public static readonly ProxySettings System = new();

    /// <summary>No proxy at all, whatever the system says: for loopback targets, which never leave the machine.</summary>
    public static readonly ProxySettings Direct = new(direct: true);

    private ProxySettings(bool direct)
        : this() => IsDirect = direct;

    /// <summary>True for <see cref="Direct"/>: no proxy, not even the system's.</summary>
    public bool IsDirect { get; }

    /// <summary>Null means the system proxy (or none, when <see cref="IsDirect"/>).</summary>
    public Uri? Proxy { get; } = proxy is { IsAbsoluteUri: false }
        ? throw new HyprArgumentException("Proxy", "The proxy must be an absolute URI such as http://proxy.contoso.com:8080.")
        : proxy;

    public NetworkCredential? Credential { get; } = credential != null && useDefaultCredentials
        ? throw new HyprArgumentException("ProxyCredential", "Give a proxy credential or ask for the default credentials, not both.")
        : credential;

    public bool UseDefaultCredentials { get; } = useDefaultCredentials;

    public bool Equals(ProxySettings? other) =>
        other != null
        && Equals(Proxy, other.Proxy)
        && UseDefaultCredentials == other.UseDefaultCredentials
        && IsDirect == other.IsDirect
        && SameCredential(Credential, other.Credential);

    public override bool Equals(object? obj) => Equals(obj as ProxySettings);

    public override int GetHashCode() =>
        ((Proxy?.GetHashCode() ?? 0) * 397) ^ (Credential?.UserName?.GetHashCode() ?? 0) ^ (UseDefaultCredentials ? 1 : 0) ^ (IsDirect ? 2 : 0);

    /// <summary>Names the proxy and the user, never the password.</summary>
    public override string ToString()
    {
        var proxy = Proxy == null ? "system proxy" : "proxy " + Proxy.GetLeftPart(UriPartial.Authority);
        return IsDirect ? "no proxy"
            : Credential != null ? proxy + " as " + Credential.UserName
            : UseDefaultCredentials ? proxy + " with default credentials"
            : proxy;
    }

    private static bool SameCredential(NetworkCredential? a, NetworkCredential? b) =>
        ReferenceEquals(a, b)
        || (a != null && b != null
            && string.Equals(a.UserName, b.UserName, StringComparison.Ordinal)
            && string.Equals(a.Domain, b.Domain, StringComparison.Ordinal)
            && string.Equals(a.Password, b.Password, StringComparison.Ordinal));
}
