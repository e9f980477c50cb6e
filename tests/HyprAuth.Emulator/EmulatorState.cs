using System;
using System.Collections.Generic;
using System.Threading;

namespace HyprAuth.Emulator;

/// <summary>Everything a tenant remembers, and the in-process twin of the /_emulator/ control routes.</summary>
public sealed class EmulatorState
{
    private readonly EmulatorSettings initialSettings;
    private EmulatorSettings settings;
    private LastRequestInfo? lastRequest;

    internal EmulatorState(EmulatorSettings initialSettings)
    {
        initialSettings.Validate();
        this.initialSettings = initialSettings;
        settings = initialSettings;
        Faults = new FaultInjector(Counters);
    }

    public ClientRegistry Registry { get; } = new();

    public EmulatorClock Clock { get; } = new();

    /// <summary>Replacing the settings also empties the throttle buckets, so a new budget applies at once.</summary>
    public EmulatorSettings Settings
    {
        get => Volatile.Read(ref settings);
        set
        {
            value.Validate();
            Volatile.Write(ref settings, value);
            Throttle.Clear();
        }
    }

    /// <summary>The latest token or API request: method, path and header names, never header values.</summary>
    public LastRequestInfo? LastRequest
    {
        get => Volatile.Read(ref lastRequest);
        internal set => Volatile.Write(ref lastRequest, value);
    }

    public int PendingFaults => Faults.Pending;

    internal Counters Counters { get; } = new();
    internal TokenStore Tokens { get; } = new();
    internal ReplayCache Replays { get; } = new();
    internal FaultInjector Faults { get; }
    internal CostThrottle Throttle { get; } = new();
    internal AuditTrail Audit { get; } = new();

    public RegisteredClient CreateClient(ClientSpec? spec = null) => Registry.Create(spec);

    /// <summary>True when the token was known (it is now revoked).</summary>
    public bool RevokeToken(string accessToken) => Tokens.Revoke(accessToken);

    /// <summary>Revokes every active token of the client; returns how many.</summary>
    public int RevokeClientTokens(string clientId) => Tokens.RevokeClient(clientId, Clock.UtcNow);

    /// <summary>Moves the emulator clock relative to where it is now.</summary>
    public void ShiftClock(TimeSpan delta) => Clock.Shift(delta);

    /// <summary>Sets the emulator clock to real time plus the offset.</summary>
    public void SetClockOffset(TimeSpan offset) => Clock.SetOffset(offset);

    public void QueueFault(FaultSpec fault) => Faults.Enqueue(fault);

    /// <summary>Adds generated audit events (and their applications); works while a client is paging through the trail.</summary>
    public AuditAppendReply AppendAuditEvents(AuditAppendRequest request) => Audit.Append(request, Clock.UtcNow);

    /// <summary>An application's events as (id, eventTimeInUTC) in trail order, for tests to compare an export with.</summary>
    public IReadOnlyList<(string Id, long EventTime)> AuditEvents(string rpAppId) => Audit.Events(rpAppId);

    public CountersSnapshot GetCounters() => Counters.Snapshot(Tokens.ActiveCounts(Clock.UtcNow));

    /// <summary>Forgets everything a test did (faults, counters, tokens, replay cache, clock offset, settings, audit trail) but keeps the
    /// clients.</summary>
    public void Reset()
    {
        Faults.Clear();
        Counters.Reset();
        Tokens.Clear();
        Replays.Clear();
        Audit.Clear();
        Clock.SetOffset(TimeSpan.Zero);
        Settings = initialSettings;
        LastRequest = null;
    }
}

/// <summary>What /_emulator/last-request reports: enough to check what a client sent, without any secret.</summary>
public sealed record LastRequestInfo(string Method, string Path, string Host, IReadOnlyList<string> HeaderNames, bool AuthorizationPresent);
