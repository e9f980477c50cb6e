using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace HyprAuth.Emulator;

/// <summary>A field of a sample entity, as introspection describes it.</summary>
internal sealed record SampleField(string Name, string Type);

/// <summary>One generated row: string values for filtering, and its JSON pre-serialised once for cheap responses.</summary>
internal sealed record SampleRecord(string[] Values, byte[] Json);

internal sealed record SampleEntity(string Name, IReadOnlyList<SampleField> Fields, IReadOnlyList<SampleRecord> Records)
{
    public int FieldIndex(string name)
    {
        for (int i = 0; i < Fields.Count; i++)
        {
            if (string.Equals(Fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// The emulator's own deterministic data set behind the bulk routes (HYPR's real schema is not public).
/// Generated on first use, not at start-up, so the process starts fast.
/// </summary>
internal static class SampleData
{
    private static readonly Lazy<IReadOnlyDictionary<string, SampleEntity>> LazyEntities = new(Generate);

    private static readonly (string Display, string Ascii)[] FirstNames =
    [
        ("Zoë", "zoe"), ("José", "jose"), ("Łukasz", "lukasz"), ("Søren", "soren"), ("Chloé", "chloe"), ("Björn", "bjorn"),
        ("Alice", "alice"), ("Bob", "bob"), ("Carol", "carol"), ("Dave", "dave"), ("Erin", "erin"), ("Frank", "frank"), ("Grace", "grace"),
    ];

    private static readonly (string Display, string Ascii)[] LastNames =
    [
        ("Ångström", "angstrom"), ("Müller", "muller"), ("Żółć", "zolc"), ("Ødegård", "odegard"), ("Nguyễn", "nguyen"),
        ("Smith", "smith"), ("Jones", "jones"), ("Garcia", "garcia"), ("Brown", "brown"), ("Taylor", "taylor"), ("Wilson", "wilson"),
    ];

    private static readonly string[] Departments = ["Engineering", "Finance", "Sales", "Support", "Legal", "Operations"];
    private static readonly string[] Platforms = ["iOS", "Android", "Windows", "macOS"];
    private static readonly string[] Models = ["iPhone 15", "Pixel 8", "Galaxy S24", "ThinkPad X1", "MacBook Air", "Surface Pro"];
    private static readonly string[] EventTypes = ["AUTH_SUCCESS", "AUTH_FAILURE", "DEVICE_REGISTERED", "DEVICE_REMOVED", "USER_LOCKED"];
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, SampleEntity> Entities => LazyEntities.Value;

    public static SampleEntity? Find(string name) => Entities.TryGetValue(name, out SampleEntity? entity) ? entity : null;

    private static IReadOnlyDictionary<string, SampleEntity> Generate()
    {
        SampleEntity[] entities =
        [
            Build("users",
                [("userName", "string"), ("displayName", "string"), ("email", "string"), ("department", "string"), ("enabled", "boolean"),
                ("createdAt", "datetime")], 250, User),
            Build("devices",
                [("deviceId", "string"), ("userName", "string"), ("platform", "string"), ("model", "string"), ("status", "string"),
                ("registeredAt", "datetime")], 400, Device),
            Build("auditEvents",
                [("eventId", "string"), ("eventType", "string"), ("userName", "string"), ("result", "string"), ("ipAddress", "string"),
                ("timestamp", "datetime")], 300, AuditEvent),
        ];
        return entities.ToDictionary(entity => entity.Name, StringComparer.OrdinalIgnoreCase);
    }

    private static string UserName(int i) =>
        $"{FirstNames[i % FirstNames.Length].Ascii}.{LastNames[i % LastNames.Length].Ascii}{i}";

    private static string Timestamp(int hours) => Epoch.AddHours(hours).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string[] User(int i) =>
    [
        UserName(i),
        $"{FirstNames[i % FirstNames.Length].Display} {LastNames[i % LastNames.Length].Display}",
        UserName(i) + "@example.com",
        Departments[i % Departments.Length],
        i % 7 == 3 ? "false" : "true",
        Timestamp(i * 7),
    ];

    private static string[] Device(int i) =>
    [
        $"dev-{i:D5}",
        UserName(i % 250),
        Platforms[i % Platforms.Length],
        Models[i % Models.Length],
        i % 8 == 7 ? "REVOKED" : "ACTIVE",
        Timestamp(i * 5),
    ];

    private static string[] AuditEvent(int i) =>
    [
        $"evt-{i:D6}",
        EventTypes[i % EventTypes.Length],
        UserName((i * 3) % 250),
        i % 6 == 5 ? "FAILURE" : "SUCCESS",
        $"10.0.{i / 250}.{i % 250 + 1}",
        Timestamp(i * 3),
    ];

    private static SampleEntity Build(string name, (string Name, string Type)[] fields, int count, Func<int, string[]> row)
    {
        SampleField[] sampleFields = fields.Select(field => new SampleField(field.Name, field.Type)).ToArray();
        SampleRecord[] records = new SampleRecord[count];
        for (int i = 0; i < count; i++)
        {
            string[] values = row(i);
            records[i] = new SampleRecord(values, Serialize(sampleFields, values));
        }

        return new SampleEntity(name, sampleFields, records);
    }

    private static byte[] Serialize(SampleField[] fields, string[] values)
    {
        using MemoryStream buffer = new();
        // Raw UTF-8 rather than \u escapes, so clients are tested on real non-ASCII bytes.
        using (Utf8JsonWriter writer = new(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            for (int i = 0; i < fields.Length; i++)
            {
                if (fields[i].Type == "boolean")
                {
                    writer.WriteBoolean(fields[i].Name, values[i] == "true");
                }
                else
                {
                    writer.WriteString(fields[i].Name, values[i]);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
