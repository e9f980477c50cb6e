namespace HyprAuth.Internal;

/// <summary>
/// Connect-Hypr -EnvironmentVariable: the credential of an unattended job from HYPR_* variables, so the key is
/// not in the script's text. Errors name variables, never their values (one of them may be the key).
/// </summary>
internal static class EnvironmentCredential
{
    internal const string TenantUriVariable = "HYPR_TENANT_URI";
    internal const string ClientIdVariable = "HYPR_CLIENT_ID";
    internal const string ClientKeyVariable = "HYPR_CLIENT_KEY";
    internal const string KeyPathVariable = "HYPR_CLIENT_KEY_PATH";
    internal const string TokenCacheVariable = "HYPR_TOKEN_CACHE";

    internal static (string TenantUri, string ClientId, string? ClientKey, string? KeyPath, HyprTokenCacheLocation? TokenCache) Read()
    {
        string? tenant = Value(TenantUriVariable);
        string? clientId = Value(ClientIdVariable);
        string? key = Value(ClientKeyVariable);
        string? keyPath = Value(KeyPathVariable);
        string[] missing = new[]
        {
            tenant is null ? TenantUriVariable : null,
            clientId is null ? ClientIdVariable : null,
            key is null && keyPath is null ? ClientKeyVariable + " or " + KeyPathVariable : null,
        }.OfType<string>().ToArray();
        if (missing.Length > 0)
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

        return (tenant!, clientId!, key, keyPath, ReadTokenCache());
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
