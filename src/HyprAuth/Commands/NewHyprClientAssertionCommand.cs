using HyprAuth.Completers;
using HyprAuth.Core;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Errors;
using HyprAuth.Core.IO;
using HyprAuth.Core.Keys;

namespace HyprAuth.Commands;

/// <summary>
/// Signs an ES256 client assertion with the client's key: what HYPR's JWTCreator.java does, with its option names as aliases.
/// </summary>
[Cmdlet(VerbsCommon.New, "HyprClientAssertion", DefaultParameterSetName = ClientKeySet, SupportsShouldProcess = true)]
[OutputType(typeof(HyprClientAssertion))]
public sealed class NewHyprClientAssertionCommand : HyprCmdlet
{
    private const string ClientKeySet = "ClientKey";
    private const string KeyPathSet = "KeyPath";
    private const string KeyNameSet = "KeyName";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("sub")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string ClientId { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = ClientKeySet, ValueFromPipelineByPropertyName = true)]
    [Alias("keybase64")]
    public object? ClientKey { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    /// <summary>A client key in Windows key storage, stored with Import-HyprClientKey (Windows only).</summary>
    [Parameter(Mandatory = true, ParameterSetName = KeyNameSet, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? KeyName { get; set; }

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("kid")]
    [ValidateNotNullOrEmpty]
    public string? KeyId { get; set; }

    [Parameter]
    public TimeSpan? Lifetime { get; set; }

    [Parameter]
    [Alias("exp")]
    public object? ExpiresAt { get; set; }

    [Parameter]
    [Alias("iss")]
    [ValidateNotNullOrEmpty]
    public string Issuer { get; set; } = HyprDefaults.Issuer;

    [Parameter]
    [Alias("aud")]
    [ValidateNotNullOrEmpty]
    public string Audience { get; set; } = HyprDefaults.Audience;

    [Parameter]
    [Alias("out")]
    [ValidateNotNullOrEmpty]
    public string? OutFile { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        ClientAssertion assertion;
        try
        {
            var request = new ClientAssertionRequest
            {
                ClientId = ClientId,
                KeyId = KeyId,
                Issuer = Issuer,
                Audience = Audience,
                Lifetime = Lifetime,
                ExpiresAt = ExpiryConverter.Convert(ExpiresAt),
            };
            string? keyPath = KeyPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(KeyPath);
            using HyprSigningKey key = KeyMaterial.Import(ClientKey, keyPath, this, KeyName);
            assertion = ClientAssertionFactory.Create(key, request, DateTimeOffset.UtcNow);
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            // Pipeline input: one bad item is reported and the rest go on.
            WriteErrorFor(exception, ClientId);
            return;
        }

        TimeSpan lifetime = assertion.ExpiresAt - assertion.IssuedAt;
        if (lifetime > HyprDefaults.LongAssertionLifetime)
        {
            WriteWarning($"The assertion is valid for {lifetime.TotalMinutes:0} minutes. " +
                "HYPR recommends short-lived assertions (typically 5-10 minutes).");
        }

        WriteVerbose($"Signed an ES256 client assertion for {assertion.ClientId} (kid " +
            $"{assertion.KeyId}, jti {assertion.JwtId}), valid until {assertion.ExpiresAt:u}.");
        string? path = OutFile is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile);
        if (path is not null && ShouldProcess(path, "Write client assertion"))
        {
            try
            {
                OwnerOnlyFile.WriteAllText(path, assertion.Jwt);
            }
            catch (Exception exception) when (exception is System.IO.IOException || exception is UnauthorizedAccessException)
            {
                WriteErrorFor(new HyprException("Could not write the assertion to '" + path + "': " + exception.Message,
                    ErrorIds.OutFileWriteFailed), path);
                return;
            }
        }

        if (path is null || PassThru)
        {
            WriteObject(new HyprClientAssertion(assertion));
        }
    }
}
