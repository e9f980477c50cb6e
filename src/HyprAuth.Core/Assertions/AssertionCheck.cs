namespace HyprAuth.Core.Assertions;

/// <summary>One check of <see cref="ClientAssertionInspector"/>. Details name claims and times, never the JWT or its signature.</summary>
public sealed class AssertionCheck
{
    internal AssertionCheck(string name, AssertionCheckOutcome outcome, string detail)
    {
        Name = name;
        Outcome = outcome;
        Detail = detail;
    }

    /// <summary>One of <see cref="AssertionCheckNames"/>.</summary>
    public string Name { get; }

    public AssertionCheckOutcome Outcome { get; }

    /// <summary>True unless the check failed: skipped checks and notes do not make an assertion invalid.</summary>
    public bool Passed => Outcome != AssertionCheckOutcome.Failed;

    public string Detail { get; }

    public override string ToString() => $"{Name}: {Outcome} ({Detail})";
}
