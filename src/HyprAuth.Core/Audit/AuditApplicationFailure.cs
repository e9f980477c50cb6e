using HyprAuth.Core.Errors;

namespace HyprAuth.Core.Audit;

/// <summary>An application whose export the server refused (403, 404) while the run went on with the others.</summary>
public sealed class AuditApplicationFailure
{
    internal AuditApplicationFailure(string application, HyprProtocolException error, string position)
    {
        Application = application;
        Error = error;
        Position = position;
    }

    public string Application { get; }

    public HyprProtocolException Error { get; }

    /// <summary>How far that application's export got, and how the next run goes on from there.</summary>
    public string Position { get; }
}
