using System;
using System.Collections.Generic;
using HyprAuth.Errors;

namespace HyprAuth.Internal;

/// <summary>
/// Connect-Hypr -EnvironmentVariable: the credential of an unattended job from HYPR_* variables, so the key is
/// not in the script's text. Errors name variables, never their values (one of them may be the key).
/// </summary>
internal sealed class EnvironmentCredential
{
    internal const string TenantUriVariable = "HYPR_TENANT_URI";
    internal const string ClientIdVariable = "HYPR_CLIENT_ID";
    internal const string ClientKeyVariable = "HYPR_CLIENT_KEY";
    internal const string KeyPathVariable = "HYPR_CLIENT_KEY_PATH";
    internal const string TokenCacheVariable = "HYPR_TOKEN_CACHE";

    private EnvironmentCredential(string tenantUri, string clientId, string? clientKey, string? keyPath, HyprTokenCacheLocation? tokenCache)
    {
        TenantUri = tenantUri;
        ClientId = clientId;
        ClientKey = clientKey;
        KeyPath = keyPath;
        TokenCache = tokenCache;
    }

    internal string TenantUri { get; }

    internal string ClientId { get; }

    internal string? ClientKey { get; }

    internal string? KeyPath { get; }

    internal HyprTokenCacheLocation? TokenCache { get; }

    internal static EnvironmentCredential Read()
    {
        string? tenant = Value(TenantUriVariable);
        string? clientId = Value(ClientIdVariable);
        string? key = Value(ClientKeyVariable);
        string? keyPath = Value(KeyPathVariable);
        var missing = new List<string>();
        if (tenant is null)
        {
            missing.Add(TenantUriVariable);
        }

        if (clientId is null)
        {
            missing.Add(ClientIdVariable);
        }

        if (key is null && keyPath is null)
        {
            missing.Add(ClientKeyVariable + " or " + KeyPathVariable);
        }

        if (missing.Count > 0)
        {
            throw new HyprException(
                "Connect-Hypr -EnvironmentVariable needs these environment variables, which are not set or empty: "
                    + string.Join(", ", missing) + ".",
                ErrorIds.EnvironmentVariableMissing);
        }

        if (key is not null && keyPath is not null)
        {
            throw new HyprException(
                $"Both {ClientKeyVariable} and {KeyPathVariable} are set; set only one, so it is clear which key the job uses.",
                ErrorIds.EnvironmentVariableInvalid);
        }

        return new EnvironmentCredential(tenant!, clientId!, key, keyPath, ReadTokenCache());
    }

    private static HyprTokenCacheLocation? ReadTokenCache()
    {
        string? text = Value(TokenCacheVariable);
        if (text is null)
        {
            return null;
        }

        if (Enum.TryParse(text, true, out HyprTokenCacheLocation location) && Enum.IsDefined(typeof(HyprTokenCacheLocation), location))
        {
            return location;
        }

        throw new HyprException(
            $"{TokenCacheVariable} is '{text}'; it takes Process or CurrentUser.",
            ErrorIds.EnvironmentVariableInvalid);
    }

    private static string? Value(string name)
    {
        string? value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
    }
}
