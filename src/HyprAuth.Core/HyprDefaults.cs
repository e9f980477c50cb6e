using System;

namespace HyprAuth.Core;

/// <summary>HYPR's documented values, in one place (see HYPR's "Obtaining an OAuth Access Token").</summary>
public static class HyprDefaults
{
    /// <summary>HYPR requires iss and aud to be exactly this.</summary>
    public const string Issuer = "https://hypr.com";

    public const string Audience = "https://hypr.com";

    public const string TokenEndpointPath = "/rp/token/endpoint/exchange/clientcredentials";

    /// <summary>HYPR documents authorization_code here, not the client_credentials of RFC 6749.</summary>
    public const string GrantType = "authorization_code";

    public const string ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /// <summary>HYPR recommends 5 to 10 minutes for a client assertion.</summary>
    public static readonly TimeSpan AssertionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Beyond this an assertion lifetime earns a warning citing HYPR's advice.</summary>
    public static readonly TimeSpan LongAssertionLifetime = TimeSpan.FromHours(1);
}
