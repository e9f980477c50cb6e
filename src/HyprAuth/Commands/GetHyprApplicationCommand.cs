using System.Net.Http;
using System.Text.Json;
using HyprAuth.Core.Api;
using HyprAuth.Core.Audit;

namespace HyprAuth.Commands;

/// <summary>The tenant's applications (rpAppIds) from Control Center's application list.</summary>
[Cmdlet(VerbsCommon.Get, "HyprApplication", DefaultParameterSetName = ConnectionSet)]
[OutputType(typeof(HyprApplication))]
public sealed class GetHyprApplicationCommand : HyprApiCmdlet
{
    protected override void ProcessRecord()
    {
        Uri tenant = ResolveTenant();
        TokenBinding binding = ResolveBinding();
        IReadOnlyList<JsonElement> applications;
        try
        {
            applications = RunEngine((events, cancellation) => AuditApi.ListApplicationsAsync(
                Api, Tokens(binding), tenant, uri => Configure(new ApiRequest(HttpMethod.Get, uri)), events, cancellation));
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            FailFor(exception, new Uri(tenant, AuditApi.ApplicationsPath));
            return;
        }

        WriteObject(applications.Select(AuditEventConverter.ToApplication), enumerateCollection: true);
    }
}
