using HyprAuth.Core.Assertions;

namespace HyprAuth;

/// <summary>One local check of a client assertion, as HYPR's server would make it (Test-HyprClientAssertion).</summary>
public sealed class HyprAssertionCheck
{
    internal HyprAssertionCheck(AssertionCheck check)
    {
        Check = check.Name;
        Outcome = (HyprAssertionCheckOutcome)Enum.Parse(typeof(HyprAssertionCheckOutcome), check.Outcome.ToString());
        Detail = check.Detail;
    }

    public string Check { get; }

    /// <summary>Passed, Failed, Skipped (e.g. the signature with no key given) or Note (informational).</summary>
    public HyprAssertionCheckOutcome Outcome { get; }

    /// <summary>False only for a failed check: a skipped check or a note does not make an assertion invalid.</summary>
    public bool Passed => Outcome != HyprAssertionCheckOutcome.Failed;

    public string Detail { get; }

    public override string ToString() => Outcome + ": " + Check + " (" + Detail + ")";
}
