namespace HyprAuth;

public enum HyprAssertionCheckOutcome
{
    Passed,
    Failed,
    Skipped,
    Note,
}
