namespace HyprAuth.Core.Assertions;

/// <summary>The checks of <see cref="ClientAssertionInspector"/>, in the order it reports them.</summary>
public static class AssertionCheckNames
{
    public const string Format = "Format";
    public const string Algorithm = "Algorithm";
    public const string Type = "Type";
    public const string KeyId = "KeyId";
    public const string Issuer = "Issuer";
    public const string Audience = "Audience";
    public const string Subject = "Subject";
    public const string JwtId = "JwtId";
    public const string Expiry = "Expiry";
    public const string NotBefore = "NotBefore";
    public const string IssuedAt = "IssuedAt";
    public const string Lifetime = "Lifetime";
    public const string Signature = "Signature";
    public const string KeyIdMatchesKey = "KeyIdMatchesKey";
}
