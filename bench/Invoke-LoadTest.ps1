<#
.SYNOPSIS
    The full load of issue 8: 16 runspaces making 10,000 Invoke-HyprApi calls in all against the emulator, from an
    empty token cache. Prints throughput, call latencies and the emulator's counters; asserts no timing.
.DESCRIPTION
    Every runspace imports the module, waits at a barrier so that all start at the same moment with the cache empty,
    and makes its share of the calls with inline credentials (-TenantUri -ClientId -KeyPath: each call goes through the
    cache lookup, the worst case). tests/Load.Tests.ps1 runs a small version of this in the suite.

    Besides the figures it reports the two facts the issue asks for, which are correctness, not timing: the number of
    failed calls (must be 0) and of token exchanges (must be 1). When either is off it says FAILED and exits 1.
    With -ExpireMidway the emulator's clock jumps past the token's expiry halfway through (a client with a 61 s token
    TTL), so the API starts answering 401: the token must then be renewed once for all runspaces (2 exchanges in all).
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-LoadTest.ps1 -ModuleManifest out/HyprAuth/0.2.0/HyprAuth.psd1 -EmulatorPath out/emulator/HyprAuth.Emulator.dll
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Invoke-LoadTest.ps1 -ModuleManifest out/HyprAuth/0.2.0/HyprAuth.psd1 -EmulatorPath out/emulator/HyprAuth.Emulator.dll -TotalCalls 2000 -ExpireMidway
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $EmulatorPath,
    [ValidateRange(1, 64)] [int] $Runspaces = 16,
    [ValidateRange(1, 1000000)] [int] $TotalCalls = 10000,
    [string] $Path = '/rp/api/bulk/HYPRDefaultApplication/introspect',
    [switch] $ExpireMidway
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
if ($PSVersionTable.PSVersion.Major -lt 7) { throw 'The load test needs PowerShell 7 (ForEach-Object -Parallel).' }
Import-Module (Join-Path $PSScriptRoot '../build/Emulator.psm1') -Force

$ModuleManifest = (Resolve-Path -LiteralPath $ModuleManifest).Path
$EmulatorPath = (Resolve-Path -LiteralPath $EmulatorPath).Path
$perRunspace = [int][Math]::Ceiling($TotalCalls / $Runspaces)
$emulator = Start-HyprEmulator -Path $EmulatorPath
$keyFile = Join-Path ([System.IO.Path]::GetTempPath()) ('hyprauth-load-{0}.key' -f [guid]::NewGuid().ToString('N'))
try {
    $spec = if ($ExpireMidway) { @{ tokenTtlSeconds = 61 } } else { @{} }
    $client = New-EmulatorClient $emulator $spec
    Set-Content -LiteralPath $keyFile -Value $client.clientKey -NoNewline
    if (-not $IsWindows) { chmod 600 $keyFile }

    $barrier = [System.Threading.Barrier]::new($Runspaces)
    $wall = [System.Diagnostics.Stopwatch]::new()
    Write-Host ("{0} runspaces x {1} calls = {2} Invoke-HyprApi calls to {3}{4}" -f $Runspaces, $perRunspace, ($Runspaces * $perRunspace), $Path,
        $(if ($ExpireMidway) { ', the token expiring (by the server''s clock) halfway' } else { '' }))
    $results = 1..$Runspaces | ForEach-Object -ThrottleLimit $Runspaces -Parallel {
        $gate = $using:barrier
        try { Import-Module $using:ModuleManifest -ErrorAction Stop } catch { $gate.RemoveParticipant(); throw }
        $tenant = $using:emulator.BaseUri
        $id = $using:client.clientId
        $keyPath = $using:keyFile
        $path = $using:Path
        $calls = $using:perRunspace
        $midway = if ($using:ExpireMidway) { [int][Math]::Floor($calls / 2) } else { -1 }
        $latencies = [System.Collections.Generic.List[double]]::new($calls)
        $errors = 0
        $first = $null
        # Bounded: a runspace that never arrives cannot hold the others for more than a minute.
        if (-not $gate.SignalAndWait(60000)) { throw 'The other runspaces did not reach the barrier within 60 s.' }
        $start = [System.Diagnostics.Stopwatch]::GetTimestamp()
        for ($i = 0; $i -lt $calls; $i++) {
            if ($i -eq $midway) {
                $null = $gate.SignalAndWait(60000)
                if ($_ -eq 1) { Invoke-RestMethod -Method Post -Uri "$tenant/_emulator/clock" -ContentType 'application/json' -Body '{"offsetSeconds":62}' | Out-Null }
                $null = $gate.SignalAndWait(60000)
            }
            $callStart = [System.Diagnostics.Stopwatch]::GetTimestamp()
            try { $null = Invoke-HyprApi -Path $path -TenantUri $tenant -ClientId $id -KeyPath $keyPath -ErrorAction Stop }
            catch { $errors++; if (-not $first) { $first = "$($_.FullyQualifiedErrorId): $_" } }
            $latencies.Add(([System.Diagnostics.Stopwatch]::GetTimestamp() - $callStart) * 1000.0 / [System.Diagnostics.Stopwatch]::Frequency)
        }
        [pscustomobject]@{
            Start     = $start
            End       = [System.Diagnostics.Stopwatch]::GetTimestamp()
            Calls     = $calls
            Errors    = $errors
            First     = $first
            Latencies = $latencies.ToArray()
        }
    }
    $barrier.Dispose()

    $counters = Get-EmulatorCounters $emulator
    function Get-Counter($Map, [string] $Key) { $value = $Map.PSObject.Properties[$Key]; if ($value) { [int]$value.Value } else { 0 } }
    $exchanges = Get-Counter $counters.exchanges $client.clientId
    $attempts = Get-Counter $counters.exchangeAttempts $client.clientId
    $apiRequests = 0
    foreach ($property in $counters.requests.PSObject.Properties) { if ($property.Name -notlike 'POST /rp/token/*') { $apiRequests += [int]$property.Value } }

    $frequency = [double][System.Diagnostics.Stopwatch]::Frequency
    $first = ($results | Measure-Object -Property Start -Minimum).Minimum
    $last = ($results | Measure-Object -Property End -Maximum).Maximum
    $seconds = ($last - $first) / $frequency
    $calls = [int]($results | Measure-Object -Property Calls -Sum).Sum
    $errors = [int]($results | Measure-Object -Property Errors -Sum).Sum
    $sorted = [double[]]($results | ForEach-Object { $_.Latencies } | Sort-Object)
    function Get-Percentile([double[]] $Values, [double] $Percent) { $Values[[Math]::Min($Values.Count - 1, [int][Math]::Ceiling($Percent / 100 * $Values.Count) - 1)] }
    $slowest = $results | ForEach-Object { ($_.End - $_.Start) / $frequency } | Measure-Object -Minimum -Maximum

    $figures = [ordered]@{
        'Runspaces'                    = $Runspaces
        'Calls'                        = $calls
        'Wall time, first start to last end (s)' = '{0:0.00}' -f $seconds
        'Throughput (calls/s)'         = '{0:0}' -f ($calls / $seconds)
        'Latency p50 / p95 / p99 / max (ms)' = '{0:0.0} / {1:0.0} / {2:0.0} / {3:0.0}' -f (Get-Percentile $sorted 50), (Get-Percentile $sorted 95), (Get-Percentile $sorted 99), $sorted[-1]
        'Runspace time, fastest / slowest (s)' = '{0:0.00} / {1:0.00}' -f $slowest.Minimum, $slowest.Maximum
        'Failed calls'                 = $errors
        'Token exchanges (attempts)'   = '{0} ({1})' -f $exchanges, $attempts
        'API requests at the emulator' = $apiRequests
    }
    $figures.GetEnumerator() | ForEach-Object { [pscustomobject]@{ Figure = $_.Key; Value = $_.Value } } | Format-Table -AutoSize | Out-Host

    $expectedExchanges = if ($ExpireMidway) { 2 } else { 1 }
    if ($errors -ne 0 -or $exchanges -ne $expectedExchanges) {
        $firstError = @($results | Where-Object First | ForEach-Object First) | Select-Object -First 1
        Write-Host "FAILED: $errors failed call(s) (must be 0) and $exchanges exchange(s) (must be $expectedExchanges).$(if ($firstError) { " First error: $firstError" })"
        exit 1
    }
    Write-Host "OK: 0 failed calls and $exchanges token exchange(s) for $calls calls in $Runspaces runspaces."
}
finally {
    Remove-Item -LiteralPath $keyFile -ErrorAction SilentlyContinue
    Stop-HyprEmulator $emulator
}
