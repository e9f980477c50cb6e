using System.Collections;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using HyprAuth.Completers;
using HyprAuth.Core;
using HyprAuth.Core.Api;
using HyprAuth.Core.Cache;
using HyprAuth.Core.Errors;
using HyprAuth.Core.Exchange;
using HyprAuth.Core.Http;
using HyprAuth.Core.Paging;

namespace HyprAuth.Commands;

/// <summary>
/// Calls the tenant's REST API with a bearer token from the session cache: JSON in and out, the token renewed when
/// it nears expiry and once more when the API rejects it, transient failures retried, paging followed with -All.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "HyprApi", DefaultParameterSetName = ConnectionSet, SupportsShouldProcess = true, ConfirmImpact =
    ConfirmImpact.Medium)]
[OutputType(typeof(PSObject), typeof(string))]
public sealed class InvokeHyprApiCommand : HyprApiCmdlet, ICredentialParameters
{
    private const string AccessTokenSet = "AccessToken";
    private const string ClientKeySet = "ClientKey";
    private const string KeyPathSet = "KeyPath";
    private const int PagingActivityId = 0x4860;

    /// <summary>Relative to the tenant, e.g. /rp/api/bulk/HYPRDefaultApplication/introspect.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("Uri")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ApiPathCompleter))]
    public string Path { get; set; } = string.Empty;

    [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    /// <summary>A hashtable or object (sent as JSON), a string (sent as it is) or bytes.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public object? Body { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ContentType { get; set; }

    /// <summary>Query parameters; names and values are percent-encoded. An array value repeats the name.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IDictionary? Query { get; set; }

    [Parameter]
    public IDictionary? Headers { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet, ValueFromPipeline = true)]
    public HyprAccessToken? AccessToken { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientKeySet)]
    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(TenantUriCompleter))]
    public string? TenantUri { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientKeySet)]
    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
    [Alias("sub")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ClientIdCompleter))]
    public string? ClientId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ClientKeySet)]
    [Alias("keybase64")]
    public object? ClientKey { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = KeyPathSet)]
    [ValidateNotNullOrEmpty]
    public string? KeyPath { get; set; }

    // Inline credentials take a key or a key file; a stored key connects through Get-HyprAccessToken -KeyName.
    string? ICredentialParameters.KeyName => null;

    [Parameter(ParameterSetName = ClientKeySet)]
    [Parameter(ParameterSetName = KeyPathSet)]
    [Alias("kid")]
    [ValidateNotNullOrEmpty]
    public string? KeyId { get; set; }

    [Parameter(ParameterSetName = ClientKeySet)]
    [Parameter(ParameterSetName = KeyPathSet)]
    [ValidateNotNullOrEmpty]
    public string Issuer { get; set; } = HyprDefaults.Issuer;

    [Parameter(ParameterSetName = ClientKeySet)]
    [Parameter(ParameterSetName = KeyPathSet)]
    [ValidateNotNullOrEmpty]
    public string Audience { get; set; } = HyprDefaults.Audience;

    [Parameter(ParameterSetName = ClientKeySet)]
    [Parameter(ParameterSetName = KeyPathSet)]
    [ValidateNotNullOrEmpty]
    public string? TokenEndpoint { get; set; }

    [Parameter(ParameterSetName = ClientKeySet)]
    [Parameter(ParameterSetName = KeyPathSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(GrantTypeCompleter))]
    public string GrantType { get; set; } = HyprDefaults.GrantType;

    /// <summary>
    /// CurrentUser also keeps the token on disk for the next process of this user (scheduled tasks). In every parameter
    /// set, so $PSDefaultParameterValues can switch it on for a session; it matters only where this call exchanges
    /// with a key (a token from a ready assertion is never written to disk).
    /// </summary>
    [Parameter]
    [Alias("Location")]
    public HyprTokenCacheLocation TokenCache { get; set; } = HyprTokenCacheLocation.Process;

    /// <summary>Follow the paging: every page's items go down the pipeline.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>With -All: HYPR's page numbers (metadata.totalPages, pageNumber), page tokens, or Auto (numbers when the first answer has
    /// metadata.totalPages).</summary>
    [Parameter]
    public HyprPagingMode Paging { get; set; } = HyprPagingMode.Auto;

    /// <summary>With -All: the response property that holds a page's items.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string PageItemsProperty { get; set; } = "data";

    /// <summary>With -All: the response property that holds the next page's token (null or absent on the last page).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string NextPageTokenProperty { get; set; } = "nextPageToken";

    /// <summary>With -All: the request body property (or, for GET, query parameter) that carries the page token.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string PageTokenParameter { get; set; } = "pageToken";

    /// <summary>Keep ISO 8601 date-time strings in the answer as strings (PowerShell 7's Invoke-RestMethod makes them DateTime).</summary>
    [Parameter]
    public SwitchParameter NoDateConversion { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StatusCodeVariable { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? ResponseHeadersVariable { get; set; }

    /// <summary>The parameters given on the command line, before any pipeline object was bound.</summary>
    private HashSet<string> commandLine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    protected override void BeginProcessing()
    {
        base.BeginProcessing();
        commandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
        if (commandLine.Contains(nameof(Paging)) && !All)
        {
            ThrowFor(new HyprArgumentException(nameof(Paging),
                "-Paging says how -All finds the next page; add -All, or leave -Paging out."), Paging);
        }
    }

    protected override void ProcessRecord()
    {
        if (PipedWithoutPath() is string piped)
        {
            WriteErrorFor(
                new HyprArgumentException(piped,
                    $"The piped object set -{piped}, but -Path came from the command line: -Method, -Body and -Query are taken " +
                    "from the pipeline only with -Path, so that a piped object cannot change what the call does. Nothing was sent."),
                Path);
            return;
        }

        string method = Method.ToUpperInvariant();
        Uri tenant = ResolveTenant();
        Uri uri;
        try
        {
            uri = ApiUri.Build(tenant, Path, QueryPairs(Query, null));
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            FailFor(exception, Path);
            return;
        }

        if (method is not ("GET" or "HEAD" or "OPTIONS") && !ShouldProcess(EndpointPolicy.WithoutQuery(uri).ToString(), method))
        {
            return;
        }

        TokenBinding connection = ResolveBinding();
        try
        {
            if (All)
            {
                SendPages(connection, method);
            }
            else
            {
                (byte[]? body, string? contentType) = RequestBody.Encode(Body);
                if (Read(Answered(() => Send(connection, BuildRequest(method, uri, body, contentType)), sent => sent)) is object result)
                {
                    WriteObject(result, enumerateCollection: result is object[]);
                }
            }
        }
        catch (Exception exception) when (ErrorRecordFactory.IsHyprError(exception))
        {
            FailFor(exception, EndpointPolicy.WithoutQuery(uri));
        }
    }

    private protected override HyprAccessToken? GivenToken => ParameterSetName == AccessTokenSet ? AccessToken : null;

    private protected override ICredentialParameters? InlineCredentials =>
        ParameterSetName == ClientKeySet || ParameterSetName == KeyPathSet ? this : null;

    // Pipeline-bound parameters are in BoundParameters for the current object only, and never in the command line's.
    private string? PipedWithoutPath() => commandLine.Contains(nameof(Path))
        ? new[] { nameof(Method), nameof(Body), nameof(Query) }.FirstOrDefault(name =>
            MyInvocation.BoundParameters.ContainsKey(name) && !commandLine.Contains(name))
        : null;

    // As Invoke-RestMethod does: the variables describe the answer, or the answer that failed, never a previous one.
    private T Answered<T>(Func<T> call, Func<T, ApiResponse?> responseOf)
    {
        T result;
        try
        {
            result = call();
        }
        catch (HyprProtocolException failed)
        {
            SetResponseVariables(failed.StatusCode, failed.Headers);
            throw;
        }

        if (responseOf(result) is ApiResponse response)
        {
            SetResponseVariables(response.StatusCode, response.Headers);
        }

        return result;
    }

    private ApiRequest BuildRequest(string method, Uri uri, byte[]? body, string? defaultContentType)
    {
        var request = new ApiRequest(new HttpMethod(method), uri)
        {
            Body = body,
            ContentType = body is null ? null : ContentType ?? defaultContentType,
        };
        if (Headers is not null)
        {
            foreach (DictionaryEntry header in Headers)
            {
                request.AddHeader(Convert.ToString(header.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
                    Text(header.Value));
            }
        }

        return Configure(request);
    }

    private void SetResponseVariables(int statusCode, IReadOnlyDictionary<string, string[]> responseHeaders)
    {
        if (StatusCodeVariable is not null)
        {
            SessionState.PSVariable.Set(StatusCodeVariable, statusCode);
        }

        if (ResponseHeadersVariable is not null)
        {
            SessionState.PSVariable.Set(ResponseHeadersVariable,
                new Hashtable(responseHeaders.ToDictionary(header => header.Key, header => header.Value), StringComparer.OrdinalIgnoreCase));
        }
    }

    /// <summary>-All: the engine's pager finds the pages; this writes their items and the progress.</summary>
    private void SendPages(TokenBinding connection, string method)
    {
        bool inQuery = method == "GET" || method == "HEAD";
        byte[]? queryBody = inQuery ? RequestBody.Encode(Body).Bytes : null;
        JsonObject? pageBody = inQuery ? null : RequestBody.ToJsonObject(Body);
        var options = new PagerOptions
        {
            Mode = Paging switch { HyprPagingMode.PageNumber => PagingMode.PageNumber, HyprPagingMode.Token => PagingMode.Token, _ =>
                PagingMode.Auto },
            ItemsProperty = PageItemsProperty,
            NextTokenProperty = NextPageTokenProperty,
            TokenParameter = PageTokenParameter,
        };
        var pager = new Pager(Api, Tokens(connection), options, page => BuildRequest(
            method,
            ApiUri.Build(connection.TenantUri, Path, QueryPairs(Query, inQuery ? page : null)),
            inQuery ? queryBody : RequestBody.WithPageParameter(pageBody!, page),
            RequestBody.Json));
        long items = 0;
        while (NextPage(pager) is ApiPage page)
        {
            using (page)
            {
                foreach (JsonElement item in page.Items)
                {
                    WriteObject(JsonToPSObject.Convert(item, !NoDateConversion));
                }

                items += page.Items.Count;
                long? total = page.TotalItems;
                WriteProgress(new ProgressRecord(PagingActivityId, "Invoke-HyprApi -All", total is null ? $"Page {page.Ordinal}: {items} items"
                    : $"Page {page.Ordinal}: {items} of {total} items")
                {
                    PercentComplete = total is > 0 ? (int)Math.Min(100, items * 100 / total.Value) : -1,
                });
            }
        }

        WriteProgress(new ProgressRecord(PagingActivityId, "Invoke-HyprApi -All", "Done") { RecordType = ProgressRecordType.Completed });
    }

    /// <summary>The API's answer as PowerShell objects; a body that claims to be JSON and is not is an error that says so.</summary>
    private object? Read(ApiResponse response)
    {
        if (response.Body.Length > 0 && response.IsJson)
        {
            using JsonDocument document = response.ParseJson();
            return JsonToPSObject.Convert(document.RootElement, !NoDateConversion);
        }

        return response.Body.Length > 0 ? response.Body : null;
    }

    private ApiPage? NextPage(Pager pager) =>
        Answered(() => RunEngine((events, cancellation) => pager.NextAsync(events, cancellation)), page => page?.Response);

    private static IEnumerable<KeyValuePair<string, string?>> QueryPairs(IDictionary? query, PageParameter? page)
    {
        if (query is not null)
        {
            foreach (DictionaryEntry entry in query)
            {
                string name = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                object? value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
                foreach (object? item in value is IEnumerable values && value is not string ? values : new[] { value })
                {
                    yield return new(name, Text(item));
                }
            }
        }

        if (page is not null)
        {
            yield return new(page.Name, page.Value);
        }
    }

    private static string Text(object? value) => LanguagePrimitives.ConvertTo<string>(value is PSObject wrapped ? wrapped.BaseObject : value)
        ?? string.Empty;
}
