namespace HyprAuth.Core.Assertions;

public enum AssertionCheckOutcome
{
    Passed,
    Failed,

    /// <summary>Not checked: what it needs is missing (no key given, unreadable claims...).</summary>
    Skipped,

    /// <summary>Information that does not make the assertion valid or invalid.</summary>
    Note,
}
