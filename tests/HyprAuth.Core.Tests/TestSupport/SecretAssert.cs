using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace HyprAuth.Core.Tests.TestSupport;

/// <summary>Fails when any secret (or a long enough piece of one) appears in text a user could read.</summary>
internal static class SecretAssert
{
    public static void NoneIn(IEnumerable<string> secrets, params string?[] texts) => NoneIn(secrets, (IEnumerable<string?>)texts);

    public static void NoneIn(IEnumerable<string> secrets, IEnumerable<string?> texts)
    {
        var secretList = secrets.Where(secret => !string.IsNullOrEmpty(secret)).Distinct().ToList();
        Assert.NotEmpty(secretList);
        foreach (var text in texts.Where(text => text != null))
        {
            foreach (var secret in secretList)
            {
                Assert.False(text!.Contains(secret, StringComparison.Ordinal), $"A secret leaked into: {text}");

                // A JWT's signature or a key's tail alone is still a secret.
                var tail = secret.Substring(Math.Max(0, secret.Length - 24));
                Assert.False(tail.Length >= 16 && text.Contains(tail, StringComparison.Ordinal), $"Part of a secret leaked into: {text}");
            }
        }
    }

    /// <summary>Checks the exception's ToString (message, type, inner exceptions, stack) and the events recorded.</summary>
    public static void NoneIn(IEnumerable<string> secrets, Exception exception, RecordingEvents? events = null) =>
        NoneIn(secrets, new[] { exception.ToString(), exception.Message }.Concat(events?.AllText ?? Enumerable.Empty<string>()));
}
