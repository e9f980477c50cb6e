using System.Collections.Generic;
using System.Linq;

namespace HyprAuth.Core.Assertions;

/// <summary>The result of <see cref="ClientAssertionInspector.Inspect"/>: every check, and the header and claims when readable.</summary>
public sealed class AssertionInspection
{
    internal AssertionInspection(
        IReadOnlyList<AssertionCheck> checks,
        IReadOnlyDictionary<string, object?>? header,
        IReadOnlyDictionary<string, object?>? claims)
    {
        Checks = checks;
        Header = header;
        Claims = claims;
        IsValid = checks.All(check => check.Passed);
    }

    public IReadOnlyList<AssertionCheck> Checks { get; }

    /// <summary>No check failed. A skipped signature check (no key given) does not count against it.</summary>
    public bool IsValid { get; }

    /// <summary>The JWS header in written order (values: string, long, double, bool, null, object?[], nested objects); null when
    /// unreadable.</summary>
    public IReadOnlyDictionary<string, object?>? Header { get; }

    public IReadOnlyDictionary<string, object?>? Claims { get; }

    public override string ToString() =>
        IsValid
            ? $"AssertionInspection valid ({Checks.Count} checks)"
            : "AssertionInspection invalid: " + string.Join(", ", Checks.Where(check => !check.Passed).Select(check => check.Name));
}
