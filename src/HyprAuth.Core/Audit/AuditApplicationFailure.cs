using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Audit;

/// <summary>An application whose export the server refused (403, 404) while the run went on with the others.</summary>
/// <param name="position">How far that application's export got, and how the next run goes on from there.</param>
/// <param name="isOneFailedItem">
/// True for an application of the tenant's list that this client may not read: one failed item, not a failure of
/// the run. False for an application the caller named, or one the server does not know: the run fails, naming it.
/// </param>
public sealed class AuditApplicationFailure(string application, HyprProtocolException error, string position, bool isOneFailedItem)
{
    public string Application { get; } = application;

    public HyprProtocolException Error { get; } = error;

    public string Position { get; } = position;

    public bool IsOneFailedItem { get; } = isOneFailedItem;
}
