using System;
using System.Linq;
using HyprAuth.Core.Assertions;
using HyprAuth.Core.Diagnostics;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Keys;

namespace HyprAuth.Core.Exchange;

/// <summary>
/// HYPR answers every assertion problem with the same opaque 1201047. Running the local checks on the
/// assertion that was sent usually names the actual cause.
/// </summary>
internal static class AssertionDiagnosis
{
    public static HyprProtocolException Attach(HyprProtocolException exception, string sentAssertion, TokenRequest request,
        DateTimeOffset serverNow)
    {
        // At HYPR's endpoint, HYPR's required iss and aud are the yardstick, not whatever the caller overrode them with.
        var isHypr = request.TokenEndpoint.AbsolutePath.EndsWith(HyprDefaults.TokenEndpointPath, StringComparison.OrdinalIgnoreCase);
        var expectations = new AssertionExpectations
        {
            ClientId = request.ClientId,
            Issuer = isHypr ? HyprDefaults.Issuer : request.Issuer,
            Audience = isHypr ? HyprDefaults.Audience : request.Audience,
        };

        using var verificationKey = request.SigningKey == null ? null : HyprVerificationKey.FromSigningKey(request.SigningKey);
        var inspection = ClientAssertionInspector.Inspect(sentAssertion, verificationKey, expectations, serverNow);
        var failed = inspection.Checks.Where(check => !check.Passed).Select(check => $"{check.Name}: {check.Detail}").ToList();
        var diagnosis = failed.Count > 0
            ? "the assertion fails these local checks: " + string.Join("; ", failed) + "."
            : request.SigningKey != null
                ? "the assertion passes every local check, so the server probably does not hold this key for this " +
                    "client: check that the Client Id and Client key were created together and that the client still exists."
                : "the assertion passes the local checks that need no key; its signature could not be checked here. It may have been " +
                    "used already (each assertion is accepted once), or signed with a key the server does not hold for this client.";
        return exception.WithDiagnosis(SecretRedactor.Redact(diagnosis, new[] { sentAssertion }, maximumLength: 2000));
    }
}
