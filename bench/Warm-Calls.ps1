<#
.SYNOPSIS
    Warm calls in one session: N sequential Invoke-HyprApi against N Invoke-RestMethod with a ready Authorization
    header, same route, same token, interleaved repetitions. Run in a fresh PowerShell by Invoke-Benchmarks.ps1;
    prints one JSON line of timings (milliseconds per batch of N calls).
#>
param(
    [Parameter(Mandatory)] [string] $ModuleManifest,
    [Parameter(Mandatory)] [string] $TenantUri,
    [Parameter(Mandatory)] [string] $ClientId,
    [Parameter(Mandatory)] [string] $KeyPath,
    [string] $Path = '/rp/api/bulk/HYPRDefaultApplication/introspect',
    [int] $Calls = 1000,
    [int] $Repetitions = 5,
    [int] $WarmupCalls = 200
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
Import-Module $ModuleManifest

Connect-Hypr -TenantUri $TenantUri -ClientId $ClientId -KeyPath $KeyPath
$token = Get-HyprAccessToken -TenantUri $TenantUri -ClientId $ClientId -KeyPath $KeyPath
$uri = $TenantUri.TrimEnd('/') + $Path
$headers = @{ Authorization = 'Bearer ' + [System.Net.NetworkCredential]::new('', $token.AccessToken).Password }
$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession

# Each variant is the loop a script would write; $null = discards the objects (both produce PSCustomObjects).
$variants = [ordered]@{
    hyprApi    = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Invoke-HyprApi -Path $Path } }
    irm        = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RestMethod -Uri $uri -Headers $headers } }
    irmSession = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = Invoke-RestMethod -Uri $uri -Headers $headers -WebSession $session } }
}

# Warm-up: JIT, connections, the cache entry.
foreach ($variant in $variants.Values) { & $variant $WarmupCalls }

$times = [ordered]@{}
foreach ($name in $variants.Keys) { $times[$name] = [System.Collections.Generic.List[double]]::new() }
for ($r = 0; $r -lt $Repetitions; $r++) {
    # Rotate the order, so no variant always runs right after another's garbage.
    $all = @($variants.Keys)
    $names = for ($k = 0; $k -lt $all.Count; $k++) { $all[($k + $r) % $all.Count] }
    foreach ($name in $names) {
        [GC]::Collect()
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        & $variants[$name] $Calls
        $watch.Stop()
        $times[$name].Add($watch.Elapsed.TotalMilliseconds)
    }
}

$check = Invoke-HyprApi -Path $Path
if (-not $check.entities) { throw 'The introspect answer has no entities.' }
[pscustomobject]@{ calls = $Calls; times = $times } | ConvertTo-Json -Compress -Depth 4
