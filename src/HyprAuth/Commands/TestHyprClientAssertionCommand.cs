using HyprAuth.Core;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys;

namespace HyprAuth.Commands;

/// <summary>
/// Checks a client assertion locally, the way HYPR's token endpoint will, and reports each check: so a user can
/// tell which of 1201047's causes applies before (or after) calling the server.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "HyprClientAssertion", DefaultParameterSetName = NoKeySet)]
[OutputType(typeof(HyprAssertionCheck))]
[OutputType(typeof(bool))]
public sealed class TestHyprClientAssertionCommand : HyprCmdlet
{
    private const string NoKeySet = "NoKey";
    private const string ClientKeySet = "ClientKey";
    private const string KeyPathSet = "KeyPath";
    private const string PublicKeySet = "PublicKey";

    /// <summary>A compact JWT, or the HyprClientAssertion New-HyprClientAssertion returned.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Assertion")]
    public object? Jwt { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientKeySet)]
    [Alias("keybase64")]
    public object? ClientKey { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    /// <summary>The client's public key: a JWK, PEM PUBLIC KEY or base64 SubjectPublicKeyInfo.</summary>
    [Parameter(Mandatory = true, ParameterSetName = PublicKeySet)]
    [ValidateNotNullOrEmpty]
    public string? PublicKey { get; set; }

    /// <summary>The Client Id the assertion's sub must name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? ClientId { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Issuer { get; set; } = HyprDefaults.Issuer;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Audience { get; set; } = HyprDefaults.Audience;

    [Parameter]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    [Parameter]
    public TimeSpan MaximumLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Return only $true or $false.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    private HyprVerificationKey? key;

    protected override void BeginProcessing()
    {
        try
        {
            this.key = ParameterSetName switch
            {
                ClientKeySet => FromSigningKey(KeyMaterial.Import(ClientKey, null, this)),
                KeyPathSet => FromSigningKey(KeyMaterial.Import(null, SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyPath), this)),
                PublicKeySet => ImportPublicKey(PublicKey!),
                _ => null,
            };
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            ThrowFor(exception, ParameterSetName);
        }
    }

    protected override void ProcessRecord()
    {
        // A HyprClientAssertion's ToString() is its JWT.
        string jwt = (Jwt is PSObject wrapped ? wrapped.BaseObject : Jwt)?.ToString() ?? string.Empty;
        try
        {
            AssertionInspection inspection = ClientAssertionInspector.Inspect(jwt, this.key, new AssertionExpectations
            {
                Issuer = Issuer,
                Audience = Audience,
                ClientId = ClientId,
                ClockSkew = ClockSkew,
                MaximumLifetime = MaximumLifetime,
            }, DateTimeOffset.UtcNow);
            if (Quiet)
            {
                WriteObject(inspection.IsValid);
                return;
            }

            WriteObject(inspection.Checks.Select(check => new HyprAssertionCheck(check)), enumerateCollection: true);
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            // -ClockSkew or -MaximumLifetime out of range: the invocation is wrong, not the assertion.
            ThrowFor(exception, null);
        }
    }

    protected override void EndProcessing() => this.key?.Dispose();

    private static HyprVerificationKey ImportPublicKey(string publicKey)
    {
        try
        {
            return HyprVerificationKey.Import(publicKey);
        }
        catch (HyprKeyException refused)
        {
            // The engine's words are about client keys; say what -PublicKey takes instead. Never echo the input.
            throw new HyprException(
                "-PublicKey is not a usable EC P-256 public key (" + refused.Reason + "). Give the client's public key as a JWK, " +
                "a PEM 'PUBLIC KEY' block or base64 SubjectPublicKeyInfo, or use -ClientKey or -KeyPath with the private key.",
                ErrorIds.PublicKeyInvalid);
        }
    }

    private static HyprVerificationKey FromSigningKey(HyprSigningKey signingKey)
    {
        using (signingKey)
        {
            return HyprVerificationKey.FromSigningKey(signingKey);
        }
    }
}
