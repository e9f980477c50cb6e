namespace HyprAuth
{
    /// <summary>One local check of a client assertion, as HYPR's server would make it (Test-HyprClientAssertion).</summary>
    public sealed class HyprAssertionCheck
    {
        internal HyprAssertionCheck(string check, bool passed, string detail)
        {
            Check = check;
            Passed = passed;
            Detail = detail;
        }

        public string Check { get; }

        public bool Passed { get; }

        public string Detail { get; }

        public override string ToString() => (Passed ? "Passed: " : "Failed: ") + Check + " (" + Detail + ")";
    }
}
