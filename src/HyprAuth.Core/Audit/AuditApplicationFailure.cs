using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Audit;

/// <summary>An application whose export the server refused (403, 404) while the run went on with the others.</summary>
public sealed class AuditApplicationFailure
{
    internal AuditApplicationFailure(string application, HyprProtocolException error, string position, bool isOneFailedItem)
    {
        Application = application;
        Error = error;
        Position = position;
        IsOneFailedItem = isOneFailedItem;
    }

    public string Application { get; }

    public HyprProtocolException Error { get; }

    /// <summary>How far that application's export got, and how the next run goes on from there.</summary>
    public string Position { get; }

    /// <summary>
    /// True for an application of the tenant's list that this client may not read: one failed item, not a failure of
    /// the run. False for an application the caller named, or one the server does not know: the run fails, naming it.
    /// </summary>
    public bool IsOneFailedItem { get; }
}
