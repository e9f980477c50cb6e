using System;
using HyprAuth.Core.Diagnostics;
using Xunit;

namespace HyprAuth.Core.Tests.Http;

public sealed class SecretRedactorTests
{
    private const string Jwt = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJoeXBhcCJ9.MQaayVLr4N7mXHBlnk7eEVlma8JjWu5hBzDBNXwbq9Ms";

    [Fact]
    public void Removes_given_secrets_also_percent_encoded()
    {
        var secret = "abc/def+ghi=";
        var text = SecretRedactor.Redact("plain " + secret + " form " + Uri.EscapeDataString(secret), secret);

        Assert.Equal("plain [redacted] form [redacted]", text);
    }

    [Fact]
    public void Removes_anything_shaped_like_a_JWT_or_a_bearer_credential()
    {
        var text = SecretRedactor.Redact("assertion=" + Jwt + " Authorization: Bearer hypap-1234-5678 end");

        Assert.Equal("assertion=[redacted] Authorization: Bearer [redacted] end", text);
    }

    [Fact]
    public void Removes_HYPR_access_tokens_it_never_held_but_keeps_client_ids()
    {
        // A token this process has dropped (or never had), echoed by a server: known only by its shape.
        var token = "hypap-" + Guid.NewGuid().ToString();
        var text = SecretRedactor.Redact("tokens " + token + " and hypap-f24ae508-356e-4b5b-bc71-dummy for client hypap-0a2c1e47c4b9dummy");

        Assert.Equal("tokens [redacted] and [redacted] for client hypap-0a2c1e47c4b9dummy", text);
    }

    [Fact]
    public void Caps_the_length_and_flattens_control_characters()
    {
        var text = SecretRedactor.Redact("a\r\n\u001b[31mb\t" + new string('x', 500));

        Assert.StartsWith("a [31mb x", text);
        Assert.Equal(SecretRedactor.MaximumLength, text.Length);
        Assert.EndsWith("…", text);
    }

    [Fact]
    public void Empty_is_empty()
    {
        Assert.Equal(string.Empty, SecretRedactor.Redact(null));
        Assert.Equal(string.Empty, SecretRedactor.Redact("  \r\n "));
    }
}
