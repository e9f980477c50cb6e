namespace HyprAuth.Emulator;

/// <summary>Endpoint metadata naming the stable key under which /_emulator/counters counts the route's requests.</summary>
internal sealed record RouteCounterKey(string Key);
