namespace HyprAuth.Core.Errors;

/// <summary>
/// One application of the tenant's list whose audit trail this client may not read (a scope or rpAppId refusal):
/// the export goes on with the other applications, so this is one failed item, not the end of the run.
/// </summary>
public sealed class HyprApplicationRefusedException : HyprAuthException
{
    public HyprApplicationRefusedException(string application, HyprProtocolException refusal)
        : base($"The client may not read the audit events of application '{application}'; the export went on with the other applications.",
            refusal)
    {
        Application = application;
    }

    public string Application { get; }

    public HyprProtocolException Refusal => (HyprProtocolException)InnerException!;
}
