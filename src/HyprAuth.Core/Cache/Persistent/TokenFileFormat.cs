using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using HyprAuth.Core.Exchange;

namespace HyprAuth.Core.Cache.Persistent;

/// <summary>
/// The bytes of a token file: a JSON envelope
/// <c>{"format":"HyprAuth token cache","version":1,"protection":…,"sha256":…,"payload":…}</c> whose payload
/// (base64) is the protected JSON of one entry: <c>tokenEndpoint, clientId, audience, issuer, keyId, grantType,
/// keyThumbprint, tokenType, scopes, issuedAt, expiresAt</c> (Unix milliseconds, rounded down: a token is never
/// thought to live longer than it does) and <c>accessToken</c>. The SHA-256 of the payload catches
/// a damaged file where the protection does not (file mode only); DPAPI checks its own integrity.
/// Reading never throws: whatever is wrong comes back as a problem in words, for the warning.
/// <para>
/// Files written before issuer, keyId and grantType were recorded read as HYPR's defaults. They are named by the
/// hash of the older, shorter cache key, which no request produces any more: they are listed, cleared and removed
/// once expired like any other, but never handed out.
/// </para>
/// </summary>
internal static class TokenFileFormat
{
    public const string FormatName = "HyprAuth token cache";
    public const int Version = 1;

    /// <summary>A real entry is a few kilobytes; anything far larger is not one of ours.</summary>
    public const int MaximumLength = 256 * 1024;

    public static byte[] Serialize(StoredToken entry)
    {
        var payload = TokenProtection.Protect(WriteJson(writer =>
        {
            var token = entry.Token;
            writer.WriteString("tokenEndpoint", token.TokenEndpoint.AbsoluteUri);
            writer.WriteString("clientId", token.ClientId);
            writer.WriteString("audience", entry.Credential.Audience);
            writer.WriteString("issuer", entry.Credential.Issuer);
            writer.WriteString("keyId", entry.Credential.KeyId);
            writer.WriteString("grantType", entry.Credential.GrantType);
            writer.WriteString("keyThumbprint", entry.Credential.KeyThumbprint);
            writer.WriteString("tokenType", token.TokenType);
            writer.WriteStartArray("scopes");
            foreach (var scope in token.Scopes)
            {
                writer.WriteStringValue(scope);
            }

            writer.WriteEndArray();
            writer.WriteNumber("issuedAt", token.IssuedAt.ToUnixTimeMilliseconds());
            writer.WriteNumber("expiresAt", token.ExpiresAt.ToUnixTimeMilliseconds());
            writer.WriteString("accessToken", token.AccessToken);
        }));

        return WriteJson(writer =>
        {
            writer.WriteString("format", FormatName);
            writer.WriteNumber("version", Version);
            writer.WriteString("protection", TokenProtection.Name);
            writer.WriteString("sha256", Sha256(payload));
            writer.WriteString("payload", Convert.ToBase64String(payload));
        });
    }

    /// <summary>The entry in <paramref name="bytes"/>, or null and why not.</summary>
    public static StoredToken? TryParse(byte[] bytes, out string problem)
    {
        problem = string.Empty;
        try
        {
            byte[] payload;
            using (var envelope = JsonDocument.Parse(bytes))
            {
                payload = ReadEnvelope(envelope.RootElement);
            }

            using var entry = JsonDocument.Parse(TokenProtection.Unprotect(payload));
            return ReadEntry(entry.RootElement);
        }
        catch (JsonException)
        {
            problem = "it is not complete JSON (truncated or overwritten)";
        }
        catch (CryptographicException)
        {
            problem = "DPAPI could not decrypt it (tampered with, or written by another account or machine)";
        }
        catch (Exception failure) when (failure is InvalidDataException || failure is FormatException || failure is InvalidOperationException
            || failure is KeyNotFoundException || failure is ArgumentException)
        {
            problem = failure is InvalidDataException ? failure.Message : "a member is missing or has the wrong type";
        }

        return null;
    }

    /// <summary>The protected payload; throws <see cref="InvalidDataException"/> saying why a file is not one this version reads.</summary>
    private static byte[] ReadEnvelope(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
            || format.GetString() != FormatName)
        {
            throw new InvalidDataException("it is not a HyprAuth token cache file");
        }

        var version = root.GetProperty("version").GetInt32();
        if (version != Version)
        {
            throw new InvalidDataException($"it has format version {version}, which this version of HyprAuth does not read (it reads {Version})");
        }

        var protection = root.GetProperty("protection").GetString();
        if (protection != TokenProtection.Name)
        {
            throw new InvalidDataException($"its protection is '{protection}', not this platform's '{TokenProtection.Name}'");
        }

        var payload = Convert.FromBase64String(root.GetProperty("payload").GetString()!);
        return string.Equals(root.GetProperty("sha256").GetString(), Sha256(payload), StringComparison.Ordinal)
            ? payload
            : throw new InvalidDataException("its content does not match its checksum (damaged or edited)");
    }

    private static StoredToken ReadEntry(JsonElement root)
    {
        var scopes = root.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()!).ToList();
        var issuedAt = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("issuedAt").GetInt64());
        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("expiresAt").GetInt64());
        var accessToken = Text(root, "accessToken");
        var tokenType = Text(root, "tokenType");
        if (expiresAt <= issuedAt)
        {
            throw new InvalidDataException("its token expires before it was issued");
        }

        var token = new TokenResult(accessToken, tokenType, scopes, issuedAt, expiresAt, new Uri(Text(root, "tokenEndpoint"), UriKind.Absolute),
            Text(root, "clientId"));
        var thumbprint = Text(root, "keyThumbprint");
        var credential = new KeyCredential(
            Text(root, "audience"),
            OptionalText(root, "issuer") ?? HyprDefaults.Issuer,
            OptionalText(root, "keyId") ?? thumbprint,
            OptionalText(root, "grantType") ?? HyprDefaults.GrantType,
            thumbprint);
        return new StoredToken(credential, token);
    }

    /// <summary>A string member that files of older versions lack; present, it must not be empty.</summary>
    private static string? OptionalText(JsonElement root, string name) =>
        root.TryGetProperty(name, out _) ? Text(root, name) : null;

    /// <summary>A string member that must not be empty.</summary>
    private static string Text(JsonElement root, string name)
    {
        var value = root.GetProperty(name).GetString();
        return string.IsNullOrEmpty(value) ? throw new InvalidDataException($"its member '{name}' is empty") : value!;
    }

    private static byte[] WriteJson(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Sha256(byte[] data)
    {
        using var sha = SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(data));
    }
}
